/**
 * Admin events with representations would copy every new client secret into the event store. In a copy of realm
 * focus (so that no other test sees the setting): switched on by the realm administrator, Keycloak refuses to generate
 * credentials, the provisioner's readiness says why, `realm apply` lists the change and switches it off.
 */
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { contract } from '@focus-api-access/contract';
import { realmConfigDir } from '@focus-api-access/stack';
import { createKeycloakGateway } from '../../../provisioner/src/keycloak/admin-gateway.js';
import { createRealmGateway } from '../../../provisioner/src/keycloak/realm-gateway.js';
import { createApiClient, generateCredentials, InternalError, type UseCaseDeps } from '../../../provisioner/src/core/index.js';
import { planRealm } from '../../../provisioner/src/realm/plan.js';
import { desiredRealm, PROJECT_CLIENTS } from '../../../provisioner/src/realm/realm-file.js';
import { Writable } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import { loggerOptions } from '../../../provisioner/src/http/build.js';
import { buildManagementApp } from '../../../provisioner/src/http/management.js';
import { createMetrics } from '../../../provisioner/src/http/metrics.js';
import { isDigestOf } from '../../support/secret-digest.js';
import { SERVICE, SecretLedger, api, bootstrapAdminClient, stack } from './support.js';

const realm = `focus-events-${randomBytes(4).toString('hex')}`;
const provisionerSecret = randomBytes(24).toString('base64url');
const actor = { subject: 'test-subject', username: 'test-admin' };
const ledger = new SecretLedger();
const realmFile = JSON.parse(readFileSync(join(realmConfigDir, 'focus-realm.json'), 'utf8'));
/** The provisioner's management listener (the detailed readiness) for the copy of the realm. */
let management: FastifyInstance;
let managementUrl: string;
const logs: string[] = [];
let deps: UseCaseDeps;

beforeAll(async () => {
  const text = readFileSync(join(realmConfigDir, 'focus-realm.json'), 'utf8').replace(/\$\{[A-Z_]+:([^}]*)\}/g, '$1');
  const copy = JSON.parse(text);
  // The realm file carries no secret for the provisioner's client (realm init sets a deployment's): give the copy one.
  copy.clients.find((c: { clientId: string }) => c.clientId === contract.clients.provisioner).secret = provisionerSecret;
  const admin = await bootstrapAdminClient();
  await admin.realms.create({ ...copy, realm });
  deps = {
    gateway: createKeycloakGateway({ keycloakUrl: stack.keycloakUrl, clientSecret: provisionerSecret, realm, timeoutMs: 4000 }),
    tokenEndpoint: `${stack.keycloakUrl}/realms/${realm}/protocol/openid-connect/token`,
  };
  const stream = new Writable({
    write(chunk, _encoding, done) {
      logs.push(String(chunk));
      done();
    },
  });
  management = await buildManagementApp({ gateway: deps.gateway, metrics: createMetrics(), logger: loggerOptions('info', stream) });
  managementUrl = await management.listen({ port: 0, host: '127.0.0.1' });
});

afterAll(async () => {
  await management.close();
  const admin = await bootstrapAdminClient();
  await admin.realms.del({ realm });
  ledger.text('provisioner log', logs.join(''));
  expect(ledger.leaks()).toEqual([]);
});

async function setIncludeRepresentation(include: boolean): Promise<void> {
  const admin = await bootstrapAdminClient();
  const config = await admin.realms.getConfigEvents({ realm });
  await admin.realms.updateConfigEvents({ realm }, { ...config, adminEventsDetailsEnabled: include });
}

test('switched on: no credentials are generated, readiness warns, realm apply lists it and switches it off', async () => {
  const client = await createApiClient(deps, actor, { name: 'Events', services: [SERVICE] });
  const first = await generateCredentials(deps, actor, client.id);
  ledger.secret(first.clientSecret);
  const readyBefore = await api(managementUrl)('GET', '/readyz');
  expect(readyBefore.json).toEqual({ status: 'ready', keycloakNodes: [{ node: 1, up: true }] });

  await setIncludeRepresentation(true);

  const ready = await api(managementUrl)('GET', '/readyz');
  expect(ready.status).toBe(200);
  expect(ready.json.warnings).toEqual([expect.stringContaining('Admin events of the realm include representations')]);
  expect(logs.join('')).toContain('Admin events of the realm include representations');
  const refused = await generateCredentials(deps, actor, client.id).catch((error: unknown) => error);
  expect(refused).toBeInstanceOf(InternalError);
  expect((refused as Error).message).toContain('admin_events_include_representation');
  // Refused inside Keycloak's transaction: the current secret is still the one generated before.
  const admin = await bootstrapAdminClient();
  const held = await admin.clients.findOne({ id: client.id, realm });
  expect(isDigestOf(held?.attributes?.[contract.apiClientAttributes.secretDigest], first.clientSecret)).toBe(true);

  const gateway = await createRealmGateway({
    keycloakUrls: [stack.keycloakUrl],
    credentials: { kind: 'user', ...stack.bootstrapAdmin },
    realm,
  });
  const desired = desiredRealm(realmFile, { env: {}, useDefaults: true });
  const planned = planRealm(desired, await gateway.read(PROJECT_CLIENTS));
  expect(planned.map(({ target, name, fields }) => ({ target, name, fields }))).toEqual([
    { target: 'realm setting', name: 'admin events', fields: ['include representation off'] },
  ]);
  expect(planned[0]!.note).toContain('every generated client secret is copied into them');
  expect((await admin.realms.getConfigEvents({ realm })).adminEventsDetailsEnabled).toBe(true); // planning changes nothing

  for (const change of planned) await change.run(gateway);

  const config = await admin.realms.getConfigEvents({ realm });
  // Only that setting changed: the realm still stores no login event and keeps its activity listener.
  expect(config).toMatchObject({ adminEventsEnabled: true, adminEventsDetailsEnabled: false, eventsEnabled: false });
  expect([...(config.eventsListeners ?? [])].sort()).toEqual([...realmFile.eventsListeners].sort());
  expect(planRealm(desired, await gateway.read(PROJECT_CLIENTS))).toEqual([]);
  expect((await api(managementUrl)('GET', '/readyz')).json).not.toHaveProperty('warnings');
  const again = await generateCredentials(deps, actor, client.id);
  ledger.secret(again.clientSecret);
  expect(again.previousSecretStatus).toBe('valid');
});
