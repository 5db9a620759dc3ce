/**
 * What the containers project's global setup prepared (prepare.ts): the Docker engine, how to run Compose v2 against
 * it, and the images it built. Every container test reads it from here.
 */
export interface ContainerEnvironment {
  /** DOCKER_HOST of the engine. */
  readonly dockerHost: string;
  /** The docker CLI that goes with it. */
  readonly cli: string;
  /** Environment for `docker` and `docker compose` (DOCKER_HOST, and DOCKER_CONFIG where the plugin was built here). */
  readonly dockerEnv: Readonly<Record<string, string>>;
  readonly composeVersion: string;
  /** The images docker-compose.yml runs, by role. */
  readonly images: Readonly<Record<string, string>>;
}

export const CONTAINERS_VARIABLE = 'FOCUS_CONTAINERS';

export function containerEnvironment(): ContainerEnvironment {
  const raw = process.env[CONTAINERS_VARIABLE];
  if (!raw) throw new Error(`${CONTAINERS_VARIABLE} is not set: run container tests through npm test (Jest's containers project)`);
  return JSON.parse(raw) as ContainerEnvironment;
}
