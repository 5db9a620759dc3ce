/** @focus-api-access/provisioner: use cases, the Keycloak gateway, the HTTP API and its starter. */
export * from './core/index.js';
export { createKeycloakGateway, type GatewayOptions, type NodeEvent } from './keycloak/admin-gateway.js';
export { createTokenVerifier, type TokenVerifier, type Principal, type VerifierOptions } from './http/auth.js';
export { buildApp, loggerOptions, type BuildOptions } from './http/build.js';
export { provisionerApp, type AppOptions } from './http/app.js';
export {
  readServerConfig,
  readKeycloakAccess,
  readRealmAdminConfig,
  ConfigError,
  DEFAULTS,
  tokenEndpointOf,
  type ServerConfig,
  type KeycloakAccess,
  type RealmAdminConfig,
} from './config.js';
export { problemType } from './http/problem.js';
export { startProvisioner, startOptionsFromConfig, type StartProvisionerOptions, type RunningProvisioner } from './start.js';
export { initRealm, bruteForceOf, type InitOutcome, type InitInput, type BruteForce } from './realm/init.js';
export { initDeps } from './keycloak/init-gateway.js';
