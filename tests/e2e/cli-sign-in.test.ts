/**
 * The CLI signed in as a person, end to end: `focus-api-access login` through the device authorization grant of the
 * run's Keycloak, the code confirmed in Chromium on the FOCUS login pages, every client command then through a real
 * provisioner (started with its default configuration, so it must accept the CLI's client by default). The history
 * names the person once per change; an employee without the right gets the provisioner's 403; an ended sign-in asks
 * to sign in again; logout revokes at Keycloak; the session file is the owner's only; no output carries a token.
 */
import { spawn } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { contract } from '@focus-api-access/contract';
import { repoRoot } from '@focus-api-access/stack';
import { startProvisioner, type RunningProvisioner } from '../../provisioner/src/start.js';
import { bootstrapAdminClient, SecretLedger, SERVICE, stack, uniqueName } from '../integration/provisioner/support.js';
import { logIn, openBrowser, type Browser } from './api-access.js';

const bin = join(repoRoot, 'provisioner', 'bin', 'focus-api-access.js');
const work = mkdtempSync(join(tmpdir(), 'focus-cli-sign-in-'));
/** Tokens of every session the test saw, and every output of the CLI: no output may carry a token. */
const tokens = new SecretLedger();
const secrets = new SecretLedger();
let provisioner: RunningProvisioner;
let browser: Browser;

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

/** Starts the CLI with a session folder of its own; `onStderr` sees standard error as it comes. */
function start(args: string[], sessionDir: string, extraEnv: Record<string, string> = {}, onStderr?: (text: string) => void) {
  const child = spawn(process.execPath, [bin, ...args], {
    env: { PATH: process.env.PATH, HOME: work, FOCUS_API_ACCESS_CONFIG_DIR: sessionDir, ...extraEnv },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d) => (stdout += d));
  child.stderr.on('data', (d) => {
    stderr += d;
    onStderr?.(stderr);
  });
  const done = new Promise<Run>((resolve, reject) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), 90_000);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      const where = `focus-api-access ${args.join(' ')}`;
      tokens.text(`${where} stdout`, stdout);
      tokens.text(`${where} stderr`, stderr);
      secrets.text(`${where} stderr`, stderr);
      if (!args.includes('generate') || args.includes('--output')) secrets.text(`${where} stdout`, stdout);
      resolve({ code: code ?? -1, stdout, stderr });
    });
  });
  return { done };
}

const cli = (sessionDir: string, ...args: string[]) => start(args, sessionDir).done;

function session(sessionDir: string): Record<string, unknown> & { accessToken: string; refreshToken: string } {
  const stored = JSON.parse(readFileSync(join(sessionDir, 'session.json'), 'utf8'));
  tokens.secret(stored.accessToken);
  tokens.secret(stored.refreshToken);
  return stored;
}

/** `login` as this person: the CLI shows the code, Chromium opens the complete verification URI and signs in. */
async function signIn(username: string): Promise<{ dir: string; login: Run }> {
  const dir = join(work, `${username}-${uniqueName('session')}`);
  let seen: (url: string) => void;
  const verification = new Promise<string>((resolve) => (seen = resolve));
  const running = start(['login', '--url', provisioner.url], dir, {}, (stderr) => {
    const url = /or open directly:\s+(\S+)/.exec(stderr)?.[1];
    if (url) seen(url);
  });
  const page = await browser.session(stack.keycloakUrl);
  await page.goto(await verification);
  await logIn(page, username, stack.demoPassword);
  // Keycloak asks every device sign-in to grant the CLI access, and the theme warns whoever did not start it.
  await page.getByText('focus-api-access (CLI)').first().waitFor();
  await page.getByText('Kies alleen Ja als u zelf zonet focus-api-access login startte').waitFor();
  await page.locator('#kc-login').click();
  await page.waitForURL(/\/device\/status/);
  const login = await running.done;
  await page.context().close();
  return { dir, login };
}

beforeAll(async () => {
  // The server's own defaults decide which clients' tokens it accepts: the CLI's client must be one of them.
  provisioner = await startProvisioner({
    keycloakUrl: stack.keycloakUrl,
    provisionerSecret: stack.provisionerSecret,
    port: 0,
    host: '127.0.0.1',
    log: () => undefined,
  });
  browser = await openBrowser();
});

afterAll(async () => {
  await browser?.close();
  await provisioner?.stop();
  rmSync(work, { recursive: true, force: true });
  expect(tokens.secrets.size).toBeGreaterThan(0);
  expect(tokens.leaks()).toEqual([]);
  expect(secrets.leaks()).toEqual([]);
});

test('beheerder signs in with the device grant; every change through the CLI is in the history once, naming beheerder', async () => {
  const { dir, login } = await signIn(contract.demoUsers.manager);
  expect(login.stderr).toMatch(/confirm the code\s+\S+/);
  expect(login.code).toBe(0);
  expect(login.stdout).toContain(`as ${contract.demoUsers.manager}`);
  session(dir);
  expect(statSync(dir).mode & 0o777).toBe(0o700);
  expect(statSync(join(dir, 'session.json')).mode & 0o777).toBe(0o600);

  const whoami = JSON.parse((await cli(dir, '--json', 'whoami')).stdout);
  expect(whoami).toMatchObject({ username: contract.demoUsers.manager, mayManage: true, right: contract.manageRight.role });
  expect((await cli(dir, 'whoami')).stdout).toMatch(new RegExp(`Right\\s+${contract.manageRight.role.replaceAll('.', '\\.')}: held`));

  const name = uniqueName('Cli person');
  const created = await cli(dir, '--json', 'clients', 'create', '--name', name, '--service', SERVICE, '--ip-range', '192.0.2.1');
  expect(created.code).toBe(0);
  const client = JSON.parse(created.stdout);
  expect(client.createdBy).toBe(contract.demoUsers.manager);
  expect((await cli(dir, 'clients', 'update', client.clientId, '--name', `${name} v2`)).code).toBe(0);
  expect((await cli(dir, 'clients', 'update', client.clientId, '--ip-range', '192.0.2.0/24')).code).toBe(0);
  expect((await cli(dir, 'clients', 'disable', client.clientId)).code).toBe(0);
  expect((await cli(dir, 'clients', 'enable', client.clientId)).code).toBe(0);
  const file = join(work, `${client.clientId}.json`);
  const generated = await cli(dir, '--json', 'credentials', 'generate', client.clientId, '--output', file);
  expect(generated.code).toBe(0);
  expect(statSync(file).mode & 0o777).toBe(0o600);
  secrets.secret(JSON.parse(readFileSync(file, 'utf8')).clientSecret);
  const again = join(work, `${client.clientId}-again.json`);
  expect((await cli(dir, '--json', 'credentials', 'generate', client.clientId, '--output', again, '--expires-in-days', '7')).code).toBe(0);
  secrets.secret(JSON.parse(readFileSync(again, 'utf8')).clientSecret);
  const expiring = JSON.parse((await cli(dir, '--json', 'credentials', 'expiring')).stdout) as Array<{ clientId: string }>;
  expect(expiring.map((e) => e.clientId)).toContain(client.clientId);
  expect((await cli(dir, 'credentials', 'end-grace', client.clientId)).code).toBe(0);
  expect((await cli(dir, 'clients', 'show', client.clientId)).stdout).toContain(`by ${contract.demoUsers.manager}`);
  expect((await cli(dir, 'clients', 'list', '--search', name)).stdout).toContain(client.clientId);
  expect((await cli(dir, 'services', 'list')).stdout).toContain(SERVICE);
  expect((await cli(dir, 'clients', 'delete', client.clientId)).code).toBe(0);
  expect((await cli(dir, 'clients', 'show', client.clientId)).code).toBe(4);

  const audit = await cli(dir, '--json', 'audit', '--client', client.id, '--all');
  expect(audit.code).toBe(0);
  const entries = JSON.parse(audit.stdout) as Array<{ action: string; actor: { username: string } }>;
  // Most recent first: each command once, none twice, none lost.
  expect(entries.map((e) => e.action).reverse()).toEqual([
    'create',
    'rename',
    'ip-ranges',
    'disable',
    'enable',
    'credentials-generated',
    'credentials-generated',
    'grace-ended',
    'delete',
  ]);
  expect(new Set(entries.map((e) => e.actor.username))).toEqual(new Set([contract.demoUsers.manager]));
  session(dir);

  // An access token near its end is renewed with the refresh token before the call, and the new tokens are kept.
  const before = session(dir);
  writeFileSync(join(dir, 'session.json'), JSON.stringify({ ...before, accessTokenExpiresAt: Date.now() + 5_000 }));
  expect((await cli(dir, 'services', 'list')).code).toBe(0);
  const renewed = session(dir);
  expect(renewed.accessToken).not.toBe(before.accessToken);
  expect(renewed.accessTokenExpiresAt).toBeGreaterThan(Date.now() + 60_000);
  expect(statSync(join(dir, 'session.json')).mode & 0o777).toBe(0o600);

  // An ended sign-in (the person's sessions ended at Keycloak) is found at the next renewal: sign in again.
  const admin = await bootstrapAdminClient();
  const [user] = await admin.users.find({ username: contract.demoUsers.manager, exact: true });
  await admin.users.logout({ id: user!.id! });
  const stored = session(dir);
  // The access token's end comes (it lives minutes): the next command must renew it.
  writeFileSync(join(dir, 'session.json'), JSON.stringify({ ...stored, accessTokenExpiresAt: 0 }));
  const ended = await cli(dir, 'clients', 'list');
  expect(ended.code).toBe(10);
  expect(ended.stderr).toContain('Your sign-in has expired: run `focus-api-access login` again');
});

test('medewerker signs in, gets the 403 naming the right, and logout revokes the refresh token at Keycloak', async () => {
  const { dir, login } = await signIn(contract.demoUsers.employee);
  expect(login.code).toBe(0);
  expect(login.stdout).toContain(`do not hold the right ${contract.manageRight.role}`);
  const refused = await cli(dir, 'clients', 'list');
  expect(refused.code).toBe(7);
  expect(refused.stderr).toContain(contract.manageRight.role);
  expect(JSON.parse((await cli(dir, '--json', 'whoami')).stdout)).toMatchObject({ mayManage: false });

  const { refreshToken, clientId } = session(dir);
  const logout = await cli(dir, 'logout');
  expect(logout.code).toBe(0);
  expect(logout.stdout).toContain('ended at Keycloak');
  expect(existsSync(join(dir, 'session.json'))).toBe(false);
  const reuse = await fetch(stack.tokenEndpoint, {
    method: 'POST',
    body: new URLSearchParams({ grant_type: 'refresh_token', client_id: clientId as string, refresh_token: refreshToken }),
  });
  expect(reuse.status).toBe(400);
  expect(((await reuse.json()) as { error: string }).error).toBe('invalid_grant');
});

test('without a sign-in or past its end: a clear message and exit code 10; a session file others can read is refused', async () => {
  const nobody = join(work, 'nobody');
  const missing = await cli(nobody, 'clients', 'list');
  expect(missing.code).toBe(10);
  expect(missing.stderr).toContain('Not signed in: run `focus-api-access login --url');
  expect(missing.stderr).toContain('--service-account');
  const never = join(work, 'never.json');
  expect((await cli(nobody, 'credentials', 'generate', 'api-any-client', '--output', never)).code).toBe(10);
  expect(existsSync(never)).toBe(false);

  const stored = {
    provisionerUrl: provisioner.url,
    issuer: stack.realmUrl,
    clientId: contract.clients.cli,
    username: 'x',
    accessToken: 'not-a-token',
    accessTokenExpiresAt: Date.now() + 600_000,
    refreshToken: 'not-a-token',
  };
  // A refresh token past its end is not even tried (this issuer could not be reached: trying would end in exit code 6).
  const lapsed = join(work, 'lapsed');
  mkdirSync(lapsed, { recursive: true, mode: 0o700 });
  writeFileSync(
    join(lapsed, 'session.json'),
    JSON.stringify({
      ...stored,
      issuer: 'http://127.0.0.1:1/realms/focus',
      accessTokenExpiresAt: 0,
      refreshTokenExpiresAt: Date.now() - 1000,
    }),
    {
      mode: 0o600,
    },
  );
  const expired = await cli(lapsed, 'whoami');
  expect(expired.code).toBe(10);
  expect(expired.stderr).toContain('Your sign-in has expired: run `focus-api-access login` again');

  const dir = join(work, 'loose');
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  writeFileSync(join(dir, 'session.json'), JSON.stringify(stored), { mode: 0o644 });
  chmodSync(join(dir, 'session.json'), 0o644);
  const refused = await cli(dir, 'clients', 'list');
  expect(refused.code).toBe(9);
  expect(refused.stderr).toContain('can be read by others');
  expect(refused.stderr).toContain('chmod 600');
});
