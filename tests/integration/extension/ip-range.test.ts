/**
 * The IP-range executor in the run's shared Keycloak: a managed API client gets tokens only from its ranges.
 * Requests leave from chosen loopback addresses (127.0.0.1, 127.0.0.2, ::1).
 */
import { contract } from '@focus-api-access/contract';
import { testStack } from '../../support/stack.js';
import { eventually, provisionerToken, readEndpoint } from './activity-support.js';
import {
  Admin,
  apiClientRepresentation,
  clientAttributes,
  createClient,
  deleteClient,
  realm,
  tokenRequest,
  uniqueName,
  type ApiClientFixture,
  type TokenCall,
} from './support.js';

const IP_RANGES = contract.apiClientAttributes.ipRanges;
const admin = new Admin();
const created: string[] = [];
const token = (call: TokenCall) => tokenRequest(testStack().keycloakUrl, realm, call);

async function apiClient(ranges: string | undefined, extra: Record<string, unknown> = {}): Promise<ApiClientFixture> {
  const attributes = ranges === undefined ? {} : { [IP_RANGES]: ranges };
  const client = await createClient(admin, realm, { ...apiClientRepresentation(uniqueName('ip-test'), attributes), ...extra });
  created.push(client.id);
  return client;
}

afterAll(async () => {
  for (const id of created) await deleteClient(admin, realm, id);
});

function expectRefused(response: { status: number; body: Record<string, unknown> }, address: string): void {
  expect(response.status).toBe(400);
  expect(response.body.error).toBe('unauthorized_client');
  expect(response.body.error_description).toBe(`ip_not_allowed: ${address} is not in the IP ranges allowed for this client`);
  expect(response.body.access_token).toBeUndefined();
  expect(JSON.stringify(response.body)).not.toMatch(/Exception|\tat /);
}

describe('a client restricted to 127.0.0.1/32', () => {
  let client: ApiClientFixture;
  beforeAll(async () => {
    client = await apiClient('127.0.0.1/32');
  });

  it('gets a token from 127.0.0.1', async () => {
    const response = await token({ ...client, from: '127.0.0.1' });
    expect(response.status).toBe(200);
    expect(response.body.access_token).toEqual(expect.any(String));
  });

  it('is refused from 127.0.0.2 with an OAuth error naming the address', async () => {
    expectRefused(await token({ ...client, from: '127.0.0.2' }), '127.0.0.2');
  });

  it('still answers a wrong secret from 127.0.0.2 with invalid_client, revealing nothing about the ranges', async () => {
    const response = await token({ ...client, secret: 'wrong', from: '127.0.0.2' });
    expect(response.status).toBe(401);
    expect(response.body.error).toBe('unauthorized_client');
    expect(String(response.body.error_description)).not.toContain('ip_');
  });

  it('ignores X-Forwarded-For and Forwarded sent by a caller Keycloak does not trust', async () => {
    const spoofed = await token({
      ...client,
      from: '127.0.0.2',
      headers: { 'x-forwarded-for': '127.0.0.1', forwarded: 'for=127.0.0.1' },
    });
    expectRefused(spoofed, '127.0.0.2');
    const honest = await token({
      ...client,
      from: '127.0.0.1',
      headers: { 'x-forwarded-for': '203.0.113.7', forwarded: 'for=203.0.113.7' },
    });
    expect(honest.status).toBe(200);
  });

  it("records the refusal in the client's activity, with the reason and the address", async () => {
    expectRefused(await token({ ...client, from: '127.0.0.2' }), '127.0.0.2');
    const refusals = await eventually(
      async () => (await readEndpoint(`/clients/${client.id}/refusals?reason=ip_not_allowed`, await provisionerToken())).body,
      (page: { total: number; items: unknown[] }) => page.total > 0,
    );
    expect(refusals.items).toEqual([expect.objectContaining({ address: '127.0.0.2', error: 'unauthorized_client' })]);
  });
});

// IPv6 callers: see forwarded-and-ipv6.test.ts (the shared Keycloak listens on 127.0.0.1 only).
describe.each([
  ['a list of ranges', '10.0.0.0/8, 127.0.0.2/32 ; ::1', [{ from: '127.0.0.2' }], [{ from: '127.0.0.1' }, { from: '127.0.0.3' }]],
  ['an IPv4-mapped IPv6 range', '::ffff:127.0.0.0/120', [{ from: '127.0.0.1' }, { from: '127.0.0.2' }], [{ from: '127.0.1.1' }]],
  ['an IPv6 range only', '::1/128', [], [{ from: '127.0.0.1' }]],
  ['a /0 IPv4 range', '0.0.0.0/0', [{ from: '127.0.0.1' }, { from: '127.0.0.9' }], []],
  ['a /31 block', '127.0.0.2/31', [{ from: '127.0.0.2' }, { from: '127.0.0.3' }], [{ from: '127.0.0.1' }, { from: '127.0.0.4' }]],
])('a client with %s (%s)', (_label, ranges, allowed, refused) => {
  let client: ApiClientFixture;
  beforeAll(async () => {
    client = await apiClient(ranges);
  });

  it('gets tokens only from inside', async () => {
    for (const where of allowed) expect((await token({ ...client, ...where })).status).toBe(200);
    for (const where of refused) expectRefused(await token({ ...client, ...where }), where.from);
  });
});

describe('a client without ranges', () => {
  it('gets tokens from anywhere', async () => {
    const client = await apiClient(undefined);
    for (const where of [{ from: '127.0.0.1' }, { from: '127.0.0.2' }, { from: '127.0.0.200' }]) {
      expect((await token({ ...client, ...where })).status).toBe(200);
    }
  });
});

describe('other grants of a restricted client', () => {
  it('refuses the password grant and the refresh of a token from outside the range', async () => {
    const client = await apiClient('127.0.0.1/32', { directAccessGrantsEnabled: true });
    const password = { grant_type: 'password', username: contract.demoUsers.employee, password: testStack().demoPassword, scope: 'openid' };
    const inside = await token({ ...client, from: '127.0.0.1', form: password });
    expect(inside.status).toBe(200);
    const refreshToken = String(inside.body.refresh_token);

    expectRefused(await token({ ...client, from: '127.0.0.2', form: password }), '127.0.0.2');
    const refresh = { grant_type: 'refresh_token', refresh_token: refreshToken };
    expectRefused(await token({ ...client, from: '127.0.0.2', form: refresh }), '127.0.0.2');
    expect((await token({ ...client, from: '127.0.0.1', form: refresh })).status).toBe(200);
  });
});

describe('bad ranges', () => {
  it('refuses an admin create with a bad range, naming the entry, and leaves no client behind', async () => {
    const clientId = uniqueName('ip-test-bad');
    const response = await admin.call(
      'POST',
      `/${realm}/clients`,
      apiClientRepresentation(clientId, { [IP_RANGES]: '10.0.0.0/8, 10.0.0.300' }),
    );
    expect(response.status).toBe(400);
    expect(JSON.stringify(response.body)).toContain('10.0.0.300');
    const left = await admin.expect<unknown[]>(200, 'GET', `/${realm}/clients?clientId=${encodeURIComponent(clientId)}`);
    expect(left.body).toEqual([]);
  });

  it('refuses an admin update with a bad range, naming the entry, and keeps the stored value', async () => {
    const client = await apiClient('127.0.0.1/32');
    const current = await admin.expect<Record<string, any>>(200, 'GET', `/${realm}/clients/${client.id}`);
    const update = { ...current.body, attributes: { ...current.body.attributes, [IP_RANGES]: '127.0.0.1/32, 2001:db8::1/32' } };
    const response = await admin.call('PUT', `/${realm}/clients/${client.id}`, update);
    expect(response.status).toBe(400);
    expect(response.body).toMatchObject({ error: 'invalid_client_metadata' });
    expect(String(response.body.error_description)).toContain('"2001:db8::1/32"');
    expect((await clientAttributes(admin, realm, client.id))[IP_RANGES]).toBe('127.0.0.1/32');

    const good = { ...current.body, attributes: { ...current.body.attributes, [IP_RANGES]: '127.0.0.2/32' } };
    await admin.expect(204, 'PUT', `/${realm}/clients/${client.id}`, good);
    expect((await token({ ...client, from: '127.0.0.2' })).status).toBe(200);
  });

  it('fails closed when a stored value does not parse (imported past the admin API)', async () => {
    const clientId = uniqueName('ip-test-broken');
    const imported = await admin.call<Record<string, any>>('POST', `/${realm}/partialImport`, {
      ifResourceExists: 'FAIL',
      clients: [apiClientRepresentation(clientId, { [IP_RANGES]: '127.0.0.1/32, localhost' })],
      // A partial import does not create the service account the admin API would create.
      users: [{ username: `service-account-${clientId}`, enabled: true, serviceAccountClientId: clientId }],
    });
    expect(imported.status).toBe(200);
    const id = String((imported.body.results as Array<Record<string, unknown>>).find((r) => r.resourceType === 'CLIENT')?.id);
    created.push(id);
    const secret = (await admin.expect<{ value: string }>(200, 'GET', `/${realm}/clients/${id}/client-secret`)).body.value;
    for (const where of [{ from: '127.0.0.1' }, { from: '127.0.0.2' }]) {
      const response = await token({ clientId, secret, ...where });
      expect(response.body).toMatchObject({ error: 'unauthorized_client' });
      expect(response.status).toBe(400);
      expect(response.body.error).toBe('unauthorized_client');
      expect(response.body.error_description).toMatch(/^ip_ranges_invalid: /);
    }
  });
});

describe('the client policies of realm focus', () => {
  it('run the IP-range executor, then the one that keeps secrets as digests, for managed clients', async () => {
    const profiles = await admin.expect<{ profiles: Array<{ name: string; executors: Array<{ executor: string }> }> }>(
      200,
      'GET',
      `/${realm}/client-policies/profiles`,
    );
    const profile = profiles.body.profiles.find((p) => p.name === contract.clientProfile);
    expect(profile?.executors.map((e) => e.executor)).toEqual([
      contract.ipRangeExecutor,
      contract.secretGenerationExecutor,
      contract.historyExecutor,
    ]);

    const policies = await admin.expect<{ policies: Array<Record<string, any>> }>(200, 'GET', `/${realm}/client-policies/policies`);
    const policy = policies.body.policies.find((p) => p.name === contract.clientPolicy);
    expect(policy).toMatchObject({ enabled: true, profiles: [contract.clientProfile] });
    expect(policy?.conditions).toEqual([expect.objectContaining({ condition: 'client-attributes' })]);
    expect(JSON.parse(policy?.conditions[0].configuration.attributes)).toEqual([
      { key: contract.apiClientAttributes.managed, value: contract.markerValue },
    ]);
    const deviceGrant = policies.body.policies.find((p) => p.conditions?.[0]?.condition === 'grant-type');
    expect(deviceGrant).toMatchObject({ enabled: true, profiles: [contract.clientProfile] });
    expect(deviceGrant?.conditions[0].configuration.grant_types).toEqual(['urn:ietf:params:oauth:grant-type:device_code']);
  });
});
