/**
 * Starts the one real Keycloak shared by every integration and end-to-end test of the run, and stops it.
 * Loaded by global-setup.mjs / global-teardown.mjs through tsx, since Jest's global setup does not apply
 * the module mapping the TypeScript sources need.
 */
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { freePorts, readSettings, repoRoot, startKeycloak, type RunningKeycloak } from '@focus-api-access/stack';
import { TEST_STACK_VARIABLE, type TestStack } from './stack.js';

// Kept on globalThis: setup and teardown each load this module afresh, in the same process.
const shared = globalThis as { focusTestKeycloak?: RunningKeycloak };

export async function startTestStack(): Promise<void> {
  // The end-to-end tests' screenshots and axe results of this run only; each test file adds its own.
  rmSync(join(repoRoot, 'test-artifacts', 'e2e'), { recursive: true, force: true });
  const settings = readSettings();
  const [http, management, adminPagePort] = (await freePorts(3)) as [number, number, number];
  const adminPageUrl = `http://localhost:${adminPagePort}`;
  const keycloak = await startKeycloak({
    settings,
    ephemeral: true,
    ports: { http, management },
    adminPageUrl,
    log: (line) => process.stderr.write(`${line}\n`),
  });
  shared.focusTestKeycloak = keycloak;
  process.stderr.write(`\nKeycloak ready in ${(keycloak.readyMs / 1000).toFixed(1)} s (${keycloak.runtimeDescription})\n`);
  const stack: TestStack = {
    keycloakUrl: keycloak.url,
    managementUrl: keycloak.managementUrl,
    realm: keycloak.realm,
    realmUrl: keycloak.realmUrl,
    tokenEndpoint: keycloak.tokenEndpoint,
    adminPageUrl,
    adminPagePort,
    bootstrapAdmin: keycloak.secrets.bootstrapAdmin,
    provisionerSecret: keycloak.secrets.provisionerSecret,
    demoPassword: keycloak.secrets.demoPassword,
    home: keycloak.home,
    logFile: keycloak.logFile,
  };
  // Workers are started after global setup and inherit this environment.
  process.env[TEST_STACK_VARIABLE] = JSON.stringify(stack);
}

export async function stopTestStack(): Promise<void> {
  await shared.focusTestKeycloak?.stop();
  shared.focusTestKeycloak = undefined;
}
