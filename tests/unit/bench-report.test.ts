/** The benchmark runner's arithmetic and verdicts: pure, so a wrong ratio or a goal read the wrong way fails here. */
import { describe, expect, test } from '@jest/globals';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { machine, saveResults, withVerdicts, type BenchResult } from '../../scripts/benchmarks/report.js';
import { median, percentile, rounds, verdict } from '../../scripts/benchmarks/stats.js';

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
    saveResults(dir, [result('scale', 15)]);
    saveResults(dir, [result('token', 30)]);
    const saved = JSON.parse(readFileSync(join(dir, 'results.json'), 'utf8'));
    expect(Object.keys(saved.benchmarks).sort()).toEqual(['scale', 'token']);
    const readme = readFileSync(join(dir, 'README.md'), 'utf8');
    expect(readme).toContain('| scale | p50 (ms) | 10.0 | 15.0 | 1.500 | ratio ≤ 2 | met |');
    expect(readme).toContain('| token | p50 (ms) | 10.0 | 30.0 | 3.000 | ratio ≤ 2 | missed |');
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
