/**
 * What the overview knows, through the HTTP API against the real Keycloak: search by any part of the current name or
 * Client ID (case and accents ignored, renames followed, with a total), last use in the list, and the refusal of IP
 * ranges that would shut out addresses the vendor used recently unless confirmed.
 */
import { randomBytes } from 'node:crypto';
import { contract } from '@focus-api-access/contract';
import { runCli } from '../../../provisioner/src/cli/main.js';
import {
  bootstrapAdminClient,
  SERVICE,
  SecretLedger,
  api,
  loginClients,
  passwordToken,
  stack,
  startApp,
  vendorToken,
  type TestApp,
} from './support.js';
import { eventually } from '../extension/activity-support.js';

let app: TestApp;
let logins: Awaited<ReturnType<typeof loginClients>>;
let manager: string;
let call: ReturnType<typeof api>;
const ledger = new SecretLedger();
const made: string[] = [];
/** Makes this run's names unique without a separator the search would have to match. */
const tag = randomBytes(3).toString('hex');

beforeAll(async () => {
  app = await startApp();
  call = api(app.url, ledger);
  logins = await loginClients();
  manager = await passwordToken(logins.withAudience, contract.demoUsers.manager);
});

afterAll(async () => {
  for (const id of made) await call('DELETE', `/api/v1/clients/${id}`, { token: manager });
  await app.close();
  await logins.remove();
  expect(ledger.leaks()).toEqual([]);
});

async function create(name: string, ipRanges: string[] = []): Promise<{ id: string; clientId: string; name: string }> {
  const response = await call('POST', '/api/v1/clients', { token: manager, body: { name, services: [SERVICE], ipRanges } });
  expect(response.status).toBe(201);
  made.push(response.json.id);
  return response.json;
}

const search = async (text: string) => {
  const response = await call('GET', `/api/v1/clients?search=${encodeURIComponent(text)}&max=100`, { token: manager });
  expect(response.status).toBe(200);
  return response.json as { total: number; items: Array<{ id: string; name: string; lastUse?: { time: string; ipAddress: string } }> };
};

describe('search', () => {
  let long: { id: string; clientId: string; name: string };
  let accented: { id: string; clientId: string; name: string };
  beforeAll(async () => {
    long = await create(`Holdout Race ${tag} Gemeentelijk Evenementenloket Noord`);
    accented = await create(`Évènements Zürich ${tag}`);
  });

  test.each([
    ['the full name, longer than the Client ID holds', () => long.name, () => [long.id]],
    ['a word in the middle', () => `Evenementenloket`, () => [long.id]],
    ['another letter case', () => `gemeentelijk EVENEMENTENLOKET noord`, () => [long.id]],
    ['without the accents', () => `evenements zurich ${tag}`, () => [accented.id]],
    ['with other accents', () => `ZÛRÎCH ${tag}`, () => [accented.id]],
    ['the Client ID', () => long.clientId.toUpperCase(), () => [long.id]],
    ['this run only, both', () => tag, () => [long.id, accented.id].sort()],
  ])('finds a client by %s', async (_label, text, ids) => {
    const found = await search(text());
    expect(found.items.map((c) => c.id).sort()).toEqual(ids());
    expect(found.total).toBe(ids().length);
  });

  test('follows a rename: found by the new name, not by the old one, through the API and through Keycloak itself', async () => {
    const client = await create(`Oude Naam ${tag}`);
    expect((await call('PATCH', `/api/v1/clients/${client.id}`, { token: manager, body: { name: `Nieuwe Naam ${tag}` } })).status).toBe(
      200,
    );
    expect((await search(`nieuwe naam ${tag}`)).items.map((c) => c.id)).toEqual([client.id]);
    expect((await search(`oude naam ${tag}`)).total).toBe(0);
    // A rename in Keycloak's admin console goes the same way.
    const admin = await bootstrapAdminClient();
    // (Keycloak's secret-rotation executor needs an attributes map in every update.)
    await admin.clients.update({ id: client.id }, { name: `Console Naam ${tag}`, attributes: {} });
    expect((await search(`console naam ${tag}`)).items.map((c) => c.id)).toEqual([client.id]);
    expect((await search(`nieuwe naam ${tag}`)).total).toBe(0);
  });

  test('a search for something no client has finds nothing, with a total of 0', async () => {
    expect(await search(`zzz-${tag}-nothing`)).toMatchObject({ total: 0, items: [] });
  });
});

describe('the list', () => {
  test('carries each client’s last use: one request for the whole page', async () => {
    const client = await create(`Laatst Gebruikt ${tag}`);
    const credentials = await call('POST', `/api/v1/clients/${client.id}/credentials`, { token: manager });
    expect((await vendorToken(client.clientId, credentials.json.clientSecret)).status).toBe(200);
    const found = await eventually(
      () => search(`laatst gebruikt ${tag}`),
      (page) => page.items[0]?.lastUse !== undefined,
    );
    expect(found.items[0]!.lastUse).toEqual({ time: expect.any(String), ipAddress: '127.0.0.1' });
    expect(Date.parse(found.items[0]!.lastUse!.time)).toBeGreaterThan(Date.now() - 10 * 60_000);
    const never = await create(`Nooit Gebruikt ${tag}`);
    expect((await search(`nooit gebruikt ${tag}`)).items).toEqual([expect.objectContaining({ id: never.id })]);
    expect((await search(`nooit gebruikt ${tag}`)).items[0]).not.toHaveProperty('lastUse');
  });
});

describe('a change of IP ranges that would shut out the vendor', () => {
  let client: { id: string; clientId: string; name: string };
  beforeAll(async () => {
    client = await create(`Afsluiten ${tag}`);
    const credentials = await call('POST', `/api/v1/clients/${client.id}/credentials`, { token: manager });
    expect((await vendorToken(client.clientId, credentials.json.clientSecret)).status).toBe(200);
    await eventually(
      () => call('GET', `/api/v1/clients/${client.id}/activity`, { token: manager }),
      (answer) => answer.json.addresses.length > 0,
    );
  });

  test('is shown beforehand by the check, which changes nothing', async () => {
    const check = await call('POST', `/api/v1/clients/${client.id}/ip-range-check`, {
      token: manager,
      body: { ipRanges: ['192.0.2.0/24'] },
    });
    expect(check.json).toEqual({
      excludedAddresses: [{ ipAddress: '127.0.0.1', lastSeen: expect.any(String) }],
      sinceDays: contract.activity.lockoutWarningDays,
    });
    const keeps = await call('POST', `/api/v1/clients/${client.id}/ip-range-check`, {
      token: manager,
      body: { ipRanges: ['127.0.0.0/24', '192.0.2.0/24'] },
    });
    expect(keeps.json.excludedAddresses).toEqual([]);
    expect((await call('GET', `/api/v1/clients/${client.id}`, { token: manager })).json.ipRanges).toEqual([]);
  });

  test('is refused without the confirmation, naming the addresses, and saved with it', async () => {
    const refused = await call('PATCH', `/api/v1/clients/${client.id}`, { token: manager, body: { ipRanges: ['192.0.2.0/24'] } });
    expect(refused.status).toBe(400);
    expect(refused.json.errors).toEqual([
      expect.objectContaining({ field: 'ipRanges', reason: 'excludes_recent_addresses', message: expect.stringContaining('127.0.0.1') }),
    ]);
    expect((await call('GET', `/api/v1/clients/${client.id}`, { token: manager })).json.ipRanges).toEqual([]);
    // A question before anything changed: no history entry, not even of a failure.
    const history = await call('GET', `/api/v1/clients/${client.id}/history`, { token: manager });
    expect((history.json.items as Array<{ action: string }>).map((e) => e.action)).not.toContain('ip-ranges');

    const fine = await call('PATCH', `/api/v1/clients/${client.id}`, { token: manager, body: { ipRanges: ['127.0.0.1'] } });
    expect(fine.status).toBe(200);
    const confirmed = await call('PATCH', `/api/v1/clients/${client.id}`, {
      token: manager,
      body: { ipRanges: ['192.0.2.0/24'], confirmExcludedAddresses: true },
    });
    expect(confirmed.status).toBe(200);
    expect(confirmed.json.ipRanges).toEqual(['192.0.2.0/24']);
    // A confirmation alone changes nothing, and says so.
    const alone = await call('PATCH', `/api/v1/clients/${client.id}`, { token: manager, body: { confirmExcludedAddresses: true } });
    expect(alone.status).toBe(400);
    expect(alone.json.errors).toEqual([expect.objectContaining({ field: 'body', reason: 'required' })]);
    // Already shut out: a further change is no news about 127.0.0.1.
    const later = await call('PATCH', `/api/v1/clients/${client.id}`, { token: manager, body: { ipRanges: ['192.0.2.0/25'] } });
    expect(later.status).toBe(200);
  });
});

describe('the CLI', () => {
  async function cli(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
    let stdout = '';
    let stderr = '';
    const code = await runCli(['--service-account', ...args], {
      out: (text) => (stdout += text),
      err: (text) => (stderr += text),
      env: { KEYCLOAK_URL: stack.keycloakUrl, FOCUS_PROVISIONER_SECRET: stack.provisionerSecret },
    });
    ledger.text(`${args.join(' ')} stdout`, stdout);
    ledger.text(`${args.join(' ')} stderr`, stderr);
    return { code, stdout, stderr };
  }

  test('lists with last use and the total, warns before IP ranges shut out the vendor, and shows refusals per reason', async () => {
    const client = await create(`Cli Overzicht ${tag}`);
    const credentials = await call('POST', `/api/v1/clients/${client.id}/credentials`, { token: manager });
    expect((await vendorToken(client.clientId, credentials.json.clientSecret)).status).toBe(200);
    const listed = await eventually(
      () => cli(['clients', 'list', '--search', `cli overzicht ${tag}`]),
      (answer) => answer.stdout.includes('from 127.0.0.1'),
    );
    expect(listed.stdout).toMatch(/LAST USED/);
    expect(listed.stdout).toContain('(1-1 of 1)');

    // Nothing to change is a usage error, before anything is sent.
    const nothing = await cli(['clients', 'update', client.clientId]);
    expect([nothing.code, nothing.stderr]).toEqual([2, expect.stringContaining('give what to change')]);
    // A dry run ends as the update would: refused (3) while addresses would be shut out, 0 when none would.
    const harmless = await cli(['clients', 'update', client.clientId, '--ip-range', '127.0.0.0/24', '--dry-run']);
    expect([harmless.code, harmless.stdout]).toEqual([0, expect.stringContaining('shut out none of the addresses')]);
    const dryRun = await cli(['clients', 'update', client.clientId, '--ip-range', '192.0.2.0/24', '--dry-run']);
    expect(dryRun.code).toBe(3);
    expect(dryRun.stdout).toContain(`would shut out 1 address(es) used in the last ${contract.activity.lockoutWarningDays} days`);
    expect(dryRun.stdout).toContain('127.0.0.1');

    const refused = await cli(['clients', 'update', client.clientId, '--ip-range', '192.0.2.0/24']);
    expect(refused.code).toBe(3);
    expect(refused.stderr).toContain('127.0.0.1');
    expect(refused.stderr).toContain('--confirm-excluded-addresses');
    const confirmed = await cli([
      '--json',
      'clients',
      'update',
      client.clientId,
      '--ip-range',
      '192.0.2.0/24',
      '--confirm-excluded-addresses',
    ]);
    expect(confirmed.code).toBe(0);
    expect(JSON.parse(confirmed.stdout).ipRanges).toEqual(['192.0.2.0/24']);

    expect((await vendorToken(client.clientId, credentials.json.clientSecret)).status).toBe(401);
    const activity = await eventually(
      () => cli(['activity', client.clientId]),
      (answer) => answer.stdout.includes('ip_not_allowed'),
    );
    expect(activity.stdout).toMatch(/Last used\s+\S+ from 127\.0\.0\.1/);
    const perAddress = await cli(['activity', client.clientId, '--reason', 'ip_not_allowed']);
    expect(perAddress.stdout).toMatch(/127\.0\.0\.1\s+1\s/);
    expect((await cli(['activity', client.clientId, '--reason', 'nope'])).code).toBe(2);
  });
});
