/**
 * startup: time from launch until Keycloak's readiness check answers UP, with the realm import (realm focus and the
 * demo users) and the extension and theme, against the bare distribution with no import and no provider. Both from
 * a fresh throw-away home with the stack's cached build for their providers, started by the same stack code as
 * `npm start`, in interleaved rounds after one untimed start of each. Rounds: BENCH_STARTUP_ROUNDS.
 */
import { readFileSync } from 'node:fs';
import { freePorts, startKeycloak, type StackSettings } from '@focus-api-access/stack';
import type { BenchContext, BenchReport, Benchmark } from './context.js';
import { median, rounds } from './stats.js';

const ROUNDS = Number(process.env.BENCH_STARTUP_ROUNDS ?? 3);

/** Milliseconds between two of Keycloak's log lines (found by message code), or undefined when one is missing. */
function logSpanMs(log: string, from: string, to: string): number | undefined {
  const at = (code: string) => {
    const stamp = log
      .split('\n')
      .find((line) => line.includes(code))
      ?.slice(0, 23);
    return stamp ? Date.parse(stamp.replace(' ', 'T').replace(',', '.')) : undefined;
  };
  const [start, end] = [at(from), at(to)];
  return start === undefined || end === undefined ? undefined : end - start;
}

/** The realm import's own share of a start: "Full model import requested" until "Import finished successfully". */
const importSpans: number[] = [];

async function readyMs(settings: StackSettings, bare: boolean): Promise<number> {
  const [http, management] = (await freePorts(2)) as [number, number];
  const keycloak = await startKeycloak({
    settings,
    ephemeral: true,
    ports: { http, management },
    ...(bare ? { realmFiles: [], extension: false } : {}),
  });
  if (!bare && keycloak.logFile) {
    const span = logSpanMs(readFileSync(keycloak.logFile, 'utf8'), 'KC-SERVICES0030', 'KC-SERVICES0032');
    if (span !== undefined) importSpans.push(span);
  }
  await keycloak.stop();
  return keycloak.readyMs;
}

async function run({ settings, log, deadline }: BenchContext): Promise<BenchReport> {
  log('  untimed first start of each (builds Keycloak for its providers when not cached yet)…');
  await readyMs(settings, true);
  await readyMs(settings, false);
  const times = { bare: [] as number[], project: [] as number[] };
  const done = await rounds(ROUNDS, deadline, async (round) => {
    const order = round % 2 === 0 ? ([true, false] as const) : ([false, true] as const);
    for (const bare of order) times[bare ? 'bare' : 'project'].push(await readyMs(settings, bare));
    log(`  round ${round + 1}: bare ${times.bare.at(-1)} ms, with realm and extension ${times.project.at(-1)} ms`);
  });
  return {
    measures: 'launch until ready of a fresh Keycloak home with the realm import (realm focus + demo users), the extension and the theme',
    baseline: 'the same distribution and options with no realm import, no provider and no theme',
    figures: [
      {
        metric: 'time to ready: median',
        unit: 'ms',
        baseline: median(times.bare),
        candidate: median(times.project),
        goal: { on: 'ratio', atMost: 1.2 },
      },
    ],
    details: [
      `${done} interleaved rounds after one untimed start of each; start-dev on H2, cached build per provider set`,
      `bare: ${times.bare.join(', ')} ms; with realm and extension: ${times.project.join(', ')} ms`,
      `of which the realm import itself (Keycloak's log, KC-SERVICES0030 → 0032): ${importSpans.slice(1).join(', ')} ms`,
    ],
  };
}

export const benchmark: Benchmark = { name: 'startup', budgetMs: 4.5 * 60_000, usesSharedKeycloak: false, run };
