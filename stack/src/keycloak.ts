/**
 * Starts the project's Keycloak (realm `focus`, extension, theme) with the chosen runtime and tells where it is.
 * Used alike by `npm start`, the test run and the benchmarks.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { contract } from '@focus-api-access/contract';
import { ensureDistribution } from './distribution.js';
import { chooseJdk } from './jdk.js';
import { prepareHome, rememberBuild } from './keycloak-home.js';
import { generateSecrets, persistentSecrets, type LocalSecrets } from './local-secrets.js';
import { portInUse } from './ports.js';
import { startProcess } from './process-runtime.js';
import { projectLaunchSpec } from './project-spec.js';
import { containerPlan, processPlan, type Ports } from './runtime-plans.js';
import type { StackSettings } from './settings.js';
import { containerRuntimeUnavailable, startContainer } from './container-runtime.js';
import { dockerEngineProblem, ensureDockerEngine, type DockerEngine } from './containers/engine.js';
import { ensureKeycloakImage } from './containers/images.js';
import { importsRealm, initStartedRealm } from './realm-init.js';

export class PortInUseError extends Error {
  override readonly name = 'PortInUseError';
}

export interface StartKeycloakOptions {
  readonly settings: StackSettings;
  /** A throw-away home and fresh secrets (tests), instead of the persistent data folder (`npm start`). */
  readonly ephemeral: boolean;
  /** Defaults to the ports in the settings. */
  readonly ports?: Ports;
  /** Where the admin page is served; defaults to the provisioner's port on localhost. */
  readonly adminPageUrl?: string;
  /** Import the demo users of realm-config/dev (local use and tests only). Default true. */
  readonly demoUsers?: boolean;
  /** Realm files to import instead of the repository's (tests of the import itself; `[]`: no import). */
  readonly realmFiles?: readonly string[];
  /** Start without the extension and the themes (the startup benchmark's baseline). Default true. */
  readonly extension?: boolean;
  readonly log?: (line: string) => void;
}

export interface RunningKeycloak {
  readonly url: string;
  readonly managementUrl: string;
  readonly realm: string;
  readonly realmUrl: string;
  readonly tokenEndpoint: string;
  readonly ports: Ports;
  readonly secrets: LocalSecrets;
  /** Which JDK runs it ("Java 25 at /usr/lib/jvm/…"), or the container image. */
  readonly runtimeDescription: string;
  /** Milliseconds from launch until the readiness check answered UP. */
  readonly readyMs: number;
  /** Keycloak's own home (process runtime), holding keycloak.log. */
  readonly home: string | undefined;
  readonly logFile: string | undefined;
  stop(): Promise<void>;
}

export async function startKeycloak(options: StartKeycloakOptions): Promise<RunningKeycloak> {
  const { settings } = options;
  const log = options.log ?? (() => undefined);
  if (settings.runtime === 'container' && settings.dockerHost) {
    // Fail before any build or download when the engine named cannot be used.
    const problem = await dockerEngineProblem(settings.dockerHost);
    if (problem) throw containerRuntimeUnavailable(`DOCKER_HOST names an engine that does not answer: ${problem}`);
  }
  const ports = options.ports ?? { http: settings.keycloakPort, management: settings.managementPort };
  for (const [name, port] of [
    ['KC_HTTP_PORT', ports.http],
    ['KC_MANAGEMENT_PORT', ports.management],
  ] as const) {
    if (await portInUse(port)) {
      throw new PortInUseError(`Port ${port} is already in use (another Keycloak?): stop it or set ${name}`);
    }
  }
  const url = `http://localhost:${ports.http}`;
  const managementUrl = `http://localhost:${ports.management}`;
  const secrets = options.ephemeral ? generateSecrets() : persistentSecrets(join(settings.dataDir, 'secrets.json'));
  const spec = projectLaunchSpec({
    settings,
    mode: 'development',
    publicUrl: url,
    adminPageUrl: options.adminPageUrl ?? `http://localhost:${settings.provisionerPort}`,
    demoUsers: options.demoUsers ?? true,
    ...(options.realmFiles ? { realmFiles: options.realmFiles } : {}),
    ...(options.extension === undefined ? {} : { extension: options.extension }),
    secrets,
  });

  let launchedAt: number;
  let home: string | undefined;
  let running: { logFile: string | undefined; stop(): Promise<void> };
  let runtimeDescription: string;
  if (settings.runtime === 'container') {
    const plan = containerPlan(spec, ports);
    runtimeDescription = `container ${plan.image}`;
    let engine: DockerEngine;
    try {
      engine = await ensureDockerEngine({ dockerHost: settings.dockerHost, cacheDir: settings.cacheDir, log });
    } catch (error) {
      throw containerRuntimeUnavailable((error as Error).message);
    }
    const logDir = options.ephemeral ? mkdtempSync(join(tmpdir(), 'focus-keycloak-container-')) : settings.dataDir;
    const removeLogs = () => options.ephemeral && rmSync(logDir, { recursive: true, force: true });
    try {
      ensureKeycloakImage({ engine, cacheDir: settings.cacheDir, log });
      log(`Starting Keycloak ${spec.version} in a container of ${plan.image}…`);
      launchedAt = Date.now();
      const container = await startContainer(plan, {
        engine,
        managementUrl,
        readyTimeoutMs: settings.readyTimeoutMs,
        logFile: join(logDir, 'keycloak-container.log'),
      });
      running = {
        logFile: container.logFile,
        async stop() {
          await container.stop();
          await engine.stop();
          removeLogs();
        },
      };
    } catch (error) {
      await engine.stop();
      removeLogs();
      throw error;
    }
  } else {
    const jdk = chooseJdk(settings.javaHome);
    runtimeDescription = jdk.description;
    const distribution = ensureDistribution(settings.cacheDir, settings.keycloakVersion, log);
    home = options.ephemeral ? mkdtempSync(join(tmpdir(), 'focus-keycloak-')) : join(settings.dataDir, 'keycloak');
    prepareHome(distribution, home, spec, settings.cacheDir);
    log(`Starting Keycloak ${spec.version} with ${jdk.description} (home ${home})…`);
    launchedAt = Date.now();
    try {
      running = await startProcess(processPlan(spec, ports), {
        home,
        jdk,
        managementUrl,
        readyTimeoutMs: settings.readyTimeoutMs,
      });
    } catch (error) {
      if (options.ephemeral) rmSync(home, { recursive: true, force: true });
      throw error;
    }
    rememberBuild(home, spec, settings.cacheDir);
  }
  const readyMs = Date.now() - launchedAt;

  const ephemeralHome = options.ephemeral ? home : undefined;
  if (importsRealm(spec.realmFiles)) {
    try {
      await initStartedRealm({ keycloakUrl: url, secrets, log });
    } catch (error) {
      await running.stop();
      if (ephemeralHome) rmSync(ephemeralHome, { recursive: true, force: true });
      throw error;
    }
  }
  let stopped: Promise<void> | undefined;
  return {
    url,
    managementUrl,
    realm: contract.realm,
    realmUrl: `${url}/realms/${contract.realm}`,
    tokenEndpoint: `${url}/realms/${contract.realm}/protocol/openid-connect/token`,
    ports,
    secrets,
    runtimeDescription,
    readyMs,
    home,
    logFile: running.logFile,
    stop() {
      stopped ??= running.stop().then(() => {
        if (ephemeralHome) rmSync(ephemeralHome, { recursive: true, force: true });
      });
      return stopped;
    },
  };
}
