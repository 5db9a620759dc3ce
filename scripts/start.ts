/**
 * `npm start`: Keycloak with the realm on the persistent data folder, then the provisioner and the page when
 * present. Prints where everything is and the demo logins; Ctrl-C stops it all.
 */
import { readSettings, startKeycloak } from '../index.js';

const settings = readSettings();
const keycloak = await startKeycloak({ settings, ephemeral: false, log: (line) => console.log(line) });

let stopping = false;
async function shutdown(signal: string): Promise<void> {
  if (stopping) return;
  stopping = true;
  console.log(`\n${signal}: stopping…`);
  await keycloak.stop();
  process.exit(0);
}
process.on('SIGINT', () => void shutdown('SIGINT'));
process.on('SIGTERM', () => void shutdown('SIGTERM'));

console.log(`
Keycloak is ready after ${(keycloak.readyMs / 1000).toFixed(1)} s (${keycloak.runtimeDescription}).

  Realm "focus":      ${keycloak.realmUrl}
  Token endpoint:     ${keycloak.tokenEndpoint}
  Admin console:      ${keycloak.url}/admin/  (user ${keycloak.secrets.bootstrapAdmin.username}, password in ${settings.dataDir}/secrets.json)
  Health:             ${keycloak.managementUrl}/health/ready

  Demo logins (realm focus): beheerder / ${keycloak.secrets.demoPassword} (may manage API clients)
                             medewerker / ${keycloak.secrets.demoPassword} (no right)

Press Ctrl-C to stop.`);
