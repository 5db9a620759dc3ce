import { contract } from '@focus-api-access/contract';
import { launchSpec, LaunchSpecError, type LaunchInput } from '../src/launch-spec.js';
import { buildPlan, containerPlan, processPlan } from '../src/runtime-plans.js';
import { realmFiles } from '../src/realm-files.js';

const input: LaunchInput = {
  version: contract.keycloakVersion,
  realmFiles: realmFiles({ demoUsers: true }),
  providers: ['/cache/extension/abc/focus-keycloak-extension.jar'],
  themes: ['/repo/theme/focus'],
  publicUrl: 'http://localhost:18080',
  adminPageUrl: 'http://localhost:3000',
  proxyHeaders: 'xforwarded',
  proxyTrustedAddresses: ['10.0.0.0/8'],
  secretGraceSeconds: 3600,
  bootstrapAdmin: { username: 'admin', password: 'generated' },
  demoPassword: 'demo-x',
};

const ports = { http: 18080, management: 19000 };
const withoutPorts = (args: readonly string[]) => args.filter((a) => !/^--http(-management)?-port=/.test(a));

describe('process and container runtimes', () => {
  const spec = launchSpec(input);
  const local = processPlan(spec, ports);
  const container = containerPlan(spec, ports);

  it("run the same Keycloak version, the project's image of it for containers", () => {
    expect(local.version).toBe(contract.keycloakVersion);
    expect(container.version).toBe(local.version);
    expect(container.image).toBe(`focus-api-access/keycloak:${contract.keycloakVersion}`);
  });

  it('get the same realm files at the same places; the image brings the providers and themes (deploy/keycloak/Dockerfile)', () => {
    expect(container.files).toEqual(local.files.filter((f) => f.target.startsWith('data/import/')));
    expect(container.files.length).toBeGreaterThan(0);
    const targets = local.files.map((f) => f.target);
    expect(targets).toEqual(
      expect.arrayContaining([
        'data/import/focus-realm.json',
        'data/import/focus-users-0.json',
        'providers/focus-keycloak-extension.jar',
        'themes/focus',
      ]),
    );
  });

  it('get the same start options and environment', () => {
    expect(withoutPorts(container.args)).toEqual(withoutPorts(local.args));
    expect(container.environment).toEqual(local.environment);
    expect(local.args[0]).toBe('start-dev');
  });

  it("each listen on the requested ports (the container on the host's network)", () => {
    for (const plan of [local, container]) {
      expect(plan.args).toEqual(expect.arrayContaining(['--http-port=18080', '--http-management-port=19000']));
    }
  });
});

describe('launchSpec', () => {
  it('imports the realm, enables health and metrics, and searches by the managed marker', () => {
    const { buildOptions, options } = launchSpec(input);
    expect([...buildOptions, ...options]).toEqual(
      expect.arrayContaining([
        '--import-realm',
        '--health-enabled=true',
        '--metrics-enabled=true',
        '--hostname=http://localhost:18080',
        `--spi-client--jpa--searchable-attributes=${contract.apiClientAttributes.managed}`,
      ]),
    );
  });

  it('needs no preview feature: secrets and their rotation are the extension', () => {
    const { buildOptions, options } = launchSpec(input);
    expect([...buildOptions, ...options].filter((o) => o.startsWith('--features'))).toEqual([]);
  });

  it('trusts forwarded headers only when configured, and only from the given proxies', () => {
    expect(launchSpec(input).options).toEqual(
      expect.arrayContaining(['--proxy-headers=xforwarded', '--proxy-trusted-addresses=10.0.0.0/8']),
    );
    const direct = launchSpec({ ...input, proxyHeaders: undefined, proxyTrustedAddresses: [] }).options;
    expect(direct.some((o) => o.startsWith('--proxy'))).toBe(false);
  });

  it('refuses forwarded headers without trusted proxies, which Keycloak would believe from every caller', () => {
    expect(() => launchSpec({ ...input, proxyHeaders: 'forwarded', proxyTrustedAddresses: [] })).toThrow(LaunchSpecError);
  });

  it("fills the realm placeholders from the generated secrets and URLs, and keeps the provisioner's secret out of Keycloak's environment", () => {
    expect(Object.keys(launchSpec(input).environment)).not.toContain('FOCUS_PROVISIONER_SECRET');
    expect(launchSpec(input).environment).toMatchObject({
      FOCUS_ADMIN_URL: 'http://localhost:3000',
      FOCUS_DEMO_PASSWORD: 'demo-x',
      FOCUS_SECRET_GRACE_SECONDS: '3600',
      KC_BOOTSTRAP_ADMIN_PASSWORD: 'generated',
    });
  });

  it('leaves the demo users out of a production import', () => {
    const files = realmFiles({ demoUsers: false }).map((f) => f.split('/').pop());
    expect(files).toContain('focus-realm.json');
    expect(files).not.toContain('focus-users-0.json');
  });
});

describe('production mode', () => {
  const database = {
    vendor: 'postgres',
    url: 'jdbc:postgresql://127.0.0.1:15432/keycloak',
    username: 'keycloak',
    password: 'generated-db',
  } as const;
  const production = launchSpec({ ...input, mode: 'production', database });
  const development = launchSpec(input);
  const nodePorts = { http: 18081, management: 19081, cluster: 7811 };

  it('needs a database', () => {
    expect(() => launchSpec({ ...input, mode: 'production' })).toThrow(LaunchSpecError);
  });

  it('builds with the same build options as development plus the database vendor', () => {
    expect(buildPlan(production).args).toEqual(['build', '--db=postgres', ...development.buildOptions]);
    expect(production.buildOptions.filter((o) => /^--db-(url|username|password)/.test(o))).toEqual([]);
  });

  it('starts the optimized build with the same start options as development plus the database and plain HTTP', () => {
    const args = processPlan(production, nodePorts).args;
    expect(args.slice(0, 2)).toEqual(['start', '--optimized']);
    expect(args).toEqual(expect.arrayContaining([...development.options]));
    expect(args).toEqual(
      expect.arrayContaining(['--db-url=jdbc:postgresql://127.0.0.1:15432/keycloak', '--db-username=keycloak', '--http-enabled=true']),
    );
    expect(args.some((a) => development.buildOptions.includes(a))).toBe(false);
  });

  it('keeps the database password out of the command line', () => {
    expect(processPlan(production, nodePorts).args.join(' ')).not.toContain('generated-db');
    expect(production.environment.KC_DB_PASSWORD).toBe('generated-db');
  });

  it('listens and clusters on the loopback interface at the node its own ports', () => {
    expect(processPlan(production, nodePorts).args).toEqual(
      expect.arrayContaining([
        '--http-host=127.0.0.1',
        '--http-port=18081',
        '--http-management-port=19081',
        '--cache-embedded-network-bind-address=127.0.0.1',
        '--cache-embedded-network-bind-port=7811',
      ]),
    );
    expect(processPlan(development, ports).args.some((a) => a.startsWith('--cache-') || a.startsWith('--http-host'))).toBe(false);
  });

  it('gives a container the same realm files and options, building at start', () => {
    const container = containerPlan(production, nodePorts);
    expect(container.files).toEqual(processPlan(production, nodePorts).files.filter((f) => f.target.startsWith('data/import/')));
    expect(container.args).toEqual(expect.arrayContaining([...production.buildOptions, ...production.options]));
    expect(container.environment).toEqual(production.environment);
  });
});
