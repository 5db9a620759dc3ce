/** Every use case through the library, against the run's real Keycloak. */
import { decodeJwt } from 'jose';
import { contract } from '@focus-api-access/contract';
import {
  createApiClient,
  deleteApiClient,
  endGracePeriod,
  listExpiringSecrets,
  generateCredentials,
  getActivity,
  getApiClient,
  listApiClients,
  listRefusals,
  listServices,
  setApiClientEnabled,
  updateApiClient,
  ConflictError,
  NotFoundError,
  ValidationError,
  type ApiClient,
  type AuditEntry,
} from '../../../provisioner/src/core/index.js';
import { isDigestOf } from '../../support/secret-digest.js';
import { eventually } from '../extension/activity-support.js';
import { SERVICE, SecretLedger, bootstrapAdminClient, deps, uniqueName, vendorToken } from './support.js';

const actor = { subject: 'test-subject', username: 'test-admin' };
const audit: AuditEntry[] = [];
const d = deps(undefined, (entry) => audit.push(entry));
const ledger = new SecretLedger();
const made: string[] = [];

async function create(name = uniqueName('Lib'), extra: { ipRanges?: string[] } = {}): Promise<ApiClient> {
  const client = await createApiClient(d, actor, { name, services: [SERVICE], ...extra });
  made.push(client.id);
  return client;
}

afterAll(async () => {
  for (const id of made) await deleteApiClient(d, actor, id).catch(() => undefined);
  expect(ledger.leaks()).toEqual([]);
  for (const entry of audit) expect(JSON.stringify(entry)).not.toMatch(/secret"?:/i);
});

test('the services catalogue has the Eaglebe service with its label', async () => {
  expect(await listServices(d)).toContainEqual(expect.objectContaining({ id: SERVICE, label: 'OpenHappening integration Eaglebe' }));
});

test('create makes a confidential service-account-only client with the services, marker and creator', async () => {
  const name = uniqueName('  Eaglebe Création ');
  const client = await create(name, { ipRanges: ['203.0.113.0/24', '2001:DB8:0::1'] });
  expect(client).toMatchObject({
    name: name.trim(),
    enabled: true,
    services: [SERVICE],
    ipRanges: ['203.0.113.0/24', '2001:db8::1'],
    createdBy: 'test-admin',
  });
  expect(client.clientId).toMatch(/^api-eaglebe-creation-[0-9a-f]{1,8}-[a-z2-9]{6}$|^api-eaglebe-creation-[a-z0-9-]+-[a-z2-9]{6}$/);
  const admin = await bootstrapAdminClient();
  const rep = (await admin.clients.findOne({ id: client.id }))!;
  expect(rep).toMatchObject({
    publicClient: false,
    serviceAccountsEnabled: true,
    standardFlowEnabled: false,
    implicitFlowEnabled: false,
    directAccessGrantsEnabled: false,
    fullScopeAllowed: false,
  });
  expect(rep.attributes).toMatchObject({
    [contract.apiClientAttributes.managed]: 'true',
    'oauth2.device.authorization.grant.enabled': 'false',
    'oidc.ciba.grant.enabled': 'false',
  });
  expect([...(rep.defaultClientScopes ?? [])].sort()).toEqual(['basic', SERVICE, 'service_account'].sort());
  expect(rep.optionalClientScopes).toEqual([]);
  expect(audit).toContainEqual(
    expect.objectContaining({ action: 'client.create', outcome: 'success', client: expect.objectContaining({ id: client.id }) }),
  );
});

test('bad input on every field is refused with the field named, and nothing is created', async () => {
  const name = uniqueName('Bad');
  const attempt = createApiClient(d, actor, { name: `${name}\u0007`, services: ['no-such-service'], ipRanges: ['10.0.0.0/33', 'nope'] });
  await expect(attempt).rejects.toBeInstanceOf(ValidationError);
  const error = (await attempt.catch((e) => e)) as ValidationError;
  expect(error.fields.map((f) => f.field)).toEqual(['name', 'services[0]', 'ipRanges[0]', 'ipRanges[1]']);
  const page = await listApiClients(d, { search: name });
  expect(page.items).toEqual([]);
});

test('the full vendor path: generate credentials, get a client_credentials token with the service audience and no realm roles', async () => {
  const client = await create();
  const credentials = await generateCredentials(d, actor, client.id);
  ledger.secret(credentials.clientSecret);
  expect(credentials).toMatchObject({
    clientId: client.clientId,
    tokenEndpoint: expect.stringContaining('/realms/focus/protocol/openid-connect/token'),
    scope: SERVICE,
  });
  const { token } = await vendorToken(credentials.clientId, credentials.clientSecret);
  const claims = decodeJwt(token!);
  expect([claims.aud].flat()).toContain(contract.clients.resourceServer);
  expect(claims.realm_access).toBeUndefined();
  expect(String(claims.scope).split(' ')).toContain(SERVICE);
  const after = await getApiClient(d, client.id);
  expect(after).toMatchObject({ credentialsGeneratedBy: 'test-admin', credentialsGeneratedAt: expect.any(String) });
  ledger.text('getApiClient', JSON.stringify(after));
});

test('the first generation leaves no other secret working: the one Keycloak made at creation was never shown', async () => {
  const client = await create();
  const first = await generateCredentials(d, actor, client.id);
  ledger.secret(first.clientSecret);
  expect([first.previousSecretStatus, first.previousSecretValidUntil]).toEqual(['revoked', undefined]);
  const rep = (await (await bootstrapAdminClient()).clients.findOne({ id: client.id }))!;
  expect(rep.attributes).not.toHaveProperty([contract.apiClientAttributes.previousSecretDigest]);
  // Keycloak keeps the secret's digest only (compared without printing: a failure message must not carry the secret).
  expect(isDigestOf(rep.attributes?.[contract.apiClientAttributes.secretDigest], first.clientSecret)).toBe(true);
  expect(rep.secret ?? null).toBeNull();
  expect((await vendorToken(client.clientId, first.clientSecret)).status).toBe(200);
});

test('regeneration keeps the previous secret for the grace period, and revokePrevious/end grace end it', async () => {
  const client = await create();
  const first = await generateCredentials(d, actor, client.id);
  const second = await generateCredentials(d, actor, client.id);
  ledger.secret(first.clientSecret);
  ledger.secret(second.clientSecret);
  expect((await vendorToken(client.clientId, second.clientSecret)).status).toBe(200);
  // Keycloak's extension keeps the previous secret's digest for the grace period.
  expect(Date.parse(second.previousSecretValidUntil ?? '')).toBeGreaterThan(Date.now());
  expect((await vendorToken(client.clientId, first.clientSecret)).status).toBe(200);
  await endGracePeriod(d, actor, client.id);
  expect((await vendorToken(client.clientId, first.clientSecret)).status).toBe(401);
  const third = await generateCredentials(d, actor, client.id, { revokePrevious: true });
  ledger.secret(third.clientSecret);
  expect(third.previousSecretValidUntil).toBeUndefined();
  expect((await vendorToken(client.clientId, second.clientSecret)).status).toBe(401);
  expect((await vendorToken(client.clientId, third.clientSecret)).status).toBe(200);
});

test('list pages server-side with the total, searching names', async () => {
  const tag = uniqueName('Paging').replace(' ', '-');
  for (let i = 0; i < 3; i++) await create(`${tag} ${i}`);
  const page1 = await listApiClients(d, { search: tag, first: 0, max: 2 });
  expect(page1.items).toHaveLength(2);
  expect(page1).toMatchObject({ hasMore: true, total: 3 });
  const page2 = await listApiClients(d, { search: tag, first: 2, max: 2 });
  expect(page2.items).toHaveLength(1);
  expect(page2).toMatchObject({ hasMore: false, total: 3 });
  expect([...page1.items, ...page2.items].map((c) => c.name).sort()).toEqual([0, 1, 2].map((i) => `${tag} ${i}`));
  const all = await listApiClients(d, { max: 100 });
  expect(all.items.every((c) => c.clientId.startsWith('api-'))).toBe(true);
  expect(all.items.map((c) => c.clientId)).not.toContain(contract.clients.provisioner);
});

test('update changes name, services and IP ranges; the Client ID stays; names stay unique', async () => {
  const client = await create();
  const other = await create();
  const newName = uniqueName('Renamed');
  const updated = await updateApiClient(d, actor, client.id, { name: newName, ipRanges: ['198.51.100.7'] });
  expect(updated).toMatchObject({ name: newName, clientId: client.clientId, ipRanges: ['198.51.100.7'], services: [SERVICE] });
  const cleared = await updateApiClient(d, actor, client.id, { ipRanges: [] });
  expect(cleared.ipRanges).toEqual([]);
  await expect(updateApiClient(d, actor, client.id, { services: [] })).rejects.toBeInstanceOf(ValidationError);
  await expect(updateApiClient(d, actor, client.id, { name: other.name.toUpperCase() })).rejects.toBeInstanceOf(ConflictError);
  await expect(createApiClient(d, actor, { name: other.name.toLowerCase(), services: [SERVICE] })).rejects.toBeInstanceOf(ConflictError);
});

test('disable: the client gets no token and the refusal shows in its activity; enable restores it', async () => {
  const client = await create();
  const credentials = await generateCredentials(d, actor, client.id);
  ledger.secret(credentials.clientSecret);
  expect((await vendorToken(client.clientId, credentials.clientSecret)).status).toBe(200);
  expect(await setApiClientEnabled(d, actor, client.id, false)).toMatchObject({ enabled: false });
  const refused = await vendorToken(client.clientId, credentials.clientSecret);
  expect(refused.status).toBeGreaterThanOrEqual(400);
  await setApiClientEnabled(d, actor, client.id, true);
  expect((await vendorToken(client.clientId, `${credentials.clientSecret}x`)).status).toBe(401);
  expect((await vendorToken(client.clientId, credentials.clientSecret)).status).toBe(200);
  const activity = await eventually(
    () => getActivity(d, client.id),
    (a) => a.lastUse !== undefined && a.refusals.length === 2,
  );
  expect(activity.lastUse).toEqual({ time: expect.any(String), ipAddress: '127.0.0.1' });
  expect(activity.refusals.map((r) => r.reason)).toEqual(['bad_secret', 'disabled']);
  ledger.text('activity', JSON.stringify(activity));
});

test('a token request from outside the IP ranges is refused like a wrong secret, and reported as what it was', async () => {
  const client = await create(uniqueName('Ip'), { ipRanges: ['192.0.2.0/24'] });
  const credentials = await generateCredentials(d, actor, client.id);
  ledger.secret(credentials.clientSecret);
  // The wrong secret first: its refusal is the first the record sees, written at once, and it names the address.
  const wrong = await vendorToken(client.clientId, `${credentials.clientSecret}x`);
  const activity = await eventually(
    () => getActivity(d, client.id),
    (a) => a.refusals.length > 0,
  );
  expect(activity.refusals).toEqual([{ reason: 'ip_not_allowed', refusals: 1, sources: 1, lastAt: expect.any(String) }]);
  expect((await listRefusals(d, client.id, { reason: 'ip_not_allowed' })).items).toEqual([
    expect.objectContaining({ ipAddress: '127.0.0.1', refusals: 1 }),
  ]);
  // From outside the ranges the secret is not even looked at: the right one gets the wrong one's answer.
  const refused = await vendorToken(client.clientId, credentials.clientSecret);
  expect(refused).toEqual(wrong);
  expect(refused.status).toBe(401);
});

test('an expired secret is refused and reported as expired', async () => {
  const client = await create(uniqueName('Expiry'));
  const credentials = await generateCredentials(d, actor, client.id, { expiresInDays: 90 });
  ledger.secret(credentials.clientSecret);
  expect(Date.parse(credentials.secretExpiresAt ?? '')).toBeGreaterThan(Date.now() + 89 * 86_400_000);
  expect(await getApiClient(d, client.id)).toMatchObject({ secretExpiry: 'valid', secretExpiresAt: expect.any(String) });
  expect((await vendorToken(client.clientId, credentials.clientSecret)).status).toBe(200);
  // Time passes: the realm administrator (not the provisioner, which may not) moves the expiry into the past.
  const admin = await bootstrapAdminClient();
  await admin.clients.update(
    { id: client.id },
    { attributes: { [contract.apiClientAttributes.secretExpiresAt]: String(Math.floor(Date.now() / 1000) - 60) } },
  );
  expect((await vendorToken(client.clientId, credentials.clientSecret)).status).toBe(401);
  expect(await getApiClient(d, client.id)).toMatchObject({ secretExpiry: 'expired' });
  const activity = await eventually(
    () => getActivity(d, client.id),
    (a) => a.refusals.length > 0,
  );
  expect(activity.refusals).toEqual([{ reason: 'expired', refusals: 1, sources: 1, lastAt: expect.any(String) }]);
  expect((await listExpiringSecrets(d)).map((s) => [s.id, s.secretExpiry])).toContainEqual([client.id, 'expired']);
});

test('delete removes the client; afterwards it is not found', async () => {
  const client = await create();
  await deleteApiClient(d, actor, client.id);
  await expect(getApiClient(d, client.id)).rejects.toBeInstanceOf(NotFoundError);
});

describe('isolation: clients without the managed marker are not found, by id and by Client ID', () => {
  const names = [contract.clients.adminSpa, contract.clients.provisioner, 'realm-management', 'admin-cli'];
  test.each(names)('%s', async (clientId) => {
    const admin = await bootstrapAdminClient();
    const [rep] = await admin.clients.find({ clientId });
    const before = JSON.stringify(rep);
    for (const ref of [rep!.id!, clientId]) {
      const o = { byClientId: true };
      const attempts = [
        getApiClient(d, ref, o),
        updateApiClient(d, actor, ref, { name: 'Hijack' }, o),
        setApiClientEnabled(d, actor, ref, false, o),
        generateCredentials(d, actor, ref, o),
        endGracePeriod(d, actor, ref, o),
        getActivity(d, ref, o),
        deleteApiClient(d, actor, ref, o),
      ];
      for (const attempt of attempts) await expect(attempt).rejects.toBeInstanceOf(NotFoundError);
    }
    const [after] = await admin.clients.find({ clientId });
    expect(JSON.stringify(after)).toBe(before);
  });
});

test('concurrency: 20 simultaneous creates of the same name (any case) give exactly one client', async () => {
  const name = uniqueName('Race');
  const results = await Promise.allSettled(
    Array.from({ length: 20 }, (_, i) => createApiClient(d, actor, { name: i % 2 ? name.toUpperCase() : name, services: [SERVICE] })),
  );
  const made20 = results.filter((r): r is PromiseFulfilledResult<ApiClient> => r.status === 'fulfilled').map((r) => r.value);
  made.push(...made20.map((c) => c.id));
  expect(made20).toHaveLength(1);
  for (const r of results) if (r.status === 'rejected') expect(r.reason).toBeInstanceOf(ConflictError);
  const found = await listApiClients(d, { search: name, max: 100 });
  expect(found.items).toHaveLength(1);
});

test('concurrency: 10 simultaneous regenerations leave a working secret that one of the answers returned', async () => {
  const client = await create();
  const answers = await Promise.all(Array.from({ length: 10 }, () => generateCredentials(d, actor, client.id)));
  answers.forEach((a) => ledger.secret(a.clientSecret));
  const working = [];
  for (const a of answers) if ((await vendorToken(client.clientId, a.clientSecret)).status === 200) working.push(a.clientSecret);
  expect(working.length).toBeGreaterThanOrEqual(1);
  await generateCredentials(d, actor, client.id, { revokePrevious: true }).then((c) => ledger.secret(c.clientSecret));
});
