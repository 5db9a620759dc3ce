/**
 * The names every part of FOCUS API-toegang shares: realm, right, clients, attribute keys, provider ids.
 *
 * The single source is `contract.json` beside this folder, so that non-TypeScript parts (the Java extension,
 * the realm files) can be checked against the same file. Tests fail when a part disagrees with it.
 */
import { createRequire } from 'node:module';

export interface Contract {
  /** One Keycloak version for the server distribution, the Java SPI and the admin client. */
  readonly keycloakVersion: string;
  readonly realm: string;
  /** The realm role that allows managing API clients ("API toegang beheren" in PolBACC). */
  readonly manageRight: { readonly role: string; readonly label: string };
  readonly managersGroup: string;
  readonly clients: {
    /** Public client of the admin page (keycloak-js). */
    readonly adminSpa: string;
    /** Confidential client whose service account the provisioner uses. */
    readonly provisioner: string;
    /** Resource server of the OpenHappening API: the audience vendor tokens carry. */
    readonly resourceServer: string;
  };
  /** Exactly the realm-management roles the provisioner's service account holds. */
  readonly provisionerRoles: readonly string[];
  /** Client attribute keys on an API client. `managed` marks clients the provisioner may touch. */
  readonly apiClientAttributes: {
    readonly managed: string;
    readonly ipRanges: string;
    readonly createdBy: string;
    readonly createdAt: string;
    readonly credentialsGeneratedBy: string;
    readonly credentialsGeneratedAt: string;
  };
  /** Client scope attribute keys: a scope with `marker` is a service; `label` is its human name. */
  readonly serviceAttributes: { readonly marker: string; readonly label: string };
  /** Value stored under a marker attribute. */
  readonly markerValue: string;
  /** Provider id of the IP-range client-policy executor in the Keycloak extension. */
  readonly ipRangeExecutor: string;
  /** Provider id of the executor that keeps a client's current secret from expiring (listed after secret-rotation). */
  readonly secretNoExpiryExecutor: string;
  readonly clientProfile: string;
  readonly clientPolicy: string;
  readonly loginTheme: string;
  /** Demo users, imported only by local development and tests. */
  readonly demoUsers: { readonly manager: string; readonly employee: string };
}

const require = createRequire(import.meta.url);

export const contract: Contract = Object.freeze(require('../contract.json') as Contract);

/** Path of the contract file, for tools that read it directly. */
export const contractPath: string = require.resolve('../contract.json');
