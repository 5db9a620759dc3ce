/**
 * The provisioner given several Keycloak nodes (KEYCLOAK_URL as a list), against the run's one Keycloak: a URL where
 * nothing listens stands for a dead node, and a TCP proxy the test stops and starts again for a node that dies and
 * comes back. The shared Keycloak itself keeps running.
 */
import { join } from 'node:path';
import { contract } from '@focus-api-access/contract';
import { repoRoot } from '@focus-api-access/stack';
import { runCli } from '../../../provisioner/src/cli/main.js';
import { listApiClients } from '../../../provisioner/src/core/index.js';
import { startProvisioner } from '../../../provisioner/src/start.js';
import { TEST_AUTHORIZED_PARTIES } from '../../support/login-client.js';
import {
  SERVICE,
  SecretLedger,
  api,
  deadKeycloakUrl,
  deps,
  loginClients,
  nodeProxy,
  passwordToken,
  stack,
  uniqueName,
  vendorToken,
  type NodeProxy,
} from './support.js';

const ledger = new SecretLedger();
let logins: Awaited<ReturnType<typeof loginClients>>;
let manager: string;

interface Provisioner {
  readonly call: ReturnType<typeof api>;
  /** The management listener: the detailed readiness. */
  readonly manage: ReturnType<typeof api>;
  readonly logs: string[];
  failovers(): string[];
  stop(): Promise<void>;
}

const running: Provisioner[] = [];

/** The provisioner as production starts it, given these Keycloak URLs in this order. */
async function provisioner(keycloakUrl: string[], keycloakNodeRetryMs?: number): Promise<Provisioner> {
  const logs: string[] = [];
  const started = await startProvisioner({
    keycloakUrl,
    keycloakPublicUrl: stack.keycloakUrl,
    provisionerSecret: stack.provisionerSecret,
    port: 0,
    keycloakTimeoutMs: 4000,
    credentialsPerMinute: 1000,
    authorizedParties: TEST_AUTHORIZED_PARTIES,
    ...(keycloakNodeRetryMs === undefined ? {} : { keycloakNodeRetryMs }),
    log: (line) => logs.push(line),
  });
  const address = started.app.server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  const instance: Provisioner = {
    call: api(`http://127.0.0.1:${port}`, ledger),
    manage: api(started.managementUrl, ledger),
    logs,
    failovers: () =>
      logs
        .map((line) => JSON.parse(line) as { level: number; msg: string })
        .filter((l) => l.level === 40 && l.msg.startsWith('Keycloak failover'))
        .map((l) => l.msg),
    stop: () => started.stop(),
  };
  running.push(instance);
  return instance;
}

beforeAll(async () => {
  logins = await loginClients();
  manager = await passwordToken(logins.withAudience, contract.demoUsers.manager);
});

afterAll(async () => {
  for (const instance of running) {
    await instance.stop();
    ledger.text('provisioner log', instance.logs.join('\n'));
  }
  await logins.remove();
  expect(ledger.secrets.size).toBeGreaterThan(0);
  expect(ledger.leaks()).toEqual([]);
  for (const instance of running) expect(instance.logs.join('\n')).not.toMatch(/Bearer ey|client_secret|FOCUS_PROVISIONER_SECRET/);
});

/**
 * The warning for a proxy that was stopped: refused, or (when a kept-alive connection was in use at that moment)
 * closed.
 */
function cutOff(url: string, then = ''): RegExp {
  const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(
    `Keycloak failover: ${escape(url)} failed \\((connection refused|connection closed|connection reset)\\)${escape(then)}`,
  );
}

/** Create, find, generate credentials (the vendor gets a token with them), delete: the manager's whole job. */
async function wholeJob(call: ReturnType<typeof api>): Promise<void> {
  const name = uniqueName('Failover');
  const created = await call('POST', '/api/v1/clients', { token: manager, body: { name, services: [SERVICE] } });
  expect(created.status).toBe(201);
  const listed = await call('GET', `/api/v1/clients?search=${encodeURIComponent(name)}`, { token: manager });
  expect(listed.status).toBe(200);
  expect(listed.json.items.map((c: { id: string }) => c.id)).toEqual([created.json.id]);
  const credentials = await call('POST', `/api/v1/clients/${created.json.id}/credentials`, { token: manager });
  expect(credentials.status).toBe(201);
  expect((await vendorToken(credentials.json.clientId, credentials.json.clientSecret)).status).toBe(200);
  expect((await call('DELETE', `/api/v1/clients/${created.json.id}`, { token: manager })).status).toBe(204);
}

describe('one of two nodes dead from the start', () => {
  test('listed first: readiness names it down, the whole job works through the other node, and one warning is logged', async () => {
    const dead = await deadKeycloakUrl();
    const { call, manage, failovers } = await provisioner([dead, stack.keycloakUrl]);
    await wholeJob(call); // the first call finds node 1 dead and moves on; user tokens verified with node 2's JWKS
    expect((await call('GET', '/readyz')).json).toEqual({ status: 'ready' });
    const ready = await manage('GET', '/readyz');
    expect(ready.status).toBe(200);
    expect(ready.json).toEqual({
      status: 'ready',
      keycloakNodes: [
        { node: 1, up: false, reason: 'connection refused' },
        { node: 2, up: true },
      ],
    });
    const me = await call('GET', '/api/v1/me', { token: manager });
    expect(me.json).toMatchObject({ username: contract.demoUsers.manager, mayManage: true });
    expect(failovers()).toEqual([`Keycloak failover: ${dead} failed (connection refused); now using ${stack.keycloakUrl}`]);
  });

  test('listed first: a token no node signed is still 401, not a Keycloak outage', async () => {
    const { call } = await provisioner([await deadKeycloakUrl(), stack.keycloakUrl]);
    const [h, p, s] = manager.split('.');
    const tampered = `${h}.${p}.${s!.slice(0, -4)}${s!.slice(-4) === 'AAAA' ? 'BBBB' : 'AAAA'}`;
    expect((await call('GET', '/api/v1/clients', { token: tampered })).status).toBe(401);
  });

  test('listed last: the whole job works, and the dead node is named in readiness', async () => {
    const dead = await deadKeycloakUrl();
    const { call, manage, failovers } = await provisioner([stack.keycloakUrl, dead]);
    await wholeJob(call);
    expect((await manage('GET', '/readyz')).json.keycloakNodes).toEqual([
      { node: 1, up: true },
      { node: 2, up: false, reason: 'connection refused' },
    ]);
    expect(failovers()).toEqual([`Keycloak failover: ${dead} failed (connection refused); now using ${stack.keycloakUrl}`]);
  });
});

describe('a node that dies while it creates a client', () => {
  let node: NodeProxy;
  afterAll(async () => {
    await node?.stop();
  });

  test('the create is not repeated on the next node: the client exists once, and the answer is 201', async () => {
    node = await nodeProxy({ loseAnswersTo: /^POST \/admin\/realms\/focus\/clients\/? HTTP/ });
    const { call, failovers } = await provisioner([node.url, stack.keycloakUrl]);
    const name = uniqueName('Lost answer');
    const created = await call('POST', '/api/v1/clients', { token: manager, body: { name, services: [SERVICE] } });
    expect([created.status, created.json.title]).toEqual([201, undefined]);
    expect((await listApiClients(deps(), { search: name })).items.map((c) => c.id)).toEqual([created.json.id]);
    expect(failovers()).toHaveLength(1);
    expect(failovers()[0]).toMatch(cutOff(node.url, `; now using ${stack.keycloakUrl}`));
    expect((await call('DELETE', `/api/v1/clients/${created.json.id}`, { token: manager })).status).toBe(204);
  });
});

describe('every node dead', () => {
  let node: NodeProxy;
  afterAll(async () => {
    await node?.stop();
  });

  test('503 with a retry hint, nothing half-made, and work again once a node is back', async () => {
    node = await nodeProxy();
    const dead = await deadKeycloakUrl();
    const { call, failovers } = await provisioner([node.url, dead], 300);
    expect((await call('GET', '/api/v1/clients', { token: manager })).status).toBe(200); // the signing keys are known now

    await node.stop();
    const ready = await call('GET', '/readyz');
    expect(ready.status).toBe(503);
    expect(ready.headers.get('retry-after')).toEqual(expect.any(String));
    const name = uniqueName('All down');
    const create = await call('POST', '/api/v1/clients', { token: manager, body: { name, services: [SERVICE] } });
    expect(create.status).toBe(503);
    expect(create.json.type).toBe('urn:focus-api-access:problem:unavailable');
    expect(create.headers.get('retry-after')).toEqual(expect.any(String));
    expect((await call('GET', '/api/v1/clients', { token: manager })).status).toBe(503);
    expect((await listApiClients(deps(), { search: name })).items).toEqual([]);
    // Readiness asks both nodes at once: either may be found down first, the second leaves none.
    const [first, second] = failovers();
    expect(failovers()).toHaveLength(2);
    expect([first, second].join('\n')).toContain(`Keycloak failover: ${dead} failed (connection refused)`);
    expect([first, second].join('\n')).toMatch(cutOff(node.url));
    expect(second).toMatch(/; no other node answers$/);

    await node.start();
    expect((await call('GET', '/readyz')).status).toBe(200);
    const created = await call('POST', '/api/v1/clients', { token: manager, body: { name, services: [SERVICE] } });
    expect(created.status).toBe(201);
    expect((await call('DELETE', `/api/v1/clients/${created.json.id}`, { token: manager })).status).toBe(204);
  });
});

describe('a node that dies and comes back', () => {
  let node: NodeProxy;
  afterAll(async () => {
    await node?.stop();
  });

  test('is left while it is down, and used again once a probe finds it back, without a restart', async () => {
    node = await nodeProxy();
    const { call, failovers, logs } = await provisioner([node.url, stack.keycloakUrl], 500);
    const list = () => call('GET', '/api/v1/clients?max=1', { token: manager });
    expect((await list()).status).toBe(200);
    expect(node.traffic.bytesToKeycloak).toBeGreaterThan(0); // the preferred node carries the work

    await node.stop();
    await wholeJob(call);
    expect(failovers()).toHaveLength(1);
    expect(failovers()[0]).toMatch(cutOff(node.url, `; now using ${stack.keycloakUrl}`));

    await node.start();
    const before = { ...node.traffic };
    const backInUse = () => logs.some((line) => line.includes(`Keycloak node ${node.url} answers again: back in use`));
    const deadline = Date.now() + 20_000;
    while (!backInUse() && Date.now() < deadline) {
      expect((await list()).status).toBe(200); // requests meanwhile go to the node in use: none fails
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(backInUse()).toBe(true);
    expect(node.traffic.connections).toBeGreaterThan(before.connections);

    const probed = node.traffic.bytesToKeycloak;
    expect((await list()).status).toBe(200);
    expect(node.traffic.bytesToKeycloak).toBeGreaterThan(probed); // this request went through the node that came back
  });
});

describe('the CLI given several nodes', () => {
  test('works through the node that answers and warns about the other on standard error', async () => {
    const dead = await deadKeycloakUrl();
    let out = '';
    let err = '';
    const code = await runCli(['--service-account', '--json', 'services', 'list'], {
      out: (text) => void (out += text),
      err: (text) => void (err += text),
      env: {
        KEYCLOAK_URL: `${dead},${stack.keycloakUrl}`,
        KEYCLOAK_PUBLIC_URL: stack.keycloakUrl,
        FOCUS_PROVISIONER_SECRET: stack.provisionerSecret,
      },
    });
    expect(code).toBe(0);
    expect((JSON.parse(out) as Array<{ id: string }>).map((s) => s.id)).toContain(SERVICE);
    expect(err).toBe(`Warning: Keycloak node ${dead} failed (connection refused); using ${stack.keycloakUrl}\n`);
  });

  test('realm apply logs the administrator in at the first node that answers', async () => {
    let out = '';
    const code = await runCli(
      ['realm', 'apply', '--dry-run', '--use-defaults', '--file', join(repoRoot, 'realm-config', 'focus-realm.json')],
      {
        out: (text) => void (out += text),
        err: () => undefined,
        env: {
          KEYCLOAK_URL: `${await deadKeycloakUrl()},${stack.keycloakUrl}`,
          KEYCLOAK_ADMIN_USERNAME: stack.bootstrapAdmin.username,
          KEYCLOAK_ADMIN_PASSWORD: stack.bootstrapAdmin.password,
          FOCUS_ADMIN_URL: stack.adminPageUrl,
        },
      },
    );
    expect(code).toBe(0);
    expect(out.trim().split('\n').at(-1)).toMatch(/^Nothing to change|\(dry run: nothing changed\)\.$/);
  });

  test('a bad list is a configuration error naming the entry', async () => {
    let err = '';
    const code = await runCli(['--service-account', 'services', 'list'], {
      out: () => undefined,
      err: (text) => void (err += text),
      env: { KEYCLOAK_URL: `${stack.keycloakUrl},,${stack.keycloakUrl}`, FOCUS_PROVISIONER_SECRET: stack.provisionerSecret },
    });
    expect(code).toBe(9);
    expect(err).toContain('KEYCLOAK_URL entry 2 is empty');
    expect(err).toContain(`KEYCLOAK_URL lists ${stack.keycloakUrl} twice (entries 1 and 3)`);
    expect(err).not.toContain(stack.provisionerSecret);
  });
});
