/**
 * Opt-in runtime (`KEYCLOAK_RUNTIME=container`): the official Keycloak image of the pinned version, started
 * through testcontainers with the same realm files, providers, themes and options as the local process.
 * For machines with a Docker engine; without one it fails at once with a clear message.
 */
import { request, type RequestOptions } from 'node:http';
import type { ContainerPlan } from './runtime-plans.js';
import { NotReadyError, waitUntilReady } from './readiness.js';

export class ContainerRuntimeError extends Error {
  override readonly name = 'ContainerRuntimeError';
}

export interface KeycloakContainer {
  readonly logFile: undefined;
  stop(): Promise<void>;
}

export function containerRuntimeUnavailable(problem: string): ContainerRuntimeError {
  return new ContainerRuntimeError(
    `KEYCLOAK_RUNTIME=container needs a Docker engine, but ${problem}. ` +
      'Unset KEYCLOAK_RUNTIME to run Keycloak from its distribution as a local process.',
  );
}

/** Where testcontainers would look for the engine: DOCKER_HOST (unix:// or tcp://), else the default socket. */
function dockerEndpoint(dockerHost: string | undefined): { where: string; target: RequestOptions } {
  if (!dockerHost || dockerHost.startsWith('unix://')) {
    const socketPath = dockerHost ? dockerHost.slice('unix://'.length) : '/var/run/docker.sock';
    return { where: `unix://${socketPath}`, target: { socketPath } };
  }
  const url = new URL(dockerHost.replace(/^tcp:/, 'http:'));
  return { where: dockerHost, target: { host: url.hostname, port: url.port } };
}

/** Asks the Docker engine for `/_ping`; resolves with why it is unusable, or undefined when it answers. */
export function dockerEngineProblem(dockerHost: string | undefined, timeoutMs = 3000): Promise<string | undefined> {
  const { where, target } = dockerEndpoint(dockerHost);
  return new Promise((resolve) => {
    const req = request({ ...target, path: '/_ping', method: 'GET', timeout: timeoutMs }, (res) => {
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

export async function startContainer(
  plan: ContainerPlan,
  options: { readonly managementUrl: string; readonly readyTimeoutMs: number; readonly dockerHost: string | undefined },
): Promise<KeycloakContainer> {
  const problem = await dockerEngineProblem(options.dockerHost);
  if (problem) throw containerRuntimeUnavailable(problem);
  const { GenericContainer } = await import('testcontainers');
  const container = await new GenericContainer(plan.image)
    .withCommand([...plan.args])
    .withEnvironment({ ...plan.environment })
    .withExposedPorts(...plan.portBindings)
    .withCopyFilesToContainer(plan.files.map((f) => ({ source: f.source, target: `/opt/keycloak/${f.target}` })))
    .start();
  try {
    await waitUntilReady({ managementUrl: options.managementUrl, timeoutMs: options.readyTimeoutMs });
  } catch (error) {
    const logs = await container.logs({ tail: 40 });
    let tail = '';
    for await (const chunk of logs) tail += String(chunk);
    await container.stop();
    throw new NotReadyError(`${(error as Error).message}. Last lines of the container's log:\n${tail}`);
  }
  return { logFile: undefined, stop: async () => void (await container.stop()) };
}
