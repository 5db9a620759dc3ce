/**
 * The Docker engine for the container runtime and the container tests. A machine that has one (DOCKER_HOST, or the
 * default socket) uses it. Otherwise the stack installs Debian's `docker.io` (as root) and starts `dockerd` itself,
 * with its own socket and a data root in the cache folder (built images and their layers survive for the next run),
 * on overlay2, under bin/supervise.sh so it ends with the process that started it. No registry is needed: every image
 * is built here (images.ts).
 */
import { existsSync, mkdirSync, rmSync } from 'node:fs';
import { request, type RequestOptions } from 'node:http';
import { join } from 'node:path';
import { ensureDebianPackages } from '../debian-packages.js';
import { logTail, superviseProcess } from '../process-runtime.js';

export class DockerEngineError extends Error {
  override readonly name = 'DockerEngineError';
}

export interface DockerEngine {
  /** The engine's address for clients (testcontainers, the docker CLI, Compose): a DOCKER_HOST value. */
  readonly host: string;
  /** The docker CLI that goes with the engine. */
  readonly cli: string;
  /** Whether this process started it (and {@link DockerEngine.stop} ends it). */
  readonly startedHere: boolean;
  /** Ends the engine when this process started it; otherwise leaves it running. */
  stop(): Promise<void>;
}

/** Where a started engine listens and keeps its run-time state: short paths, unix sockets are limited to 108 bytes. */
export const ENGINE_RUN_DIR = '/run/focus-api-access';
export const ENGINE_HOST = `unix://${ENGINE_RUN_DIR}/docker.sock`;
const DEFAULT_HOST = 'unix:///var/run/docker.sock';
const DOCKERD = '/usr/sbin/dockerd';
/** Debian's CLI of the same package as its engine: it builds with BuildKit (DOCKER_BUILDKIT=1) without buildx. */
const DEBIAN_CLI = '/usr/bin/docker';

/** Where testcontainers and the CLI find an engine: DOCKER_HOST (unix:// or tcp://). */
function endpoint(dockerHost: string): RequestOptions {
  if (dockerHost.startsWith('unix://')) return { socketPath: dockerHost.slice('unix://'.length) };
  const url = new URL(dockerHost.replace(/^tcp:/, 'http:'));
  return { host: url.hostname, port: url.port };
}

/** Asks the engine for `/_ping`; resolves with why it is unusable, or undefined when it answers. */
export function dockerEngineProblem(dockerHost: string | undefined, timeoutMs = 3000): Promise<string | undefined> {
  const where = dockerHost ?? DEFAULT_HOST;
  return new Promise((resolve) => {
    const req = request({ ...endpoint(where), path: '/_ping', method: 'GET', timeout: timeoutMs }, (res) => {
      res.resume();
      resolve(res.statusCode === 200 ? undefined : `the Docker engine at ${where} answered HTTP ${res.statusCode}`);
    });
    req.on('timeout', () => {
      req.destroy();
      resolve(`no Docker engine answered at ${where} within ${timeoutMs} ms`);
    });
    req.on('error', (error) => resolve(`no Docker engine answers at ${where} (${error.message})`));
    req.end();
  });
}

function cliFor(startedByStack: boolean): string {
  return startedByStack || existsSync(DEBIAN_CLI) ? DEBIAN_CLI : 'docker';
}

function running(host: string, startedByStack: boolean): DockerEngine {
  return { host, cli: cliFor(startedByStack), startedHere: false, stop: async () => undefined };
}

/**
 * Returns a Docker engine that answers: the one DOCKER_HOST names (which must answer), the machine's own, one the
 * stack started earlier, or a new `dockerd`.
 *
 * @example
 * const engine = await ensureDockerEngine({ dockerHost: settings.dockerHost, cacheDir: settings.cacheDir, log: console.log });
 * // … DOCKER_HOST=engine.host …
 * await engine.stop();
 */
export async function ensureDockerEngine(options: {
  readonly dockerHost: string | undefined;
  readonly cacheDir: string;
  readonly log: (line: string) => void;
  /** How long a new engine may take to answer; default 120 s. */
  readonly startTimeoutMs?: number;
}): Promise<DockerEngine> {
  if (options.dockerHost) {
    const problem = await dockerEngineProblem(options.dockerHost);
    if (problem) throw new DockerEngineError(`DOCKER_HOST names an engine that does not answer: ${problem}`);
    return running(options.dockerHost, options.dockerHost === ENGINE_HOST);
  }
  if (!(await dockerEngineProblem(DEFAULT_HOST))) return running(DEFAULT_HOST, false);
  if (!(await dockerEngineProblem(ENGINE_HOST))) return running(ENGINE_HOST, true);

  ensureDebianPackages({
    packages: ['docker.io'],
    programs: [DOCKERD, DEBIAN_CLI],
    purpose: 'the container runtime and tests',
    log: options.log,
  });
  const dataRoot = join(options.cacheDir, 'docker', 'data');
  const logFile = join(options.cacheDir, 'docker', 'dockerd.log');
  mkdirSync(dataRoot, { recursive: true });
  mkdirSync(ENGINE_RUN_DIR, { recursive: true });
  // A socket left behind by an engine that was killed would make dockerd refuse to start.
  rmSync(join(ENGINE_RUN_DIR, 'docker.sock'), { force: true });
  options.log(`Starting a Docker engine (dockerd, data in ${dataRoot}, socket ${ENGINE_HOST})…`);
  const dockerd = superviseProcess(
    DOCKERD,
    [
      `--host=${ENGINE_HOST}`,
      `--data-root=${dataRoot}`,
      `--exec-root=${join(ENGINE_RUN_DIR, 'exec')}`,
      `--pidfile=${join(ENGINE_RUN_DIR, 'dockerd.pid')}`,
      '--storage-driver=overlay2',
    ],
    { cwd: ENGINE_RUN_DIR, env: process.env, logFile },
  );
  const deadline = Date.now() + (options.startTimeoutMs ?? 120_000);
  let problem = await dockerEngineProblem(ENGINE_HOST);
  while (problem && Date.now() < deadline && dockerd.exited() === undefined) {
    await new Promise((resolve) => setTimeout(resolve, 250));
    problem = await dockerEngineProblem(ENGINE_HOST);
  }
  if (problem) {
    await dockerd.stop();
    throw new DockerEngineError(
      `dockerd did not come up (${dockerd.exited() ? `exited: ${dockerd.exited()}` : problem}). Last lines of ${logFile}:\n${logTail(logFile)}`,
    );
  }
  return { host: ENGINE_HOST, cli: DEBIAN_CLI, startedHere: true, stop: dockerd.stop };
}
