import cases from '../ip-range-cases.json' with { type: 'json' };
import { addressCount, checkIpRange, checkIpRanges, limits } from '../src/index.js';

interface Case {
  readonly input: string;
  readonly valid: boolean;
  readonly range?: string;
  readonly wide?: boolean;
  readonly problem?: string;
  readonly suggestion?: string;
}

describe('checkIpRange against the shared cases (the extension runs the same file)', () => {
  test.each((cases.cases as Case[]).filter((c) => c.valid))('accepts $input as $range (wide: $wide)', ({ input, range, wide }) => {
    expect(checkIpRange(input)).toEqual({ ok: true, range, wide, addresses: addressCount(range!) });
  });

  test.each((cases.cases as Case[]).filter((c) => !c.valid))('refuses $input ($problem)', ({ input, problem, suggestion }) => {
    const check = checkIpRange(input);
    expect(check).toMatchObject({ ok: false, problem });
    if (!check.ok) expect(check.suggestion).toBe(suggestion);
  });

  test('the message of a likely typo shows the network it would be', () => {
    const check = checkIpRange('203.0.113.10/3');
    expect(!check.ok && check.message).toContain('192.0.0.0/3');
  });

  test('every stored form is accepted again unchanged', () => {
    for (const c of (cases.cases as Case[]).filter((k) => k.valid))
      expect(checkIpRange(c.range!)).toMatchObject({ ok: true, range: c.range });
  });
});

describe('checkIpRanges', () => {
  test('an empty list is no restriction', () => {
    expect(checkIpRanges([])).toEqual({ entries: [], problems: [], ranges: [] });
  });

  test('a wide range needs its confirmation; confirmed, it is stored', () => {
    expect(checkIpRanges(['10.0.0.0/8']).problems).toEqual([
      expect.objectContaining({ index: 0, problem: 'wide_unconfirmed', message: expect.stringContaining('16,777,216') }),
    ]);
    expect(checkIpRanges([{ range: '10.0.0.0/8', confirmWide: true }, '192.0.2.1'])).toMatchObject({
      problems: [],
      ranges: ['10.0.0.0/8', '192.0.2.1'],
    });
    expect(checkIpRanges([{ range: '::/0', confirmWide: false }]).problems).toEqual([
      expect.objectContaining({ problem: 'wide_unconfirmed', message: expect.stringContaining('2^128') }),
    ]);
  });

  test('a repeat of an earlier network is named, after normalising', () => {
    expect(checkIpRanges(['2001:db8::/32', '10.0.0.1', '2001:DB8:0::/32']).problems).toEqual([
      expect.objectContaining({ index: 2, problem: 'duplicate', message: expect.stringContaining('entry 1') }),
    ]);
  });

  test('names every bad entry by index, with what was probably meant', () => {
    expect(checkIpRanges(['192.0.2.0/24', 'nope', 7, '010.1.2.3']).problems).toEqual([
      expect.objectContaining({ index: 1, problem: 'malformed' }),
      expect.objectContaining({ index: 2, problem: 'type' }),
      expect.objectContaining({ index: 3, problem: 'leading_zero', suggestion: '10.1.2.3' }),
    ]);
  });

  test(`at most ${limits.ipRangesPerClient}`, () => {
    const many = Array.from({ length: limits.ipRangesPerClient + 1 }, (_, i) => `10.0.${i}.0/24`);
    expect(checkIpRanges(many).problems).toEqual([expect.objectContaining({ index: undefined, problem: 'too_many' })]);
    expect(checkIpRanges(many.slice(1)).ranges).toEqual(many.slice(1));
  });
});
