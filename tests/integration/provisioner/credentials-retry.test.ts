/**
 * Generating credentials is safe to retry. Keycloak records each new secret's request key and refuses a second
 * generation for one key; a generation whose answer is lost is reported as such (409), never repeated, and the
 * generation after it leaves the vendor's working secret its grace period. Answers are lost by a proxy that lets the
 * request reach Keycloak and breaks the connection as the answer comes back (a timeout after Keycloak acted).
 */
import { randomUUID } from 'node:crypto';
import { contract } from '@focus-api-access/contract';
import { generateCredentials } from '../../../provisioner/src/core/index.js';
import { isDigestOf } from '../../support/secret-digest.js';
import { Admin } from '../extension/support.js';
import {
  SERVICE,
  SecretLedger,
  api,
  bootstrapAdminClient,
  deps,
  loginClients,
  nodeProxy,
  passwordToken,
  startApp,
  uniqueName,
  vendorToken,
  type NodeProxy,
  type TestApp,
} from './support.js';

const ledger = new SecretLedger();
const CLIENT_SECRET_POST = /^POST \/admin\/realms\/focus\/clients\/[0-9a-f-]+\/client-secret HTTP/;
let logins: Awaited<ReturnType<typeof loginClients>>;
let manager: string;
const apps: TestApp[] = [];
const proxies: NodeProxy[] = [];
let direct: ReturnType<typeof api>;

beforeAll(async () => {
  logins = await loginClients();
  manager = await passwordToken(logins.withAudience, contract.demoUsers.manager);
  const app = await startApp();
  apps.push(app);
  direct = api(app.url, ledger);
});

afterAll(async () => {
  for (const app of apps) {
    await app.close();
    ledger.text('provisioner log', app.logs.join(''));
  }
  for (const proxy of proxies) await proxy.stop();
  await logins.remove();
  expect(ledger.secrets.size).toBeGreaterThan(0);
  expect(ledger.leaks()).toEqual([]);
});

/** The provisioner, reaching Keycloak through a proxy that loses the answers the test picks. */
async function provisionerLosing(loseAnswersTo: RegExp | ((line: string) => boolean)): Promise<ReturnType<typeof api>> {
  const proxy = await nodeProxy({ loseAnswersTo });
  proxies.push(proxy);
  const app = await startApp({ keycloakUrl: proxy.url });
  apps.push(app);
  return api(app.url, ledger);
}

async function createClient(): Promise<{ id: string; clientId: string }> {
  const created = await direct('POST', '/api/v1/clients', { token: manager, body: { name: uniqueName('Retry'), services: [SERVICE] } });
  expect(created.status).toBe(201);
  return created.json;
}

function generate(call: ReturnType<typeof api>, id: string, key: string, body: unknown = {}) {
  return call('POST', `/api/v1/clients/${id}/credentials`, { token: manager, body, headers: { 'idempotency-key': key } });
}

/** Whether Keycloak keeps this secret's digest as the previous one (for the grace period); never prints the secret. */
async function rotatedSecretIs(id: string, secret: string): Promise<boolean> {
  const rep = await (await bootstrapAdminClient()).clients.findOne({ id });
  return isDigestOf(rep?.attributes?.[contract.apiClientAttributes.previousSecretDigest], secret);
}

const works = async (clientId: string, secret: string) => (await vendorToken(clientId, secret)).status === 200;

test("a lost answer is 409 'not delivered', the same key never rotates again, and the vendor's secret keeps working", async () => {
  const client = await createClient();
  const first = await generate(direct, client.id, randomUUID());
  expect(first.status).toBe(201);
  const vendorSecret: string = first.json.clientSecret;
  expect(await works(client.clientId, vendorSecret)).toBe(true);

  const losing = await provisionerLosing(CLIENT_SECRET_POST);
  const key = randomUUID();
  const lost = await generate(losing, client.id, key);
  expect([lost.status, lost.json.code]).toEqual([409, 'credentials_not_delivered']);
  expect(lost.json.previousSecretStatus).toBe('valid');
  expect(Date.parse(lost.json.previousSecretValidUntil)).toBeGreaterThan(Date.now());
  expect(lost.json.detail).toContain('generated');
  expect(await works(client.clientId, vendorSecret)).toBe(true);

  // The page's or a script's retry with the same key: the same answer, and Keycloak made no second secret.
  const retried = await generate(direct, client.id, key);
  expect([retried.status, retried.json.code, retried.json.previousSecretValidUntil]).toEqual([
    409,
    'credentials_not_delivered',
    lost.json.previousSecretValidUntil,
  ]);
  expect(await rotatedSecretIs(client.id, vendorSecret)).toBe(true);
  expect(await works(client.clientId, vendorSecret)).toBe(true);

  // New credentials after that (a new request): the lost secret ends, the vendor's secret keeps its grace period.
  const next = await generate(direct, client.id, randomUUID());
  expect(next.status).toBe(201);
  expect([next.json.previousSecretStatus, next.json.previousSecretValidUntil]).toEqual(['valid', lost.json.previousSecretValidUntil]);
  expect(await works(client.clientId, next.json.clientSecret)).toBe(true);
  expect(await works(client.clientId, vendorSecret)).toBe(true);
  expect(await rotatedSecretIs(client.id, vendorSecret)).toBe(true);
});

test('a new key after a delivered generation rotates as before: the previous secret keeps its grace, at most two work', async () => {
  const client = await createClient();
  const first = await generate(direct, client.id, randomUUID());
  const second = await generate(direct, client.id, randomUUID());
  expect([second.status, second.json.previousSecretStatus]).toEqual([201, 'valid']);
  expect(await works(client.clientId, first.json.clientSecret)).toBe(true);
  expect(await rotatedSecretIs(client.id, first.json.clientSecret)).toBe(true);
  const third = await generate(direct, client.id, randomUUID());
  expect([third.status, third.json.previousSecretStatus]).toEqual([201, 'valid']);
  expect(await works(client.clientId, third.json.clientSecret)).toBe(true);
  expect(await works(client.clientId, second.json.clientSecret)).toBe(true);
  expect(await works(client.clientId, first.json.clientSecret)).toBe(false);
});

test('the same key after a delivered answer is refused too: its sender has no secret, so the next one ends it at once', async () => {
  const client = await createClient();
  const first = await generate(direct, client.id, randomUUID());
  const key = randomUUID();
  const second = await generate(direct, client.id, key);
  const repeated = await generate(direct, client.id, key);
  expect([repeated.status, repeated.json.code, repeated.json.previousSecretValidUntil]).toEqual([
    409,
    'credentials_not_delivered',
    second.json.previousSecretValidUntil,
  ]);
  expect(await works(client.clientId, second.json.clientSecret)).toBe(true);
  expect(await rotatedSecretIs(client.id, first.json.clientSecret)).toBe(true);
  const third = await generate(direct, client.id, randomUUID());
  expect([third.status, third.json.previousSecretValidUntil]).toEqual([201, second.json.previousSecretValidUntil]);
  expect(await works(client.clientId, first.json.clientSecret)).toBe(true);
  expect(await works(client.clientId, second.json.clientSecret)).toBe(false);
});

test('a new client has no secret anyone could use until the first generation, whatever the after-the-fact attributes say', async () => {
  const client = await createClient();
  const admin = await bootstrapAdminClient();
  // Keycloak made a secret at creation and kept nothing of it: there is nothing to read, and nothing works.
  expect((await admin.clients.getClientSecret({ id: client.id })).value ?? null).toBeNull();
  expect((await admin.clients.findOne({ id: client.id }))?.attributes).not.toHaveProperty([contract.apiClientAttributes.secretDigest]);
  // "Credentials were generated before" as the after-the-fact record would say (the provisioner's to write, not a realm
  // administrator's): it decides nothing.
  await Admin.asProvisioner().expect(204, 'PUT', `/${contract.realm}/clients/${client.id}`, {
    attributes: { [contract.apiClientAttributes.credentialsGeneratedAt]: new Date().toISOString() },
  });
  const first = await generate(direct, client.id, randomUUID());
  expect([first.status, first.json.previousSecretStatus, first.json.previousSecretValidUntil]).toEqual([201, 'revoked', undefined]);
  expect(await works(client.clientId, first.json.clientSecret)).toBe(true);
  expect((await admin.clients.findOne({ id: client.id }))?.attributes).not.toHaveProperty([
    contract.apiClientAttributes.previousSecretDigest,
  ]);
});

test("the first generation's answer lost: 409 saying no previous secret works, then new credentials work", async () => {
  const client = await createClient();
  const losing = await provisionerLosing(CLIENT_SECRET_POST);
  const lost = await generate(losing, client.id, randomUUID());
  expect([lost.status, lost.json.code, lost.json.previousSecretStatus]).toEqual([409, 'credentials_not_delivered', 'revoked']);
  const next = await generate(direct, client.id, randomUUID());
  expect([next.status, next.json.previousSecretStatus]).toEqual([201, 'revoked']);
  expect(await works(client.clientId, next.json.clientSecret)).toBe(true);
});

test('when the end of the previous secret cannot be read after a generation, the answer says unknown, never revoked', async () => {
  const client = await createClient();
  const first = await generate(direct, client.id, randomUUID());
  // By Client ID (as the CLI asks), the client is found by a search before the generation; every read of it by id gets
  // no answer. The secret is delivered; what became of the previous one is not known.
  const proxy = await nodeProxy({ loseAnswersTo: (line) => line.startsWith(`GET /admin/realms/focus/clients/${client.id} `) });
  proxies.push(proxy);
  const second = await generateCredentials(deps(proxy.url), { subject: 'test-subject', username: 'test-admin' }, client.clientId, {
    byClientId: true,
  });
  ledger.secret(second.clientSecret);
  expect([second.previousSecretStatus, second.previousSecretValidUntil]).toEqual(['unknown', undefined]);
  expect(await works(client.clientId, second.clientSecret)).toBe(true);
  expect(await works(client.clientId, first.json.clientSecret)).toBe(true);
});

test('a malformed Idempotency-Key is refused naming the header, and nothing is generated', async () => {
  const client = await createClient();
  const refused = await generate(direct, client.id, 'a key with\ttab');
  expect([refused.status, refused.json.errors?.[0]?.field]).toEqual([400, 'Idempotency-Key']);
  const rep = await (await bootstrapAdminClient()).clients.findOne({ id: client.id });
  expect(rep?.attributes?.[contract.apiClientAttributes.credentialsRequest]).toBe(contract.credentialsRequestAtCreation);
});
