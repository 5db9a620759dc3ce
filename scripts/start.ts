/**
 * `npm start`: Keycloak with the realm on the persistent data folder, the page built when its sources changed,
 * and the provisioner serving its API and the page. Prints where everything is and the demo logins;
 * Ctrl-C stops it all.
 */
import { preparePage } from '@focus-api-access/admin-plugin/build';
import { startProvisioner, type RunningProvisioner } from '@focus-api-access/provisioner';
import { readSettings, startKeycloak } from '@focus-api-access/stack';

const settings = readSettings();
const log = (line: string) => console.log(line);
const keycloak = await startKeycloak({ settings, ephemeral: false, log });

let provisioner: RunningProvisioner | undefined;
let stopping = false;
async function shutdown(signal: string): Promise<void> {
  if (stopping) return;
  stopping = true;
  console.log(`\n${signal}: stopping…`);
  await provisioner?.stop();
  await keycloak.stop();
  process.exit(0);
}
process.on('SIGINT', () => void shutdown('SIGINT'));
process.on('SIGTERM', () => void shutdown('SIGTERM'));

try {
  const staticRoot = preparePage({ config: { keycloakUrl: keycloak.url }, log });
  provisioner = await startProvisioner({
    keycloakUrl: keycloak.url,
    provisionerSecret: keycloak.secrets.provisionerSecret,
    port: settings.provisionerPort,
    managementPort: settings.provisionerManagementPort,
    staticRoot,
  });
} catch (error) {
  console.error(`Could not start the provisioner and the page: ${(error as Error).message}`);
  await keycloak.stop();
  process.exit(1);
}

console.log(`
Keycloak is ready after ${(keycloak.readyMs / 1000).toFixed(1)} s (${keycloak.runtimeDescription}).

  API Toegang page:   ${provisioner.url}/  (Beheer > API Toegang)
  Provisioner API:    ${provisioner.url}/api/v1  (OpenAPI: ${provisioner.url}/api/docs)
  CLI:                npx focus-api-access login --url ${provisioner.url}
  Realm "focus":      ${keycloak.realmUrl}
  Token endpoint:     ${keycloak.tokenEndpoint}
  Admin console:      ${keycloak.url}/admin/  (user ${keycloak.secrets.bootstrapAdmin.username}, password in ${settings.dataDir}/secrets.json)
  Health, metrics:    ${keycloak.managementUrl}/health/ready, ${provisioner.managementUrl}/readyz, ${provisioner.managementUrl}/metrics

  Demo logins (realm focus): beheerder / ${keycloak.secrets.demoPassword} (may manage API clients)
                             medewerker / ${keycloak.secrets.demoPassword} (no right)

Press Ctrl-C to stop.`);
