/**
 * Global setup of the containers project: a Docker engine (the machine's, or one the stack installs and starts), the
 * images docker-compose.yml runs (built here: stack/src/containers/images.ts) and Compose v2 (the CLI's plugin, or
 * one built from its Go module). Loaded by global-setup.mjs / global-teardown.mjs through tsx.
 */
import {
  ensureCompose,
  ensureComposeImages,
  ensureDockerEngine,
  imageSize,
  readSettings,
  type DockerEngine,
} from '@focus-api-access/stack';
import { CONTAINERS_VARIABLE, type ContainerEnvironment } from './environment.js';

// Kept on globalThis: setup and teardown each load this module afresh, in the same process.
const shared = globalThis as { focusContainerEngine?: DockerEngine };

const log = (line: string) => process.stderr.write(`[containers] ${line}\n`);

export async function prepareContainers(): Promise<void> {
  const settings = readSettings();
  const startedAt = Date.now();
  const engine = await ensureDockerEngine({ dockerHost: settings.dockerHost, cacheDir: settings.cacheDir, log });
  shared.focusContainerEngine = engine;
  const builder = { engine, cacheDir: settings.cacheDir, log };
  const images = ensureComposeImages(builder);
  const compose = ensureCompose(engine, settings.cacheDir, log);
  const sizes = Object.values(images).map((ref) => `${ref} ${(imageSize(builder, ref) / 1e6).toFixed(0)} MB`);
  log(`Ready after ${((Date.now() - startedAt) / 1000).toFixed(1)} s: Docker Compose ${compose.version}; images ${sizes.join(', ')}`);
  const environment: ContainerEnvironment = {
    dockerHost: engine.host,
    cli: engine.cli,
    dockerEnv: compose.env,
    composeVersion: compose.version,
    images,
  };
  // Workers are started after global setup and inherit this environment.
  process.env[CONTAINERS_VARIABLE] = JSON.stringify(environment);
}

export async function releaseContainers(): Promise<void> {
  await shared.focusContainerEngine?.stop();
  shared.focusContainerEngine = undefined;
}
