/**
 * One Keycloak node in production mode: its own home (never a development home, whose build is `start-dev`'s),
 * built once with `kc.sh build` for the spec's build options and providers (the build is cached per key, so further
 * nodes and later runs copy it), then `kc.sh start --optimized` on the loopback interface.
 */
import { createHash } from 'node:crypto';
import { cpSync, existsSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { contract } from '@focus-api-access/contract';
import type { Jdk } from '../jdk.js';
import { buildCacheDir, prepareHome } from '../keycloak-home.js';
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

/**
 * Where the production build for this home is cached. Keycloak records each provider's modification time in its build
 * and `start --optimized` refuses to run when a provider's time differs, so the key holds the providers' times as
 * placed in the home besides the build options and JAR contents.
 */
function productionBuildDir(home: string, spec: LaunchSpec, cacheDir: string): string {
  const hash = createHash('sha256').update(buildCacheDir(cacheDir, spec));
  for (const jar of spec.providers) hash.update(`${basename(jar)}:${statSync(join(home, 'providers', basename(jar))).mtimeMs}`);
  return join(cacheDir, 'builds', `production-${hash.digest('hex').slice(0, 16)}`);
}

/** Keeps the home's build for the next home with the same key (another node, a later run). */
function rememberProductionBuild(home: string, target: string): void {
  if (existsSync(target)) return;
  const staging = `${target}.${process.pid}`;
  cpSync(join(home, 'lib', 'quarkus'), join(staging, 'quarkus'), { recursive: true, preserveTimestamps: true });
  try {
    renameSync(staging, target);
  } catch {
    // Another run kept the same build first.
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
}

/** Makes `home` a Keycloak home holding the production build of `spec`, building it when no cached build fits. */
export async function prepareProductionHome(options: ProductionNodeOptions): Promise<void> {
  const { spec, home, cacheDir } = options;
  if (spec.mode !== 'production') throw new ProductionBuildError('A production node needs a production launch spec');
  prepareHome(options.distribution, home, spec, cacheDir);
  const cached = productionBuildDir(home, spec, cacheDir);
  const marker = join(home, BUILD_MARKER);
  if (existsSync(marker) && readFileSync(marker, 'utf8') === cached) return;
  if (existsSync(join(cached, 'quarkus'))) {
    rmSync(join(home, 'lib', 'quarkus'), { recursive: true, force: true });
    cpSync(join(cached, 'quarkus'), join(home, 'lib', 'quarkus'), { recursive: true, preserveTimestamps: true });
  } else {
    options.log?.(`Building Keycloak for production (kc.sh build ${spec.buildOptions.join(' ')}) in ${home}…`);
    await runBuild(home, spec, options.jdk);
    rememberProductionBuild(home, cached);
  }
  writeFileSync(marker, cached);
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
