/** Order statistics over repeated measurements, and the verdict of a figure against its goal. Pure. */
import type { Figure } from './context.js';

/** The p-th percentile (0–100) by the nearest-rank method; throws on no values, so an empty run cannot pass. */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) throw new Error('no measurements');
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1]!;
}

export const median = (values: readonly number[]): number => percentile(values, 50);

/** The paired ratio, else candidate over baseline; the candidate itself for a figure judged on its value. */
export function judged(figure: Figure): number {
  if (figure.goal?.on === 'value' || figure.baseline === undefined) return figure.candidate;
  return figure.pairedRatio ?? figure.candidate / figure.baseline;
}

export type Verdict = 'met' | 'missed' | 'no goal';

export function verdict(figure: Figure): Verdict {
  const { goal } = figure;
  if (!goal) return 'no goal';
  const value = judged(figure);
  if (!Number.isFinite(value)) return 'missed';
  if (goal.atMost !== undefined && value > goal.atMost) return 'missed';
  if (goal.atLeast !== undefined && value < goal.atLeast) return 'missed';
  return 'met';
}

export function goalText(figure: Figure): string {
  const { goal } = figure;
  if (!goal) return '';
  const subject = goal.on === 'ratio' ? 'ratio' : figure.unit;
  return [goal.atLeast !== undefined ? `${subject} ≥ ${goal.atLeast}` : '', goal.atMost !== undefined ? `${subject} ≤ ${goal.atMost}` : '']
    .filter(Boolean)
    .join(' and ');
}

/** Runs `work` in rounds until `rounds` are done or the deadline passes (at least one round). */
export async function rounds(count: number, deadline: number, work: (round: number) => Promise<void>): Promise<number> {
  let done = 0;
  while (done < count && (done === 0 || Date.now() < deadline)) {
    await work(done);
    done += 1;
  }
  return done;
}

/** The standard normal distribution function (Abramowitz and Stegun 7.1.26; absolute error below 1.5e-7). */
export function normalCdf(z: number): number {
  const x = Math.abs(z) / Math.SQRT2;
  const t = 1 / (1 + 0.3275911 * x);
  const poly = t * (0.254829592 + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027 + t * 1.061405429))));
  const erf = 1 - poly * Math.exp(-x * x);
  return z >= 0 ? (1 + erf) / 2 : (1 - erf) / 2;
}

export interface MannWhitney {
  /** U of the first sample: how many (first, second) pairs have the first value larger, ties counting half. */
  readonly u: number;
  /** U / (n1·n2): the chance that a value of the first sample exceeds one of the second; 0.5 when neither tends larger. */
  readonly probabilityFirstLarger: number;
  readonly z: number;
  /** Two-sided p-value (normal approximation with tie and continuity correction; meant for samples of tens or more). */
  readonly p: number;
}

/**
 * The Mann–Whitney U test of two independent samples: does one tend to be larger than the other? It compares ranks,
 * not means, so a few slow outliers (a garbage collection, another process) do not decide it.
 */
export function mannWhitney(first: readonly number[], second: readonly number[]): MannWhitney {
  const n1 = first.length;
  const n2 = second.length;
  if (n1 === 0 || n2 === 0) throw new Error('no measurements');
  const all = [...first.map((value) => ({ value, first: true })), ...second.map((value) => ({ value, first: false }))].sort(
    (a, b) => a.value - b.value,
  );
  let rankSumFirst = 0;
  let tieTerm = 0;
  for (let i = 0; i < all.length;) {
    let j = i;
    while (j + 1 < all.length && all[j + 1]!.value === all[i]!.value) j++;
    const rank = (i + j) / 2 + 1;
    const ties = j - i + 1;
    tieTerm += ties ** 3 - ties;
    for (let k = i; k <= j; k++) if (all[k]!.first) rankSumFirst += rank;
    i = j + 1;
  }
  const n = n1 + n2;
  const u = rankSumFirst - (n1 * (n1 + 1)) / 2;
  const mean = (n1 * n2) / 2;
  const sd = Math.sqrt(((n1 * n2) / 12) * (n + 1 - tieTerm / (n * (n - 1))));
  const z = sd === 0 ? 0 : (u - mean - Math.sign(u - mean) * 0.5) / sd;
  return { u, probabilityFirstLarger: u / (n1 * n2), z, p: Math.min(1, 2 * (1 - normalCdf(Math.abs(z)))) };
}
