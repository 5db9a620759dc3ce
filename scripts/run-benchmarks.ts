/**
 * `npm run bench [-- <name>…]`: runs the benchmarks of scripts/benchmarks in a fixed order, each bounded in time,
 * on one shared Keycloak started by the same stack code as `npm start` (the startup benchmark starts its own after
 * that one is stopped). Prints a table, writes bench/results.json and bench/README.md. Benchmarks measure; they
 * never pass or fail. The exit status is 1 only when a benchmark could not run.
 */
import { join } from 'node:path';
import { freePorts, readSettings, repoRoot, startKeycloak, type RunningKeycloak } from '@focus-api-access/stack';
import type { Benchmark } from './benchmarks/context.js';
import { load, machine, printTable, saveResults, withVerdicts, type BenchResult } from './benchmarks/report.js';
import { benchmark as page } from './benchmarks/page.bench.js';
import { benchmark as provisioner } from './benchmarks/provisioner.bench.js';
import { benchmark as scale } from './benchmarks/scale.bench.js';
import { benchmark as secret } from './benchmarks/secret.bench.js';
import { benchmark as startup } from './benchmarks/startup.bench.js';
import { benchmark as token } from './benchmarks/token.bench.js';

/** Order matters: scale fills the shared realm with 11,000 clients, so it comes last on it; startup runs alone. */
const ALL: readonly Benchmark[] = [token, secret, provisioner, page, scale, startup];

const wanted = process.argv.slice(2);
const unknown = wanted.filter((name) => !ALL.some((b) => b.name === name));
if (unknown.length > 0) {
  console.error(`Unknown benchmark ${unknown.join(', ')}; choose from ${ALL.map((b) => b.name).join(', ')}.`);
  process.exit(2);
}
const selected = ALL.filter((b) => wanted.length === 0 || wanted.includes(b.name));

const settings = readSettings();
const log = (line: string) => process.stderr.write(`${line}\n`);
const [http, management, pagePort] = (await freePorts(3)) as [number, number, number];
let shared: Promise<RunningKeycloak> | undefined;
const keycloak = () => {
  shared ??= startKeycloak({
    settings,
    ephemeral: true,
    ports: { http, management },
    adminPageUrl: `http://localhost:${pagePort}`,
    log,
  }).then((k) => {
    log(`Keycloak ready in ${(k.readyMs / 1000).toFixed(1)} s (${k.runtimeDescription})`);
    return k;
  });
  return shared;
};
async function stopShared(): Promise<string | undefined> {
  if (!shared) return undefined;
  const running = await shared.catch(() => undefined);
  shared = undefined;
  await running?.stop();
  return running?.runtimeDescription;
}

const results: BenchResult[] = [];
const started = Date.now();
let java: string | undefined;
try {
  for (const bench of selected) {
    if (!bench.usesSharedKeycloak) java = (await stopShared()) ?? java;
    log(`\n▶ ${bench.name} (at most ${bench.budgetMs / 60_000} min)`);
    // The shared Keycloak starts before the first benchmark's clock does: its start (half a minute to two on a loaded
    // machine) would otherwise come out of that benchmark's rounds, and how many it gets would depend on the load.
    if (bench.usesSharedKeycloak) await keycloak().catch(() => undefined);
    const begun = Date.now();
    const before = load();
    // Measuring stops at 80 % of the budget, leaving the rest for clean-up.
    const context = { settings, log, keycloak, pagePort, deadline: begun + bench.budgetMs * 0.8 };
    let outcome: Pick<BenchResult, 'report' | 'error'>;
    try {
      outcome = { report: withVerdicts(await bench.run(context)) };
    } catch (error) {
      log(`  ${bench.name} failed: ${(error as Error).stack ?? error}`);
      outcome = { error: (error as Error).message };
    }
    if (shared) java = (await shared.catch(() => undefined))?.runtimeDescription ?? java;
    results.push({
      name: bench.name,
      ranAt: new Date(begun).toISOString(),
      durationSeconds: Math.round((Date.now() - begun) / 1000),
      loadAverage: { before, after: load() },
      machine: machine(settings.keycloakVersion, java),
      ...outcome,
    });
  }
} finally {
  await stopShared();
}

saveResults(
  join(repoRoot, 'bench'),
  results,
  ALL.map((b) => b.name),
);
console.log(`\n${printTable(results)}\n`);
console.log(
  `${results.length} benchmark(s) in ${Math.round((Date.now() - started) / 1000)} s; results in bench/results.json and bench/README.md`,
);
process.exit(results.some((r) => r.error) ? 1 : 0);
