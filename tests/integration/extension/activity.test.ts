/**
 * The activity listener and the read endpoint in the run's shared Keycloak: last use without a write per token,
 * refusals by reason for managed clients only, nothing stored for unknown Client IDs, and the endpoint's guard.
 */
import { contract } from '@focus-api-access/contract';
import { bootstrapAdminClient } from '../../support/keycloak.js';
import { ensureLoginClient } from '../../support/login-client.js';
import { testStack } from '../../support/stack.js';
import { activityOf, eventually, provisionerToken, readEndpoint, refusalsOf, type ActivityAnswer } from './activity-support.js';
import {
  Admin,
  apiClientRepresentation,
  createClient,
  deleteClient,
  realm,
  tokenRequest,
  uniqueName,
  type ApiClientFixture,
  type TokenCall,
} from './support.js';

const admin = new Admin();
const created: string[] = [];
const token = (call: TokenCall) => tokenRequest(testStack().keycloakUrl, realm, call);

async function apiClient(attributes: Record<string, string> = {}, managed = true): Promise<ApiClientFixture> {
  const rep = apiClientRepresentation(uniqueName('activity-test'), attributes);
  if (!managed) delete (rep.attributes as Record<string, string>)[contract.apiClientAttributes.managed];
  const client = await createClient(admin, realm, rep);
  created.push(client.id);
  return client;
}

afterAll(async () => {
  for (const id of created) await deleteClient(admin, realm, id);
});

describe('last use', () => {
  it('is recorded with the address at the first token, and the next tokens within the write interval write nothing', async () => {
    const client = await apiClient();
    const before = Date.now();
    expect((await token({ ...client, from: '127.0.0.1' })).status).toBe(200);
    const first = await eventually(
      () => activityOf(client.id),
      (a) => a.lastUse !== undefined,
    );
    expect(first.lastUse).toEqual({ time: expect.any(Number), address: '127.0.0.1' });
    expect(first.lastUse!.time).toBeGreaterThanOrEqual(before - 1000);
    expect(first.addresses).toEqual([{ address: '127.0.0.1', firstSeen: first.lastUse!.time, lastSeen: first.lastUse!.time }]);

    for (let i = 0; i < 5; i++) expect((await token({ ...client, from: '127.0.0.2' })).status).toBe(200);
    // The node writes in order on one thread: once this refusal is there, any write the tokens caused is done too.
    expect((await token({ ...client, secret: 'wrong', from: '127.0.0.3' })).status).toBe(401);
    const after = await eventually(
      () => activityOf(client.id),
      (a) => a.refusals.length > 0,
    );
    expect(after.lastUse).toEqual(first.lastUse);
    expect(after.addresses).toEqual(first.addresses);
  });

  it('is there for managed clients only: the endpoint does not know other clients', async () => {
    const other = await apiClient({}, false);
    expect((await token(other)).status).toBe(200);
    const answer = await readEndpoint(`/clients/${other.id}/activity`, await provisionerToken());
    expect(answer.status).toBe(404);
  });
});

describe('refusals', () => {
  it('are kept per reason: a wrong secret apart from an address outside the ranges, each with its address', async () => {
    const client = await apiClient({ [contract.apiClientAttributes.ipRanges]: '127.0.0.1/32' });
    expect((await token({ ...client, secret: 'wrong', from: '127.0.0.1' })).status).toBe(401);
    expect((await token({ ...client, from: '127.0.0.2' })).status).toBe(400);
    const activity = await eventually(
      () => activityOf(client.id),
      (a: ActivityAnswer) => a.refusals.length === 2,
    );
    expect(activity.refusals).toEqual([
      { reason: 'ip_not_allowed', refusals: 1, sources: 1, lastAt: expect.any(Number) },
      { reason: 'bad_secret', refusals: 1, sources: 1, lastAt: expect.any(Number) },
    ]);
    expect(activity.lastUse).toBeUndefined();
    expect((await refusalsOf(client.id, 'ip_not_allowed')).items).toEqual([
      { address: '127.0.0.2', error: 'unauthorized_client', firstAt: expect.any(Number), lastAt: expect.any(Number), refusals: 1 },
    ]);
    expect((await refusalsOf(client.id, 'bad_secret')).items).toEqual([
      expect.objectContaining({ address: '127.0.0.1', error: 'invalid_client_credentials', refusals: 1 }),
    ]);
  });

  it('for a Client ID the realm does not know leave no trace: the realm stores no event at all', async () => {
    const unknown = uniqueName('api-made-up');
    for (let i = 0; i < 5; i++) expect((await token({ clientId: unknown, secret: 'guess' })).status).toBe(401);
    const client = await apiClient();
    expect((await token(client)).status).toBe(200);
    // The realm stores no event, neither the refusals nor the token; the known client's use is recorded all the same.
    for (const clientId of [unknown, client.clientId]) {
      const events = await admin.expect<unknown[]>(200, 'GET', `/${realm}/events?client=${encodeURIComponent(clientId)}&max=100`);
      expect(events.body).toEqual([]);
    }
    await eventually(
      () => activityOf(client.id),
      (a) => a.lastUse !== undefined,
    );
  });
});

describe('the read endpoint', () => {
  it('answers only callers with view-clients of realm-management', async () => {
    const vendor = await apiClient();
    const vendorToken = String((await token(vendor)).body.access_token);
    const kc = await bootstrapAdminClient();
    const { clientId: loginClient } = await ensureLoginClient(kc, true);
    const employee = await fetch(testStack().tokenEndpoint, {
      method: 'POST',
      body: new URLSearchParams({
        grant_type: 'password',
        client_id: loginClient,
        username: contract.demoUsers.employee,
        password: testStack().demoPassword,
      }),
    });
    const employeeToken = ((await employee.json()) as { access_token: string }).access_token;
    const master = await fetch(`${testStack().keycloakUrl}/realms/master/protocol/openid-connect/token`, {
      method: 'POST',
      body: new URLSearchParams({ grant_type: 'password', client_id: 'admin-cli', ...testStack().bootstrapAdmin }),
    });
    const masterToken = ((await master.json()) as { access_token: string }).access_token;

    for (const path of ['/clients', `/clients/${vendor.id}/activity`, `/clients/${vendor.id}/refusals?reason=bad_secret`]) {
      expect((await readEndpoint(path, undefined)).status).toBe(401);
      expect((await readEndpoint(path, 'not-a-token')).status).toBe(401);
      expect((await readEndpoint(path, masterToken)).status).toBe(401);
      expect((await readEndpoint(path, vendorToken)).status).toBe(403);
      expect((await readEndpoint(path, employeeToken)).status).toBe(403);
      expect((await readEndpoint(path, await provisionerToken())).status).toBe(200);
    }
  });

  it('refuses bad parameters with 400 naming them', async () => {
    const provisioner = await provisionerToken();
    for (const [path, field] of [
      ['/clients?max=0', 'max'],
      ['/clients?max=abc', 'max'],
      ['/clients?first=-1', 'first'],
      [`/clients?search=${'x'.repeat(101)}`, 'search'],
      ['/clients/x/refusals?reason=nope', 'reason'],
    ] as const) {
      const answer = await readEndpoint(path, provisioner);
      expect(answer).toEqual({ status: 400, body: expect.objectContaining({ error: 'invalid_request', field }) });
    }
  });

  it('lists managed clients with their last use and never a secret attribute', async () => {
    const client = await apiClient();
    const response = await token(client);
    expect(response.status).toBe(200);
    await eventually(
      () => activityOf(client.id),
      (a) => a.lastUse !== undefined,
    );
    const { body } = await readEndpoint(`/clients?search=${encodeURIComponent(client.clientId)}`, await provisionerToken());
    expect(body.total).toBe(1);
    expect(body.clients).toEqual([
      expect.objectContaining({
        id: client.id,
        clientId: client.clientId,
        enabled: true,
        lastUse: { time: expect.any(Number), address: '127.0.0.1' },
      }),
    ]);
    expect(JSON.stringify(body)).not.toContain(client.secret);
    expect(Object.keys(body.clients[0].attributes).every((k: string) => k.startsWith('focus.') || k.startsWith('client.secret.'))).toBe(
      true,
    );
  });
});
