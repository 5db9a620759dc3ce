/**
 * Keycloak stopped mid-way, simulated with a TCP proxy the test controls (the shared Keycloak keeps
 * running): readiness fails, calls answer 503 with a retry hint, nothing half-made remains, and the same
 * provisioner works again once Keycloak is back.
 */
import { contract } from '@focus-api-access/contract';
import { SERVICE, api, deps, keycloakProxy, loginClients, passwordToken, startApp, uniqueName, type TestApp } from './support.js';
import { listApiClients } from '../../../provisioner/src/core/index.js';

let proxy: Awaited<ReturnType<typeof keycloakProxy>>;
let app: TestApp;
let logins: Awaited<ReturnType<typeof loginClients>>;

beforeAll(async () => {
  proxy = await keycloakProxy();
  app = await startApp({ keycloakUrl: proxy.url });
  logins = await loginClients();
});

afterAll(async () => {
  await app.close();
  await proxy.close();
  await logins.remove();
});

test('503 with a retry hint while Keycloak is away, and success again afterwards without a restart', async () => {
  const call = api(app.url);
  const token = await passwordToken(logins.withAudience, contract.demoUsers.manager);
  expect((await call('GET', '/readyz')).status).toBe(200);
  expect((await call('GET', '/api/v1/clients', { token })).status).toBe(200);

  await proxy.cut();
  const ready = await call('GET', '/readyz');
  expect(ready.status).toBe(503);
  expect(ready.headers.get('retry-after')).toEqual(expect.any(String));
  const name = uniqueName('Outage');
  const create = await call('POST', '/api/v1/clients', { token, body: { name, services: [SERVICE] } });
  expect(create.status).toBe(503);
  expect(create.json.type).toBe('urn:focus-api-access:problem:unavailable');
  expect(create.headers.get('retry-after')).toEqual(expect.any(String));
  expect((await call('GET', '/api/v1/clients', { token })).status).toBe(503);
  // Nothing half-made: the shared Keycloak (reached directly) has no client of that name.
  expect((await listApiClients(deps(), { search: name })).items).toEqual([]);

  await proxy.restore();
  expect((await call('GET', '/readyz')).status).toBe(200);
  const created = await call('POST', '/api/v1/clients', { token, body: { name, services: [SERVICE] } });
  expect(created.status).toBe(201);
  expect((await call('DELETE', `/api/v1/clients/${created.json.id}`, { token })).status).toBe(204);
});
