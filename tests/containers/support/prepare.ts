/**
 * Global setup of the containers project: a Docker engine (the machine's, or one the stack installs and starts), the
 * images docker-compose.yml runs (built here: stack/src/containers/images.ts) and Compose v2 (the CLI's plugin, or
 * one built from its Go module). Loaded by global-setup.mjs / global-teardown.mjs through tsx.
 */
import { spawnSync } from 'node:child_process';
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
  removeLeftoverProjects(engine);
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

/** The Compose project names the container tests use (tests/containers/support/compose.ts). */
const TEST_PROJECT = /^focus-test-[0-9a-f]+$/;

/**
 * Removes the containers, networks and volumes of test projects an earlier run left behind when it was killed: the
 * Compose file fixes its network's subnet, so a leftover network makes every later `up` fail ("Pool overlaps").
 */
function removeLeftoverProjects(engine: DockerEngine): void {
  const docker = (args: string[]) =>
    spawnSync(engine.cli, args, { encoding: 'utf8', env: { ...process.env, DOCKER_HOST: engine.host } }).stdout?.trim() ?? '';
  const label = 'label=com.docker.compose.project';
  const projects = new Set(
    [
      ...docker(['ps', '--all', '--filter', label, '--format', '{{.Label "com.docker.compose.project"}}']).split('\n'),
      ...docker(['network', 'ls', '--filter', label, '--format', '{{.Label "com.docker.compose.project"}}']).split('\n'),
    ].filter((name) => TEST_PROJECT.test(name)),
  );
  for (const project of projects) {
    log(`Removing the containers, network and volumes an earlier test run left behind (project ${project})…`);
    const filter = `${label}=${project}`;
    const containers = docker(['ps', '--all', '--quiet', '--filter', filter]).split('\n').filter(Boolean);
    if (containers.length > 0) docker(['rm', '--force', '--volumes', ...containers]);
    const networks = docker(['network', 'ls', '--quiet', '--filter', filter]).split('\n').filter(Boolean);
    if (networks.length > 0) docker(['network', 'rm', ...networks]);
    const volumes = docker(['volume', 'ls', '--quiet', '--filter', filter]).split('\n').filter(Boolean);
    if (volumes.length > 0) docker(['volume', 'rm', '--force', ...volumes]);
  }
}
