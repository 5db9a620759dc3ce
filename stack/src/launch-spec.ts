/**
 * What a Keycloak of this project is started with, whatever runs it (a local process or a container):
 * version, realm files, providers, themes, start options and environment. Pure: both runtimes derive
 * their plans from this, so they cannot drift apart.
 */
import { contract } from '@focus-api-access/contract';
import type { ProxyHeaders } from './settings.js';

export interface LaunchInput {
  readonly version: string;
  /** Realm files imported at first start (`--import-realm` skips realms that exist). */
  readonly realmFiles: readonly string[];
  /** Provider JARs for Keycloak's `providers/`. */
  readonly providers: readonly string[];
  /** Theme folders, each copied to Keycloak's `themes/<folder name>`. */
  readonly themes: readonly string[];
  /** The URL browsers and token consumers use; fixes the token issuer. */
  readonly publicUrl: string;
  /** Where the admin page is served; fills the `focus-admin` client's redirect URIs. */
  readonly adminPageUrl: string;
  readonly proxyHeaders: ProxyHeaders | undefined;
  readonly proxyTrustedAddresses: readonly string[];
  readonly secretGraceSeconds: number;
  readonly bootstrapAdmin: { readonly username: string; readonly password: string };
  readonly provisionerSecret: string;
  /** Password of the demo users; only meaningful when their realm file is among `realmFiles`. */
  readonly demoPassword: string;
}

export interface LaunchSpec {
  readonly version: string;
  readonly command: 'start-dev';
  /** kc.sh options, without ports: each runtime adds its own port binding. */
  readonly options: readonly string[];
  readonly environment: Readonly<Record<string, string>>;
  readonly realmFiles: readonly string[];
  readonly providers: readonly string[];
  readonly themes: readonly string[];
}

/** Preview features the realm configuration relies on (secret rotation for API clients). */
export const FEATURES = ['client-secret-rotation'] as const;

export function launchSpec(input: LaunchInput): LaunchSpec {
  const options = [
    '--import-realm',
    `--hostname=${input.publicUrl}`,
    '--health-enabled=true',
    '--metrics-enabled=true',
    '--event-metrics-user-enabled=true',
    `--features=${FEATURES.join(',')}`,
    // Lets the admin API filter clients by the managed marker (`GET /clients?q=key:value`).
    `--spi-client--jpa--searchable-attributes=${contract.apiClientAttributes.managed}`,
  ];
  if (input.proxyHeaders) {
    options.push(`--proxy-headers=${input.proxyHeaders}`);
    if (input.proxyTrustedAddresses.length > 0) {
      options.push(`--proxy-trusted-addresses=${input.proxyTrustedAddresses.join(',')}`);
    }
  }
  return Object.freeze({
    version: input.version,
    command: 'start-dev',
    options: Object.freeze(options),
    environment: Object.freeze({
      KC_BOOTSTRAP_ADMIN_USERNAME: input.bootstrapAdmin.username,
      KC_BOOTSTRAP_ADMIN_PASSWORD: input.bootstrapAdmin.password,
      // Placeholders in realm-config/*.json
      FOCUS_PROVISIONER_SECRET: input.provisionerSecret,
      FOCUS_ADMIN_URL: input.adminPageUrl,
      FOCUS_DEMO_PASSWORD: input.demoPassword,
      FOCUS_SECRET_GRACE_SECONDS: String(input.secretGraceSeconds),
    }),
    realmFiles: Object.freeze([...input.realmFiles]),
    providers: Object.freeze([...input.providers]),
    themes: Object.freeze([...input.themes]),
  });
}
