import { describe, expect, it } from '@jest/globals';
import { httpClient } from '../src/api/client.js';
import { errorFromProblem } from '../src/api/errors.js';
import { contract, limits } from '@focus-api-access/contract';
import { draftProblems, hasProblems, ipRangesInput } from '../src/client-form/validation.js';
import { parseRoute, routePath, toClient, toEditClient, toNewClient, toOverview } from '../src/navigation/routes.js';

const draft = (ipRanges: { text: string; confirmWide?: boolean }[], name = 'API Eaglebe') => ({
  name,
  services: ['openhappening-eaglebe'],
  ipRanges: ipRanges.map((r) => ({ text: r.text, confirmWide: r.confirmWide ?? false })),
});

// The rule is the contract's (tested with the shared cases there); these check how the form reads it.
describe('draftProblems', () => {
  it('reports each line with what was probably meant, and repeats of an earlier line', () => {
    const problems = draftProblems(
      draft([{ text: '203.0.113.10/24' }, { text: '2001:db8::/48' }, { text: '2001:DB8::/48' }, { text: '' }]),
    );
    expect(problems.ipRange).toEqual([
      { problem: 'host_bits', suggestion: '203.0.113.0/24' },
      undefined,
      { problem: 'duplicate' },
      { problem: 'required' },
    ]);
    expect(hasProblems(problems)).toBe(true);
  });

  it('marks a wide range with its size and holds it back until confirmed', () => {
    const unconfirmed = draftProblems(draft([{ text: '10.0.0.0/8' }]));
    expect(unconfirmed.wide).toEqual([16_777_216n]);
    expect(unconfirmed.ipRange).toEqual([{ problem: 'wide_unconfirmed' }]);
    const confirmed = draftProblems(draft([{ text: '10.0.0.0/8', confirmWide: true }]));
    expect(confirmed.ipRange).toEqual([undefined]);
    expect(hasProblems(confirmed)).toBe(false);
    expect(ipRangesInput(draft([{ text: ' 10.0.0.0/8 ', confirmWide: true }, { text: '192.0.2.1' }]).ipRanges)).toEqual([
      { range: '10.0.0.0/8', confirmWide: true },
      '192.0.2.1',
    ]);
  });

  it.each([
    ['API Eaglebe', undefined],
    ['  ', 'required'],
    ['x'.repeat(limits.nameMaxCharacters), undefined],
    ['😀'.repeat(limits.nameMaxCharacters), undefined],
    ['x'.repeat(limits.nameMaxCharacters + 1), 'too_long'],
    ['API\u0007', 'control_characters'],
  ])('name %j → %s', (name, problem) => {
    expect(draftProblems(draft([], name)).name).toBe(problem);
  });
});

describe('errorFromProblem', () => {
  it('keeps the fields at fault by name, the first message of each', () => {
    const error = errorFromProblem(400, {
      type: 'urn:focus-api-access:problem:validation',
      title: 'Invalid request',
      status: 400,
      code: 'validation',
      errors: [
        { field: 'ipRanges[2]', reason: 'malformed', message: 'not a CIDR' },
        { field: 'ipRanges[3]', reason: 'malformed', message: 'not one either' },
        { field: 'name', reason: 'too_long', message: 'too long' },
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

  it('keeps what became of the previous secret when new credentials were made but not delivered', () => {
    const problem = { status: 409, code: 'credentials_not_delivered', detail: 'lost' };
    expect(
      errorFromProblem(409, { ...problem, previousSecretStatus: 'valid', previousSecretValidUntil: '2026-11-03T10:00:00Z' }),
    ).toMatchObject({ code: 'not-delivered', previousSecret: { status: 'valid', validUntil: '2026-11-03T10:00:00Z' } });
    expect(errorFromProblem(409, { ...problem, previousSecretStatus: 'revoked' }).previousSecret).toEqual({ status: 'revoked' });
    expect(errorFromProblem(409, problem).previousSecret).toEqual({ status: 'unknown' });
  });
});

describe('routes', () => {
  /** Splits a route's relative URL as the browser's location does. */
  const parsed = (relative: string) => {
    const [path, search] = relative.split('?');
    return parseRoute(path ?? '', search ? `?${search}` : '');
  };

  it.each([
    toOverview({ page: 1, perPage: 10, search: '' }),
    toOverview({ page: 4, perPage: 20, search: 'Eaglebe & co?' }),
    toNewClient(),
    toClient('a b/c'),
    toEditClient('0d6c-11'),
  ])('%j round-trips', (route) => {
    expect(parsed(routePath(route))).toEqual(route);
  });

  it('reads an unknown page size or a page below 1 as the default', () => {
    expect(parsed('?pagina=0&aantal=7')).toEqual(toOverview({ page: 1, perPage: 10, search: '' }));
    expect(parsed('?pagina=x&aantal=50')).toEqual(toOverview({ page: 1, perPage: 50, search: '' }));
  });
});

describe('rightInToken', () => {
  const token = (payload: unknown) => ['e30', Buffer.from(JSON.stringify(payload)).toString('base64url'), 'signature'].join('.');
  const ask = (accessToken: string) => httpClient({ apiBaseUrl: '', getAccessToken: async () => accessToken }).rightInToken();

  it.each([
    ['the right among the realm roles', { realm_access: { roles: ['offline_access', contract.manageRight.role] } }, true],
    ['other realm roles only', { realm_access: { roles: ['offline_access'] } }, false],
    ['no realm roles in the token', { sub: 'x' }, undefined],
    ['é and other non-ASCII in the payload', { name: 'Émile', realm_access: { roles: [contract.manageRight.role] } }, true],
  ])('%s: %s', async (_label, payload, expected) => {
    expect(await ask(token(payload))).toBe(expected);
  });

  it('says nothing about a token it cannot read', async () => {
    expect(await ask('not-a-jwt')).toBeUndefined();
    expect(
      await httpClient({ apiBaseUrl: '', getAccessToken: () => Promise.reject(new Error('no session')) }).rightInToken(),
    ).toBeUndefined();
  });
});
