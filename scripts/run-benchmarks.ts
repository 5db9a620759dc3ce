/**
 * `npm run bench`: starts one Keycloak, runs every scripts/benchmarks/*.bench.ts (each exports `run`), and
 * prints each comparison with the ratio candidate/baseline. Benchmarks measure; they never pass or fail.
 * Arguments filter benchmarks by file name (e.g. `npm run bench -- ip-range`).
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { freePorts, readSettings, repoRoot, startKeycloak } from '@focus-api-access/stack';
import type { BenchResult, Benchmark } from './benchmarks/context.js';

const dir = join(repoRoot, 'scripts', 'benchmarks');
const filters = process.argv.slice(2);
const files = readdirSync(dir)
  .filter((f) => f.endsWith('.bench.ts'))
  .filter((f) => filters.length === 0 || filters.some((x) => f.includes(x)))
  .sort();

const settings = readSettings();
const log = (line: string) => process.stderr.write(`${line}\n`);
const [http, management] = (await freePorts(2)) as [number, number];
const keycloak = await startKeycloak({ settings, ephemeral: true, ports: { http, management }, log });
log(`Keycloak ready in ${(keycloak.readyMs / 1000).toFixed(1)} s (${keycloak.runtimeDescription})`);

const results: BenchResult[] = [];
try {
  for (const file of files) {
    log(`\n▶ ${file}`);
    const { run } = (await import(pathToFileURL(join(dir, file)).href)) as { run: Benchmark };
    const outcome = await run({ keycloak, settings, log });
    results.push(...(Array.isArray(outcome) ? outcome : [outcome]));
  }
} finally {
  await keycloak.stop();
}

console.log('\nbenchmark | unit | baseline | candidate | candidate/baseline');
for (const r of results) {
  const ratio = r.candidate / r.baseline;
  const reading = r.higherIsBetter ? 'higher is better' : 'lower is better';
  console.log(`${r.name} | ${r.unit} | ${r.baseline.toFixed(2)} | ${r.candidate.toFixed(2)} | ${ratio.toFixed(3)} (${reading})${r.note ? ` — ${r.note}` : ''}`);
}
