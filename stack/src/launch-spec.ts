/**
 * What a Keycloak of this project is started with, whatever runs it (a local process, a container, a node of a
 * production cluster, the deploy/ image): version, realm files, providers, themes, build and start options and
 * environment. Pure: every runtime derives its plan from this, so they cannot drift apart.
 */
import { contract } from '@focus-api-access/contract';
import type { ProxyHeaders } from './settings.js';

/**
 * `development`: `kc.sh start-dev` on the embedded H2 database, one node.
 * `production`: `kc.sh build` with the build options, then `kc.sh start --optimized` against PostgreSQL; nodes that
 * share the database form one cluster.
 */
export type LaunchMode = 'development' | 'production';

/** Where a production Keycloak keeps its data. The password goes to the environment, never to the command line. */
export interface DatabaseConnection {
  readonly vendor: 'postgres';
  /** JDBC URL, e.g. `jdbc:postgresql://127.0.0.1:5432/keycloak`. */
  readonly url: string;
  readonly username: string;
  readonly password: string;
}

export interface LaunchInput {
  readonly version: string;
  /** Default `development`. */
  readonly mode?: LaunchMode;
  /** Required in production mode. */
  readonly database?: DatabaseConnection;
  /** Realm files imported at first start (`--import-realm` skips realms that exist). */
  readonly realmFiles: readonly string[];
  /** Provider JARs for Keycloak's `providers/`. */
  readonly providers: readonly string[];
  /** Theme folders, each copied to Keycloak's `themes/<folder name>`. */
  readonly themes: readonly string[];
  /** The URL browsers and token consumers use; fixes the token issuer. */
  readonly publicUrl: string;
  /**
   * Where administrators reach the admin console and API when that is not the public URL (Keycloak's `hostname-admin`;
   * `realm init` serves realm master there too). Undefined: the public URL.
   */
  readonly adminUrl?: string | undefined;
  /** Where the admin page is served; fills the `focus-admin` client's redirect URIs. */
  readonly adminPageUrl: string;
  readonly proxyHeaders: ProxyHeaders | undefined;
  readonly proxyTrustedAddresses: readonly string[];
  readonly secretGraceSeconds: number;
  readonly bootstrapAdmin: { readonly username: string; readonly password: string };
  /** Password of the demo users; only meaningful when their realm file is among `realmFiles`. */
  readonly demoPassword: string;
}

export interface LaunchSpec {
  readonly version: string;
  readonly mode: LaunchMode;
  readonly command: 'start-dev' | 'start';
  /**
   * Build-time options: what `kc.sh build` bakes into the server in production (database vendor, health, metrics). `start-dev` takes them at every start instead.
   */
  readonly buildOptions: readonly string[];
  /** Start options, without ports or listen addresses: each runtime adds its own. */
  readonly options: readonly string[];
  readonly environment: Readonly<Record<string, string>>;
  readonly realmFiles: readonly string[];
  readonly providers: readonly string[];
  readonly themes: readonly string[];
}

export class LaunchSpecError extends Error {
  override readonly name = 'LaunchSpecError';
}

export function launchSpec(input: LaunchInput): LaunchSpec {
  const mode = input.mode ?? 'development';
  if (mode === 'production' && !input.database) {
    throw new LaunchSpecError('A production Keycloak needs a database connection');
  }
  // No preview feature: API clients' secrets and their rotation are the extension's (keycloak-extension/README.md).
  const buildOptions = ['--health-enabled=true', '--metrics-enabled=true', '--event-metrics-user-enabled=true'];
  const options = [
    '--import-realm',
    `--hostname=${input.publicUrl}`,
    ...(input.adminUrl ? [`--hostname-admin=${input.adminUrl}`] : []),
    // Lets the admin API filter clients by the managed marker (`GET /clients?q=key:value`).
    `--spi-client--jpa--searchable-attributes=${contract.apiClientAttributes.managed}`,
  ];
  const environment: Record<string, string> = {};
  if (mode === 'production' && input.database) {
    buildOptions.unshift(`--db=${input.database.vendor}`);
    options.push(`--db-url=${input.database.url}`, `--db-username=${input.database.username}`);
    environment.KC_DB_PASSWORD = input.database.password;
    // TLS terminates at the reverse proxy in front of the nodes (docs/operations.md); the nodes speak plain HTTP.
    options.push('--http-enabled=true');
  }
  if (input.proxyHeaders) {
    // Keycloak accepts forwarded headers without trusted proxies, from everyone: never start it that way.
    if (input.proxyTrustedAddresses.length === 0) {
      throw new LaunchSpecError('Forwarded headers need the reverse proxies they are trusted from (proxyTrustedAddresses)');
    }
    options.push(`--proxy-headers=${input.proxyHeaders}`, `--proxy-trusted-addresses=${input.proxyTrustedAddresses.join(',')}`);
  }
  return Object.freeze({
    version: input.version,
    mode,
    command: mode === 'production' ? 'start' : 'start-dev',
    buildOptions: Object.freeze(buildOptions),
    options: Object.freeze(options),
    environment: Object.freeze({
      ...environment,
      KC_BOOTSTRAP_ADMIN_USERNAME: input.bootstrapAdmin.username,
      KC_BOOTSTRAP_ADMIN_PASSWORD: input.bootstrapAdmin.password,
      // Placeholders in realm-config/*.json. The provisioner's secret is not one: `realm init` sets it after the start.
      FOCUS_ADMIN_URL: input.adminPageUrl,
      FOCUS_DEMO_PASSWORD: input.demoPassword,
      FOCUS_SECRET_GRACE_SECONDS: String(input.secretGraceSeconds),
    }),
    realmFiles: Object.freeze([...input.realmFiles]),
    providers: Object.freeze([...input.providers]),
    themes: Object.freeze([...input.themes]),
  });
}
