/**
 * An existing realm from before secrets were kept as digests, brought up to date by `realm apply`, in a copy of realm
 * focus as it was then (no flow `focus clients`, Keycloak's built-in client flow, the old profile's executors without
 * `secret-rotation`, which this Keycloak no longer has): the apply adds and binds the client authentication flow,
 * replaces the profile, and reports the API client whose secret Keycloak still keeps in clear; that client keeps
 * working, and its next generation moves it over.
 */
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { contract } from '@focus-api-access/contract';
import { realmConfigDir } from '@focus-api-access/stack';
import { describePlainSecrets, describe as describeChange } from '../../../provisioner/src/cli/realm.js';
import { generateCredentials, type UseCaseDeps } from '../../../provisioner/src/core/index.js';
import { createKeycloakGateway } from '../../../provisioner/src/keycloak/admin-gateway.js';
import { createRealmGateway } from '../../../provisioner/src/keycloak/realm-gateway.js';
import type { RealmAdminGateway } from '../../../provisioner/src/realm/gateway.js';
import { planRealm } from '../../../provisioner/src/realm/plan.js';
import { desiredRealm, PROJECT_CLIENTS, type Json } from '../../../provisioner/src/realm/realm-file.js';
import { SecretLedger, bootstrapAdminClient, stack } from './support.js';

const realm = `focus-upgrade-${randomBytes(4).toString('hex')}`;
const provisionerSecret = randomBytes(24).toString('base64url');
const ledger = new SecretLedger();
const realmFile: Json = JSON.parse(readFileSync(join(realmConfigDir, 'focus-realm.json'), 'utf8'));
const tokenEndpoint = `${stack.keycloakUrl}/realms/${realm}/protocol/openid-connect/token`;
let deps: UseCaseDeps;
let gateway: RealmAdminGateway;
let legacy: { id: string; clientId: string; secret: string };

async function token(clientId: string, secret: string): Promise<number> {
  const response = await fetch(tokenEndpoint, {
    method: 'POST',
    body: new URLSearchParams({ grant_type: 'client_credentials', client_id: clientId, client_secret: secret }),
  });
  return response.status;
}

beforeAll(async () => {
  const before = JSON.parse(JSON.stringify(realmFile).replace(/\$\{[A-Z_]+:([^}]*)\}/g, '$1')) as Json;
  delete before.clientAuthenticationFlow;
  before.authenticationFlows = (before.authenticationFlows as Json[]).filter((f) => f.alias !== contract.clientAuthenticationFlow);
  const profile = (before.clientProfiles.profiles as Json[]).find((p) => p.name === contract.clientProfile)!;
  profile.executors = [
    { executor: contract.ipRangeExecutor, configuration: {} },
    { executor: contract.secretNoExpiryExecutor, configuration: {} },
    { executor: contract.secretGenerationExecutor, configuration: {} },
  ];
  before.clients.find((c: Json) => c.clientId === contract.clients.provisioner).secret = provisionerSecret;
  const admin = await bootstrapAdminClient();
  await admin.realms.create({ ...before, realm });
  admin.setConfig({ realmName: realm });
  const clientId = `api-legacy-${randomBytes(3).toString('hex')}`;
  const { id } = await admin.clients.create({
    clientId,
    name: 'Legacy vendor',
    publicClient: false,
    serviceAccountsEnabled: true,
    standardFlowEnabled: false,
    clientAuthenticatorType: 'client-secret',
    attributes: { [contract.apiClientAttributes.managed]: contract.markerValue },
  });
  // Its credentials were generated then, by a request of the provisioner: the secret in clear is the vendor's.
  await admin.clients.update({ id }, { attributes: { [contract.apiClientAttributes.credentialsRequest]: 'a-request-key-from-before' } });
  legacy = { id, clientId, secret: (await admin.clients.getClientSecret({ id })).value! };
  ledger.secret(legacy.secret);
  deps = {
    gateway: createKeycloakGateway({ keycloakUrl: stack.keycloakUrl, clientSecret: provisionerSecret, realm, timeoutMs: 4000 }),
    tokenEndpoint,
  };
  gateway = await createRealmGateway({ keycloakUrls: [stack.keycloakUrl], credentials: { kind: 'user', ...stack.bootstrapAdmin }, realm });
});

afterAll(async () => {
  await (await bootstrapAdminClient()).realms.del({ realm });
  expect(ledger.leaks()).toEqual([]);
});

test('realm apply sets up the flow and the profile, reports the client in clear, and that client keeps working', async () => {
  expect(await token(legacy.clientId, legacy.secret)).toBe(200);
  const desired = desiredRealm(realmFile, { env: {}, useDefaults: true });
  const current = await gateway.read(PROJECT_CLIENTS);
  const changes = planRealm(desired, current);
  expect(changes.map(({ action, target, name, fields }) => [action, target, name, fields])).toEqual([
    ['create', 'authentication flow', contract.clientAuthenticationFlow, []],
    ['update', 'realm setting', 'client authentication flow', [contract.clientAuthenticationFlow]],
    ['update', 'client profile', contract.clientProfile, ['executors']],
  ]);
  expect(current.plainSecretClients).toEqual([
    { id: legacy.id, clientId: legacy.clientId, name: 'Legacy vendor', previousSecretValidUntil: undefined },
  ]);
  const report = describePlainSecrets(current.plainSecretClients);
  expect(report[0]).toMatch(/^! 1 API client still uses a secret Keycloak keeps in clear/);
  expect(report[1]).toBe(`    ${legacy.clientId}  Legacy vendor`);
  ledger.text('realm apply', [...changes.map(describeChange), ...report].join('\n'));

  for (const change of changes) await change.run(gateway);

  const after = await gateway.read(PROJECT_CLIENTS);
  expect(planRealm(desired, after)).toEqual([]);
  expect(after.clientAuthenticationFlow).toBe(contract.clientAuthenticationFlow);
  expect(await token(legacy.clientId, legacy.secret)).toBe(200);
});

test("the client's next generation moves it to a digest; its secret in clear works for the grace period", async () => {
  const credentials = await generateCredentials(deps, { subject: 'test', username: 'test-admin' }, legacy.id, {});
  ledger.secret(credentials.clientSecret);
  expect(credentials.previousSecretStatus).toBe('valid');
  expect(await token(legacy.clientId, credentials.clientSecret)).toBe(200);
  expect(await token(legacy.clientId, legacy.secret)).toBe(200);
  const rep = await (await bootstrapAdminClient()).clients.findOne({ id: legacy.id, realm });
  expect(rep?.clientAuthenticatorType).toBe(contract.secretAuthenticator);
  expect(rep?.secret ?? null).toBeNull();
  ledger.text('client after the generation', JSON.stringify(rep));
  expect((await gateway.read(PROJECT_CLIENTS)).plainSecretClients).toEqual([]);
});
