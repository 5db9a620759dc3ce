/** The CLI as a spawned process, authenticated as the provisioner's service account. */
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { contract } from '@focus-api-access/contract';
import { repoRoot } from '@focus-api-access/stack';
import { SERVICE, SecretLedger, stack, uniqueName, vendorToken } from './support.js';

const bin = join(repoRoot, 'provisioner', 'bin', 'focus-api-access.js');
const ledger = new SecretLedger();

function cli(args: string[], env: Record<string, string | undefined> = {}): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [bin, ...args], {
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
      const generating = args.includes('generate');
      if (!generating) ledger.text(`cli ${args.join(' ')} stdout`, stdout);
      ledger.text(`cli ${args.join(' ')} stderr`, stderr);
      resolve({ code: code ?? -1, stdout, stderr });
    });
  });
}

afterAll(() => {
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

  const generated = await cli(['--json', 'credentials', 'generate', client.clientId]);
  expect(generated.code).toBe(0);
  expect(generated.stderr).toMatch(/shown once/);
  const credentials = JSON.parse(generated.stdout);
  ledger.secret(credentials.clientSecret);
  expect((await vendorToken(client.clientId, credentials.clientSecret)).status).toBe(200);

  expect((await cli(['credentials', 'end-grace', client.clientId])).code).toBe(0);
  const activity = await cli(['--json', 'activity', client.clientId]);
  expect(JSON.parse(activity.stdout).lastTokenAt).toEqual(expect.any(String));
  expect((await cli(['--json', 'clients', 'update', client.id, '--name', `${name} v2`, '--no-ip-ranges'])).code).toBe(0);
  expect(JSON.parse((await cli(['--json', 'clients', 'disable', client.id])).stdout).enabled).toBe(false);
  expect(JSON.parse((await cli(['--json', 'clients', 'enable', client.id])).stdout).enabled).toBe(true);
  expect((await cli(['clients', 'delete', client.clientId])).code).toBe(0);
  expect((await cli(['clients', 'show', client.clientId])).code).toBe(4);
});

test('exit codes per error kind', async () => {
  expect((await cli(['clients', 'create', '--name', '', '--service', 'nope'])).code).toBe(3);
  expect((await cli(['clients', 'show', contract.clients.adminSpa])).code).toBe(4);
  expect((await cli(['credentials', 'generate', contract.clients.provisioner])).code).toBe(4);
  const name = uniqueName('CliDup');
  const first = await cli(['--json', 'clients', 'create', '--name', name, '--service', SERVICE]);
  const dup = await cli(['clients', 'create', '--name', name.toUpperCase(), '--service', SERVICE]);
  expect(dup.code).toBe(5);
  expect((await cli(['clients', 'delete', JSON.parse(first.stdout).id])).code).toBe(0);
  expect((await cli(['services', 'list'], { KEYCLOAK_URL: 'http://127.0.0.1:9' })).code).toBe(6);
  expect((await cli(['services', 'list'], { FOCUS_PROVISIONER_SECRET: 'wrong' })).code).toBe(6);
  const missing = await cli(['services', 'list'], { KEYCLOAK_URL: undefined });
  expect(missing.code).toBe(9);
  expect(missing.stderr).toContain('KEYCLOAK_URL');
  expect((await cli(['clients', 'frobnicate'])).code).toBe(2);
});
