import { normaliseIpRange, normaliseIpRanges, MAX_IP_RANGES } from '../../src/core/ip-ranges.js';

describe('normaliseIpRange', () => {
  test.each([
    ['203.0.113.0/24', '203.0.113.0/24'],
    ['203.0.113.77/24', '203.0.113.0/24'],
    [' 10.1.2.3 ', '10.1.2.3'],
    ['10.1.2.3/32', '10.1.2.3'],
    ['0.0.0.0/0', '0.0.0.0/0'],
    ['2001:DB8::/32', '2001:db8::/32'],
    ['2001:db8:0:0:0:0:0:1', '2001:db8::1'],
    ['2001:db8::1/128', '2001:db8::1'],
    ['2001:db8::1/64', '2001:db8::/64'],
  ])('%j → %j', (raw, expected) => {
    expect(normaliseIpRange(raw)).toEqual({ ok: true, value: expected });
  });

  test.each([
    ['', 'required'],
    ['300.1.1.1', 'malformed'],
    ['10.1', 'malformed'],
    ['010.0.0.1', 'malformed'],
    ['0x0a.0.0.1', 'malformed'],
    ['example.org', 'malformed'],
    ['10.0.0.0/8/8', 'malformed'],
    ['fe80::1%eth0', 'malformed'],
    ['10.0.0.0/33', 'prefix_out_of_range'],
    ['10.0.0.0/-1', 'prefix_out_of_range'],
    ['10.0.0.0/', 'prefix_out_of_range'],
    ['2001:db8::/129', 'prefix_out_of_range'],
  ])('refuses %j (%s)', (raw, reason) => {
    expect(normaliseIpRange(raw)).toEqual(expect.objectContaining({ ok: false, reason }));
  });
});

describe('normaliseIpRanges', () => {
  test('absent means no restriction', () => {
    expect(normaliseIpRanges(undefined)).toEqual({ ranges: [] });
  });

  test('de-duplicates after normalising', () => {
    expect(normaliseIpRanges(['10.0.0.1/8', '10.0.0.0/8', '10.1.1.1'])).toEqual({ ranges: ['10.0.0.0/8', '10.1.1.1'] });
  });

  test('names every bad entry by index', () => {
    expect(normaliseIpRanges(['10.0.0.0/8', 'nope', 7])).toEqual({
      errors: [
        expect.objectContaining({ field: 'ipRanges[1]', reason: 'malformed' }),
        expect.objectContaining({ field: 'ipRanges[2]', reason: 'type' }),
      ],
    });
  });

  test(`at most ${MAX_IP_RANGES}`, () => {
    const many = Array.from({ length: MAX_IP_RANGES + 1 }, (_, i) => `10.0.${i}.0/24`);
    expect(normaliseIpRanges(many)).toEqual({ errors: [expect.objectContaining({ field: 'ipRanges', reason: 'too_many' })] });
    expect(normaliseIpRanges(many.slice(1))).toEqual({ ranges: many.slice(1) });
  });
});
