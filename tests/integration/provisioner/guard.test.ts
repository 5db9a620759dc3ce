/**
 * The provisioner relies on Keycloak's guard instead of reading a client first: a client that is not an API client is
 * 404 on every route because Keycloak refuses the write itself, and changes cost one Keycloak request fewer. Requests
 * are counted by a proxy in front of Keycloak that sees each request line.
 */
import { contract } from '@focus-api-access/contract';
import {
  SERVICE,
  SecretLedger,
  api,
  bootstrapAdminClient,
  loginClients,
  nodeProxy,
  passwordToken,
  startApp,
  uniqueName,
  type NodeProxy,
  type TestApp,
} from './support.js';

const ledger = new SecretLedger();
let logins: Awaited<ReturnType<typeof loginClients>>;
let manager: string;
let proxy: NodeProxy;
let app: TestApp;
let call: ReturnType<typeof api>;

beforeAll(async () => {
  logins = await loginClients();
  manager = await passwordToken(logins.withAudience, contract.demoUsers.manager);
  proxy = await nodeProxy();
  app = await startApp({ keycloakUrl: proxy.url });
  call = api(app.url, ledger);
  await call('GET', '/api/v1/services', { token: manager }); // signing keys, token and services catalogue in hand
});

afterAll(async () => {
  await app.close();
  await proxy.stop();
  await logins.remove();
  ledger.text('provisioner log', app.logs.join(''));
  expect(ledger.leaks()).toEqual([]);
});

/** The extension's path of a client, where the provisioner's updates go (answered with the client after them). */
const extensionPath = (id: string) => `/realms/focus/${contract.readEndpoint}/clients/${id}`;

/**
 * The requests about clients one route sent to Keycloak, as `METHOD path` (the services catalogue aside): to the admin
 * API and to the extension's endpoint.
 */
async function adminRequests(route: () => Promise<unknown>): Promise<string[]> {
  const before = proxy.traffic.requests.length;
  await route();
  const prefixes = [' /admin/realms/focus/clients', ` /realms/focus/${contract.readEndpoint}/clients`];
  return proxy.traffic.requests
    .slice(before)
    .filter((line) => prefixes.some((prefix) => line.includes(prefix)))
    .map((line) => line.replace(/ HTTP\/1\.1$/, ''))
    .sort();
}

test('a client that is not an API client is 404: Keycloak refuses the write itself, nothing is read first, nothing changes', async () => {
  const admin = await bootstrapAdminClient();
  const { id } = await admin.clients.create({
    clientId: uniqueName('plain').replace(' ', '-'),
    publicClient: false,
    serviceAccountsEnabled: true,
    standardFlowEnabled: false,
  });
  try {
    const path = `/admin/realms/focus/clients/${id}`;
    let status = 0;
    expect(
      await adminRequests(async () => {
        status = (await call('DELETE', `/api/v1/clients/${id}`, { token: manager })).status;
      }),
    ).toEqual([`DELETE ${path}`]);
    expect(status).toBe(404);
    expect(
      await adminRequests(async () => {
        status = (await call('PATCH', `/api/v1/clients/${id}`, { token: manager, body: { ipRanges: ['10.20.0.0/16'] } })).status;
      }),
    ).toEqual([`PUT ${extensionPath(id)}`]);
    expect(status).toBe(404);
    expect(
      await adminRequests(async () => {
        status = (await call('PATCH', `/api/v1/clients/${id}`, { token: manager, body: { enabled: false } })).status;
      }),
    ).toEqual([`PUT ${extensionPath(id)}`]);
    expect(status).toBe(404);
    expect((await call('POST', `/api/v1/clients/${id}/credentials`, { token: manager })).status).toBe(404);
    expect(
      await adminRequests(async () => {
        status = (await call('DELETE', `/api/v1/clients/${id}/credentials/previous`, { token: manager })).status;
      }),
    ).toEqual([`PUT ${path}`]);
    expect(status).toBe(404);
    const after = await admin.clients.findOne({ id });
    expect(after).toMatchObject({ enabled: true });
    expect(after?.attributes ?? {}).not.toHaveProperty([contract.apiClientAttributes.ipRanges]);
  } finally {
    await admin.clients.del({ id });
  }
});

test('changes to an API client cost one Keycloak request fewer: no read before the write', async () => {
  const created = await call('POST', '/api/v1/clients', { token: manager, body: { name: uniqueName('Guarded'), services: [SERVICE] } });
  expect(created.status).toBe(201);
  const path = `/admin/realms/focus/clients/${created.json.id}`;
  // First generation: read (Client ID, services, request record), generate, record who and when.
  expect(await adminRequests(() => call('POST', `/api/v1/clients/${created.json.id}/credentials`, { token: manager }))).toEqual(
    [`GET ${path}`, `POST ${path}/client-secret`, `PUT ${extensionPath(created.json.id)}`].sort(),
  );
  // New IP ranges: Keycloak checks them against recently used addresses in the write itself, and answers the write with
  // the client after it: one request.
  let patched: Awaited<ReturnType<typeof call>> | undefined;
  expect(
    await adminRequests(async () => {
      patched = await call('PATCH', `/api/v1/clients/${created.json.id}`, { token: manager, body: { ipRanges: ['10.20.0.0/16'] } });
    }),
  ).toEqual([`PUT ${extensionPath(created.json.id)}`]);
  expect(patched?.json).toMatchObject({
    id: created.json.id,
    clientId: created.json.clientId,
    ipRanges: ['10.20.0.0/16'],
    name: created.json.name,
    services: [SERVICE],
    createdBy: created.json.createdBy,
  });
  // Confirmed: the same one request.
  expect(
    await adminRequests(async () => {
      patched = await call('PATCH', `/api/v1/clients/${created.json.id}`, {
        token: manager,
        body: { ipRanges: ['10.30.0.0/16'], confirmExcludedAddresses: true },
      });
    }),
  ).toEqual([`PUT ${extensionPath(created.json.id)}`]);
  expect(patched?.json).toMatchObject({ ipRanges: ['10.30.0.0/16'], name: created.json.name, services: [SERVICE] });
  // Ending the grace period: one update, which Keycloak's extension acts on.
  expect(await adminRequests(() => call('DELETE', `/api/v1/clients/${created.json.id}/credentials/previous`, { token: manager }))).toEqual([
    `PUT ${path}`,
  ]);
  expect(await adminRequests(() => call('DELETE', `/api/v1/clients/${created.json.id}`, { token: manager }))).toEqual([`DELETE ${path}`]);
  expect((await call('GET', `/api/v1/clients/${created.json.id}`, { token: manager })).status).toBe(404);
});
