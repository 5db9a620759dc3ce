/**
 * The history of API clients in the run's shared Keycloak: every change through the admin API (and the extension's
 * services and grace endpoints) appends exactly one entry in the change's own transaction, naming the person the
 * provisioner acts for (headers honoured from its service account only), with the values before and after, the
 * request's id, and never a secret; a deleted client's history stays readable.
 */
import { contract } from '@focus-api-access/contract';
import { testStack } from '../../support/stack.js';
import { Admin, apiClientRepresentation, clientAttributes, deleteClient, realm, send, uniqueName, type HttpResult } from './support.js';

const admin = new Admin();
const stack = testStack();
const created: string[] = [];
const { actingSubjectHeader, actingUsernameHeader, requestIdHeader } = contract.history;
const person = { subject: 'a1b2c3d4-0000-4000-8000-000000000001', username: 'beheerder' };

interface Entry {
  action: string;
  clientUuid: string;
  clientId: string;
  actor: { subject: string; username: string; via?: string };
  before?: Record<string, unknown>;
  after?: Record<string, unknown>;
  outcome: string;
  error?: string;
  requestId?: string;
}

let serviceAccountToken: { value: string; until: number } | undefined;
async function provisionerToken(): Promise<string> {
  if (serviceAccountToken && Date.now() < serviceAccountToken.until) return serviceAccountToken.value;
  const response = await fetch(stack.tokenEndpoint, {
    method: 'POST',
    body: new URLSearchParams({
      grant_type: 'client_credentials',
      client_id: contract.clients.provisioner,
      client_secret: stack.provisionerSecret,
    }),
  });
  const body = (await response.json()) as { access_token: string; expires_in: number };
  serviceAccountToken = { value: body.access_token, until: Date.now() + (body.expires_in - 10) * 1000 };
  return body.access_token;
}

/** A request as the provisioner makes it: its service account's token, the person and the request's id. */
async function asProvisionerFor(
  method: string,
  url: string,
  requestId: string,
  body?: unknown,
  acting: Record<string, string> = { [actingSubjectHeader]: person.subject, [actingUsernameHeader]: person.username },
): Promise<HttpResult> {
  return send(url, {
    method,
    headers: {
      authorization: `Bearer ${await provisionerToken()}`,
      [requestIdHeader]: requestId,
      ...acting,
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
}

const adminUrl = (path: string) => `${stack.keycloakUrl}/admin/realms/${realm}${path}`;
const endpointUrl = (path: string) => `${stack.keycloakUrl}/realms/${realm}/${contract.readEndpoint}${path}`;

async function history(query: Record<string, string>): Promise<{ total: number; items: Entry[]; text: string }> {
  const result = await send(`${endpointUrl('/history')}?${new URLSearchParams(query).toString()}`, {
    headers: { authorization: `Bearer ${await provisionerToken()}` },
  });
  expect(result.status).toBe(200);
  return { ...(result.body as unknown as { total: number; items: Entry[] }), text: JSON.stringify(result.body) };
}

async function createManaged(requestId: string): Promise<{ id: string; clientId: string }> {
  const clientId = uniqueName('history');
  const result = await asProvisionerFor('POST', adminUrl('/clients'), requestId, {
    ...apiClientRepresentation(clientId, {}, 'digest'),
    name: 'Eaglebe test',
  });
  expect(result.status).toBe(201);
  const location = String(result.headers.location ?? '');
  const id = location.slice(location.lastIndexOf('/') + 1);
  created.push(id);
  return { id, clientId };
}

afterAll(async () => {
  for (const id of created) await deleteClient(admin, realm, id);
});

test('every kind of change appears once, oldest last, naming the person, with before and after and the request id', async () => {
  const client = await createManaged('req-create-1');
  const services = (
    await admin.expect<Array<{ name: string; attributes?: Record<string, string> }>>(200, 'GET', `/${realm}/client-scopes`)
  ).body
    .filter((s) => s.attributes?.[contract.serviceAttributes.marker] === contract.markerValue)
    .map((s) => s.name);
  expect(services.length).toBeGreaterThan(0);
  const put = (body: unknown, id: string) => asProvisionerFor('PUT', adminUrl(`/clients/${client.id}`), id, body);
  expect((await put({ name: 'Eaglebe renamed', attributes: {} }, 'req-rename-1')).status).toBe(204);
  expect((await put({ attributes: { [contract.apiClientAttributes.ipRanges]: '203.0.113.0/24' } }, 'req-ranges-1')).status).toBe(204);
  expect((await put({ enabled: false, attributes: {} }, 'req-disable-1')).status).toBe(204);
  expect((await put({ enabled: true, attributes: {} }, 'req-enable-1')).status).toBe(204);
  // A change of nothing the history follows is no entry.
  expect((await put({ description: 'not followed', attributes: {} }, 'req-nothing-1')).status).toBe(204);
  const services1 = await asProvisionerFor('PUT', endpointUrl(`/clients/${client.id}/services`), 'req-services-1', {
    services: [services[0]],
  });
  expect(services1.status).toBe(204);
  const secrets: string[] = [];
  for (const key of ['first-generation-key-1', 'second-generation-key-2']) {
    const generated = await asProvisionerFor('POST', adminUrl(`/clients/${client.id}/client-secret`), `req-secret-${key}`, undefined, {
      [actingSubjectHeader]: person.subject,
      [actingUsernameHeader]: person.username,
      'Idempotency-Key': key,
      // The second generation's secret ends after 90 days.
      ...(key.startsWith('second') ? { [contract.secretLifetimeHeader]: '90' } : {}),
    });
    expect(generated.status).toBe(200);
    secrets.push(String(generated.body.value));
  }
  const endGrace = { attributes: { [contract.apiClientAttributes.endPreviousSecret]: 'now' } };
  expect((await put(endGrace, 'req-grace-1')).status).toBe(204);
  // Ending a grace period that is over already changes nothing: no entry.
  expect((await put(endGrace, 'req-grace-2')).status).toBe(204);
  expect((await asProvisionerFor('DELETE', adminUrl(`/clients/${client.id}`), 'req-delete-1')).status).toBe(204);

  // The client is gone; its history is not.
  expect((await admin.call('GET', `/${realm}/clients/${client.id}`)).status).toBe(404);
  const found = await history({ client: client.id, max: '100' });
  expect(found.items.map((e) => [e.action, e.requestId])).toEqual([
    ['delete', 'req-delete-1'],
    ['grace-ended', 'req-grace-1'],
    ['credentials-generated', 'req-secret-second-generation-key-2'],
    ['credentials-generated', 'req-secret-first-generation-key-1'],
    ['services', 'req-services-1'],
    ['enable', 'req-enable-1'],
    ['disable', 'req-disable-1'],
    ['ip-ranges', 'req-ranges-1'],
    ['rename', 'req-rename-1'],
    ['create', 'req-create-1'],
  ]);
  expect(found.total).toBe(10);
  for (const entry of found.items) {
    expect(entry).toMatchObject({
      clientUuid: client.id,
      clientId: client.clientId,
      outcome: 'success',
      actor: { subject: person.subject, username: person.username, via: `service-account-${contract.clients.provisioner}` },
    });
  }
  const byAction = new Map(found.items.map((e) => [e.action, e]));
  expect(byAction.get('create')?.after).toMatchObject({ clientId: client.clientId, name: 'Eaglebe test', enabled: true, ipRanges: '' });
  expect(byAction.get('rename')).toMatchObject({ before: { name: 'Eaglebe test' }, after: { name: 'Eaglebe renamed' } });
  expect(byAction.get('ip-ranges')).toMatchObject({ before: { ipRanges: '' }, after: { ipRanges: '203.0.113.0/24' } });
  expect(byAction.get('disable')).toMatchObject({ before: { enabled: true }, after: { enabled: false } });
  expect(byAction.get('services')?.after).toEqual({ services: [services[0]] });
  expect(byAction.get('delete')?.before).toMatchObject({ name: 'Eaglebe renamed', enabled: true, services: [services[0]] });
  const generated = found.items.find((e) => e.action === 'credentials-generated')?.after as {
    secretExpiresAt?: number;
    previousSecretValidUntil?: number;
  };
  expect(generated.secretExpiresAt! - Date.now()).toBeGreaterThan(89 * 24 * 3600 * 1000);
  expect(generated.previousSecretValidUntil).toEqual(expect.any(Number));
  expect(byAction.get('grace-ended')).toMatchObject({
    before: { previousSecretValidUntil: generated.previousSecretValidUntil },
    after: {},
  });
  for (const secret of secrets) expect(found.text).not.toContain(secret);
  // Nor anything of what Keycloak keeps of a secret.
  expect(found.text).not.toMatch(/digest/i);

  // The overview filters by person, action and period.
  const mine = await history({ person: person.username, action: 'rename', client: client.clientId });
  expect(mine.items.map((e) => e.requestId)).toEqual(['req-rename-1']);
  const later = await history({ client: client.id, from: String(Date.now() + 60_000) });
  expect(later.total).toBe(0);
});

test('only the provisioner may name a person: the same headers from the realm administrator are ignored', async () => {
  const client = await createManaged('req-create-2');
  const forged = await send(adminUrl(`/clients/${client.id}`), {
    method: 'PUT',
    headers: {
      authorization: `Bearer ${await adminToken()}`,
      'content-type': 'application/json',
      [actingSubjectHeader]: 'someone-else',
      [actingUsernameHeader]: 'mallory',
    },
    body: JSON.stringify({ name: 'Renamed in the console', attributes: {} }),
  });
  expect(forged.status).toBe(204);
  const [entry] = (await history({ client: client.id, action: 'rename' })).items;
  expect(entry?.actor.username).toBe(stack.bootstrapAdmin.username);
  expect(entry?.actor).not.toHaveProperty('via');
});

test('a change by the service account without a person names the service account', async () => {
  const client = await createManaged('req-create-3');
  const result = await asProvisionerFor('PUT', adminUrl(`/clients/${client.id}`), 'req-sa-1', { enabled: false, attributes: {} }, {});
  expect(result.status).toBe(204);
  const [entry] = (await history({ client: client.id, action: 'disable' })).items;
  expect(entry?.actor).toEqual({ subject: expect.any(String), username: `service-account-${contract.clients.provisioner}` });
});

test('a person named in percent-encoded UTF-8 is stored as that name', async () => {
  const client = await createManaged('req-create-6');
  const result = await asProvisionerFor(
    'PUT',
    adminUrl(`/clients/${client.id}`),
    'req-unicode-1',
    { enabled: false, attributes: {} },
    {
      [actingSubjectHeader]: encodeURIComponent(person.subject),
      [actingUsernameHeader]: encodeURIComponent('Łukasz Żółć + ß'),
    },
  );
  expect(result.status).toBe(204);
  const [entry] = (await history({ client: client.id, action: 'disable' })).items;
  expect(entry?.actor.username).toBe('Łukasz Żółć + ß');
  expect((await history({ person: 'Łukasz Żółć + ß', client: client.id })).total).toBe(1);
});

test('a person named half or with control characters is refused, and the change is not made', async () => {
  const client = await createManaged('req-create-4');
  const half = await asProvisionerFor(
    'PUT',
    adminUrl(`/clients/${client.id}`),
    'req-bad-1',
    { name: 'Not made', attributes: {} },
    {
      [actingUsernameHeader]: 'beheerder',
    },
  );
  expect(half.status).toBe(400);
  expect(String(half.body.error_description)).toMatch(/^history_actor_invalid: /);
  const control = await asProvisionerFor(
    'PUT',
    adminUrl(`/clients/${client.id}`),
    'req-bad-2',
    { name: 'Not made', attributes: {} },
    {
      [actingSubjectHeader]: person.subject,
      [actingUsernameHeader]: encodeURIComponent('beheerder\nforged line'),
    },
  );
  expect(control.status).toBe(400);
  const rep = await admin.expect<{ name: string }>(200, 'GET', `/${realm}/clients/${client.id}`);
  expect(rep.body.name).toBe('Eaglebe test');
  expect((await history({ client: client.id })).items.map((e) => e.action)).toEqual(['create']);
  expect(await clientAttributes(admin, realm, client.id)).toHaveProperty([contract.apiClientAttributes.managed]);
});

test('reading the history needs view-clients; changing services needs manage-clients and names a real service', async () => {
  expect((await send(endpointUrl('/history'))).status).toBe(401);
  const client = await createManaged('req-create-5');
  const unknown = await asProvisionerFor('PUT', endpointUrl(`/clients/${client.id}/services`), 'req-services-2', { services: ['profile'] });
  expect([unknown.status, unknown.body.field]).toEqual([400, 'services']);
  const badAction = await send(`${endpointUrl('/history')}?action=hack`, {
    headers: { authorization: `Bearer ${await provisionerToken()}` },
  });
  expect([badAction.status, badAction.body.field]).toEqual([400, 'action']);
});

async function adminToken(): Promise<string> {
  const response = await fetch(`${stack.keycloakUrl}/realms/master/protocol/openid-connect/token`, {
    method: 'POST',
    body: new URLSearchParams({
      grant_type: 'password',
      client_id: 'admin-cli',
      username: stack.bootstrapAdmin.username,
      password: stack.bootstrapAdmin.password,
    }),
  });
  return ((await response.json()) as { access_token: string }).access_token;
}

test('a failed change is recorded as a failure only: its error, what it attempted, the person; never as a change made', async () => {
  const client = await createManaged('req-create-6');
  const failedChanges = endpointUrl(`/clients/${client.id}/failed-changes`);
  const recorded = await asProvisionerFor('POST', failedChanges, 'req-failed-1', {
    action: 'rename',
    error: 'conflict',
    attempted: { name: 'Taken name' },
    // A request cannot claim that the change was made.
    outcome: 'success',
  });
  expect(recorded.status).toBe(204);
  const entries = (await history({ client: client.id })).items;
  expect(entries.map((e) => `${e.action} ${e.outcome}`)).toEqual(['rename failure', 'create success']);
  expect(entries[0]).toMatchObject({
    error: 'conflict',
    after: { name: 'Taken name' },
    before: { name: 'Eaglebe test', clientId: client.clientId },
    actor: { ...person, via: `service-account-${contract.clients.provisioner}` },
    requestId: 'req-failed-1',
  });

  for (const [body, field] of [
    [{ action: 'create', error: 'conflict' }, 'action'],
    [{ action: 'hack', error: 'conflict' }, 'action'],
    [{ action: 'rename', error: 'Not a code!' }, 'error'],
    [{ action: 'rename', error: 'conflict', attempted: { secret: 'x' } }, 'attempted'],
    [{ action: 'rename', error: 'conflict', attempted: { name: 'x'.repeat(20_000) } }, 'attempted'],
  ] as const) {
    const refused = await asProvisionerFor('POST', failedChanges, 'req-failed-2', body);
    expect([refused.status, refused.body.field]).toEqual([400, field]);
  }
  // Only managed clients, and only callers that may manage clients.
  const none = await asProvisionerFor('POST', endpointUrl('/clients/00000000-0000-4000-8000-000000000000/failed-changes'), 'r', {
    action: 'rename',
    error: 'conflict',
  });
  expect(none.status).toBe(404);
  expect((await send(failedChanges, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' })).status).toBe(401);
  expect((await history({ client: client.id })).total).toBe(2);
});
