/**
 * A .env with a required value missing stops `docker compose up` before anything starts, with the variable's name: a
 * deployment never starts half-configured (without trusted proxies, Keycloak would believe X-Forwarded-For from every
 * caller; without a secret, with a guessable one).
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { repoRoot } from '@focus-api-access/stack';
import { ComposeProject, docker, generatedSecret, succeeded, writeEnvFile } from './support/compose.js';

const dir = mkdtempSync(join(tmpdir(), 'focus-compose-config-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const filledIn = {
  POSTGRES_PASSWORD: generatedSecret(),
  KC_HOSTNAME: 'https://sso.focus.example',
  KC_BOOTSTRAP_ADMIN_PASSWORD: generatedSecret(),
  FOCUS_PROVISIONER_SECRET: generatedSecret(),
  FOCUS_ADMIN_URL: 'https://focus.example',
};

/** Every variable docker-compose.yml requires (`${NAME:?…}`). */
const required = [
  ...new Set([...readFileSync(join(repoRoot, 'docker-compose.yml'), 'utf8').matchAll(/\$\{([A-Z][A-Z0-9_]*):\?/g)].map((m) => m[1]!)),
].sort();

test('docker-compose.yml requires the secrets, the URLs and the trusted proxies', () => {
  expect(required).toEqual(
    [
      'FOCUS_ADMIN_URL',
      'FOCUS_PROVISIONER_SECRET',
      'KC_BOOTSTRAP_ADMIN_PASSWORD',
      'KC_HOSTNAME',
      'KC_HOSTNAME_ADMIN',
      'KC_PROXY_TRUSTED_ADDRESSES',
      'POSTGRES_PASSWORD',
    ].sort(),
  );
});

test.each(required.flatMap((name) => [[name, ''] as const, [name, undefined] as const]))(
  '%s set to %j stops docker compose up with the variable’s name, and nothing is created',
  async (name, value) => {
    const project = new ComposeProject(join(dir, `${name}.env`));
    writeEnvFile(project.envFile, { ...filledIn, [name]: value });
    const up = await project.compose(['up', '--detach'], { profiles: ['cluster'] });
    expect(up.code).not.toBe(0);
    expect(up.stderr).toContain(`required variable ${name} is missing a value`);
    expect(await project.ps()).toEqual([]);
    const networks = succeeded('docker network ls', await docker(['network', 'ls', '--quiet', '--filter', `name=${project.name}`]));
    expect(networks.stdout.trim()).toBe('');
  },
);

test('(a .env with every required value passes the same check)', async () => {
  const project = new ComposeProject(join(dir, 'complete.env'));
  writeEnvFile(project.envFile, filledIn);
  expect(succeeded('docker compose config', await project.compose(['config', '--quiet'], { profiles: ['cluster'] })).stderr).toBe('');
});
