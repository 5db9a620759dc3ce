/**
 * Docker Compose v2, the `docker compose` CLI plugin platform engineers run docker-compose.yml with. Where the docker
 * CLI has no v2 plugin (Debian bookworm packages only Compose v1), it is built once from its Go module with the Go
 * toolchain (`go install` refuses this module because of its `exclude` directives, so it is built inside the
 * downloaded module) and kept in the cache folder, in a docker configuration folder of its own (DOCKER_CONFIG).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, renameSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { DockerEngine } from './engine.js';

export class ComposeError extends Error {
  override readonly name = 'ComposeError';
}

export const COMPOSE_MODULE = 'github.com/docker/compose/v2';
export const COMPOSE_VERSION = 'v2.40.3';

export interface Compose {
  /** Environment for `docker compose`: the engine and, when the plugin was built here, its DOCKER_CONFIG. */
  readonly env: Readonly<Record<string, string>>;
  readonly cli: string;
  readonly version: string;
}

function composeVersion(cli: string, env: NodeJS.ProcessEnv): string | undefined {
  const result = spawnSync(cli, ['compose', 'version', '--short'], { encoding: 'utf8', env });
  const version = result.status === 0 ? result.stdout.trim() : '';
  return /^v?2\./.test(version) ? version : undefined;
}

function go(args: readonly string[], cwd: string, env: NodeJS.ProcessEnv): string {
  const result = spawnSync('go', args, { cwd, env, encoding: 'utf8', maxBuffer: 16 * 1024 * 1024 });
  if (result.error) {
    throw new ComposeError(
      `Compose ${COMPOSE_VERSION} is built from its Go module, which needs the Go toolchain (go) on the PATH: ${result.error.message}`,
    );
  }
  if (result.status !== 0) {
    throw new ComposeError(
      `go ${args.join(' ')} failed:\n${`${result.stdout}\n${result.stderr}`.trim().split('\n').slice(-20).join('\n')}`,
    );
  }
  return result.stdout;
}

/** Builds the plugin from the Go module into `binary` (a few minutes on two cores; the Go caches stay for next time). */
function buildPlugin(cacheDir: string, binary: string, log: (line: string) => void): void {
  const goDir = join(cacheDir, 'go');
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    GOPATH: goDir,
    GOMODCACHE: join(goDir, 'mod'),
    GOCACHE: join(goDir, 'build-cache'),
    GOFLAGS: '-modcacherw -buildvcs=false',
    // An older Go fetches the toolchain the module asks for from the Go module proxy.
    GOTOOLCHAIN: 'auto',
    CGO_ENABLED: '0',
  };
  log(`Building Docker Compose ${COMPOSE_VERSION} from its Go module (once; a few minutes)…`);
  const { Dir: moduleDir } = JSON.parse(go(['mod', 'download', '-json', `${COMPOSE_MODULE}@${COMPOSE_VERSION}`], cacheDir, env)) as {
    Dir: string;
  };
  const staging = `${binary}.${process.pid}`;
  go(
    ['build', '-trimpath', '-ldflags', `-w -X ${COMPOSE_MODULE}/internal.Version=${COMPOSE_VERSION}`, '-o', staging, './cmd'],
    moduleDir,
    env,
  );
  renameSync(staging, binary);
}

/**
 * Returns how to run `docker compose` (v2) against the engine: the CLI's own plugin when it has one, else the plugin
 * built here.
 *
 * @example
 * const compose = ensureCompose(engine, settings.cacheDir, console.log);
 * spawnSync(compose.cli, ['compose', 'ps'], { env: { ...process.env, ...compose.env } });
 */
export function ensureCompose(engine: DockerEngine, cacheDir: string, log: (line: string) => void): Compose {
  const engineEnv = { DOCKER_HOST: engine.host };
  const own = composeVersion(engine.cli, { ...process.env, ...engineEnv });
  if (own) return { env: engineEnv, cli: engine.cli, version: own };

  const dir = join(cacheDir, 'compose', COMPOSE_VERSION);
  const binary = join(dir, 'docker-compose');
  const config = join(dir, 'docker-config');
  mkdirSync(join(config, 'cli-plugins'), { recursive: true });
  if (!existsSync(binary)) buildPlugin(cacheDir, binary, log);
  const plugin = join(config, 'cli-plugins', 'docker-compose');
  rmSync(plugin, { force: true });
  symlinkSync(binary, plugin);
  if (!existsSync(join(config, 'config.json'))) writeFileSync(join(config, 'config.json'), '{}\n');
  const env = { ...engineEnv, DOCKER_CONFIG: config };
  const version = composeVersion(engine.cli, { ...process.env, ...env });
  if (!version) throw new ComposeError(`${binary} does not work as the docker compose plugin of ${engine.cli}`);
  return { env, cli: engine.cli, version };
}
