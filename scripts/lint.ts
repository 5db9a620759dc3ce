/**
 * `npm run lint` checks, `npm run format` fixes: Prettier (formatting) and ESLint (correctness) over the whole
 * repository. `npm test` runs the check too (scripts/run-tests.ts).
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { repoRoot } from '@focus-api-access/stack';

const TOOLS = {
  Prettier: {
    bin: join('node_modules', 'prettier', 'bin', 'prettier.cjs'),
    check: ['--check', '--log-level=warn', '.'],
    fix: ['--write', '--log-level=warn', '.'],
  },
  ESLint: { bin: join('node_modules', 'eslint', 'bin', 'eslint.js'), check: ['.'], fix: ['--fix', '.'] },
} as const;

/** Runs both tools (fixing what they can when `fix`); returns the names of those that still report problems. */
export function lint(options: { fix: boolean }): string[] {
  const failing: string[] = [];
  for (const [name, tool] of Object.entries(TOOLS)) {
    const args = [join(repoRoot, tool.bin), ...(options.fix ? tool.fix : tool.check)];
    const result = spawnSync(process.execPath, args, { cwd: repoRoot, stdio: 'inherit' });
    if (result.status !== 0) failing.push(name);
  }
  return failing;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const fix = process.argv.includes('--fix');
  const failing = lint({ fix });
  console.log(
    failing.length === 0
      ? 'Lint: clean.'
      : `Lint: ${failing.join(' and ')} report problems${fix ? ' they cannot fix' : ' (npm run format fixes formatting)'}.`,
  );
  process.exit(failing.length === 0 ? 0 : 1);
}
