/**
 * The guard in the run's shared Keycloak: called directly with the provisioner's service-account token (as whoever
 * holds its secret could), Keycloak itself refuses to read, change, regenerate the secret of or delete a client
 * without the managed marker, to remove the marker, to write Keycloak's secret attributes, and to create a client
 * without the marker, also through the client-registration API with tokens that account can mint. The same calls
 * as a realm administrator still work.
 */
import { contract } from '@focus-api-access/contract';
import { testStack } from '../../support/stack.js';
import {
  Admin,
  apiClientRepresentation,
  clientAttributes,
  createClient,
  createDigestClient,
  deleteClient,
  realm,
  send,
  tokenRequest,
  uniqueName,
  type ApiClientFixture,
  type HttpResult,
} from './support.js';

const MANAGED = contract.apiClientAttributes.managed;
const DIGEST_OF_MY_CHOICE = `hmac-sha256:${'A'.repeat(22)}:${'A'.repeat(43)}`;
const admin = new Admin();
const provisioner = Admin.asProvisioner();
const stack = testStack();
const created: string[] = [];
let spaId: string;

/** A confidential client with a service account, made by the realm administrator: not an API client. */
async function plainClient(): Promise<ApiClientFixture> {
  const client = await createClient(admin, realm, {
    clientId: uniqueName('plain'),
    enabled: true,
    publicClient: false,
    clientAuthenticatorType: 'client-secret',
    standardFlowEnabled: false,
    serviceAccountsEnabled: true,
  });
  created.push(client.id);
  return client;
}

async function managedClient(): Promise<ApiClientFixture> {
  const client = await createDigestClient(admin, realm, apiClientRepresentation(uniqueName('managed'), {}, 'digest'));
  created.push(client.id);
  return client;
}

function expectRefused(result: HttpResult, word: string): void {
  expect([result.status, result.body.error]).toEqual([400, 'access_denied']);
  expect(String(result.body.error_description)).toMatch(new RegExp(`^${word}: `));
}

const tokenStatus = async (client: ApiClientFixture, secret = client.secret) =>
  (await tokenRequest(stack.keycloakUrl, realm, { clientId: client.clientId, secret })).status;

beforeAll(async () => {
  const found = await admin.expect<Array<{ id: string }>>(200, 'GET', `/${realm}/clients?clientId=${contract.clients.adminSpa}`);
  spaId = found.body[0]!.id;
});

afterAll(async () => {
  for (const id of created) await deleteClient(admin, realm, id);
});

test('a client without the marker cannot be read by id; a managed one can, and the realm administrator reads both', async () => {
  const plain = await plainClient();
  const managed = await managedClient();
  expectRefused(await provisioner.call('GET', `/${realm}/clients/${spaId}`), 'not_managed');
  expectRefused(await provisioner.call('GET', `/${realm}/clients/${plain.id}`), 'not_managed');
  expect((await provisioner.call('GET', `/${realm}/clients/${managed.id}`)).status).toBe(200);
  expect((await admin.call('GET', `/${realm}/clients/${spaId}`)).status).toBe(200);
});

test('focus-admin and a plain client cannot be changed (nor adopted by adding the marker); the realm administrator can', async () => {
  const plain = await plainClient();
  const spaBefore = (await admin.expect(200, 'GET', `/${realm}/clients/${spaId}`)).body;
  expectRefused(
    await provisioner.call('PUT', `/${realm}/clients/${spaId}`, { redirectUris: ['https://attacker.example/*'] }),
    'not_managed',
  );
  expect((await admin.expect(200, 'GET', `/${realm}/clients/${spaId}`)).body.redirectUris).toEqual(spaBefore.redirectUris);

  expectRefused(await provisioner.call('PUT', `/${realm}/clients/${plain.id}`, { attributes: { [MANAGED]: 'true' } }), 'not_managed');
  expect(await clientAttributes(admin, realm, plain.id)).not.toHaveProperty([MANAGED]);

  await admin.expect(204, 'PUT', `/${realm}/clients/${plain.id}`, { description: 'changed by the realm administrator' });
  expect((await admin.expect(200, 'GET', `/${realm}/clients/${plain.id}`)).body.description).toBe('changed by the realm administrator');
});

test("a plain client's secret cannot be regenerated: the refusal rolls the new secret back, the old one keeps working", async () => {
  const plain = await plainClient();
  expect(await tokenStatus(plain)).toBe(200);
  expectRefused(await provisioner.call('POST', `/${realm}/clients/${plain.id}/client-secret`), 'not_managed');
  expect((await admin.expect<{ value: string }>(200, 'GET', `/${realm}/clients/${plain.id}/client-secret`)).body.value).toBe(plain.secret);
  expect(await tokenStatus(plain)).toBe(200);
  // The provisioner's own client is not an API client either: nobody holding its secret can lock the provisioner out.
  const [own] = (await admin.expect<Array<{ id: string }>>(200, 'GET', `/${realm}/clients?clientId=${contract.clients.provisioner}`)).body;
  expectRefused(await provisioner.call('POST', `/${realm}/clients/${own!.id}/client-secret`), 'not_managed');

  const renewed = await admin.expect<{ value: string }>(200, 'POST', `/${realm}/clients/${plain.id}/client-secret`);
  expect(await tokenStatus(plain, renewed.body.value)).toBe(200);
});

test('focus-admin and a plain client cannot be deleted; the realm administrator can', async () => {
  const plain = await plainClient();
  expectRefused(await provisioner.call('DELETE', `/${realm}/clients/${spaId}`), 'not_managed');
  expectRefused(await provisioner.call('DELETE', `/${realm}/clients/${plain.id}`), 'not_managed');
  expect((await admin.call('GET', `/${realm}/clients/${spaId}`)).status).toBe(200);
  expect((await admin.call('GET', `/${realm}/clients/${plain.id}`)).status).toBe(200);
  await admin.expect(204, 'DELETE', `/${realm}/clients/${plain.id}`);
});

test("a managed client keeps its marker and Keycloak's secret bookkeeping; the realm administrator may still change them", async () => {
  const managed = await managedClient();
  const attempts: Array<[Record<string, unknown>, string]> = [
    [{ attributes: { [MANAGED]: '' } }, 'marker_protected'],
    [{ attributes: { [MANAGED]: 'TRUE' } }, 'marker_protected'],
    [{ attributes: { 'client.secret.rotated': 'a-secret-of-my-choice' } }, 'attribute_protected'],
    [{ attributes: { 'client.secret.expiration.time': '1' } }, 'attribute_protected'],
    [{ attributes: { [contract.apiClientAttributes.credentialsRequest]: contract.credentialsRequestAtCreation } }, 'attribute_protected'],
    [{ secret: 'a-secret-of-my-choice' }, 'secret_protected'],
    // A digest of its own choosing, a longer life, a grace period brought back, or the secret back in clear.
    [{ attributes: { [contract.apiClientAttributes.secretDigest]: DIGEST_OF_MY_CHOICE } }, 'attribute_protected'],
    [{ attributes: { [contract.apiClientAttributes.secretExpiresAt]: '' } }, 'attribute_protected'],
    [{ attributes: { [contract.apiClientAttributes.previousSecretValidUntil]: '9999999999' } }, 'attribute_protected'],
    [{ clientAuthenticatorType: 'client-secret' }, 'authenticator_protected'],
  ];
  for (const [change, word] of attempts) expectRefused(await provisioner.call('PUT', `/${realm}/clients/${managed.id}`, change), word);
  const attributes = await clientAttributes(admin, realm, managed.id);
  expect(attributes[MANAGED]).toBe('true');
  expect(attributes[contract.apiClientAttributes.secretDigest]).not.toBe(DIGEST_OF_MY_CHOICE);
  expect(attributes).not.toHaveProperty(['client.secret.rotated']);
  expect(attributes).not.toHaveProperty(['client.secret.expiration.time']);
  expect(await tokenStatus(managed)).toBe(200);

  // What the provisioner does itself still goes through.
  await provisioner.expect(204, 'PUT', `/${realm}/clients/${managed.id}`, {
    attributes: { [contract.apiClientAttributes.ipRanges]: '127.0.0.0/8' },
  });
  await provisioner.expect(204, 'PUT', `/${realm}/clients/${managed.id}`, { attributes: { [contract.apiClientAttributes.ipRanges]: '' } });
  expect(await clientAttributes(admin, realm, managed.id)).not.toHaveProperty([contract.apiClientAttributes.ipRanges]);

  // Not by the realm administrator either: a client unmarked and marked again could be changed at will in between.
  const unmarked = await admin.call('PUT', `/${realm}/clients/${managed.id}`, { attributes: { [MANAGED]: '' } });
  expect([unmarked.status, String(unmarked.body.error_description).split(':')[0]]).toEqual([400, 'marker_protected']);
  expect((await clientAttributes(admin, realm, managed.id))[MANAGED]).toBe('true');
});

test("the extension's update is Keycloak's own: the same guard and checks, answered with the client after it", async () => {
  const plain = await plainClient();
  const managed = await managedClient();
  const ranges = contract.apiClientAttributes.ipRanges;
  const update = (id: string, body: unknown) => provisioner.callExtension('PUT', `/clients/${id}`, body);

  const answer = await update(managed.id, { name: 'Renamed through the extension', attributes: { [ranges]: '10.20.0.0/16' } });
  expect(answer.status).toBe(200);
  expect(answer.body).toMatchObject({
    id: managed.id,
    clientId: managed.clientId,
    name: 'Renamed through the extension',
    enabled: true,
    attributes: { [MANAGED]: 'true', [ranges]: '10.20.0.0/16' },
  });
  // The answer passes the read endpoint's allow-list: never a digest.
  expect(answer.body.attributes).not.toHaveProperty([contract.apiClientAttributes.secretDigest]);
  expect((await admin.expect(200, 'GET', `/${realm}/clients/${managed.id}`)).body).toMatchObject({
    name: 'Renamed through the extension',
    attributes: expect.objectContaining({ [ranges]: '10.20.0.0/16' }),
  });
  // Unmentioned attributes stay; one sent empty is removed.
  expect((await update(managed.id, { enabled: false })).body).toMatchObject({ enabled: false, attributes: { [ranges]: '10.20.0.0/16' } });
  expect((await update(managed.id, { enabled: true, attributes: { [ranges]: '' } })).body.attributes).not.toHaveProperty([ranges]);

  // Keycloak's client policies run as for the admin API: the IP ranges' check.
  const typo = await update(managed.id, { attributes: { [ranges]: '203.0.113.10/3' } });
  expect([typo.status, typo.body.error]).toEqual([400, 'invalid_client_metadata']);
  // Only the parts the provisioner changes; anything else is named.
  for (const [body, field] of [
    [{ secret: 'a-secret-of-my-choice' }, 'secret'],
    [{ clientAuthenticatorType: 'client-secret' }, 'clientAuthenticatorType'],
    [{ attributes: { [ranges]: 10 } }, 'attributes'],
    [{ enabled: 'yes' }, 'enabled'],
    // What the guard refuses on the admin API is not even taken here.
    [{ attributes: { [MANAGED]: '' } }, 'attributes'],
    [{ attributes: { 'client.secret.expiration.time': '1' } }, 'attributes'],
    // Attributes the provisioner never changes: a vendor's token lifetime, the record of who made the client.
    [{ attributes: { 'access.token.lifespan': '315360000' } }, 'attributes'],
    [{ attributes: { [contract.apiClientAttributes.createdBy]: 'mallory' } }, 'attributes'],
    [{ attributes: { [ranges]: '10.20.0.0/16,'.repeat(1000) } }, 'attributes'],
    // Names Keycloak could not store (a 500 before) or the page could not show.
    [{ name: 'N'.repeat(256) }, 'name'],
    [{ name: ' ' }, 'name'],
    [{ name: 'a\u0000b\u202e' }, 'name'],
  ] as const) {
    const refused = await update(managed.id, body);
    expect([refused.status, refused.body.field]).toEqual([400, field]);
  }
  const attributes = await clientAttributes(admin, realm, managed.id);
  expect(attributes[MANAGED]).toBe('true');
  expect(attributes).not.toHaveProperty([ranges]);
  expect(attributes).not.toHaveProperty(['client.secret.expiration.time']);
  expect(attributes).not.toHaveProperty(['access.token.lifespan']);
  expect(attributes[contract.apiClientAttributes.createdBy]).not.toBe('mallory');
  expect((await admin.expect(200, 'GET', `/${realm}/clients/${managed.id}`)).body.name).toBe('Renamed through the extension');
  expect(await tokenStatus(managed)).toBe(200);

  // A client without the marker is not found, and stays as it was.
  for (const id of [plain.id, spaId]) expect((await update(id, { attributes: { [ranges]: '10.20.0.0/16' } })).status).toBe(404);
  expect(await clientAttributes(admin, realm, plain.id)).not.toHaveProperty([ranges]);
  // No token, no answer.
  const anonymous = await fetch(`${stack.keycloakUrl}/realms/${realm}/${contract.readEndpoint}/clients/${managed.id}`, {
    method: 'PUT',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ enabled: false }),
  });
  expect(anonymous.status).toBe(401);
});

test('it creates only clients that carry the marker and keep no secret in clear', async () => {
  const clientId = uniqueName('unmanaged-by-provisioner');
  expectRefused(
    await provisioner.call('POST', `/${realm}/clients`, { clientId, publicClient: true, redirectUris: ['https://attacker.example/*'] }),
    'marker_protected',
  );
  expect((await admin.expect<unknown[]>(200, 'GET', `/${realm}/clients?clientId=${clientId}`)).body).toEqual([]);
  const inClear = apiClientRepresentation(uniqueName('in-clear-by-provisioner'));
  expectRefused(await provisioner.call('POST', `/${realm}/clients`, inClear), 'authenticator_protected');
  expect((await admin.expect<unknown[]>(200, 'GET', `/${realm}/clients?clientId=${String(inClear.clientId)}`)).body).toEqual([]);
  const allowed = await provisioner.expect(
    201,
    'POST',
    `/${realm}/clients`,
    apiClientRepresentation(uniqueName('managed-by-provisioner'), {}, 'digest'),
  );
  const location = String(allowed.headers.location);
  created.push(location.slice(location.lastIndexOf('/') + 1));
});

test('tokens that account can mint do not get around it: registration and initial access tokens', async () => {
  const plain = await plainClient();
  // Neither endpoint raises a client-policy event: the account gets the tokens.
  const minted = await provisioner.expect<{ registrationAccessToken: string }>(
    200,
    'POST',
    `/${realm}/clients/${plain.id}/registration-access-token`,
  );
  const registration = `${stack.keycloakUrl}/realms/${realm}/clients-registrations/default/${plain.clientId}`;
  const withToken = (token: string) => ({ authorization: `Bearer ${token}`, 'content-type': 'application/json' });
  const rat = minted.body.registrationAccessToken;
  const update = await send(registration, {
    method: 'PUT',
    headers: withToken(rat),
    body: JSON.stringify({ clientId: plain.clientId, description: 'changed through client registration' }),
  });
  // Client registration answers a client-policy refusal with 403 and the policy's error code only.
  expect([update.status, update.body.error_description]).toEqual([403, 'access_denied']);
  expect((await admin.expect(200, 'GET', `/${realm}/clients/${plain.id}`)).body.description).toBeUndefined();
  expect((await send(registration, { method: 'DELETE', headers: withToken(rat) })).status).toBe(403);
  expect((await admin.call('GET', `/${realm}/clients/${plain.id}`)).status).toBe(200);

  const initial = await provisioner.expect<{ token: string }>(201, 'POST', `/${realm}/clients-initial-access`, {
    count: 1,
    expiration: 60,
  });
  const name = uniqueName('registered-by-provisioner');
  const registered = await send(`${stack.keycloakUrl}/realms/${realm}/clients-registrations/default`, {
    method: 'POST',
    headers: withToken(initial.body.token),
    body: JSON.stringify({ clientId: name, publicClient: true, redirectUris: ['https://attacker.example/*'] }),
  });
  expect([registered.status, registered.body.error_description]).toEqual([403, 'access_denied']);
  expect((await admin.expect<unknown[]>(200, 'GET', `/${realm}/clients?clientId=${name}`)).body).toEqual([]);
});
