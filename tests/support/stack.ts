/**
 * Where the run's shared Keycloak is, as the integration project's global setup started it.
 * Every integration and end-to-end test reads it from here.
 */
export interface TestStack {
  readonly keycloakUrl: string;
  readonly managementUrl: string;
  readonly realm: string;
  readonly realmUrl: string;
  readonly tokenEndpoint: string;
  /** Origin the `focus-admin` client accepts as redirect target: tests serve the page here. */
  readonly adminPageUrl: string;
  readonly adminPagePort: number;
  readonly bootstrapAdmin: { readonly username: string; readonly password: string };
  readonly provisionerSecret: string;
  readonly demoPassword: string;
  /** Keycloak's home folder (process runtime): keycloak.log is in it. */
  readonly home: string | undefined;
  readonly logFile: string | undefined;
}

export const TEST_STACK_VARIABLE = 'FOCUS_TEST_STACK';

export function testStack(): TestStack {
  const raw = process.env[TEST_STACK_VARIABLE];
  if (!raw) throw new Error(`${TEST_STACK_VARIABLE} is not set: run integration tests through npm test (Jest's integration project)`);
  return JSON.parse(raw) as TestStack;
}
