/**
 * `npm test`: the Java unit tests of the Keycloak extension (Maven), then every Jest project (unit, integration
 * against one real Keycloak, end-to-end, containers: docker-compose.yml on images built here), then the realm and
 * extension suites once more against the Keycloak container. Ends with one line `N passed, N failed` over all.
 * Extra arguments go to Jest (e.g. `npm test -- --selectProjects unit`), and only that one Jest run is made.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildExtension, ensureChromium, extensionDir, readSettings, repoRoot } from '@focus-api-access/stack';
import { lint } from './lint.js';

interface Counts {
  passed: number;
  failed: number;
  skipped: number;
}

/** Totals from Surefire's XML reports (one `<testsuite tests= failures= errors= skipped=>` per class). */
function surefireCounts(): Counts {
  const dir = join(extensionDir, 'target', 'surefire-reports');
  const counts = { passed: 0, failed: 0, skipped: 0 };
  if (!existsSync(dir)) return counts;
  for (const file of readdirSync(dir).filter((f) => /^TEST-.*\.xml$/.test(f))) {
    const head = /<testsuite\b[^>]*>/.exec(readFileSync(join(dir, file), 'utf8'))?.[0] ?? '';
    const attr = (name: string) => Number(new RegExp(`\\b${name}="(\\d+)"`).exec(head)?.[1] ?? 0);
    const failed = attr('failures') + attr('errors');
    counts.failed += failed;
    counts.skipped += attr('skipped');
    counts.passed += attr('tests') - failed - attr('skipped');
  }
  return counts;
}

function javaTests(): Counts {
  const settings = readSettings();
  if (!existsSync(join(extensionDir, 'pom.xml'))) return { passed: 0, failed: 0, skipped: 0 };
  console.log('Building keycloak-extension with its Java unit tests (mvn verify)…');
  rmSync(join(extensionDir, 'target', 'surefire-reports'), { recursive: true, force: true });
  try {
    buildExtension(settings.cacheDir, { runTests: true, javaHome: settings.javaHome });
  } catch (error) {
    console.error((error as Error).message);
    const counts = surefireCounts();
    // A build that failed before any test ran still counts as a failure.
    return { ...counts, failed: Math.max(counts.failed, 1) };
  }
  const counts = surefireCounts();
  console.log(`Java unit tests: ${counts.passed} passed, ${counts.failed} failed`);
  return counts;
}

function jestTests(args: string[], env: Readonly<Record<string, string>> = {}): { counts: Counts; exitCode: number } {
  const out = mkdtempSync(join(tmpdir(), 'focus-jest-'));
  const resultFile = join(out, 'results.json');
  const result = spawnSync(
    process.execPath,
    [
      '--experimental-vm-modules',
      join(repoRoot, 'node_modules', 'jest', 'bin', 'jest.js'),
      '--json',
      `--outputFile=${resultFile}`,
      ...args,
    ],
    { cwd: repoRoot, stdio: 'inherit', env: { ...process.env, NODE_NO_WARNINGS: '1', ...env } },
  );
  if (!existsSync(resultFile)) {
    return { counts: { passed: 0, failed: 1, skipped: 0 }, exitCode: result.status ?? 1 };
  }
  const summary = JSON.parse(readFileSync(resultFile, 'utf8')) as {
    numPassedTests: number;
    numFailedTests: number;
    numPendingTests: number;
    numTodoTests: number;
    numRuntimeErrorTestSuites: number;
  };
  rmSync(out, { recursive: true, force: true });
  return {
    counts: {
      passed: summary.numPassedTests,
      // A suite that could not run (syntax error, failed setup) has no failed tests but must still fail the run.
      failed: summary.numFailedTests + summary.numRuntimeErrorTestSuites,
      skipped: summary.numPendingTests + summary.numTodoTests,
    },
    exitCode: result.status ?? 1,
  };
}

/** End-to-end tests exist and the run may include them (every run, or one that selects the integration project). */
function runsEndToEndTests(args: string[]): boolean {
  const dir = join(repoRoot, 'tests', 'e2e');
  const hasTests = existsSync(dir) && readdirSync(dir).some((f) => f.endsWith('.test.ts'));
  const selects = args.indexOf('--selectProjects');
  return hasTests && (selects === -1 || args.slice(selects + 1).includes('integration'));
}

/**
 * Suites a full run repeats against the project's Keycloak image through testcontainers (KEYCLOAK_RUNTIME=container),
 * so that runtime is tested on every run, not only where someone opts in. The provisioner suite passes that way too
 * (`KEYCLOAK_RUNTIME=container npm test -- tests/integration/provisioner --selectProjects integration`).
 */
const CONTAINER_RUNTIME_SUITES = ['tests/integration/realm.test.ts', 'tests/integration/extension/'];

/** TypeScript projects checked with `tsc --noEmit` (the tests themselves run without type checking). */
const TYPED_PROJECTS = ['tsconfig.json', 'provisioner/tsconfig.json', 'provisioner/tsconfig.test.json', 'admin-plugin/tsconfig.json'];

/** Number of projects with type errors; their errors are printed. */
function typeErrors(): number {
  const tsc = join(repoRoot, 'node_modules', 'typescript', 'bin', 'tsc');
  let failing = 0;
  for (const project of TYPED_PROJECTS.filter((p) => existsSync(join(repoRoot, p)))) {
    const result = spawnSync(process.execPath, [tsc, '-p', project, '--noEmit'], { cwd: repoRoot, encoding: 'utf8' });
    if (result.status !== 0) {
      failing++;
      console.error(`Type errors in ${project}:\n${result.stdout}${result.stderr}`);
    }
  }
  console.log(failing === 0 ? 'Type check: clean.' : `Type check: ${failing} project(s) with errors.`);
  return failing;
}

const args = process.argv.slice(2);
const fullRun = args.length === 0;
// A failed type check or lint counts as a failure of the run; a clean one is not counted as a test.
const typeFailures = fullRun ? typeErrors() : 0;
const lintFailures = fullRun ? lint({ fix: false }).length : 0;
if (fullRun)
  console.log(lintFailures === 0 ? 'Lint: clean.' : `Lint: ${lintFailures} tool(s) report problems (npm run format fixes formatting).`);
const java = fullRun ? javaTests() : { passed: 0, failed: 0, skipped: 0 };
if (runsEndToEndTests(args)) {
  try {
    ensureChromium((line) => console.log(line));
  } catch (error) {
    // The end-to-end tests then fail on the missing browser; the other tests still run.
    console.error((error as Error).message);
  }
}
const runs = [jestTests(args)];
if (fullRun && readSettings().runtime === 'process') {
  console.log(`Again with KEYCLOAK_RUNTIME=container: ${CONTAINER_RUNTIME_SUITES.join(', ')}…`);
  runs.push(jestTests([...CONTAINER_RUNTIME_SUITES, '--selectProjects', 'integration'], { KEYCLOAK_RUNTIME: 'container' }));
}
const passed = java.passed + runs.reduce((sum, run) => sum + run.counts.passed, 0);
const failed = typeFailures + lintFailures + java.failed + runs.reduce((sum, run) => sum + run.counts.failed, 0);
const skipped = java.skipped + runs.reduce((sum, run) => sum + run.counts.skipped, 0);
console.log(`${passed} passed, ${failed} failed${skipped > 0 ? `, ${skipped} skipped` : ''}`);
process.exit(failed > 0 || runs.some((run) => run.exitCode !== 0) ? 1 : 0);
