/**
 * `focus-api-access realm init` against the run's Keycloak, as Compose's keycloak-init service runs it: the state right
 * after Keycloak's first start (the provisioner's client holding a secret nobody knows, realm master without
 * brute-force protection) is brought to what a deployment needs, and a second run changes nothing. The run's stack
 * already ran it at start; this file puts Keycloak back into the imported state first, and leaves it initialised.
 */
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { contract } from '@focus-api-access/contract';
import { repoRoot } from '@focus-api-access/stack';
import { runCli } from '../../../provisioner/src/cli/main.js';
import { bootstrapAdminClient, SecretLedger, stack } from './support.js';

/**
 * A refused administrator login, by a user that does not exist: realm master's brute-force protection (which realm
 * init switches on) would lock the run's bootstrap admin out for a minute after two quick wrong passwords.
 */
const NO_SUCH_ADMIN = 'no-such-administrator';
const ledger = new SecretLedger();
ledger.secret(stack.provisionerSecret);
ledger.secret(stack.bootstrapAdmin.password);

async function realmInit(env: Record<string, string | undefined>): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await runCli(['realm', 'init', '--file', join(repoRoot, 'realm-config', 'focus-realm.json')], {
    out: (text) => void (out += text),
    err: (text) => void (err += text),
    env: {
      KEYCLOAK_URL: stack.keycloakUrl,
      KEYCLOAK_ADMIN_USERNAME: stack.bootstrapAdmin.username,
      KEYCLOAK_ADMIN_PASSWORD: stack.bootstrapAdmin.password,
      FOCUS_PROVISIONER_SECRET: stack.provisionerSecret,
      ...env,
    },
  });
  ledger.text(`realm init ${JSON.stringify(Object.keys(env))} stdout`, out);
  ledger.text(`realm init ${JSON.stringify(Object.keys(env))} stderr`, err);
  return { code, out, err };
}

async function provisionerToken(secret: string): Promise<number> {
  const response = await fetch(stack.tokenEndpoint, {
    method: 'POST',
    body: new URLSearchParams({ grant_type: 'client_credentials', client_id: contract.clients.provisioner, client_secret: secret }),
  });
  await response.body?.cancel();
  return response.status;
}

async function master(): Promise<Record<string, any>> {
  const admin = await bootstrapAdminClient();
  return (await admin.realms.findOne({ realm: 'master' })) as Record<string, any>;
}

/** Keycloak right after importing the realm file: an unknown provisioner secret, realm master as Keycloak made it. */
async function asImported(): Promise<void> {
  const admin = await bootstrapAdminClient();
  const [client] = await admin.clients.find({ clientId: contract.clients.provisioner });
  await admin.clients.update({ id: client!.id! }, { secret: randomBytes(24).toString('base64url') });
  await admin.realms.update({ realm: 'master' }, { bruteForceProtected: false, failureFactor: 30 });
}

afterAll(async () => {
  // Leave the run's Keycloak as the stack made it, whatever happened above.
  await realmInit({});
  expect(await provisionerToken(stack.provisionerSecret)).toBe(200);
  expect(ledger.leaks()).toEqual([]);
});

test('after the first start: sets the provisioner secret, protects realm master and serves it at the admin URL', async () => {
  await asImported();
  expect(await provisionerToken(stack.provisionerSecret)).toBe(401);

  const { code, out } = await realmInit({ KEYCLOAK_ADMIN_URL: stack.keycloakUrl });
  expect(code).toBe(0);
  expect(out.trim().split('\n')).toEqual([
    "~ the provisioner's client secret set from FOCUS_PROVISIONER_SECRET",
    '~ realm master: brute-force protection bruteForceProtected=true, failureFactor=5',
    `~ realm master: served at the admin URL ${stack.keycloakUrl}`,
    '3 changes applied.',
  ]);
  expect(await provisionerToken(stack.provisionerSecret)).toBe(200);
  expect(await master()).toMatchObject({
    bruteForceProtected: true,
    permanentLockout: false,
    failureFactor: 5,
    attributes: expect.objectContaining({ frontendUrl: stack.keycloakUrl }),
  });
});

test('a second run changes nothing', async () => {
  const { code, out, err } = await realmInit({ KEYCLOAK_ADMIN_URL: stack.keycloakUrl });
  expect({ code, out, err }).toEqual({ code: 0, out: 'Nothing to change: Keycloak is initialised.\n', err: '' });
});

test('needs no administrator once the secret works: a refused login is a warning, not a failure', async () => {
  const { code, out, err } = await realmInit({ KEYCLOAK_ADMIN_USERNAME: NO_SUCH_ADMIN });
  expect(code).toBe(0);
  expect(out).toBe('Nothing to change: Keycloak is initialised.\n');
  expect(err).toMatch(/^Warning: Administrator login: Keycloak refused the credentials .*\(HTTP 40[01]\)\. The provisioner's secret works/);
});

test('fails when the secret must be set and the administrator is refused, and changes nothing', async () => {
  const other = randomBytes(24).toString('base64url');
  ledger.secret(other);
  const { code, err } = await realmInit({ FOCUS_PROVISIONER_SECRET: other, KEYCLOAK_ADMIN_USERNAME: NO_SUCH_ADMIN });
  expect(code).toBe(7);
  expect(err).toMatch(/^Error \(unauthorized\): Administrator login: Keycloak refused the credentials .*An administrator is needed/);
  expect(await provisionerToken(other)).toBe(401);
  expect(await provisionerToken(stack.provisionerSecret)).toBe(200);
});

test.each([
  [{ FOCUS_PROVISIONER_SECRET: '' }, 'FOCUS_PROVISIONER_SECRET is required'],
  [{ KEYCLOAK_ADMIN_URL: 'ftp://127.0.0.1:8080' }, 'KEYCLOAK_ADMIN_URL must be an http(s) URL'],
  [{ KEYCLOAK_ADMIN_USERNAME: undefined }, 'a realm administrator is required'],
])('refuses bad configuration %j naming the variable (exit 9)', async (env, message) => {
  const { code, err } = await realmInit(env);
  expect(code).toBe(9);
  expect(err).toContain(message);
});
