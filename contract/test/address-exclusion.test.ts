import exclusionCases from '../address-exclusion-cases.json' with { type: 'json' };
import matchCases from '../ip-range-match-cases.json' with { type: 'json' };
import { contract, excludedAddresses, rangesAllow } from '../src/index.js';

interface MatchCase {
  readonly ranges: string[];
  readonly address: string;
  readonly allowed: boolean;
}

describe('rangesAllow against the shared cases (the extension runs the same file)', () => {
  test.each(matchCases.cases as MatchCase[])('$ranges lets $address through: $allowed', ({ ranges, address, allowed }) => {
    expect(rangesAllow(ranges, address)).toBe(allowed);
  });

  test('an entry that is not a valid range lets nothing through, and takes nothing from the valid ones', () => {
    expect(rangesAllow(['10.0.0.300'], '10.0.0.1')).toBe(false);
    expect(rangesAllow(['nope', ' 10.0.0.0/8 '], '10.0.0.1')).toBe(true);
  });
});

describe('excludedAddresses', () => {
  const now = new Date('2026-12-01T12:00:00Z');
  const daysAgo = (days: number) => new Date(now.getTime() - days * 24 * 3600 * 1000).toISOString();
  const seen = [
    { address: '203.0.113.9', lastSeen: daysAgo(1) },
    { address: '198.51.100.7', lastSeen: daysAgo(3) },
    { address: '2001:db8::7', lastSeen: daysAgo(2) },
    { address: '192.0.2.44', lastSeen: daysAgo(45) },
  ];

  test.each([
    ['no ranges: no restriction', [], []],
    ['ranges holding every recent address', ['203.0.113.0/24', '198.51.100.7', '2001:db8::/32'], []],
    ['a narrower range', ['203.0.113.0/28', '198.51.100.0/24'], ['2001:db8::7']],
    ['a range elsewhere', ['10.0.0.0/16'], ['203.0.113.9', '2001:db8::7', '198.51.100.7']],
    ['an IPv6 range only', ['2001:db8::/32'], ['203.0.113.9', '198.51.100.7']],
    ['every address, through ::/0', [{ text: '::/0' }].map((r) => r.text), []],
  ])('%s', (_label, ranges, excluded) => {
    expect(excludedAddresses(ranges, seen, { now }).map((s) => s.address)).toEqual(excluded);
  });

  test(`looks back ${contract.activity.lockoutWarningDays} days by default, or as far as asked`, () => {
    expect(contract.activity.lockoutWarningDays).toBe(30);
    expect(excludedAddresses(['10.0.0.0/16'], seen, { now }).map((s) => s.address)).not.toContain('192.0.2.44');
    expect(excludedAddresses(['10.0.0.0/16'], seen, { now, days: 60 }).map((s) => s.address)).toContain('192.0.2.44');
  });

  test('leaves out what the ranges in force already shut out: only this change is news', () => {
    const before = ['203.0.113.0/24', '198.51.100.0/24'];
    expect(excludedAddresses(['203.0.113.0/28'], seen, { now, before }).map((s) => s.address)).toEqual(['198.51.100.7']);
    expect(excludedAddresses(['10.0.0.0/16'], seen, { now, before: [] }).map((s) => s.address)).toHaveLength(3);
  });

  test('answers what it was given, most recently seen first', () => {
    expect(excludedAddresses(['10.0.0.0/16'], seen, { now })[0]).toEqual(seen[0]);
  });
});

interface ExclusionCase {
  readonly label: string;
  readonly ranges: string[];
  readonly before?: string[];
  readonly days?: number;
  readonly excluded: string[];
}

describe('excludedAddresses against the shared cases (the extension runs the same file on the update itself)', () => {
  const now = new Date(exclusionCases.now);
  test('the file has its cases', () => {
    expect(exclusionCases.cases.length).toBeGreaterThan(10);
  });
  test.each(exclusionCases.cases as ExclusionCase[])('$label', ({ ranges, before, days, excluded }) => {
    const options = { now, ...(before ? { before } : {}), ...(days ? { days } : {}) };
    expect(excludedAddresses(ranges, exclusionCases.seen, options).map((s) => s.address)).toEqual(excluded);
  });
});
