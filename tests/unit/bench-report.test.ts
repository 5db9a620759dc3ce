/** The benchmark runner's arithmetic and verdicts: pure, so a wrong ratio or a goal read the wrong way fails here. */
import { describe, expect, test } from '@jest/globals';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { machine, saveResults, withVerdicts, type BenchResult } from '../../scripts/benchmarks/report.js';
import { mannWhitney, median, medianInterval, normalCdf, percentile, rounds, verdict } from '../../scripts/benchmarks/stats.js';

describe('percentile', () => {
  test('nearest rank', () => {
    const values = [5, 1, 4, 2, 3, 6, 8, 7, 10, 9];
    expect(median(values)).toBe(5);
    expect(percentile(values, 90)).toBe(9);
    expect(percentile(values, 99)).toBe(10);
    expect(percentile(values, 0)).toBe(1);
  });

  test('no measurements is an error, never a figure', () => {
    expect(() => median([])).toThrow('no measurements');
  });
});

describe('confidence interval of the median', () => {
  test('the order statistics 1.96 standard deviations of the binomial either side of n/2, whatever the order', () => {
    const sixty = Array.from({ length: 60 }, (_, i) => 60 - i);
    expect(medianInterval(sixty)).toEqual([22, 39]);
    expect(medianInterval([10, 1, 9, 2, 8, 3, 7, 4, 6, 5])).toEqual([2, 9]);
  });

  test('one value is its own interval; no measurements is an error', () => {
    expect(medianInterval([0.97])).toEqual([0.97, 0.97]);
    expect(() => medianInterval([])).toThrow('no measurements');
  });
});

describe('Mann–Whitney U', () => {
  test('the normal distribution function', () => {
    expect(normalCdf(0)).toBeCloseTo(0.5, 7);
    expect(normalCdf(1.959964)).toBeCloseTo(0.975, 6);
    expect(normalCdf(-2.575829)).toBeCloseTo(0.005, 6);
  });

  test('a sample wholly below the other: U is 0, and the p-value of the normal approximation with continuity correction', () => {
    // By hand: mean 4.5, sd √(9/12 · 7) = 2.2913, z = (0 − 4.5 + 0.5) / 2.2913 = −1.7457, p = 2 · (1 − Φ(1.7457)) = 0.0809.
    const result = mannWhitney([1, 2, 3], [4, 5, 6]);
    expect(result.u).toBe(0);
    expect(result.probabilityFirstLarger).toBe(0);
    expect(result.z).toBeCloseTo(-1.7457, 4);
    expect(result.p).toBeCloseTo(0.0809, 4);
  });

  test('two samples of one distribution: no difference; a shifted one: a clear difference', () => {
    const a = Array.from({ length: 400 }, (_, i) => 1 + ((i * 7919) % 400) / 400);
    const b = Array.from({ length: 400 }, (_, i) => 1 + ((i * 104729 + 13) % 400) / 400);
    expect(mannWhitney(a, b).p).toBeGreaterThan(0.5);
    expect(mannWhitney(a, b).probabilityFirstLarger).toBeCloseTo(0.5, 1);
    const shifted = b.map((v) => v + 0.2);
    expect(mannWhitney(a, shifted).p).toBeLessThan(0.01);
    expect(mannWhitney(shifted, a).probabilityFirstLarger).toBeGreaterThan(0.5);
  });

  test('ties: all values equal is no difference at all', () => {
    const result = mannWhitney([2, 2, 2], [2, 2]);
    expect(result).toMatchObject({ u: 3, probabilityFirstLarger: 0.5, z: 0 });
    expect(result.p).toBeCloseTo(1, 6);
  });

  test('no measurements is an error, never a verdict', () => {
    expect(() => mannWhitney([], [1])).toThrow('no measurements');
  });
});

describe('verdict', () => {
  test('a throughput goal (at least) on the ratio', () => {
    expect(verdict({ metric: 't', unit: 'requests/s', baseline: 100, candidate: 97, goal: { on: 'ratio', atLeast: 0.97 } })).toBe('met');
    expect(verdict({ metric: 't', unit: 'requests/s', baseline: 100, candidate: 96.9, goal: { on: 'ratio', atLeast: 0.97 } })).toBe(
      'missed',
    );
  });

  test('a duration goal (at most) on the ratio', () => {
    expect(verdict({ metric: 'p50', unit: 'ms', baseline: 40, candidate: 50, goal: { on: 'ratio', atMost: 1.25 } })).toBe('met');
    expect(verdict({ metric: 'p50', unit: 'ms', baseline: 40, candidate: 50.1, goal: { on: 'ratio', atMost: 1.25 } })).toBe('missed');
  });

  test('a size goal on the value itself', () => {
    expect(verdict({ metric: 'js', unit: 'KB', candidate: 199, goal: { on: 'value', atMost: 200 } })).toBe('met');
    expect(verdict({ metric: 'js', unit: 'KB', candidate: 201, goal: { on: 'value', atMost: 200 } })).toBe('missed');
  });

  test('a zero baseline cannot meet a ratio goal', () => {
    expect(verdict({ metric: 'p50', unit: 'ms', baseline: 0, candidate: 1, goal: { on: 'ratio', atMost: 2 } })).toBe('missed');
  });
});

test('rounds stop at the deadline but always run one', async () => {
  let ran = 0;
  expect(await rounds(5, Date.now() - 1, async () => void ran++)).toBe(1);
  expect(ran).toBe(1);
  expect(await rounds(3, Date.now() + 60_000, async () => void ran++)).toBe(3);
});

test('results merge per benchmark and the README shows each figure with its ratio and verdict', () => {
  const dir = mkdtempSync(join(tmpdir(), 'focus-bench-'));
  try {
    const result = (name: string, candidate: number): BenchResult => ({
      name,
      ranAt: '2026-01-01T00:00:00.000Z',
      durationSeconds: 1,
      loadAverage: { before: 0, after: 0 },
      machine: machine('26.7.3'),
      report: withVerdicts({
        measures: 'm',
        baseline: 'b',
        figures: [{ metric: 'p50', unit: 'ms', baseline: 10, candidate, goal: { on: 'ratio', atMost: 2 } }],
        details: [],
      }),
    });
    const names = ['token', 'secret', 'scale'];
    saveResults(dir, [result('scale', 15)], names);
    saveResults(dir, [result('token', 30)], names);
    const saved = JSON.parse(readFileSync(join(dir, 'results.json'), 'utf8'));
    expect(Object.keys(saved.benchmarks).sort()).toEqual(['scale', 'token']);
    const readme = readFileSync(join(dir, 'README.md'), 'utf8');
    expect(readme).toContain('| scale | p50 (ms) | 10.0 | 15.0 | 1.500 | ratio ≤ 2 | met |');
    expect(readme).toContain('| token | p50 (ms) | 10.0 | 30.0 | 3.000 | ratio ≤ 2 | missed |');
    // In the order the benchmarks run, every one of them named in how to run one.
    expect(readme.indexOf('| token |')).toBeLessThan(readme.indexOf('| scale |'));
    expect(readme).toContain('(one of\n`token`, `secret`, `scale`)');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a paired ratio, when given, is what the goal judges', () => {
  const figure = {
    metric: 't',
    unit: 'requests/s',
    baseline: 100,
    candidate: 98,
    pairedRatio: 0.94,
    goal: { on: 'ratio' as const, atLeast: 0.97 },
  };
  expect(verdict(figure)).toBe('missed');
  expect(withVerdicts({ measures: 'm', baseline: 'b', figures: [figure], details: [] })?.figures[0]?.ratio).toBe(0.94);
});
