/**
 * The history through the provisioner's HTTP API, against the run's Keycloak: every kind of change a manager makes
 * appears once, naming that manager (not the provisioner's account), with the request's id and no secret; a deleted
 * client's history stays readable; reading needs the same right as managing clients.
 */
import { contract } from '@focus-api-access/contract';
import type KeycloakAdminClient from '@keycloak/keycloak-admin-client';
import { runCli } from '../../../provisioner/src/cli/main.js';
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
  type TestApp,
} from './support.js';

let app: TestApp;
let logins: Awaited<ReturnType<typeof loginClients>>;
let manager: string;
let employee: string;
const ledger = new SecretLedger();
let call: ReturnType<typeof api>;
let admin: KeycloakAdminClient;
/** A second service of this test's own, so that services can change. */
const otherService = uniqueName('history-service').replace(' ', '-');
let otherServiceId: string;

beforeAll(async () => {
  admin = await bootstrapAdminClient();
  otherServiceId = (
    await admin.clientScopes.create({
      name: otherService,
      protocol: 'openid-connect',
      attributes: { [contract.serviceAttributes.marker]: contract.markerValue, [contract.serviceAttributes.label]: 'History test service' },
    })
  ).id;
  app = await startApp();
  call = api(app.url, ledger);
  logins = await loginClients();
  manager = await passwordToken(logins.withAudience, contract.demoUsers.manager);
  employee = await passwordToken(logins.withAudience, contract.demoUsers.employee);
});

afterAll(async () => {
  await admin.clientScopes.del({ id: otherServiceId });
  await app.close();
  await logins.remove();
  ledger.text('provisioner log', app.logs.join(''));
  ledger.text('keycloak log', keycloakLog());
  expect(ledger.secrets.size).toBeGreaterThan(0);
  expect(ledger.leaks()).toEqual([]);
});

const subjectOf = (token: string) => JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString()).sub as string;

test('changes of one client sent at once are made one after the other: each whole, none a 5xx, and the history a chain', async () => {
  const name = uniqueName('Together');
  const created = await call('POST', '/api/v1/clients', { token: manager, body: { name, services: [SERVICE] } });
  expect(created.status).toBe(201);
  const id: string = created.json.id;
  const changes = [0, 1, 2, 3, 4, 5].map((i) => ({
    name: `${name} ${i}`,
    ipRanges: [`192.0.2.${i}`],
    enabled: i % 2 === 0,
  }));
  const answers = await Promise.all(changes.map((body) => call('PATCH', `/api/v1/clients/${id}`, { token: manager, body })));
  expect(answers.map((a) => a.status)).toEqual(changes.map(() => 200));
  // Each answer is its own change, whole: name, ranges and enabled together.
  answers.forEach((answer, i) => expect(answer.json).toMatchObject(changes[i]!));

  const history = await call('GET', `/api/v1/clients/${id}/history?max=50`, { token: manager });
  const oldestFirst = [
    ...(history.json.items as Array<{ action: string; before: Record<string, unknown>; after: Record<string, unknown> }>),
  ].reverse();
  const renames = oldestFirst.filter((e) => e.action === 'rename');
  expect(renames).toHaveLength(changes.length);
  // Each change saw what the one before it left: no two start from the same name.
  expect(renames[0]!.before.name).toBe(name);
  for (let i = 1; i < renames.length; i++) expect(renames[i]!.before.name).toBe(renames[i - 1]!.after.name);
  const ranges = oldestFirst.filter((e) => e.action === 'ip-ranges');
  for (let i = 1; i < ranges.length; i++) expect(ranges[i]!.before.ipRanges).toBe(ranges[i - 1]!.after.ipRanges);
  // What the client is now is what the last entry says.
  const now = await call('GET', `/api/v1/clients/${id}`, { token: manager });
  expect(now.json.name).toBe(renames.at(-1)!.after.name);
  expect((await call('DELETE', `/api/v1/clients/${id}`, { token: manager })).status).toBe(204);
});

test('every change through the API appears once with the manager, before and after, the request id, and no secret', async () => {
  const name = uniqueName('History');
  const created = await call('POST', '/api/v1/clients', { token: manager, body: { name, services: [SERVICE] } });
  expect(created.status).toBe(201);
  const id: string = created.json.id;
  const patch = (body: unknown) => call('PATCH', `/api/v1/clients/${id}`, { token: manager, body });
  expect((await patch({ name: `${name} renamed` })).status).toBe(200);
  expect((await patch({ ipRanges: ['192.0.2.0/24'], confirmExcludedAddresses: true })).status).toBe(200);
  expect((await patch({ services: [otherService] })).status).toBe(200);
  expect((await patch({ enabled: false })).status).toBe(200);
  expect((await patch({ enabled: true })).status).toBe(200);
  for (let i = 0; i < 2; i++) {
    expect((await call('POST', `/api/v1/clients/${id}/credentials`, { token: manager, body: {} })).status).toBe(201);
  }
  expect((await call('DELETE', `/api/v1/clients/${id}/credentials/previous`, { token: manager })).status).toBe(204);
  expect((await call('DELETE', `/api/v1/clients/${id}`, { token: manager })).status).toBe(204);

  const history = await call('GET', `/api/v1/clients/${id}/history?max=50`, { token: manager });
  expect(history.status).toBe(200);
  const actions = (history.json.items as Array<{ action: string }>).map((e) => e.action);
  expect(actions).toEqual([
    'delete',
    'grace-ended',
    'credentials-generated',
    'credentials-generated',
    'enable',
    'disable',
    'services',
    'ip-ranges',
    'rename',
    'create',
  ]);
  expect(history.json).toMatchObject({ total: 10, hasMore: false, first: 0 });
  const requestIds = new Set<string>();
  for (const entry of history.json.items) {
    expect(entry.actor).toEqual({
      subject: subjectOf(manager),
      username: contract.demoUsers.manager,
      via: `service-account-${contract.clients.provisioner}`,
    });
    expect(entry.client).toMatchObject({ id });
    expect(entry.requestId).toMatch(/^[0-9a-f-]{36}$/);
    requestIds.add(entry.requestId);
  }
  // One request per change: every entry its own request id.
  expect(requestIds.size).toBe(10);
  const entry = (action: string) => history.json.items.find((e: { action: string }) => e.action === action);
  expect(entry('rename')).toMatchObject({ before: { name }, after: { name: `${name} renamed` } });
  expect(entry('services')).toMatchObject({ before: { services: [SERVICE] }, after: { services: [otherService] } });
  expect(entry('ip-ranges')).toMatchObject({ before: { ipRanges: '' }, after: { ipRanges: '192.0.2.0/24' } });
  expect(entry('create').after).toMatchObject({ name, services: [SERVICE], enabled: true });

  // The overview, filtered by person, client, action and period.
  const since = encodeURIComponent(new Date(Date.parse(entry('create').time)).toISOString());
  const audit = await call('GET', `/api/v1/audit?person=${contract.demoUsers.manager}&client=${id}&action=disable&from=${since}`, {
    token: manager,
  });
  expect(audit.status).toBe(200);
  expect(audit.json.items.map((e: { action: string }) => e.action)).toEqual(['disable']);
  const nobody = await call('GET', `/api/v1/audit?person=nobody-${id}`, { token: manager });
  expect(nobody.json).toMatchObject({ total: 0, items: [] });
});

test('the CLI reads the same history as a table, as JSON and as CSV, and its own changes name the service account', async () => {
  const name = uniqueName('History CLI');
  const created = await call('POST', '/api/v1/clients', { token: manager, body: { name, services: [SERVICE] } });
  const id: string = created.json.id;
  const env = { KEYCLOAK_URL: stack.keycloakUrl, FOCUS_PROVISIONER_SECRET: stack.provisionerSecret };
  const run = async (args: string[]) => {
    const out: string[] = [];
    const err: string[] = [];
    const code = await runCli(['--service-account', ...args], { out: (t) => out.push(t), err: (t) => err.push(t), env });
    ledger.text(`cli ${args.join(' ')}`, out.join('') + err.join(''));
    return { code, out: out.join(''), err: err.join('') };
  };
  expect((await run(['clients', 'disable', created.json.clientId])).code).toBe(0);

  const table = await run(['audit', '--client', id]);
  expect(table.code).toBe(0);
  const lines = table.out.trim().split('\n');
  expect(lines[0]).toMatch(/^TIME\s+ACTION\s+CLIENT ID\s+BY\s+CHANGE$/);
  expect(lines[2]).toMatch(
    new RegExp(`\\sdisable\\s+${created.json.clientId}\\s+service-account-${contract.clients.provisioner}\\s+enabled: true → false$`),
  );
  expect(lines[3]).toContain(`${contract.demoUsers.manager} (via service-account-${contract.clients.provisioner})`);

  const json = await run(['--json', 'audit', '--client', id]);
  expect(JSON.parse(json.out).items.map((e: { action: string }) => e.action)).toEqual(['disable', 'create']);

  const csv = await run(['audit', '--client', created.json.clientId, '--csv', '--all']);
  const rows = csv.out.split('\r\n');
  expect(rows[0]).toMatch(/^"time","action","client_id"/);
  expect(rows.slice(1, 3).map((r) => r.split(',')[1])).toEqual(['"disable"', '"create"']);

  const bad = await run(['audit', '--action', 'hack']);
  expect(bad.code).not.toBe(0);
  expect(bad.err).toContain('hack');
  expect((await call('DELETE', `/api/v1/clients/${id}`, { token: manager })).status).toBe(204);
});

test('reading the history needs the right; bad filters are a 400 naming the field', async () => {
  for (const path of ['/api/v1/audit', '/api/v1/clients/00000000-0000-4000-8000-000000000000/history']) {
    const refused = await call('GET', path, { token: employee });
    expect(refused.status).toBe(403);
    expect(refused.json.detail).toContain(contract.manageRight.role);
  }
  const badAction = await call('GET', '/api/v1/audit?action=hack', { token: manager });
  expect(badAction.status).toBe(400);
  const badTime = await call('GET', '/api/v1/audit?from=yesterday', { token: manager });
  expect([badTime.status, badTime.json.errors?.[0]?.field]).toEqual([400, 'from']);
});

test('a failed change leaves one entry: outcome failure, its error code, what it attempted, the person; nothing changed', async () => {
  const taken = uniqueName('History taken');
  const first = await call('POST', '/api/v1/clients', { token: manager, body: { name: taken, services: [SERVICE] } });
  const name = uniqueName('History failed');
  const created = await call('POST', '/api/v1/clients', { token: manager, body: { name, services: [SERVICE] } });
  const id: string = created.json.id;

  // As the page sends it: every field, only the name new.
  const refused = await call('PATCH', `/api/v1/clients/${id}`, {
    token: manager,
    body: { name: taken.toUpperCase(), services: [SERVICE], ipRanges: [] },
  });
  expect([refused.status, refused.json.code]).toEqual([409, 'conflict']);

  const history = await call('GET', `/api/v1/clients/${id}/history`, { token: manager });
  expect(history.json.items.map((e: { action: string; outcome: string }) => `${e.action} ${e.outcome}`)).toEqual([
    'rename failure',
    'create success',
  ]);
  const failed = history.json.items[0];
  expect(failed.after).toEqual({ name: taken.toUpperCase() });
  expect(failed).toMatchObject({
    error: 'conflict',
    before: { name },
    actor: { subject: subjectOf(manager), username: contract.demoUsers.manager },
  });
  expect(failed.requestId).toMatch(/^[0-9a-f-]{36}$/);
  expect(history.json.items[1].error).toBeUndefined();
  expect((await call('GET', `/api/v1/clients/${id}`, { token: manager })).json.name).toBe(name);
  // The overview's filters find it like any entry.
  const audit = await call('GET', `/api/v1/audit?client=${id}&action=rename`, { token: manager });
  expect(audit.json.items).toEqual([failed]);

  for (const client of [id, first.json.id])
    expect((await call('DELETE', `/api/v1/clients/${client}`, { token: manager })).status).toBe(204);
});
