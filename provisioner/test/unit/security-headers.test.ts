import { request } from 'node:http';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
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

/** The app on a free port, with the page's files from `staticRoot` when given. */
async function listening(staticRoot?: string): Promise<{ url: string; close: () => Promise<void> }> {
  const app = await buildApp({
    gateway,
    verifier,
    tokenEndpoint: 'http://keycloak.test:8080/realms/focus/protocol/openid-connect/token',
    corsOrigins: [],
    credentialsPerMinute: 10,
    ...(staticRoot ? { staticRoot } : {}),
    logger: false,
  });
  return { url: await app.listen({ port: 0, host: '127.0.0.1' }), close: () => app.close() };
}

describe('security headers', () => {
  let url: string;
  let close: () => Promise<void>;

  beforeAll(async () => {
    ({ url, close } = await listening());
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

  it('leave the API documentation its own policy, which refuses framing and anything from elsewhere', async () => {
    for (const path of ['/api/docs', '/api/docs/static/index.html', '/api/docs/json']) {
      const response = await fetch(`${url}${path}`, { redirect: 'manual' });
      expect(response.status).toBeLessThan(400);
      const policy = response.headers.get('content-security-policy') ?? '';
      expect(policy).toMatch(/img-src 'self' data: validator\.swagger\.io;/);
      expect(policy).toMatch(/frame-ancestors 'none';/);
      expect(policy).toMatch(/form-action 'self';/);
      expect(policy).not.toMatch(/https:/);
      expect(response.headers.get('x-frame-options')).toBe('DENY');
      expect(response.headers.get('cache-control')).toBe('no-store');
    }
  });

  it('are on the refusal of an address that cannot be decoded, a problem like any other', async () => {
    const response = await fetch(`${url}/api/v1/clients/%`);
    expect(response.status).toBe(400);
    expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(response.headers.get('content-security-policy')).toMatch(/frame-ancestors 'none'/);
    expect(response.headers.get('x-frame-options')).toBe('DENY');
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(await response.json()).toMatchObject({ status: 400, code: 'validation', errors: [{ field: 'url', reason: 'malformed' }] });
  });

  it.each(['/healthz', '/api/v1/nothing-here', '/api/openapi.json'])('keep %s out of caches', async (path) => {
    expect((await fetch(`${url}${path}`)).headers.get('cache-control')).toBe('no-store');
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

describe("the page's files", () => {
  let url: string;
  let close: () => Promise<void>;

  beforeAll(async () => {
    const root = mkdtempSync(join(tmpdir(), 'focus-page-'));
    writeFileSync(join(root, 'index.html'), '<!doctype html><title>page</title>');
    mkdirSync(join(root, 'assets'));
    writeFileSync(join(root, 'assets', 'app-1a2b3c.js'), 'export {};');
    mkdirSync(join(root, 'plugin'));
    writeFileSync(join(root, 'plugin', 'focus-api-access.js'), 'export {};');
    const app = await listening(root);
    url = app.url;
    close = async () => {
      await app.close();
      rmSync(root, { recursive: true, force: true });
    };
  });
  afterAll(() => close());

  it('answer a deep link with the page, and a missing build file with 404 rather than the page', async () => {
    const deepLink = await fetch(`${url}/clients/c0ffee00-1234-4abc-8def-000000000001`);
    expect(deepLink.status).toBe(200);
    expect(deepLink.headers.get('content-type')).toMatch(/^text\/html/);
    const asset = await fetch(`${url}/assets/app-1a2b3c.js`);
    expect(asset.status).toBe(200);
    expect(asset.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    const missing = await fetch(`${url}/assets/app-000000.js`);
    expect(missing.status).toBe(404);
    expect(missing.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  });

  it.each(['/plugin/focus-api-access.css', '/plugin/', '/nope.css', '/favicon.ico', '/c0ffee00-1234-4abc-8def-000000000001/logo.png'])(
    'answer a missing file %s with 404 rather than the page',
    async (path) => {
      const missing = await fetch(`${url}${path}`);
      expect(missing.status).toBe(404);
      expect(missing.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      const head = await fetch(`${url}${path}`, { method: 'HEAD' });
      expect([head.status, head.headers.get('content-length')]).toEqual([404, missing.headers.get('content-length')]);
    },
  );

  it('refuse a path that leaves the folder with a problem whose code agrees with its status', async () => {
    // As curl sends it: fetch would resolve the dots before asking.
    const refused = await new Promise<{ status: number; body: string }>((resolve, reject) => {
      const { hostname, port } = new URL(url);
      request({ hostname, port, path: '/plugin/%2e%2e/index.html' }, (answer) => {
        let body = '';
        answer.on('data', (chunk: Buffer) => (body += chunk.toString()));
        answer.on('end', () => resolve({ status: answer.statusCode ?? 0, body }));
      })
        .on('error', reject)
        .end();
    });
    const body = JSON.parse(refused.body) as { status: number; code: string };
    expect([refused.status, body.status, body.code]).toEqual([403, 403, 'forbidden']);
  });

  it("answer every route of the page's own with the page", async () => {
    const id = 'c0ffee00-1234-4abc-8def-000000000001';
    for (const path of ['/', '/nieuw', '/geschiedenis', `/${id}`, `/${id}/bewerken`, '/?q=eaglebe.nl&first=20']) {
      const page = await fetch(`${url}${path}`);
      expect([path, page.status, page.headers.get('content-type')]).toEqual([path, 200, expect.stringMatching(/^text\/html/)]);
      // As uptime checks and link checkers ask: HEAD, the same answer without its body.
      const head = await fetch(`${url}${path}`, { method: 'HEAD' });
      expect([path, head.status, head.headers.get('content-type'), await head.text()]).toEqual([
        path,
        200,
        expect.stringMatching(/^text\/html/),
        '',
      ]);
    }
    expect(await (await fetch(`${url}/plugin/focus-api-access.js`)).text()).toBe('export {};');
  });
});
