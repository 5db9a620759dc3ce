import { UnavailableError, ValidationError } from '../../src/core/errors.js';
import { failureFromStatus, isNetworkFailure, unreachable } from '../../src/keycloak/failures.js';

describe('failureFromStatus', () => {
  test.each([
    [400, 'validation'],
    [401, 'unavailable'],
    [403, 'internal'],
    [404, 'not_found'],
    [409, 'conflict'],
    [429, 'unavailable'],
    [500, 'unavailable'],
    [502, 'unavailable'],
    [503, 'unavailable'],
  ])('HTTP %i → %s', (status, code) => {
    expect(failureFromStatus(status, { errorMessage: 'x' }, 'Create client').code).toBe(code);
  });

  test.each([
    ['not_managed: client focus-admin is not a FOCUS API client …', 'not_found'],
    ['credentials_already_generated: the current secret of client api-x was made by this request already', 'credentials_not_delivered'],
    ['admin_events_include_representation: realm focus saves admin events with their representation …', 'internal'],
    ['marker_protected: this account may not remove or change focus.api-client=true', 'validation'],
  ])("the extension's refusal %s → %s", (description, code) => {
    expect(failureFromStatus(400, { error: 'access_denied', error_description: description }, 'Update client').code).toBe(code);
  });

  test("the extension's refusal of ranges that shut out recent addresses is the API's own answer, naming them", () => {
    const description =
      'excludes_recent_addresses: the new IP ranges shut out addresses used in the last 30 days: 203.0.113.9, 2001:db8::7';
    const error = failureFromStatus(400, { error: 'invalid_client_metadata', error_description: description }, 'Update client');
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).fields).toEqual([
      {
        field: 'ipRanges',
        reason: 'excludes_recent_addresses',
        message:
          'these ranges shut out 2 addresses used in the last 30 days (203.0.113.9, 2001:db8::7); they are saved only when that is confirmed',
      },
    ]);
  });

  test("keeps Keycloak's message for conflicts", () => {
    expect(failureFromStatus(409, { errorMessage: 'Client api-x already exists' }, 'Create client').message).toContain('already exists');
  });
});

describe('isNetworkFailure', () => {
  test.each([
    ['refused', Object.assign(new TypeError('fetch failed'), { cause: Object.assign(new Error('connect'), { code: 'ECONNREFUSED' }) })],
    ['reset', Object.assign(new Error('socket'), { code: 'ECONNRESET' })],
    ['timeout', Object.assign(new Error('timed out'), { name: 'TimeoutError' })],
    ['aborted', Object.assign(new Error('aborted'), { name: 'AbortError' })],
    [
      'undici socket',
      Object.assign(new TypeError('terminated'), { cause: Object.assign(new Error('other side closed'), { code: 'UND_ERR_SOCKET' }) }),
    ],
  ])('%s is a network failure', (_name, error) => {
    expect(isNetworkFailure(error)).toBe(true);
  });

  test.each([
    ['a programming error', new TypeError('x is not a function')],
    ['nothing', undefined],
  ])('%s is not', (_name, error) => {
    expect(isNetworkFailure(error)).toBe(false);
  });
});

describe('Keycloak server failures', () => {
  test('keep the status, so callers can tell a failed transaction from an unreachable server', () => {
    const failure = failureFromStatus(500, { error: 'unknown_error' }, 'Generate secret');
    expect(failure).toBeInstanceOf(UnavailableError);
    expect((failure as UnavailableError).keycloakStatus).toBe(500);
    expect(unreachable('Generate secret', new Error('ECONNREFUSED')).keycloakStatus).toBeUndefined();
  });
});
