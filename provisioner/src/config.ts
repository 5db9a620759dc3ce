/**
 * The provisioner's configuration: every environment variable the HTTP server, the CLI, `realm apply` and `realm init` read, with
 * every default, in this one module. Each reader validates all its variables at once, throws one {@link ConfigError}
 * naming every bad or missing variable (never repeating a secret), and returns a frozen object. Nothing else reads
 * `process.env`.
 */
import { contract } from '@focus-api-access/contract';
import { parseKeycloakUrls } from './keycloak/node-urls.js';
import type { RealmAdminCredentials } from './keycloak/realm-gateway.js';

/** Every default, once. */
export const DEFAULTS = Object.freeze({
  clientId: contract.clients.provisioner,
  keycloakTimeoutMs: 10_000,
  host: '127.0.0.1',
  port: 3000,
  managementHost: '127.0.0.1',
  managementPort: 9300,
  logLevel: 'info',
  bodyLimitBytes: 16_384,
  credentialsPerMinute: 10,
  clockToleranceSeconds: 30,
  trustProxy: false,
  /** The admin page's client and the CLI's: the only ones whose user tokens the API accepts unless told otherwise. */
  authorizedParties: Object.freeze([contract.clients.adminSpa, contract.clients.cli]),
  adminRealm: 'master',
  secretExpiryWarningDays: contract.limits.secretExpiryWarningDays,
});

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];

export class ConfigError extends Error {
  override readonly name = 'ConfigError';
  readonly problems: readonly string[];
  constructor(problems: readonly string[]) {
    super(`Invalid configuration:\n  - ${problems.join('\n  - ')}`);
    this.problems = problems;
  }
}

export type Env = Readonly<Record<string, string | undefined>>;

/**
 * What the server and the CLI share: how the provisioner reaches Keycloak as its service account, and when a secret
 * counts as expiring.
 */
export interface KeycloakAccess {
  /** One base URL per Keycloak node, in order of preference (`KEYCLOAK_URL=http://kc-1:8080,http://kc-2:8080`). */
  readonly keycloakUrls: readonly string[];
  /** Keycloak's public URL: fixes the token issuer and the token endpoint shown to vendors. Default: the first node. */
  readonly keycloakPublicUrl: string;
  readonly clientId: string;
  readonly clientSecret: string;
  /** Per Keycloak request, the token request included. */
  readonly keycloakTimeoutMs: number;
  /** How many days before its expiry a secret is reported as expiring (page, metrics, `credentials expiring`). */
  readonly secretExpiryWarningDays: number;
}

export interface ServerConfig extends KeycloakAccess {
  readonly host: string;
  readonly port: number;
  /** Where `/metrics` and the detailed `/readyz` are served: a listener of its own, not the page's. */
  readonly managementHost: string;
  readonly managementPort: number;
  readonly corsOrigins: readonly string[];
  /** Folder of the built admin page, served at "/" when set. */
  readonly staticRoot: string | undefined;
  readonly logLevel: string;
  readonly bodyLimitBytes: number;
  readonly credentialsPerMinute: number;
  readonly clockToleranceSeconds: number;
  readonly trustProxy: boolean;
  /** Clients whose user tokens the API accepts (the token's `azp`). */
  readonly authorizedParties: readonly string[];
  /** When set, changes need a token whose `acr` is one of these (step-up, e.g. a second factor). */
  readonly requiredAcr: readonly string[];
}

/** `realm apply`: a realm administrator, not the provisioner's service account. */
export interface RealmAdminConfig {
  readonly keycloakUrls: readonly string[];
  readonly adminRealm: string;
  readonly credentials: RealmAdminCredentials;
  readonly keycloakTimeoutMs: number;
}

/** `realm init`: the administrator, the provisioner's secret to give Keycloak, and where administrators reach it. */
export interface RealmInitConfig extends RealmAdminConfig {
  readonly provisionerSecret: string;
  /** KEYCLOAK_ADMIN_URL (Keycloak's `hostname-admin`), served as realm master's frontend URL; undefined leaves it. */
  readonly adminUrl: string | undefined;
}

/** Reads variables, collecting one problem per bad one; `done` throws them all at once. */
class EnvReader {
  readonly problems: string[] = [];
  constructor(private readonly env: Env) {}

  text(key: string, fallback?: string): string | undefined {
    const raw = this.env[key]?.trim();
    return raw === undefined || raw === '' ? fallback : raw;
  }

  required(key: string, what: string): string {
    const value = this.text(key);
    if (value === undefined) this.problems.push(`${key} is required (${what})`);
    return value ?? '';
  }

  url(key: string): string {
    const raw = this.text(key)!;
    try {
      const parsed = new URL(raw);
      if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') throw new Error('scheme');
      return raw.replace(/\/+$/, '');
    } catch {
      this.problems.push(`${key} must be an http(s) URL, got "${raw}"`);
      return '';
    }
  }

  integer(key: string, fallback: number, min: number, max: number): number {
    const raw = this.text(key);
    if (raw === undefined) return fallback;
    const value = Number(raw);
    if (!/^\d+$/.test(raw) || value < min || value > max) {
      this.problems.push(`${key} must be a whole number between ${min} and ${max}, got "${raw}"`);
      return fallback;
    }
    return value;
  }

  boolean(key: string, fallback: boolean): boolean {
    const raw = this.text(key, String(fallback))!;
    if (raw !== 'true' && raw !== 'false') this.problems.push(`${key} must be "true" or "false", got "${raw}"`);
    return raw === 'true';
  }

  list(key: string, fallback: readonly string[] = []): string[] {
    const raw = this.text(key);
    return raw === undefined ? [...fallback] : raw.split(/[\s,]+/).filter((s) => s !== '');
  }

  keycloakUrls(): readonly string[] {
    const nodes = parseKeycloakUrls(this.text('KEYCLOAK_URL'));
    this.problems.push(...nodes.problems);
    return nodes.urls;
  }

  done<T extends object>(config: T): Readonly<T> {
    if (this.problems.length > 0) throw new ConfigError(this.problems);
    return Object.freeze(config);
  }
}

function keycloakAccess(read: EnvReader): KeycloakAccess {
  const keycloakUrls = read.keycloakUrls();
  return {
    keycloakUrls: Object.freeze(keycloakUrls),
    keycloakPublicUrl: read.text('KEYCLOAK_PUBLIC_URL') === undefined ? (keycloakUrls[0] ?? '') : read.url('KEYCLOAK_PUBLIC_URL'),
    clientId: read.text('PROVISIONER_CLIENT_ID', DEFAULTS.clientId)!,
    clientSecret: read.required('FOCUS_PROVISIONER_SECRET', "the provisioner's client secret"),
    keycloakTimeoutMs: read.integer('PROVISIONER_KEYCLOAK_TIMEOUT_MS', DEFAULTS.keycloakTimeoutMs, 100, 120_000),
    secretExpiryWarningDays: read.integer(
      'PROVISIONER_SECRET_EXPIRY_WARNING_DAYS',
      DEFAULTS.secretExpiryWarningDays,
      1,
      contract.limits.secretLifetimeMaxDays,
    ),
  };
}

/** The CLI's commands as the service account. */
export function readKeycloakAccess(env: Env): KeycloakAccess {
  const read = new EnvReader(env);
  return read.done(keycloakAccess(read));
}

/** The HTTP server. */
export function readServerConfig(env: Env): ServerConfig {
  const read = new EnvReader(env);
  const corsOrigins: string[] = [];
  for (const origin of read.list('PROVISIONER_CORS_ORIGINS')) {
    try {
      const parsed = new URL(origin);
      if (parsed.origin !== origin.replace(/\/+$/, '')) throw new Error('not an origin');
      corsOrigins.push(parsed.origin);
    } catch {
      read.problems.push(`PROVISIONER_CORS_ORIGINS must list origins such as https://focus.example (scheme, host, port), got "${origin}"`);
    }
  }
  const logLevel = read.text('PROVISIONER_LOG_LEVEL', DEFAULTS.logLevel)!;
  if (!LOG_LEVELS.includes(logLevel))
    read.problems.push(`PROVISIONER_LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}, got "${logLevel}"`);
  const authorizedParties = read.list('PROVISIONER_AUTHORIZED_PARTIES', DEFAULTS.authorizedParties);
  if (authorizedParties.length === 0) read.problems.push('PROVISIONER_AUTHORIZED_PARTIES must name at least one client');
  return read.done({
    ...keycloakAccess(read),
    host: read.text('PROVISIONER_HOST', DEFAULTS.host)!,
    port: read.integer('PROVISIONER_PORT', DEFAULTS.port, 0, 65535),
    managementHost: read.text('PROVISIONER_MANAGEMENT_HOST', DEFAULTS.managementHost)!,
    managementPort: read.integer('PROVISIONER_MANAGEMENT_PORT', DEFAULTS.managementPort, 0, 65535),
    corsOrigins: Object.freeze(corsOrigins),
    staticRoot: read.text('PROVISIONER_STATIC_ROOT'),
    logLevel,
    bodyLimitBytes: read.integer('PROVISIONER_BODY_LIMIT_BYTES', DEFAULTS.bodyLimitBytes, 1024, 1_048_576),
    credentialsPerMinute: read.integer('PROVISIONER_CREDENTIALS_PER_MINUTE', DEFAULTS.credentialsPerMinute, 1, 10_000),
    clockToleranceSeconds: read.integer('PROVISIONER_CLOCK_TOLERANCE_SECONDS', DEFAULTS.clockToleranceSeconds, 0, 300),
    trustProxy: read.boolean('PROVISIONER_TRUST_PROXY', DEFAULTS.trustProxy),
    authorizedParties: Object.freeze(authorizedParties),
    requiredAcr: Object.freeze(read.list('PROVISIONER_REQUIRED_ACR')),
  });
}

function realmAdmin(read: EnvReader): RealmAdminConfig {
  const keycloakUrls = read.keycloakUrls();
  const username = read.text('KEYCLOAK_ADMIN_USERNAME');
  const password = read.text('KEYCLOAK_ADMIN_PASSWORD');
  const clientId = read.text('KEYCLOAK_ADMIN_CLIENT_ID');
  const clientSecret = read.text('KEYCLOAK_ADMIN_CLIENT_SECRET');
  let credentials: RealmAdminCredentials | undefined;
  if (username && password) credentials = { kind: 'user', username, password };
  else if (clientId && clientSecret) credentials = { kind: 'client', clientId, clientSecret };
  else {
    read.problems.push(
      'a realm administrator is required: KEYCLOAK_ADMIN_USERNAME and KEYCLOAK_ADMIN_PASSWORD, or KEYCLOAK_ADMIN_CLIENT_ID and KEYCLOAK_ADMIN_CLIENT_SECRET',
    );
  }
  return {
    keycloakUrls: Object.freeze(keycloakUrls),
    adminRealm: read.text('KEYCLOAK_ADMIN_REALM', DEFAULTS.adminRealm)!,
    credentials: credentials!,
    keycloakTimeoutMs: read.integer('PROVISIONER_KEYCLOAK_TIMEOUT_MS', DEFAULTS.keycloakTimeoutMs, 100, 120_000),
  };
}

/** `realm apply`. */
export function readRealmAdminConfig(env: Env): RealmAdminConfig {
  const read = new EnvReader(env);
  return read.done(realmAdmin(read));
}

/** `realm init`. */
export function readRealmInitConfig(env: Env): RealmInitConfig {
  const read = new EnvReader(env);
  return read.done({
    ...realmAdmin(read),
    provisionerSecret: read.required('FOCUS_PROVISIONER_SECRET', "the provisioner's client secret to give Keycloak"),
    adminUrl: read.text('KEYCLOAK_ADMIN_URL') === undefined ? undefined : read.url('KEYCLOAK_ADMIN_URL'),
  });
}

/** The CLI signed in as a person: where it keeps its session and which provisioner it calls. */
export interface CliConfig {
  /** FOCUS_API_ACCESS_URL: the provisioner, for `login` without `--url`. */
  readonly provisionerUrl: string | undefined;
  /** FOCUS_API_ACCESS_CONFIG_DIR, else `$XDG_CONFIG_HOME/focus-api-access`, else `~/.config/focus-api-access`. */
  readonly sessionDir: string;
  readonly timeoutMs: number;
}

/** The CLI's own settings (its service-account mode reads {@link readKeycloakAccess} instead). */
export function readCliConfig(env: Env, home: string): CliConfig {
  const read = new EnvReader(env);
  const configHome = read.text('XDG_CONFIG_HOME') ?? `${home}/.config`;
  return read.done({
    provisionerUrl: read.text('FOCUS_API_ACCESS_URL') === undefined ? undefined : read.url('FOCUS_API_ACCESS_URL'),
    sessionDir: read.text('FOCUS_API_ACCESS_CONFIG_DIR') ?? `${configHome}/focus-api-access`,
    timeoutMs: read.integer('PROVISIONER_KEYCLOAK_TIMEOUT_MS', DEFAULTS.keycloakTimeoutMs, 100, 120_000),
  });
}

/** Token endpoint of realm `focus` as vendors reach it. */
export function tokenEndpointOf(keycloakPublicUrl: string): string {
  return `${keycloakPublicUrl}/realms/${contract.realm}/protocol/openid-connect/token`;
}
