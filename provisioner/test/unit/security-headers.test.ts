import { buildApp } from '../../src/http/build.js';
import type { KeycloakGateway } from '../../src/core/gateway.js';
import type { TokenVerifier } from '../../src/http/auth.js';

/** No Keycloak behind it: only the headers of the answers matter here. */
const gateway = new Proxy({} as KeycloakGateway, {
  get: () => async () => {
    throw new Error('no Keycloak in this test');
  },
});
const verifier: TokenVerifier = {
  async verify() {
    throw new Error('no token is valid in this test');
  },
};

describe('security headers', () => {
  let url: string;
  let close: () => Promise<void>;

  beforeAll(async () => {
    const app = await buildApp({
      gateway,
      verifier,
      tokenEndpoint: 'http://keycloak.test:8080/realms/focus/protocol/openid-connect/token',
      corsOrigins: [],
      credentialsPerMinute: 10,
      logger: false,
    });
    url = await app.listen({ port: 0, host: '127.0.0.1' });
    close = () => app.close();
  });
  afterAll(() => close());

  it.each([
    ['an answer', '/healthz', 200],
    ['a refusal', '/api/v1/clients', 401],
    ['an unknown path', '/nothing-here', 404],
  ])('are on %s, the same every time', async (_what, path, status) => {
    for (let i = 0; i < 2; i++) {
      const response = await fetch(`${url}${path}`);
      expect(response.status).toBe(status);
      const policy = response.headers.get('content-security-policy') ?? '';
      expect(policy.split(';')).toEqual(
        expect.arrayContaining([
          "default-src 'self'",
          "script-src 'self'",
          "connect-src 'self' http://keycloak.test:8080",
          'frame-src http://keycloak.test:8080',
          "frame-ancestors 'none'",
        ]),
      );
      expect(response.headers.get('x-frame-options')).toBe('DENY');
      expect(response.headers.get('x-content-type-options')).toBe('nosniff');
      expect(response.headers.get('referrer-policy')).toBe('no-referrer');
      expect(response.headers.get('strict-transport-security')).toMatch(/^max-age=\d+/);
    }
  });

  it('leave the API documentation its own policy', async () => {
    const response = await fetch(`${url}/api/docs/static/index.html`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-security-policy')).toMatch(/img-src 'self' data: validator\.swagger\.io;/);
    expect(response.headers.get('x-frame-options')).toBe('DENY');
  });

  it('allow no other origin when none is configured', async () => {
    const preflight = await fetch(`${url}/api/v1/clients`, {
      method: 'OPTIONS',
      headers: { origin: 'http://elsewhere.test', 'access-control-request-method': 'POST' },
    });
    expect(preflight.status).toBe(404);
    expect(preflight.headers.get('access-control-allow-origin')).toBeNull();
    const read = await fetch(`${url}/healthz`, { headers: { origin: 'http://elsewhere.test' } });
    expect(read.headers.get('access-control-allow-origin')).toBeNull();
  });
});
