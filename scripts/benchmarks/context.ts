import type { RunningKeycloak, StackSettings } from '@focus-api-access/stack';

/** What every benchmark gets from the runner. */
export interface BenchContext {
  readonly settings: StackSettings;
  readonly log: (line: string) => void;
  /** The run's shared Keycloak (realm `focus`, extension, demo users), started on first use. */
  keycloak(): Promise<RunningKeycloak>;
  /** Port the admin page must be served on: the shared Keycloak's `focus-admin` client redirects there. */
  readonly pagePort: number;
  /** Epoch ms by which this benchmark should stop measuring (it reports what it has by then). */
  readonly deadline: number;
}

/** A bound on a figure: on the ratio candidate/baseline, or on the candidate's own value (a size). */
export interface Goal {
  readonly on: 'ratio' | 'value';
  readonly atMost?: number;
  readonly atLeast?: number;
}

/**
 * One figure of a benchmark: the same work measured on the baseline and on the candidate side by side in one
 * run (`baseline` absent for a figure judged on its own, such as a bundle size).
 */
export interface Figure {
  readonly metric: string;
  readonly unit: string;
  readonly baseline?: number;
  readonly candidate: number;
  /**
   * The ratio when it is estimated directly, as the median over rounds of each round's candidate/baseline (sides run
   * back to back), rather than as the quotient of the two medians. Robust against load that drifts during the run.
   */
  readonly pairedRatio?: number;
  readonly goal?: Goal;
  readonly note?: string;
}

export interface BenchReport {
  /** What is measured, and on what. */
  readonly measures: string;
  /** What the baseline is, measured in the same run. */
  readonly baseline: string;
  readonly figures: readonly Figure[];
  /** Further lines for the reader: absolute figures, counts, sizes of the run. */
  readonly details: readonly string[];
  /** The raw per-round measurements behind the figures, kept in results.json for anyone re-analysing them. */
  readonly samples?: Readonly<Record<string, readonly number[]>>;
}

export interface Benchmark {
  readonly name: string;
  /** Upper bound on the time this benchmark may take, so the whole run stays bounded. */
  readonly budgetMs: number;
  /** Whether it works on the run's shared Keycloak (the runner stops that before the others, which start their own). */
  readonly usesSharedKeycloak: boolean;
  run(context: BenchContext): Promise<BenchReport>;
}
