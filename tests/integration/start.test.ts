/**
 * `npm start`'s entry point on a persistent data folder: what was created survives a restart, Ctrl-C stops
 * everything, and a killed parent leaves no Keycloak behind.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import KcAdminClient from '@keycloak/keycloak-admin-client';
import { contract } from '@focus-api-access/contract';
import { freePorts, repoRoot } from '@focus-api-access/stack';
import { jest } from '@jest/globals';
import { vendorToken, uniqueName } from '../support/keycloak.js';

jest.setTimeout(600_000);

const dataDir = mkdtempSync(join(tmpdir(), 'focus-start-test-'));
let ports: { keycloak: number; management: number; provisioner: number; provisionerManagement: number };

/** Processes whose command line mentions the data folder (Keycloak's JVM runs from inside it). */
function processesUsing(folder: string): string[] {
  const result = spawnSync('pgrep', ['-f', folder], { encoding: 'utf8' });
  return result.stdout.split('\n').filter((line) => line.trim() !== '');
}

async function eventually(condition: () => boolean, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (condition()) return true;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  return condition();
}

interface Started {
  readonly child: ChildProcess;
  output(): string;
}

/** Runs the start entry point as `npm start` does and waits until it says everything is up. */
async function npmStart(): Promise<Started> {
  let output = '';
  const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/start.ts'], {
    cwd: repoRoot,
    env: {
      ...process.env,
      FOCUS_DATA_DIR: dataDir,
      KC_HTTP_PORT: String(ports.keycloak),
      KC_MANAGEMENT_PORT: String(ports.management),
      PROVISIONER_PORT: String(ports.provisioner),
      PROVISIONER_MANAGEMENT_PORT: String(ports.provisionerManagement),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout!.on('data', (chunk) => (output += String(chunk)));
  child.stderr!.on('data', (chunk) => (output += String(chunk)));
  const ready = await new Promise<boolean>((resolve) => {
    const timer = setInterval(() => {
      if (output.includes('Press Ctrl-C to stop')) finish(true);
    }, 250);
    const finish = (value: boolean) => {
      clearInterval(timer);
      resolve(value);
    };
    child.once('exit', () => finish(false));
  });
  if (!ready) throw new Error(`npm start did not come up:\n${output.slice(-3000)}`);
  return { child, output: () => output };
}

function exited(child: ChildProcess): Promise<number | null> {
  if (child.exitCode !== null) return Promise.resolve(child.exitCode);
  return new Promise((resolve) => child.once('exit', (code) => resolve(code)));
}

async function admin(): Promise<KcAdminClient> {
  const secrets = JSON.parse(readFileSync(join(dataDir, 'secrets.json'), 'utf8'));
  const client = new KcAdminClient({ baseUrl: `http://localhost:${ports.keycloak}`, realmName: 'master' });
  await client.auth({ grantType: 'password', clientId: 'admin-cli', ...secrets.bootstrapAdmin });
  client.setConfig({ realmName: contract.realm });
  return client;
}

beforeAll(async () => {
  const [keycloak, management, provisioner, provisionerManagement] = (await freePorts(4)) as [number, number, number, number];
  ports = { keycloak, management, provisioner, provisionerManagement };
});
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

describe('npm start on a persistent data folder', () => {
  const clientId = uniqueName('survives-restart');

  it('serves Keycloak, the provisioner and the page, and prints where they are and the demo logins', async () => {
    const first = await npmStart();
    try {
      expect(first.output()).toContain(`http://localhost:${ports.keycloak}/realms/focus`);
      expect(first.output()).toContain(`API Toegang page:   http://localhost:${ports.provisioner}/`);
      const page = await fetch(`http://localhost:${ports.provisioner}/`);
      expect(page.status).toBe(200);
      expect(await page.text()).toMatch(/<html/i);
      // No other site may frame the page (clickjacking a delete or a revoke), and it runs only its own scripts.
      expect(page.headers.get('content-security-policy')).toMatch(/frame-ancestors 'none'/);
      expect(page.headers.get('content-security-policy')).toMatch(/script-src 'self'(;|$)/);
      expect(page.headers.get('x-frame-options')).toBe('DENY');
      expect(first.output()).toContain(`http://127.0.0.1:${ports.provisionerManagement}/readyz`);
      expect((await fetch(`http://127.0.0.1:${ports.provisionerManagement}/metrics`)).status).toBe(200);
      const ready = await fetch(`http://localhost:${ports.provisioner}/readyz`);
      expect(ready.status).toBe(200);
      const anonymous = await fetch(`http://localhost:${ports.provisioner}/api/v1/clients`);
      expect(anonymous.status).toBe(401);
      expect(first.output()).toMatch(/beheerder \/ demo-/);
      expect(first.output()).toMatch(/Keycloak is ready after \d+\.\d s/);
      const kc = await admin();
      await kc.clients.create({ clientId, serviceAccountsEnabled: true, publicClient: false, standardFlowEnabled: false });
    } finally {
      first.child.kill('SIGINT');
    }
    expect(await exited(first.child)).toBe(0);
    expect(await eventually(() => processesUsing(dataDir).length === 0, 30_000)).toBe(true);
  });

  it('keeps what was created before, and the provisioner secret still works, after a restart', async () => {
    const second = await npmStart();
    try {
      const kc = await admin();
      const [found] = await kc.clients.find({ clientId });
      expect(found?.clientId).toBe(clientId);
      const secrets = JSON.parse(readFileSync(join(dataDir, 'secrets.json'), 'utf8'));
      const token = await vendorToken(
        contract.clients.provisioner,
        secrets.provisionerSecret,
        `http://localhost:${ports.keycloak}/realms/focus/protocol/openid-connect/token`,
      );
      expect(token.status).toBe(200);
    } finally {
      // A crashed parent: no chance to clean up. The supervisor must still end Keycloak.
      second.child.kill('SIGKILL');
    }
    await exited(second.child);
    expect(await eventually(() => processesUsing(dataDir).length === 0, 60_000)).toBe(true);
  });
});
