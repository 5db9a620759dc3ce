import { describe, expect, it } from '@jest/globals';
import { errorFromProblem } from '../src/api/errors.js';
import { ipRangeProblem, ipRangeProblems } from '../src/client-form/ip-range.js';
import { nameProblem } from '../src/client-form/validation.js';
import { parseRoute, routePath, toClient, toEditClient, toNewClient, toOverview } from '../src/navigation/routes.js';

describe('ipRangeProblem', () => {
  it.each([
    ['192.0.2.1', undefined],
    ['192.0.2.0/24', undefined],
    [' 10.0.0.0/8 ', undefined],
    ['0.0.0.0/0', undefined],
    ['2001:db8::/32', undefined],
    ['::1', undefined],
    ['::', undefined],
    ['::ffff:192.0.2.1', undefined],
    ['fe80::1:2:3:4:5', undefined],
    ['2001:db8:0:0:0:0:0:1/128', undefined],
    ['', 'empty'],
    ['   ', 'empty'],
    ['192.0.2', 'invalid'],
    ['192.0.2.256', 'octet'],
    ['192.0.2.0/33', 'prefix4'],
    ['192.0.2.0/', 'prefix4'],
    ['192.0.2.0/-1', 'prefix4'],
    ['2001:db8::/129', 'prefix6'],
    ['2001:db8:::1', 'invalid'],
    ['1:2:3:4:5:6:7:8:9', 'invalid'],
    ['gggg::1', 'invalid'],
    ['example.org', 'invalid'],
    ['10.0.0.0/8/8', 'invalid'],
  ])('%j → %s', (input, problem) => {
    expect(ipRangeProblem(input)).toBe(problem);
  });

  it('flags repeats of an earlier line, whatever the case', () => {
    expect(ipRangeProblems(['2001:db8::/32', '10.0.0.0/8', '2001:DB8::/32'])).toEqual([undefined, undefined, 'duplicate']);
  });
});

describe('nameProblem', () => {
  it.each([
    ['API Eaglebe', undefined],
    ['  ', 'nameRequired'],
    ['x'.repeat(100), undefined],
    ['x'.repeat(101), 'nameTooLong'],
    ['API\u0007', 'nameControl'],
  ])('%j → %s', (name, problem) => {
    expect(nameProblem(name)).toBe(problem);
  });
});

describe('errorFromProblem', () => {
  it('keeps the fields at fault, without paths or indexes', () => {
    const error = errorFromProblem(400, {
      title: 'Bad request',
      code: 'validation',
      errors: [
        { field: 'ipRanges[2]', message: 'not a CIDR' },
        { field: '/body/name', message: 'too long' },
      ],
    });
    expect(error.code).toBe('validation');
    expect(error.fields).toEqual({ ipRanges: 'not a CIDR', name: 'too long' });
  });

  it.each([
    [401, 'unauthorized'],
    [403, 'forbidden'],
    [404, 'not-found'],
    [409, 'conflict'],
    [429, 'rate-limited'],
    [503, 'unavailable'],
    [500, 'unknown'],
  ])('HTTP %i → %s', (status, code) => {
    expect(errorFromProblem(status, undefined).code).toBe(code);
  });
});

describe('routes', () => {
  it.each([toOverview(), toNewClient(), toClient('a b/c'), toEditClient('0d6c-11')])('%j round-trips', (route) => {
    expect(parseRoute(routePath(route))).toEqual(route);
  });
});
