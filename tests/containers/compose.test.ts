/**
 * docker-compose.yml as a platform engineer runs it, from a .env made from .env.example, on the images built here,
 * talking to it only through the ports it publishes on 127.0.0.1. One deployment through its life, in the order it
 * would go (the machine has two cores): one node, its data across a restart, a realm upgrade, growing to the cluster
 * profile behind nginx on TLS, a node stopped and started again, and `down -v`.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { decodeJwt } from 'jose';
import { contract } from '@focus-api-access/contract';
import { clusterViews, freePorts, localMemberName, realmConfigDir } from '@focus-api-access/stack';
import { ComposeProject, docker, generatedSecret, succeeded, writeEnvFile } from './support/compose.js';
import { SERVICE, provisionerApi, tokenEndpoint, vendorToken } from './support/deployment.js';
import { eventually } from '../support/eventually.js';
import { call, throwAwayCertificate } from '../support/http.js';
import { adminAt } from '../support/keycloak.js';
import { createManager, type Manager } from '../support/manager.js';
import { TEST_AUTHORIZED_PARTIES } from '../support/login-client.js';
import { loginPageQuery, refusedAtPublicEntrance } from '../support/public-entrance.js';

const dir = mkdtempSync(join(tmpdir(), 'focus-compose-'));
const project = new ComposeProject(join(dir, '.env'));
const secrets = {
  POSTGRES_PASSWORD: generatedSecret(),
  KC_BOOTSTRAP_ADMIN_PASSWORD: generatedSecret(),
  FOCUS_PROVISIONER_SECRET: generatedSecret(),
};
const bootstrapAdmin = { username: 'admin', password: secrets.KC_BOOTSTRAP_ADMIN_PASSWORD };
/** Every secret of the run, which no log may contain. */
const generated: string[] = Object.values(secrets);

let ports: { keycloak: number; provisioner: number; proxy: number };
let adminUrl: string;
let api: ReturnType<typeof provisionerApi>;
let manager: Manager;
/** The Compose network's gateway: the address Keycloak and nginx see for every caller on this host. */
let gateway: string;
/** An API client made through the provisioner, followed through the whole run. */
let vendor: { id: string; clientId: string; secret: string };

/** For a test that (re)starts containers or runs Compose: room for a loaded two-core machine. */
const RESTART_TIMEOUT_MS = 10 * 60_000;
const SERVICES = ['postgres', 'keycloak', 'provisioner'];
const CLUSTER_SERVICES = [...SERVICES, 'keycloak-2', 'proxy'];
const ONE_SHOT = ['keycloak-init'];

function writeEnv(phase: 'single' | 'cluster'): void {
  writeEnvFile(project.envFile, {
    ...secrets,
    KC_HOSTNAME: phase === 'single' ? `http://localhost:${ports.keycloak}` : `https://localhost:${ports.proxy}`,
    KC_HOSTNAME_ADMIN: adminUrl,
    KC_HTTP_PORT: String(ports.keycloak),
    FOCUS_ADMIN_URL: 'https://focus.example',
    PROVISIONER_PORT: String(ports.provisioner),
    // The test's manager logs in through a login client of its own (focus-admin is a browser client).
    PROVISIONER_AUTHORIZED_PARTIES: TEST_AUTHORIZED_PARTIES.join(','),
    PROXY_HTTPS_PORT: `127.0.0.1:${ports.proxy}`,
    TLS_CERT_DIR: join(dir, 'certs'),
    // The cluster profile's advice in .env.example: the provisioner lists both nodes and fails over between them.
    ...(phase === 'cluster' ? { PROVISIONER_KEYCLOAK_URL: 'http://keycloak:8080,http://keycloak-2:8080' } : {}),
  });
}

/** The default gateway a service's container routes through (its /proc/net/route), which Docker does not report. */
async function defaultGateway(service: string): Promise<string> {
  const routes = succeeded('cat /proc/net/route', await project.compose(['exec', '-T', service, 'cat', '/proc/net/route'])).stdout;
  const hex = routes
    .split('\n')
    .map((line) => line.trim().split(/\s+/))
    .find((fields) => fields[1] === '00000000')?.[2];
  if (!hex) throw new Error(`no default route in ${service}:\n${routes}`);
  // Little-endian hexadecimal, as the kernel prints it.
  return [6, 4, 2, 0].map((at) => parseInt(hex.slice(at, at + 2), 16)).join('.');
}

const loginQuery = () => loginPageQuery('https://focus.example/');

/** What a refusal of an API client looks like from outside, whatever the reason: a wrong secret's answer. */
const REFUSED = { status: 401, error: 'invalid_client', description: 'Invalid client or Invalid client credentials' };

/**
 * The addresses the vendor's requests were refused from for being outside its IP ranges, as the provisioner reports
 * them: whom Keycloak saw. Waits for the node's activity writer, which records a first refusal at once.
 */
async function addressesRefusedOutsideRanges(token: string): Promise<string[]> {
  const page = await eventually(
    async () =>
      (await api('GET', `/api/v1/clients/${vendor.id}/refusals?reason=ip_not_allowed`, token)).json() as {
        total: number;
        items: Array<{ ipAddress?: string }>;
      },
    (answer) => answer.total > 0,
  );
  return page.items.map((item) => item.ipAddress ?? '(other addresses)');
}

const published = () => tokenEndpoint(`http://127.0.0.1:${ports.keycloak}`);
const seconds = (since: number) => `${((Date.now() - since) / 1000).toFixed(1)} s`;
const note = (line: string) => process.stderr.write(`[compose] ${line}\n`);

beforeAll(async () => {
  const [keycloak, provisioner, proxy] = (await freePorts(3)) as [number, number, number];
  ports = { keycloak, provisioner, proxy };
  adminUrl = `http://127.0.0.1:${ports.keycloak}`;
  api = provisionerApi(`http://127.0.0.1:${ports.provisioner}`);
  writeEnv('single');
  const startedAt = Date.now();
  succeeded('docker compose up', await project.compose(['up', '--detach']));
  await project.waitHealthy(SERVICES, ONE_SHOT);
  note(`docker compose up (first start, realm import) to all healthy: ${seconds(startedAt)}`);
  gateway = await defaultGateway('keycloak');
  manager = await createManager(await adminAt(adminUrl, bootstrapAdmin));
}, 20 * 60_000);

afterAll(async () => {
  await project.compose(['down', '--volumes', '--remove-orphans'], { profiles: ['cluster'] });
  rmSync(dir, { recursive: true, force: true });
}, 5 * 60_000);

describe('one Keycloak node (the default profile)', () => {
  test('every service becomes healthy, after keycloak-init has set Keycloak up and exited', async () => {
    const states = await project.ps();
    expect(states.map((s) => [s.Service, s.Health || s.State]).sort()).toEqual(
      [
        ['keycloak', 'healthy'],
        ['keycloak-init', 'exited'],
        ['postgres', 'healthy'],
        ['provisioner', 'healthy'],
      ].sort(),
    );
    expect(states.find((s) => s.Service === 'keycloak-init')?.ExitCode).toBe(0);
    expect((await project.logs('keycloak-init')).trim().split('\n')).toEqual([
      "~ the provisioner's client secret set from FOCUS_PROVISIONER_SECRET",
      '~ realm master: brute-force protection bruteForceProtected=true, failureFactor=5',
      `~ realm master: served at the admin URL ${adminUrl}`,
      '3 changes applied.',
    ]);
  });

  test('realm focus is imported with the extension (its client-policy executors) and the FOCUS login theme', async () => {
    const admin = await adminAt(adminUrl, bootstrapAdmin);
    const info = (await admin.serverInfo.find()) as { componentTypes?: Record<string, Array<{ id: string }>> };
    const executors = Object.entries(info.componentTypes ?? {})
      .filter(([type]) => type.includes('ClientPolicyExecutorProvider'))
      .flatMap(([, providers]) => providers.map((p) => p.id));
    expect(executors).toEqual(expect.arrayContaining([contract.ipRangeExecutor, contract.secretGenerationExecutor]));
    const authenticators = Object.keys(
      (info as { providers?: Record<string, { providers?: Record<string, unknown> }> }).providers?.['client-authenticator']?.providers ??
        {},
    );
    expect(authenticators).toContain(contract.secretAuthenticator);
    const login = await call(`http://127.0.0.1:${ports.keycloak}/realms/${contract.realm}/protocol/openid-connect/auth?${loginQuery()}`);
    expect(login.status).toBe(200);
    expect(login.text).toMatch(new RegExp(`/resources/[^/"]+/login/${contract.loginTheme}/`));
  });

  test('through the provisioner an API client is created and its credentials generated; the vendor gets a token at the published endpoint', async () => {
    const token = await manager.token(published());
    const created = await api('POST', '/api/v1/clients', token, { name: 'Eaglebe Compose', services: [SERVICE] });
    expect(created.status).toBe(201);
    const credentials = await api('POST', `/api/v1/clients/${created.json().id}/credentials`, token);
    expect(credentials.status).toBe(201);
    vendor = { id: created.json().id, clientId: credentials.json().clientId, secret: credentials.json().clientSecret };
    generated.push(vendor.secret);
    const answer = await vendorToken(published(), vendor);
    expect(answer.status).toBe(200);
    const claims = decodeJwt(answer.token!);
    expect([claims.aud].flat()).toContain(contract.clients.resourceServer);
    expect(claims.iss).toBe(`http://localhost:${ports.keycloak}/realms/${contract.realm}`);
  });

  test("the IP check sees the real caller's address, whatever X-Forwarded-For it sends: allowed range, token; other range, refused", async () => {
    const token = await manager.token(published());
    try {
      expect((await api('PATCH', `/api/v1/clients/${vendor.id}`, token, { ipRanges: [`${gateway}/32`] })).status).toBe(200);
      expect((await vendorToken(published(), vendor)).status).toBe(200);
      // Keycloak believes forwarded headers only from the cluster profile's nginx, which this caller is not.
      expect((await vendorToken(published(), vendor, { headers: { 'x-forwarded-for': '192.0.2.7' } })).status).toBe(200);

      // The vendor just got a token from this machine: shutting that address out needs the confirmation.
      expect(
        (await api('PATCH', `/api/v1/clients/${vendor.id}`, token, { ipRanges: ['192.0.2.0/24'], confirmExcludedAddresses: true })).status,
      ).toBe(200);
      for (const headers of [{}, { 'x-forwarded-for': '192.0.2.7' }] as Array<Record<string, string>>) {
        expect(await vendorToken(published(), vendor, { headers })).toMatchObject(REFUSED);
        expect(await addressesRefusedOutsideRanges(token)).toContain(gateway);
      }
    } finally {
      expect((await api('PATCH', `/api/v1/clients/${vendor.id}`, token, { ipRanges: [] })).status).toBe(200);
    }
  });

  test("Keycloak's container never holds the provisioner's secret; the provisioner's does", async () => {
    const environmentOf = async (service: string) => {
      const id = succeeded('compose ps', await project.compose(['ps', '--quiet', service])).stdout.trim();
      return JSON.parse(succeeded('docker inspect', await docker(['inspect', '--format', '{{json .Config.Env}}', id])).stdout) as string[];
    };
    const keycloak = await environmentOf('keycloak');
    expect(keycloak.some((entry) => entry.startsWith('KC_DB_PASSWORD='))).toBe(true);
    expect(
      keycloak.filter((entry) => entry.startsWith('FOCUS_PROVISIONER_SECRET=') || entry.includes(secrets.FOCUS_PROVISIONER_SECRET)),
    ).toEqual([]);
    expect((await environmentOf('provisioner')).filter((entry) => entry.includes(secrets.FOCUS_PROVISIONER_SECRET))).toHaveLength(1);
  });

  test('realm master is brute-force protected and served at the admin URL', async () => {
    const admin = await adminAt(adminUrl, bootstrapAdmin);
    expect(await admin.realms.findOne({ realm: 'master' })).toMatchObject({ bruteForceProtected: true, failureFactor: 5 });
    const discovery = await call(`http://127.0.0.1:${ports.keycloak}/realms/master/.well-known/openid-configuration`);
    expect(discovery.json().issuer).toBe(`${adminUrl}/realms/master`);
  });
});

describe('data across a restart', () => {
  test(
    'docker compose down, then up: every client and secret is still there (the PostgreSQL volume)',
    async () => {
      succeeded('docker compose down', await project.compose(['down']));
      expect(await project.ps()).toEqual([]);
      const startedAt = Date.now();
      succeeded('docker compose up', await project.compose(['up', '--detach']));
      await project.waitHealthy(SERVICES, ONE_SHOT);
      note(`docker compose up (second start, no import) to all healthy: ${seconds(startedAt)}`);
      expect((await project.logs('keycloak-init')).trim()).toBe('Nothing to change: Keycloak is initialised.');
      const token = await manager.token(published());
      expect((await api('GET', `/api/v1/clients/${vendor.id}`, token)).json()).toMatchObject({
        clientId: vendor.clientId,
        name: 'Eaglebe Compose',
      });
      expect((await vendorToken(published(), vendor)).status).toBe(200);
    },
    RESTART_TIMEOUT_MS,
  );
});

describe('a realm upgrade on the running stack (realm apply)', () => {
  const file = join(dir, 'focus-realm.json');
  const service = `test-service-${generatedSecret()
    .slice(0, 6)
    .toLowerCase()
    .replace(/[^a-z0-9]/g, 'x')}`;
  const label = `Test service ${service.slice(-6)}`;

  /** `docker compose run` of the provisioner's image with realm-config/ replaced by the changed file, as the docs show. */
  async function realmApply(...args: string[]) {
    return project.compose([
      'run',
      '--rm',
      '--no-deps',
      '--volume',
      `${file}:/app/realm-config/focus-realm.json:ro`,
      '--env',
      `KEYCLOAK_ADMIN_USERNAME=${bootstrapAdmin.username}`,
      '--env',
      `KEYCLOAK_ADMIN_PASSWORD=${bootstrapAdmin.password}`,
      '--env',
      'FOCUS_ADMIN_URL=https://focus.example',
      '--env',
      'FOCUS_SECRET_GRACE_SECONDS=86400',
      'provisioner',
      'focus-api-access',
      'realm',
      'apply',
      ...args,
    ]);
  }

  beforeAll(() => {
    // realm-config/ with a second vendor service added, as a platform engineer would add one.
    const realm = JSON.parse(readFileSync(join(realmConfigDir, 'focus-realm.json'), 'utf8'));
    const eaglebe = realm.clientScopes.find((s: { name: string }) => s.name === SERVICE);
    realm.clientScopes.push({
      ...eaglebe,
      name: service,
      description: `${label}: added by a realm upgrade`,
      attributes: { ...eaglebe.attributes, [contract.serviceAttributes.label]: label },
    });
    writeFileSync(file, JSON.stringify(realm, null, 2), { mode: 0o644 });
  });

  test(
    '--dry-run shows the new service as the only change and changes nothing',
    async () => {
      const { code, stdout } = await realmApply('--dry-run');
      expect(code).toBe(0);
      expect(stdout.trim().split('\n')).toEqual([`+ client scope ${service}`, '1 change would be applied (dry run: nothing changed).']);
      const token = await manager.token(published());
      expect((await api('GET', '/api/v1/services', token)).json().map((s: { id: string }) => s.id)).not.toContain(service);
    },
    RESTART_TIMEOUT_MS,
  );

  test(
    'apply adds it, the provisioner offers it, and the API client is untouched',
    async () => {
      const token = await manager.token(published());
      const before = (await api('GET', `/api/v1/clients/${vendor.id}`, token)).json();
      const { code, stdout } = await realmApply();
      expect(code).toBe(0);
      expect(stdout).toContain('1 change applied.');
      // The provisioner keeps the services catalogue for 10 seconds.
      let services: Array<{ id: string; label: string }> = [];
      for (let i = 0; i < 30 && !services.some((s) => s.id === service); i++) {
        await new Promise((resolve) => setTimeout(resolve, 1000));
        services = (await api('GET', '/api/v1/services', token)).json();
      }
      expect(services).toContainEqual(expect.objectContaining({ id: service, label }));
      expect((await api('GET', `/api/v1/clients/${vendor.id}`, token)).json()).toEqual(before);
      expect((await vendorToken(published(), vendor)).status).toBe(200);
      expect((await realmApply()).stdout.trim()).toBe(
        `Nothing to change: realm "${contract.realm}" already matches realm-config/focus-realm.json.`,
      );
    },
    RESTART_TIMEOUT_MS,
  );
});

describe('the cluster profile: two Keycloak nodes behind nginx on TLS', () => {
  let ca: string;
  const publicUrl = () => `https://localhost:${ports.proxy}`;
  const viaProxy = () => tokenEndpoint(publicUrl());

  beforeAll(async () => {
    const certs = join(dir, 'certs');
    mkdirSync(certs, { recursive: true });
    ca = throwAwayCertificate(certs).cert;
    writeEnv('cluster');
    const startedAt = Date.now();
    succeeded('docker compose --profile cluster up', await project.compose(['up', '--detach'], { profiles: ['cluster'] }));
    await project.waitHealthy(CLUSTER_SERVICES, ONE_SHOT);
    note(`docker compose --profile cluster up (from the running single node) to all healthy: ${seconds(startedAt)}`);
  }, 20 * 60_000);

  test('both nodes form one cluster', async () => {
    const members = async (service: string) => [...(clusterViews(await project.logs(service)).at(-1)?.members ?? [])].sort();
    const one = localMemberName(await project.logs('keycloak'));
    const two = localMemberName(await project.logs('keycloak-2'));
    expect(await members('keycloak-2')).toEqual([one, two].sort());
  });

  test('the vendor gets a token through nginx on TLS, issued for the public URL', async () => {
    const answer = await vendorToken(viaProxy(), vendor, { ca });
    expect(answer.status).toBe(200);
    expect(decodeJwt(answer.token!).iss).toBe(`${publicUrl()}/realms/${contract.realm}`);
  });

  test('a spoofed X-Forwarded-For or Forwarded from the caller changes nothing', async () => {
    const token = await manager.token(viaProxy(), ca);
    try {
      // The vendor just got a token from this machine: shutting that address out needs the confirmation.
      expect(
        (await api('PATCH', `/api/v1/clients/${vendor.id}`, token, { ipRanges: ['192.0.2.0/24'], confirmExcludedAddresses: true })).status,
      ).toBe(200);
      const spoofs: Array<Record<string, string>> = [
        { 'x-forwarded-for': '192.0.2.7' },
        { forwarded: 'for=192.0.2.7;proto=https' },
        { 'x-forwarded-for': '192.0.2.7, 192.0.2.8' },
      ];
      for (const headers of spoofs) {
        expect(await vendorToken(viaProxy(), vendor, { ca, headers })).toMatchObject(REFUSED);
        expect(await addressesRefusedOutsideRanges(token)).toContain(gateway);
      }
      expect((await api('PATCH', `/api/v1/clients/${vendor.id}`, token, { ipRanges: [`${gateway}/32`] })).status).toBe(200);
      for (const headers of spoofs) expect((await vendorToken(viaProxy(), vendor, { ca, headers })).status).toBe(200);
    } finally {
      expect((await api('PATCH', `/api/v1/clients/${vendor.id}`, token, { ipRanges: [] })).status).toBe(200);
    }
  });

  test('the admin console, the admin API and realm master are not reachable through the public entrance; they are at the admin URL', async () => {
    const admin = await adminAt(adminUrl, bootstrapAdmin);
    const adminToken = (await admin.getAccessToken())!;
    for (const { path, options, status } of refusedAtPublicEntrance(adminToken, bootstrapAdmin.username)) {
      expect([path, (await call(`${publicUrl()}${path}`, { ...options, ca })).status]).toEqual([path, status]);
    }
    // The same requests reach Keycloak at the admin URL: the 404s above are the entrance's.
    expect((await call(`${adminUrl}/admin/master/console/`)).status).toBe(200);
    expect(
      (await call(`${adminUrl}/admin/realms/${contract.realm}/clients`, { headers: { authorization: `Bearer ${adminToken}` } })).status,
    ).toBe(200);
    expect((await call(`${adminUrl}/realms/master/.well-known/openid-configuration`)).status).toBe(200);
    // What vendors and the page's login need is passed.
    expect((await call(`${publicUrl()}/realms/${contract.realm}/.well-known/openid-configuration`, { ca })).status).toBe(200);
    const login = await call(`${publicUrl()}/realms/${contract.realm}/protocol/openid-connect/auth?${loginQuery()}`, { ca });
    expect(login.status).toBe(200);
    const stylesheet = /href="(\/resources\/[^"]+\/login\/[^"]+\.css)"/.exec(login.text)?.[1];
    expect(stylesheet).toBeDefined();
    expect((await call(`${publicUrl()}${stylesheet}`, { ca })).status).toBe(200);
  });

  test(
    'stopping one Keycloak container keeps tokens and provisioning working',
    async () => {
      succeeded('docker compose stop keycloak', await project.compose(['stop', 'keycloak'], { profiles: ['cluster'] }));
      for (let i = 0; i < 5; i++) expect((await vendorToken(viaProxy(), vendor, { ca })).status).toBe(200);
      const token = await manager.token(viaProxy(), ca);
      const created = await api('POST', '/api/v1/clients', token, { name: 'During an outage', services: [SERVICE] });
      expect(created.status).toBe(201);
      const credentials = await api('POST', `/api/v1/clients/${created.json().id}/credentials`, token);
      expect(credentials.status).toBe(201);
      generated.push(credentials.json().clientSecret);
      expect(
        (await vendorToken(viaProxy(), { clientId: credentials.json().clientId, secret: credentials.json().clientSecret }, { ca })).status,
      ).toBe(200);
    },
    RESTART_TIMEOUT_MS,
  );

  test(
    'started again, it rejoins the cluster',
    async () => {
      succeeded('docker compose start keycloak', await project.compose(['start', 'keycloak'], { profiles: ['cluster'] }));
      await project.waitHealthy(CLUSTER_SERVICES, []);
      const node1 = localMemberName(await project.logs('keycloak'));
      const node2 = localMemberName(await project.logs('keycloak-2'));
      const deadline = Date.now() + 120_000;
      let members: string[] = [];
      while (Date.now() < deadline) {
        members = [...(clusterViews(await project.logs('keycloak-2')).at(-1)?.members ?? [])].sort();
        if (members.length === 2) break;
        await new Promise((resolve) => setTimeout(resolve, 2000));
      }
      expect(members).toEqual([node1, node2].sort());
      expect((await vendorToken(tokenEndpoint(adminUrl), vendor)).status).toBe(200);
    },
    RESTART_TIMEOUT_MS,
  );
});

describe('the end', () => {
  test('no log of any service holds a generated secret', async () => {
    const logs = succeeded('docker compose logs', await project.compose(['logs', '--no-color'], { profiles: ['cluster'] })).stdout;
    expect(logs.length).toBeGreaterThan(0);
    expect(generated.filter((secret) => logs.includes(secret))).toEqual([]);
  });

  test(
    'docker compose down -v removes the database volume, and every client and secret with it',
    async () => {
      const volume = `${project.name}_postgres-data`;
      const volumes = async () =>
        succeeded('docker volume ls', await docker(['volume', 'ls', '--quiet', '--filter', `name=${volume}`])).stdout.trim();
      expect(await volumes()).toBe(volume);
      succeeded('docker compose down -v', await project.compose(['down', '--volumes'], { profiles: ['cluster'] }));
      expect(await volumes()).toBe('');
      succeeded('docker compose up postgres', await project.compose(['up', '--detach', 'postgres']));
      await project.waitHealthy(['postgres'], []);
      const tables = await project.compose([
        'exec',
        '-T',
        'postgres',
        'psql',
        '--username=keycloak',
        '--dbname=keycloak',
        '-tAc',
        "select count(*) from information_schema.tables where table_name = 'client'",
      ]);
      expect(succeeded('psql', tables).stdout.trim()).toBe('0');
    },
    RESTART_TIMEOUT_MS,
  );
});
