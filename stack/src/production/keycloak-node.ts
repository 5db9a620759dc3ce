/**
 * One Keycloak node in production mode: its own home (never a development home, whose build is `start-dev`'s),
 * built once with `kc.sh build` for the spec's build options and providers (the build is cached per key, so further
 * nodes and later runs copy it), then `kc.sh start --optimized` on the loopback interface.
 */
import { cpSync, existsSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { contract } from '@focus-api-access/contract';
import type { Jdk } from '../jdk.js';
import { buildCacheDir, prepareHome, rememberBuild } from '../keycloak-home.js';
import type { LaunchSpec } from '../launch-spec.js';
import { logTail, startProcess, superviseProcess } from '../process-runtime.js';
import { buildPlan, LOOPBACK, processPlan, type Ports } from '../runtime-plans.js';

export class ProductionBuildError extends Error {
  override readonly name = 'ProductionBuildError';
}

export interface KeycloakNode {
  readonly url: string;
  readonly managementUrl: string;
  readonly tokenEndpoint: string;
  readonly ports: Ports;
  readonly home: string;
  readonly logFile: string;
  /** Byte offset in the log where this run's lines begin (the log is appended to across restarts). */
  readonly logFrom: number;
  /** Milliseconds from launch until the readiness check answered UP. */
  readonly readyMs: number;
  stop(): Promise<void>;
  /** Kills the node at once (SIGKILL), as a crash would. */
  kill(): Promise<void>;
}

export interface ProductionNodeOptions {
  readonly spec: LaunchSpec;
  readonly distribution: string;
  readonly home: string;
  readonly ports: Ports;
  readonly jdk: Jdk;
  readonly cacheDir: string;
  readonly readyTimeoutMs: number;
  readonly log?: (line: string) => void;
}

/** Which build a home holds, so a changed extension or build option leads to a new build. */
const BUILD_MARKER = '.focus-build';

async function runBuild(home: string, spec: LaunchSpec, jdk: Jdk): Promise<void> {
  const logFile = join(home, 'build.log');
  const env: NodeJS.ProcessEnv = { ...process.env };
  if (jdk.home) env.JAVA_HOME = jdk.home;
  const build = superviseProcess(join(home, 'bin', 'kc.sh'), buildPlan(spec).args, { cwd: home, env, logFile });
  const code = await build.ended;
  if (code !== 0) {
    throw new ProductionBuildError(`kc.sh build failed (${build.exited()}). Last lines of ${logFile}:\n${logTail(logFile)}`);
  }
}

/** Makes `home` a Keycloak home holding the production build of `spec`, building it when no cached build fits. */
export async function prepareProductionHome(options: ProductionNodeOptions): Promise<void> {
  const { spec, home, cacheDir } = options;
  if (spec.mode !== 'production') throw new ProductionBuildError('A production node needs a production launch spec');
  prepareHome(options.distribution, home, spec, cacheDir);
  const key = buildCacheDir(cacheDir, spec);
  const marker = join(home, BUILD_MARKER);
  if (existsSync(marker) && readFileSync(marker, 'utf8') === key) return;
  const cached = join(key, 'quarkus');
  if (existsSync(cached)) {
    rmSync(join(home, 'lib', 'quarkus'), { recursive: true, force: true });
    cpSync(cached, join(home, 'lib', 'quarkus'), { recursive: true, preserveTimestamps: true });
  } else {
    options.log?.(`Building Keycloak for production (kc.sh build ${spec.buildOptions.join(' ')}) in ${home}…`);
    await runBuild(home, spec, options.jdk);
    rememberBuild(home, spec, cacheDir);
  }
  writeFileSync(marker, key);
}

function logSize(file: string): number {
  try {
    return statSync(file).size;
  } catch {
    return 0;
  }
}

/**
 * Starts one production node and resolves once its readiness check (database and cluster included) answers UP.
 *
 * @example
 * const node = await startProductionKeycloak({ spec, distribution, home, ports, jdk, cacheDir, readyTimeoutMs: 240_000 });
 * await node.stop();
 */
export async function startProductionKeycloak(options: ProductionNodeOptions): Promise<KeycloakNode> {
  await prepareProductionHome(options);
  const { ports, home } = options;
  const logFile = join(home, 'keycloak.log');
  const logFrom = logSize(logFile);
  const url = `http://${LOOPBACK}:${ports.http}`;
  const managementUrl = `http://${LOOPBACK}:${ports.management}`;
  const launchedAt = Date.now();
  const running = await startProcess(processPlan(options.spec, ports), {
    home,
    jdk: options.jdk,
    managementUrl,
    readyTimeoutMs: options.readyTimeoutMs,
  });
  return {
    url,
    managementUrl,
    tokenEndpoint: `${url}/realms/${contract.realm}/protocol/openid-connect/token`,
    ports,
    home,
    logFile,
    logFrom,
    readyMs: Date.now() - launchedAt,
    stop: running.stop,
    kill: running.kill,
  };
}
