import { failureOfStatus, failureOfTransport, mayTryNextNode, type HttpMethod } from '../../src/keycloak/failover.js';

const systemError = (code: string) => Object.assign(new Error(code), { code });
const fetchFailed = (cause: unknown) => Object.assign(new TypeError('fetch failed'), { cause });

describe('failureOfTransport: how far a failed request got', () => {
  test.each([
    ['connection refused', fetchFailed(systemError('ECONNREFUSED')), 'connection refused'],
    ['connect timeout', fetchFailed(systemError('UND_ERR_CONNECT_TIMEOUT')), 'connect timeout'],
    ['unknown host', fetchFailed(systemError('ENOTFOUND')), 'host not found'],
    ['no route', fetchFailed(systemError('EHOSTUNREACH')), 'host unreachable'],
  ])('%s: never reached Keycloak', (_name, error, reason) => {
    expect(failureOfTransport(error)).toEqual({ reason, mayHaveActed: false });
  });

  test.each([
    ['connection reset', fetchFailed(systemError('ECONNRESET')), 'connection reset'],
    ['closed mid-answer', Object.assign(new TypeError('terminated'), { cause: systemError('UND_ERR_SOCKET') }), 'connection closed'],
    ['request timeout', Object.assign(new Error('The operation was aborted due to timeout'), { name: 'TimeoutError' }), 'timed out'],
    ['headers timeout', fetchFailed(systemError('UND_ERR_HEADERS_TIMEOUT')), 'timed out'],
    ['half a JSON body', new SyntaxError('Unexpected end of JSON input'), 'incomplete answer'],
    ['fetch failed for no known reason', new TypeError('fetch failed'), 'connection failed'],
  ])('%s: Keycloak may have acted', (_name, error, reason) => {
    expect(failureOfTransport(error)).toEqual({ reason, mayHaveActed: true });
  });

  test('the innermost code decides, however deeply wrapped', () => {
    const wrapped = Object.assign(new Error('Service-account token: Keycloak cannot be reached'), {
      cause: fetchFailed(systemError('ECONNREFUSED')),
    });
    expect(failureOfTransport(wrapped)).toEqual({ reason: 'connection refused', mayHaveActed: false });
  });

  test.each([
    ['a programming error', new TypeError('x is not a function')],
    ['nothing', undefined],
  ])('%s is not a node failure', (_name, error) => {
    expect(failureOfTransport(error)).toBeUndefined();
  });
});

describe('failureOfStatus', () => {
  test.each([
    [503, { reason: 'HTTP 503', mayHaveActed: false }],
    [502, { reason: 'HTTP 502', mayHaveActed: true }],
    [504, { reason: 'HTTP 504', mayHaveActed: true }],
  ])('HTTP %i is a node failure', (status, failure) => {
    expect(failureOfStatus(status)).toEqual(failure);
  });

  test.each([400, 401, 403, 404, 409, 429, 500])("HTTP %i is Keycloak's verdict on the request: the same on every node", (status) => {
    expect(failureOfStatus(status)).toBeUndefined();
  });
});

describe('mayTryNextNode', () => {
  const refused = failureOfTransport(fetchFailed(systemError('ECONNREFUSED')))!;
  const reset = failureOfTransport(fetchFailed(systemError('ECONNRESET')))!;
  const timedOut = failureOfTransport(Object.assign(new Error('timeout'), { name: 'TimeoutError' }))!;
  const unavailable = failureOfStatus(503)!;
  const badGateway = failureOfStatus(502)!;
  const gatewayTimeout = failureOfStatus(504)!;

  // method → [refused, 503, reset, timed out, 502, 504]
  test.each<[HttpMethod, boolean[]]>([
    ['GET', [true, true, true, true, true, true]],
    ['PUT', [true, true, true, true, true, true]],
    ['DELETE', [true, true, true, true, true, true]],
    ['POST', [true, true, false, false, false, false]],
  ])('%s', (method, expected) => {
    expect([refused, unavailable, reset, timedOut, badGateway, gatewayTimeout].map((f) => mayTryNextNode(method, f))).toEqual(expected);
  });
});
