/**
 * The provisioner's configuration, read from the environment once, validated with one clear message
 * per bad or missing variable, and frozen. Nothing else reads `process.env`.
 */
import { contract } from '@focus-api-access/contract';
import { parseKeycloakUrls } from '../keycloak/node-urls.js';

export interface ProvisionerConfig {
  /**
   * Where the provisioner reaches Keycloak (admin API, token endpoint, JWKS): one base URL, or one per node of a
   * cluster in order of preference (`KEYCLOAK_URL=http://kc-1:8080,http://kc-2:8080`).
   */
  readonly keycloakUrls: readonly string[];
  /** Keycloak's public URL: fixes the token issuer and the token endpoint shown to vendors. Default: the first node. */
  readonly keycloakPublicUrl: string;
  readonly clientId: string;
  readonly clientSecret: string;
  readonly host: string;
  readonly port: number;
  readonly corsOrigins: readonly string[];
  /** Folder of the built admin page, served at "/" when set. */
  readonly staticRoot: string | undefined;
  readonly logLevel: string;
  readonly bodyLimitBytes: number;
  readonly credentialsPerMinute: number;
  readonly keycloakTimeoutMs: number;
  readonly clockToleranceSeconds: number;
  readonly trustProxy: boolean;
}

export class ConfigError extends Error {
  override readonly name = 'ConfigError';
  readonly problems: readonly string[];
  constructor(problems: readonly string[]) {
    super(`Invalid configuration:\n  - ${problems.join('\n  - ')}`);
    this.problems = problems;
  }
}

type Env = Readonly<Record<string, string | undefined>>;
const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];

/** Reads and validates the configuration. Throws {@link ConfigError} naming every bad variable. */
export function readConfig(env: Env = process.env): ProvisionerConfig {
  const problems: string[] = [];
  const text = (key: string, fallback?: string): string | undefined => {
    const raw = env[key]?.trim();
    return raw === undefined || raw === '' ? fallback : raw;
  };
  const url = (key: string, fallback?: string): string => {
    const raw = text(key, fallback);
    if (raw === undefined) {
      problems.push(`${key} is required (e.g. http://localhost:8080)`);
      return '';
    }
    try {
      const parsed = new URL(raw);
      if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') throw new Error('scheme');
      return raw.replace(/\/+$/, '');
    } catch {
      problems.push(`${key} must be an http(s) URL, got "${raw}"`);
      return '';
    }
  };
  const integer = (key: string, fallback: number, min: number, max: number): number => {
    const raw = text(key);
    if (raw === undefined) return fallback;
    const value = Number(raw);
    if (!Number.isInteger(value) || value < min || value > max) {
      problems.push(`${key} must be a whole number between ${min} and ${max}, got "${raw}"`);
      return fallback;
    }
    return value;
  };

  const nodes = parseKeycloakUrls(text('KEYCLOAK_URL'));
  problems.push(...nodes.problems);
  const keycloakPublicUrl = text('KEYCLOAK_PUBLIC_URL') === undefined ? (nodes.urls[0] ?? '') : url('KEYCLOAK_PUBLIC_URL');
  const clientSecret = text('FOCUS_PROVISIONER_SECRET');
  if (clientSecret === undefined) problems.push("FOCUS_PROVISIONER_SECRET is required (the provisioner's client secret)");
  const corsOrigins: string[] = [];
  for (const origin of (text('PROVISIONER_CORS_ORIGINS') ?? '').split(/[\s,]+/).filter((s) => s !== '')) {
    try {
      const parsed = new URL(origin);
      if (parsed.origin !== origin.replace(/\/+$/, '')) throw new Error('not an origin');
      corsOrigins.push(parsed.origin);
    } catch {
      problems.push(`PROVISIONER_CORS_ORIGINS must list origins such as https://focus.example (scheme, host, port), got "${origin}"`);
    }
  }
  const logLevel = text('PROVISIONER_LOG_LEVEL', 'info')!;
  if (!LOG_LEVELS.includes(logLevel)) problems.push(`PROVISIONER_LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}, got "${logLevel}"`);
  const trustProxyRaw = text('PROVISIONER_TRUST_PROXY', 'false')!;
  if (trustProxyRaw !== 'true' && trustProxyRaw !== 'false')
    problems.push(`PROVISIONER_TRUST_PROXY must be "true" or "false", got "${trustProxyRaw}"`);

  const config: ProvisionerConfig = {
    keycloakUrls: Object.freeze([...nodes.urls]),
    keycloakPublicUrl,
    clientId: text('PROVISIONER_CLIENT_ID', contract.clients.provisioner)!,
    clientSecret: clientSecret ?? '',
    host: text('PROVISIONER_HOST', '127.0.0.1')!,
    port: integer('PROVISIONER_PORT', 3000, 0, 65535),
    corsOrigins: Object.freeze(corsOrigins),
    staticRoot: text('PROVISIONER_STATIC_ROOT'),
    logLevel,
    bodyLimitBytes: integer('PROVISIONER_BODY_LIMIT_BYTES', 16_384, 1024, 1_048_576),
    credentialsPerMinute: integer('PROVISIONER_CREDENTIALS_PER_MINUTE', 10, 1, 10_000),
    keycloakTimeoutMs: integer('PROVISIONER_KEYCLOAK_TIMEOUT_MS', 10_000, 100, 120_000),
    clockToleranceSeconds: integer('PROVISIONER_CLOCK_TOLERANCE_SECONDS', 30, 0, 300),
    trustProxy: trustProxyRaw === 'true',
  };
  if (problems.length > 0) throw new ConfigError(problems);
  return Object.freeze(config);
}

/** Token endpoint of realm `focus` as vendors reach it. */
export function tokenEndpointOf(keycloakPublicUrl: string): string {
  return `${keycloakPublicUrl}/realms/${contract.realm}/protocol/openid-connect/token`;
}
