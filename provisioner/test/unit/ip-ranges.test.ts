import { limits } from '@focus-api-access/contract';
import { formatIpRanges, normaliseIpRanges, parseStoredIpRanges } from '../../src/core/ip-ranges.js';

// The rule itself is tested with the shared cases in contract/test; these are the use cases' side of it.
describe('normaliseIpRanges', () => {
  test('absent means no restriction', () => {
    expect(normaliseIpRanges(undefined)).toEqual({ ranges: [] });
  });

  test('normalises, and takes confirmed wide ranges', () => {
    expect(normaliseIpRanges(['2001:DB8::/32', { range: '10.0.0.0/8', confirmWide: true }, ' 192.0.2.1/32 '])).toEqual({
      ranges: ['2001:db8::/32', '10.0.0.0/8', '192.0.2.1'],
    });
  });

  test('names every bad entry by its field, with what was probably meant', () => {
    expect(normaliseIpRanges(['203.0.113.10/3', 'nope', 7, '10.0.0.0/8'])).toEqual({
      errors: [
        expect.objectContaining({ field: 'ipRanges[0]', reason: 'host_bits', suggestion: '192.0.0.0/3' }),
        expect.objectContaining({ field: 'ipRanges[1]', reason: 'malformed' }),
        expect.objectContaining({ field: 'ipRanges[2]', reason: 'type' }),
        expect.objectContaining({ field: 'ipRanges[3]', reason: 'wide_unconfirmed' }),
      ],
    });
  });

  test('a list that is not a list', () => {
    expect(normaliseIpRanges('10.0.0.0/24')).toEqual({ errors: [expect.objectContaining({ field: 'ipRanges', reason: 'type' })] });
  });

  test(`at most ${limits.ipRangesPerClient}, reported on the list`, () => {
    const many = Array.from({ length: limits.ipRangesPerClient + 1 }, (_, i) => `10.0.${i}.0/24`);
    expect(normaliseIpRanges(many)).toEqual({ errors: [expect.objectContaining({ field: 'ipRanges', reason: 'too_many' })] });
  });
});

describe('stored form', () => {
  test('round-trips, and reads every separator the extension reads', () => {
    expect(parseStoredIpRanges(formatIpRanges(['10.0.0.0/24', '2001:db8::1']))).toEqual(['10.0.0.0/24', '2001:db8::1']);
    expect(parseStoredIpRanges(' 10.0.0.0/24;2001:db8::1\n192.0.2.1 ')).toEqual(['10.0.0.0/24', '2001:db8::1', '192.0.2.1']);
    expect(parseStoredIpRanges(undefined)).toEqual([]);
  });
});
