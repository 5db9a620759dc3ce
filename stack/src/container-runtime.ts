/**
 * Opt-in runtime (`KEYCLOAK_RUNTIME=container`): the project's Keycloak image (deploy/keycloak/Dockerfile, built on
 * this machine: containers/images.ts) started through testcontainers with the same realm files and options as the local
 * process, on the host's network (runtime-plans.ts says why). The Docker engine is the machine's, or one the stack
 * starts (containers/engine.ts).
 */
import { createWriteStream, type WriteStream } from 'node:fs';
import type { DockerEngine } from './containers/engine.js';
import { logTail } from './process-runtime.js';
import type { ContainerPlan } from './runtime-plans.js';
import { NotReadyError, waitUntilReady } from './readiness.js';

export class ContainerRuntimeError extends Error {
  override readonly name = 'ContainerRuntimeError';
}

export interface KeycloakContainer {
  readonly logFile: string;
  stop(): Promise<void>;
}

export function containerRuntimeUnavailable(problem: string): ContainerRuntimeError {
  return new ContainerRuntimeError(
    `KEYCLOAK_RUNTIME=container needs a Docker engine, but ${problem}. ` +
      'Unset KEYCLOAK_RUNTIME to run Keycloak from its distribution as a local process.',
  );
}

/**
 * Keycloak's own settings (`KC_*`) from this process's environment: the local process inherits them (a test that
 * sets KC_HTTP_HOST relies on it), so the container gets them too. The plan's environment wins.
 */
function keycloakVariables(environment: NodeJS.ProcessEnv): Record<string, string> {
  return Object.fromEntries(
    Object.entries(environment).filter((entry): entry is [string, string] => entry[0].startsWith('KC_') && entry[1] !== undefined),
  );
}

export async function startContainer(
  plan: ContainerPlan,
  options: { readonly engine: DockerEngine; readonly managementUrl: string; readonly readyTimeoutMs: number; readonly logFile: string },
): Promise<KeycloakContainer> {
  // testcontainers takes its settings from the environment only. Its resource reaper would have to be pulled from a
  // registry; the stack stops its containers itself.
  process.env.DOCKER_HOST = options.engine.host;
  process.env.TESTCONTAINERS_RYUK_DISABLED ??= 'true';
  const { GenericContainer } = await import('testcontainers');
  const log: WriteStream = createWriteStream(options.logFile, { flags: 'a' });
  const container = await new GenericContainer(plan.image)
    .withCommand([...plan.args])
    .withEnvironment({ ...keycloakVariables(process.env), ...plan.environment })
    .withNetworkMode('host')
    .withCopyFilesToContainer(plan.files.map((f) => ({ source: f.source, target: `/opt/keycloak/${f.target}`, mode: 0o644 })))
    .withLogConsumer((stream) => stream.pipe(log))
    .start();
  const stop = async () => {
    await container.stop();
    log.end();
  };
  try {
    await waitUntilReady({ managementUrl: options.managementUrl, timeoutMs: options.readyTimeoutMs });
  } catch (error) {
    await stop();
    throw new NotReadyError(
      `${(error as Error).message}. Last lines of the container's log (${options.logFile}):\n${logTail(options.logFile)}`,
    );
  }
  return { logFile: options.logFile, stop };
}
