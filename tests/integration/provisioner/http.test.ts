/** The HTTP API on a real socket: authorisation matrix, every route, bad input, headers, secret hygiene. */
import { contract } from '@focus-api-access/contract';
import { readSettings } from '@focus-api-access/stack';
import { passwordLoginClient } from '../../support/login-client.js';
import { eventually } from '../extension/activity-support.js';
import {
  SERVICE,
  SecretLedger,
  api,
  bootstrapAdminClient,
  keycloakLog,
  loginClients,
  passwordToken,
  stack,
  startApp,
  uniqueName,
  vendorToken,
  type TestApp,
} from './support.js';

let app: TestApp;
let logins: Awaited<ReturnType<typeof loginClients>>;
let manager: string;
let employee: string;
const ledger = new SecretLedger();
let call: ReturnType<typeof api>;
const made: string[] = [];

beforeAll(async () => {
  app = await startApp({ credentialsPerMinute: 5 });
  call = api(app.url, ledger);
  logins = await loginClients();
  manager = await passwordToken(logins.withAudience, contract.demoUsers.manager);
  employee = await passwordToken(logins.withAudience, contract.demoUsers.employee);
});

afterAll(async () => {
  for (const id of made) await call('DELETE', `/api/v1/clients/${id}`, { token: manager });
  await app.close();
  await logins.remove();
  ledger.text('provisioner log', app.logs.join(''));
  ledger.text('keycloak log', keycloakLog());
  expect(ledger.secrets.size).toBeGreaterThan(0);
  expect(ledger.leaks()).toEqual([]);
  expect(app.logs.join('')).not.toMatch(/authorization|Bearer ey/i);
});

async function createClient(name = uniqueName('Http')) {
  const response = await call('POST', '/api/v1/clients', { token: manager, body: { name, services: [SERVICE] } });
  expect(response.status).toBe(201);
  made.push(response.json.id);
  return response.json;
}

describe('authorisation', () => {
  const tamper = (token: string) => {
    const [h, p, s] = token.split('.');
    return `${h}.${p}.${s!.slice(0, -4)}${s!.slice(-4) === 'AAAA' ? 'BBBB' : 'AAAA'}`;
  };
  const algNone = (token: string) => {
    const payload = token.split('.')[1];
    return `${Buffer.from(JSON.stringify({ alg: 'none', typ: 'JWT' })).toString('base64url')}.${payload}.`;
  };

  test('no token: 401', async () => {
    const response = await call('GET', '/api/v1/clients');
    expect(response.status).toBe(401);
    expect(response.headers.get('www-authenticate')).toContain('Bearer');
    expect(response.json.type).toBe('urn:focus-api-access:problem:unauthorized');
  });

  test.each([
    ['tampered signature', () => tamper(manager)],
    ['alg none', () => algNone(manager)],
    ['garbage', () => 'not.a.token'],
  ])('%s: 401', async (_name, token) => {
    expect((await call('GET', '/api/v1/clients', { token: token() })).status).toBe(401);
  });

  test('wrong issuer (a token of realm master): 401', async () => {
    const master = await passwordToken(
      'admin-cli',
      stack.bootstrapAdmin.username,
      `${stack.keycloakUrl}/realms/master`,
      stack.bootstrapAdmin.password,
    );
    expect((await call('GET', '/api/v1/me', { token: master })).status).toBe(401);
  });

  test('wrong audience: 401', async () => {
    const token = await passwordToken(logins.withoutAudience, contract.demoUsers.manager);
    expect((await call('GET', '/api/v1/me', { token })).status).toBe(401);
  });

  test('a token issued to another client of the realm, even with the audience and the right: 401', async () => {
    const admin = await bootstrapAdminClient();
    const other = `${uniqueName('other-app').replace(/\s+/g, '-')}`;
    const { id } = await admin.clients.create(passwordLoginClient(other, { audience: true }));
    try {
      const token = await passwordToken(other, contract.demoUsers.manager);
      const response = await call('GET', '/api/v1/clients', { token });
      expect(response.status).toBe(401);
      expect(response.json.detail).toContain('not issued to a client that may use this API');
    } finally {
      await admin.clients.del({ id });
    }
  });

  test('step-up: with a required login level, a password login may read but not change', async () => {
    const strict = await startApp({ requiredAcr: ['2'] });
    try {
      const strictCall = api(strict.url, ledger);
      expect((await strictCall('GET', '/api/v1/clients', { token: manager })).status).toBe(200);
      const refused = await strictCall('POST', '/api/v1/clients', {
        token: manager,
        body: { name: uniqueName('Step-up'), services: [SERVICE] },
      });
      expect(refused.status).toBe(403);
      expect(refused.json).toMatchObject({ code: 'step_up_required', type: 'urn:focus-api-access:problem:step_up_required' });
      expect(refused.json.detail).toContain('acr 2');
    } finally {
      await strict.close();
    }
  });

  test('expired (clock one hour ahead): 401', async () => {
    const later = await startApp({ now: () => new Date(Date.now() + 3_600_000) });
    try {
      const response = await api(later.url)('GET', '/api/v1/me', { token: manager });
      expect(response.status).toBe(401);
      expect(response.json.detail).toContain('expired');
    } finally {
      await later.close();
    }
  });

  test('user without the right: /me says so, every client route is 403 naming the right', async () => {
    const me = await call('GET', '/api/v1/me', { token: employee });
    expect(me.json).toMatchObject({ username: contract.demoUsers.employee, mayManage: false });
    for (const [method, path] of [
      ['GET', '/api/v1/services'],
      ['GET', '/api/v1/settings'],
      ['GET', '/api/v1/clients'],
      ['POST', '/api/v1/clients'],
      ['GET', '/api/v1/clients/x'],
      ['DELETE', '/api/v1/clients/x'],
      ['POST', '/api/v1/clients/x/credentials'],
      ['GET', '/api/v1/clients/x/activity'],
      ['GET', '/api/v1/clients/x/refusals?reason=bad_secret'],
      ['POST', '/api/v1/clients/x/ip-range-check'],
      ['GET', '/api/v1/expiring-secrets'],
    ] as const) {
      const response = await call(method, path, { token: employee, ...(method === 'POST' ? { body: {} } : {}) });
      expect(response.status).toBe(403);
      expect(response.json.detail).toContain(contract.manageRight.role);
    }
  });

  test('cli-login: where the CLI signs a person in, without a token', async () => {
    const answer = await call('GET', '/api/v1/cli-login');
    expect(answer.status).toBe(200);
    expect(answer.json).toEqual({ issuer: stack.realmUrl, clientId: contract.clients.cli });
    const discovery = await fetch(`${answer.json.issuer}/.well-known/openid-configuration`);
    expect(((await discovery.json()) as { device_authorization_endpoint?: string }).device_authorization_endpoint).toBe(
      `${stack.realmUrl}/protocol/openid-connect/auth/device`,
    );
  });

  test("settings: how long a replaced secret keeps working, as the realm's generation policy says", async () => {
    const settings = await call('GET', '/api/v1/settings', { token: manager });
    expect(settings.status).toBe(200);
    // The run's Keycloak is started with the stack's setting (FOCUS_SECRET_GRACE_SECONDS, or the contract's default).
    expect(settings.json).toEqual({ secretGraceSeconds: readSettings().secretGraceSeconds });
  });

  test('user with the right', async () => {
    expect((await call('GET', '/api/v1/me', { token: manager })).json).toMatchObject({
      username: contract.demoUsers.manager,
      mayManage: true,
    });
    expect((await call('GET', '/api/v1/services', { token: manager })).json).toContainEqual(expect.objectContaining({ id: SERVICE }));
  });
});

describe('routes', () => {
  test('create, show, list, patch, disable, credentials, activity, end grace, delete', async () => {
    const name = uniqueName('Route');
    const created = await createClient(name);
    expect(created).toMatchObject({ name, services: [SERVICE], enabled: true });
    expect((await call('GET', `/api/v1/clients/${created.id}`, { token: manager })).json.clientId).toBe(created.clientId);
    const list = await call('GET', `/api/v1/clients?search=${encodeURIComponent(name)}&first=0&max=5`, { token: manager });
    expect(list.json).toMatchObject({ first: 0, max: 5, total: 1, hasMore: false, items: [expect.objectContaining({ id: created.id })] });
    const patched = await call('PATCH', `/api/v1/clients/${created.id}`, {
      token: manager,
      body: { ipRanges: ['2001:db8::/48'], enabled: false },
    });
    expect(patched.json).toMatchObject({ ipRanges: ['2001:db8::/48'], enabled: false });
    await call('PATCH', `/api/v1/clients/${created.id}`, { token: manager, body: { enabled: true, ipRanges: [] } });
    const credentials = await call('POST', `/api/v1/clients/${created.id}/credentials`, { token: manager });
    expect(credentials.status).toBe(201);
    expect(credentials.headers.get('cache-control')).toBe('no-store');
    expect(credentials.json).toMatchObject({ clientId: created.clientId, tokenEndpoint: stack.tokenEndpoint, scope: SERVICE });
    expect((await vendorToken(created.clientId, credentials.json.clientSecret)).status).toBe(200);
    const again = await call('POST', `/api/v1/clients/${created.id}/credentials`, { token: manager, body: { revokePrevious: false } });
    expect(again.status).toBe(201);
    expect((await call('DELETE', `/api/v1/clients/${created.id}/credentials/previous`, { token: manager })).status).toBe(204);
    const activity = await eventually(
      () => call('GET', `/api/v1/clients/${created.id}/activity`, { token: manager }),
      (answer) => answer.json.lastUse !== undefined,
    );
    expect(activity.json).toEqual({
      lastUse: { time: expect.any(String), ipAddress: '127.0.0.1' },
      addresses: [expect.any(Object)],
      refusals: [],
    });
    expect((await call('DELETE', `/api/v1/clients/${created.id}`, { token: manager })).status).toBe(204);
    expect((await call('GET', `/api/v1/clients/${created.id}`, { token: manager })).status).toBe(404);
  });

  test('non-managed clients are 404 on every route', async () => {
    const { default: Admin } = await import('@keycloak/keycloak-admin-client');
    void Admin;
    const list = await call('GET', '/api/v1/clients?max=100', { token: manager });
    expect(list.json.items.map((c: { clientId: string }) => c.clientId)).not.toContain(contract.clients.adminSpa);
    const { bootstrapAdminClient } = await import('./support.js');
    const admin = await bootstrapAdminClient();
    const [spa] = await admin.clients.find({ clientId: contract.clients.adminSpa });
    for (const [method, path] of [
      ['GET', ''],
      ['PATCH', ''],
      ['DELETE', ''],
      ['POST', '/credentials'],
      ['DELETE', '/credentials/previous'],
      ['GET', '/activity'],
      ['GET', '/refusals?reason=bad_secret'],
      ['POST', '/ip-range-check'],
    ] as const) {
      const response = await call(method, `/api/v1/clients/${spa!.id}${path}`, {
        token: manager,
        ...(method === 'PATCH'
          ? { body: { name: 'x' } }
          : method === 'POST' && path === '/ip-range-check'
            ? { body: { ipRanges: [] } }
            : {}),
      });
      expect(response.status).toBe(404);
    }
  });

  test('409 on a duplicate name, with the field', async () => {
    const created = await createClient();
    const dup = await call('POST', '/api/v1/clients', { token: manager, body: { name: created.name.toUpperCase(), services: [SERVICE] } });
    expect(dup.status).toBe(409);
    expect(dup.json.errors).toEqual([expect.objectContaining({ field: 'name', reason: 'taken' })]);
  });

  test('409 on renaming to a name another client got by renaming (its Client ID does not show it)', async () => {
    const first = await createClient();
    const second = await createClient();
    const name = `${first.name} Renamed Twice`;
    expect((await call('PATCH', `/api/v1/clients/${first.id}`, { token: manager, body: { name } })).status).toBe(200);
    const dup = await call('PATCH', `/api/v1/clients/${second.id}`, { token: manager, body: { name: `  ${name.toUpperCase()} ` } });
    expect(dup.status).toBe(409);
    expect(dup.json.errors).toEqual([expect.objectContaining({ field: 'name', reason: 'taken' })]);
    expect((await call('GET', `/api/v1/clients/${second.id}`, { token: manager })).json.name).toBe(second.name);
    // Its own name again, in other letters, is no conflict.
    expect((await call('PATCH', `/api/v1/clients/${first.id}`, { token: manager, body: { name: name.toLowerCase() } })).status).toBe(200);
  });

  test('OpenAPI document and docs page', async () => {
    const doc = await call('GET', '/api/openapi.json');
    expect(doc.json.paths['/api/v1/clients/{id}/credentials'].post.responses['201']).toBeDefined();
    expect((await call('GET', '/api/docs/')).status).toBe(200);
    expect((await call('GET', '/healthz')).json).toEqual({ status: 'ok' });
    // The nodes' states are on the management listener only (failover.test.ts reads them there).
    expect((await call('GET', '/readyz')).json).toEqual({ status: 'ready' });
    expect((await call('GET', '/metrics')).status).toBe(404);
  });

  test('CORS answers configured origins only', async () => {
    const ok = await call('OPTIONS', '/api/v1/clients', {
      headers: { origin: 'http://focus.test', 'access-control-request-method': 'GET' },
    });
    expect(ok.headers.get('access-control-allow-origin')).toBe('http://focus.test');
    const other = await call('OPTIONS', '/api/v1/clients', {
      headers: { origin: 'http://evil.test', 'access-control-request-method': 'GET' },
    });
    expect(other.headers.get('access-control-allow-origin')).toBeNull();
  });

  test('credential generation is rate limited per user', async () => {
    const created = await createClient();
    const statuses: number[] = [];
    for (let i = 0; i < 7; i++)
      statuses.push(
        (await call('POST', `/api/v1/clients/${created.id}/credentials`, { token: manager, body: { revokePrevious: true } })).status,
      );
    expect(statuses).toContain(429);
    const limited = await call('POST', `/api/v1/clients/${created.id}/credentials`, { token: manager });
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toEqual(expect.any(String));
    expect(limited.json.type).toBe('urn:focus-api-access:problem:rate_limited');
  });
});

describe('bad input: 4xx with the field named, nothing created', () => {
  const name = () => uniqueName('Bad');
  test.each([
    ['empty name', () => ({ name: '   ', services: [SERVICE] }), 'name'],
    ['name too long', () => ({ name: 'x'.repeat(101), services: [SERVICE] }), 'name'],
    ['control characters', () => ({ name: `${name()}\u0001`, services: [SERVICE] }), 'name'],
    ['name of the wrong type', () => ({ name: 42, services: [SERVICE] }), 'name'],
    ['no services', () => ({ name: name(), services: [] }), 'services'],
    ['services missing', () => ({ name: name() }), 'services'],
    ['unknown service', () => ({ name: name(), services: ['nope'] }), 'services[0]'],
    ['malformed CIDR', () => ({ name: name(), services: [SERVICE], ipRanges: ['10.0.0.0/24', '10.0.0.300'] }), 'ipRanges[1]'],
    ['out-of-range prefix', () => ({ name: name(), services: [SERVICE], ipRanges: ['2001:db8::/200'] }), 'ipRanges[0]'],
    ['ranges of the wrong type', () => ({ name: name(), services: [SERVICE], ipRanges: '10.0.0.0/8' }), 'ipRanges'],
    [
      'too many ranges',
      () => ({ name: name(), services: [SERVICE], ipRanges: Array.from({ length: 51 }, (_, i) => `10.${i}.0.0/16`) }),
      'ipRanges',
    ],
    ['unknown field', () => ({ name: name(), services: [SERVICE], clientId: 'mine' }), 'clientId'],
  ])('%s', async (_case, body, field) => {
    const sent = body();
    const response = await call('POST', '/api/v1/clients', { token: manager, body: sent });
    expect(response.status).toBe(400);
    expect(response.headers.get('content-type')).toContain('application/problem+json');
    expect(response.json.errors.map((e: { field: string }) => e.field)).toContain(field);
    if (typeof sent.name === 'string' && sent.name.trim()) {
      const list = await call('GET', `/api/v1/clients?search=${encodeURIComponent(sent.name.trim().slice(0, 100))}`, { token: manager });
      expect(list.json?.items ?? []).toEqual([]);
    }
  });

  test('huge body: 413', async () => {
    const response = await call('POST', '/api/v1/clients', {
      token: manager,
      body: { name: 'x', services: [SERVICE], pad: 'x'.repeat(100_000) },
    });
    expect(response.status).toBe(413);
  });

  test.each([
    ['application/x-www-form-urlencoded', 'name=x'],
    ['text/plain', '{"name":"x","services":["openhappening-eaglebe"]}'],
    ['text/plain; charset=utf-8', 'x'],
    ['application/xml', '<client/>'],
  ])('wrong content type %s: 415 naming the content type', async (contentType, rawBody) => {
    const response = await call('POST', '/api/v1/clients', { token: manager, rawBody, contentType });
    expect(response.status).toBe(415);
    expect(response.json.code).toBe('unsupported_media_type');
    expect(response.json.detail).toBe(`${contentType.split(';')[0]} is not accepted: send application/json`);
    expect(response.json.errors[0].field).toBe('content-type');
  });

  test('broken JSON: 400 naming the body', async () => {
    const response = await call('POST', '/api/v1/clients', { token: manager, rawBody: '{"name":', contentType: 'application/json' });
    expect(response.status).toBe(400);
    expect(response.json.errors[0].field).toBe('body');
  });

  test.each([
    ['/api/v1/clients?max=0', 'max'],
    ['/api/v1/clients?max=1000', 'max'],
    ['/api/v1/clients?first=-1', 'first'],
    ['/api/v1/clients?bogus=1', 'bogus'],
    ['/api/v1/clients/bad%20id', 'id'],
  ])('%s: 400 naming %s', async (path, field) => {
    const response = await call('GET', path, { token: manager });
    expect(response.status).toBe(400);
    expect(response.json.errors.map((e: { field: string }) => e.field)).toContain(field);
  });

  test('PATCH with nothing to change, and credentials with a wrong type', async () => {
    const created = await createClient();
    expect((await call('PATCH', `/api/v1/clients/${created.id}`, { token: manager, body: {} })).status).toBe(400);
    const wrong = await call('POST', `/api/v1/clients/${created.id}/credentials`, { token: manager, body: { revokePrevious: 'yes' } });
    expect(wrong.status).toBe(400);
    expect(wrong.json.errors[0].field).toBe('revokePrevious');
  });
});
