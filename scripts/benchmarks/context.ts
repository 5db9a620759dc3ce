import type { RunningKeycloak, StackSettings } from '@focus-api-access/stack';

/** What every benchmark gets: one Keycloak started for the whole benchmark run. */
export interface BenchContext {
  readonly keycloak: RunningKeycloak;
  readonly settings: StackSettings;
  readonly log: (line: string) => void;
}

/**
 * One comparison: the same work measured on a baseline and on the candidate, side by side in one run.
 * `higherIsBetter` says how to read the ratio (throughput: true; durations: false).
 */
export interface BenchResult {
  readonly name: string;
  readonly unit: string;
  readonly baseline: number;
  readonly candidate: number;
  readonly higherIsBetter: boolean;
  readonly note?: string;
}

export type Benchmark = (context: BenchContext) => Promise<BenchResult | BenchResult[]>;
