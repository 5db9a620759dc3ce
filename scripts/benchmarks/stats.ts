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
