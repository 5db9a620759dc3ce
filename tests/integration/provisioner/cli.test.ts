/** The CLI as a spawned process in its automation mode: `--service-account`, the provisioner's service account. */
import { spawn } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { contract } from '@focus-api-access/contract';
import { repoRoot } from '@focus-api-access/stack';
import { eventually } from '../extension/activity-support.js';
import { SERVICE, SecretLedger, stack, uniqueName, vendorToken } from './support.js';

const bin = join(repoRoot, 'provisioner', 'bin', 'focus-api-access.js');
const ledger = new SecretLedger();
const outputDir = mkdtempSync(join(tmpdir(), 'focus-cli-'));

/** Runs a program with the service account's environment; what it prints goes to the secret ledger. */
function run(
  executable: string,
  args: string[],
  env: Record<string, string | undefined> = {},
): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(executable, args, {
      env: {
        PATH: process.env.PATH,
        HOME: process.env.HOME,
        KEYCLOAK_URL: stack.keycloakUrl,
        FOCUS_PROVISIONER_SECRET: stack.provisionerSecret,
        ...env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    const timer = setTimeout(() => child.kill('SIGKILL'), 60_000);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      // Only a generation shown on a terminal may print the secret, on standard output.
      const showsSecret = args.join(' ').includes('generate') && !args.includes('--output');
      if (!showsSecret) ledger.text(`${args.join(' ')} stdout`, stdout);
      ledger.text(`${args.join(' ')} stderr`, stderr);
      resolve({ code: code ?? -1, stdout, stderr });
    });
  });
}

function cli(args: string[], env: Record<string, string | undefined> = {}) {
  return run(process.execPath, [bin, '--service-account', ...args], env);
}

afterAll(() => {
  rmSync(outputDir, { recursive: true, force: true });
  expect(ledger.leaks()).toEqual([]);
});

test('--help everywhere', async () => {
  for (const args of [['--help'], ['clients', '--help'], ['clients', 'create', '--help'], ['credentials', 'generate', '--help']]) {
    const { code, stdout } = await cli(args);
    expect(code).toBe(0);
    expect(stdout).toContain('Usage: focus-api-access');
  }
});

test('the full life cycle, with tables by default and --json for scripts', async () => {
  const name = uniqueName('Cli');
  const services = await cli(['services', 'list']);
  expect(services.stdout).toContain(SERVICE);
  const created = await cli([
    '--json',
    'clients',
    'create',
    '--name',
    name,
    '--service',
    SERVICE,
    '--ip-range',
    '127.0.0.1',
    '--ip-range',
    '::1',
  ]);
  expect(created.code).toBe(0);
  const client = JSON.parse(created.stdout);
  expect(client).toMatchObject({ name, ipRanges: ['127.0.0.1', '::1'] });

  const table = await cli(['clients', 'list', '--search', name]);
  expect(table.stdout).toMatch(/CLIENT ID\s+NAME/);
  expect(table.stdout).toContain(client.clientId);
  expect((await cli(['clients', 'show', client.clientId])).stdout).toContain(name);

  const file = join(outputDir, 'credentials.json');
  const generated = await cli(['--json', 'credentials', 'generate', client.clientId, '--output', file]);
  expect(generated.code).toBe(0);
  expect(JSON.parse(generated.stdout)).toEqual(expect.objectContaining({ clientId: client.clientId, secretWrittenTo: file }));
  expect(JSON.parse(generated.stdout)).not.toHaveProperty('clientSecret');
  expect(statSync(file).mode & 0o777).toBe(0o600);
  const credentials = JSON.parse(readFileSync(file, 'utf8'));
  ledger.secret(credentials.clientSecret);
  expect((await vendorToken(client.clientId, credentials.clientSecret)).status).toBe(200);

  expect((await cli(['credentials', 'end-grace', client.clientId])).code).toBe(0);
  const activity = await eventually(
    () => cli(['--json', 'activity', client.clientId]),
    (answer) => JSON.parse(answer.stdout).lastUse !== undefined,
  );
  expect(JSON.parse(activity.stdout).lastUse).toEqual({ time: expect.any(String), ipAddress: '127.0.0.1' });
  expect((await cli(['--json', 'clients', 'update', client.id, '--name', `${name} v2`, '--no-ip-ranges'])).code).toBe(0);
  expect(JSON.parse((await cli(['--json', 'clients', 'disable', client.id])).stdout).enabled).toBe(false);
  expect(JSON.parse((await cli(['--json', 'clients', 'enable', client.id])).stdout).enabled).toBe(true);
  expect((await cli(['clients', 'delete', client.clientId])).code).toBe(0);
  expect((await cli(['clients', 'show', client.clientId])).code).toBe(4);
});

test('exit codes per error kind', async () => {
  expect((await cli(['clients', 'create', '--name', '', '--service', 'nope'])).code).toBe(3);
  expect((await cli(['clients', 'show', contract.clients.adminSpa])).code).toBe(4);
  const never = join(outputDir, 'never.json');
  expect((await cli(['credentials', 'generate', contract.clients.provisioner, '--output', never])).code).toBe(4);
  // No secret came, so no file stays behind.
  expect(existsSync(never)).toBe(false);
  const name = uniqueName('CliDup');
  const first = await cli(['--json', 'clients', 'create', '--name', name, '--service', SERVICE]);
  const dup = await cli(['clients', 'create', '--name', name.toUpperCase(), '--service', SERVICE]);
  expect(dup.code).toBe(5);
  expect((await cli(['clients', 'delete', JSON.parse(first.stdout).id])).code).toBe(0);
  expect((await cli(['services', 'list'], { KEYCLOAK_URL: 'http://127.0.0.1:9' })).code).toBe(6);
  // A wrong or replaced secret is refused as such (7), not reported as an outage (6) that a job would retry in vain.
  const wrong = await cli(['services', 'list'], { FOCUS_PROVISIONER_SECRET: 'wrong' });
  expect([wrong.code, wrong.stderr]).toEqual([7, expect.stringContaining('Error (unauthorized)')]);
  const missing = await cli(['services', 'list'], { KEYCLOAK_URL: undefined });
  expect(missing.code).toBe(9);
  expect(missing.stderr).toContain('KEYCLOAK_URL');
  expect((await cli(['clients', 'frobnicate'])).code).toBe(2);
});

describe('where a secret may go', () => {
  async function createdClient(): Promise<{ id: string; clientId: string }> {
    const created = await cli(['--json', 'clients', 'create', '--name', uniqueName('Cli secret'), '--service', SERVICE]);
    expect(created.code).toBe(0);
    return JSON.parse(created.stdout);
  }

  test('not to a pipe, nor as --json on standard output: refused before anything is generated', async () => {
    const client = await createdClient();
    for (const args of [[], ['--json']]) {
      const refused = await cli([...args, 'credentials', 'generate', client.clientId]);
      expect(refused.code).toBe(2);
      expect(refused.stderr).toMatch(/--output <file>/);
      expect(refused.stdout).toBe('');
    }
    const shown = JSON.parse((await cli(['--json', 'clients', 'show', client.clientId])).stdout);
    expect(shown.credentialsGeneratedAt).toBeUndefined();
    expect((await cli(['clients', 'delete', client.clientId])).code).toBe(0);
  });

  test('never over an existing file or through a link, and to a terminal when there is one', async () => {
    const client = await createdClient();
    const existing = join(outputDir, 'existing.json');
    writeFileSync(existing, 'keep me');
    const link = join(outputDir, 'link.json');
    symlinkSync(join(outputDir, 'elsewhere.json'), link);
    for (const target of [existing, link]) {
      const refused = await cli(['credentials', 'generate', client.clientId, '--output', target]);
      expect(refused.code).toBe(2);
    }
    expect(readFileSync(existing, 'utf8')).toBe('keep me');
    expect(JSON.parse((await cli(['--json', 'clients', 'show', client.clientId])).stdout).credentialsGeneratedAt).toBeUndefined();

    // `script` gives the CLI a pseudo-terminal as standard output, as a person at a shell has.
    const command = [process.execPath, bin, '--service-account', 'credentials', 'generate', client.clientId].map((a) => `'${a}'`).join(' ');
    const onTerminal = await run('script', ['-qec', command, '/dev/null']);
    expect(onTerminal.code).toBe(0);
    const secret = /Client secret\s+(\S+)/.exec(onTerminal.stdout)?.[1];
    expect(secret).toEqual(expect.any(String));
    ledger.secret(secret!);
    expect((await vendorToken(client.clientId, secret!)).status).toBe(200);
    expect((await cli(['clients', 'delete', client.clientId])).code).toBe(0);
  });
});

test('the service account only when asked for: its secret from the environment or a file only its owner reads', async () => {
  // A secret in the environment does not make the CLI act as the service account: without --service-account it wants a person.
  const session = join(outputDir, 'no-session');
  const person = await run(process.execPath, [bin, 'services', 'list'], { FOCUS_API_ACCESS_CONFIG_DIR: session });
  expect(person.code).toBe(10);
  expect(person.stderr).toContain('Not signed in: run `focus-api-access login --url');

  const secretFile = join(outputDir, 'provisioner-secret');
  writeFileSync(secretFile, `${stack.provisionerSecret}\n`, { mode: 0o644 });
  chmodSync(secretFile, 0o644);
  const withoutSecret = { FOCUS_PROVISIONER_SECRET: undefined };
  const loose = await cli(['--secret-file', secretFile, 'services', 'list'], withoutSecret);
  expect(loose.code).toBe(2);
  expect(loose.stderr).toContain('chmod 600');
  chmodSync(secretFile, 0o600);
  const created = await cli(
    ['--secret-file', secretFile, '--json', 'clients', 'create', '--name', uniqueName('Cli account'), '--service', SERVICE],
    withoutSecret,
  );
  expect(created.code).toBe(0);
  const client = JSON.parse(created.stdout);
  // The records and the history name the service account, never a person the CLI cannot verify.
  expect(client.createdBy).toBe(`service-account-${contract.clients.provisioner}`);
  const history = await cli(['--json', 'audit', '--client', client.id]);
  expect(JSON.parse(history.stdout).items.map((e: { actor: { username: string } }) => e.actor.username)).toEqual([
    `service-account-${contract.clients.provisioner}`,
  ]);
  expect((await cli(['clients', 'delete', client.id])).code).toBe(0);
});

test('a wide range is taken only with --wide-ip-range', async () => {
  const name = uniqueName('Cli wide');
  const refused = await cli(['clients', 'create', '--name', name, '--service', SERVICE, '--ip-range', '10.0.0.0/8']);
  expect(refused.code).toBe(3);
  expect(refused.stderr).toMatch(/wide range \(16,777,216 addresses\)/);
  expect(refused.stderr).toMatch(/--wide-ip-range/);
  const typo = await cli(['clients', 'create', '--name', name, '--service', SERVICE, '--ip-range', '203.0.113.10/3']);
  expect(typo.code).toBe(3);
  expect(typo.stderr).toContain('192.0.0.0/3');
  const created = await cli([
    '--json',
    'clients',
    'create',
    '--name',
    name,
    '--service',
    SERVICE,
    '--wide-ip-range',
    '10.0.0.0/8',
    '--ip-range',
    '192.0.2.1',
  ]);
  expect(created.code).toBe(0);
  const client = JSON.parse(created.stdout);
  expect(client.ipRanges).toEqual(['192.0.2.1', '10.0.0.0/8']);
  expect((await cli(['clients', 'delete', client.clientId])).code).toBe(0);
});

test('credentials generate: a new request key per run, and --idempotency-key for a script that retries', async () => {
  const created = await cli(['--json', 'clients', 'create', '--name', uniqueName('CliKey'), '--service', SERVICE]);
  const client = JSON.parse(created.stdout);
  const generate = async (file: string, ...extra: string[]) => {
    const result = await cli(['--json', 'credentials', 'generate', client.clientId, '--output', join(outputDir, file), ...extra]);
    if (result.code === 0) ledger.secret(JSON.parse(readFileSync(join(outputDir, file), 'utf8')).clientSecret);
    return result;
  };
  // Two runs without a key are two generations.
  expect((await generate('run-1.json')).code).toBe(0);
  expect((await generate('run-2.json')).code).toBe(0);
  // A script's retry with its key: the second run generates nothing, says why, and leaves no file.
  expect((await generate('keyed.json', '--idempotency-key', 'nightly-rotation-42')).code).toBe(0);
  const retried = await generate('keyed-again.json', '--idempotency-key', 'nightly-rotation-42');
  expect(retried.code).toBe(5);
  expect(JSON.parse(retried.stderr)).toMatchObject({ error: 'credentials_not_delivered' });
  expect(existsSync(join(outputDir, 'keyed-again.json'))).toBe(false);
  const keyed = JSON.parse(readFileSync(join(outputDir, 'keyed.json'), 'utf8'));
  expect((await vendorToken(client.clientId, keyed.clientSecret)).status).toBe(200);
  expect((await cli(['clients', 'delete', client.clientId])).code).toBe(0);
});
