/**
 * Settings of the local stack, read from the environment once, validated, and frozen.
 * Nothing else in the stack reads `process.env`.
 */
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { contract } from '@focus-api-access/contract';
import { repoRoot } from './paths.js';

export type RuntimeKind = 'process' | 'container';
export type ProxyHeaders = 'forwarded' | 'xforwarded';

export interface StackSettings {
  readonly runtime: RuntimeKind;
  readonly keycloakVersion: string;
  /** Where the downloaded distribution and built artefacts are cached, outside git. */
  readonly cacheDir: string;
  /** Persistent data folder used by `npm start`. */
  readonly dataDir: string;
  readonly keycloakPort: number;
  readonly managementPort: number;
  readonly provisionerPort: number;
  /** The provisioner's management listener (health with each node's state, metrics). */
  readonly provisionerManagementPort: number;
  /** Forwarded headers Keycloak trusts; unset means it ignores them (the caller's socket address counts). */
  readonly proxyHeaders: ProxyHeaders | undefined;
  /** Addresses or CIDRs of reverse proxies allowed to set forwarded headers. */
  readonly proxyTrustedAddresses: readonly string[];
  /** Explicit JDK; otherwise the stack picks one. */
  readonly javaHome: string | undefined;
  readonly readyTimeoutMs: number;
  /** Docker endpoint for the container runtime (DOCKER_HOST), else the default socket. */
  readonly dockerHost: string | undefined;
  /** Grace period for a previous client secret after regeneration, in seconds. */
  readonly secretGraceSeconds: number;
}

export class SettingsError extends Error {
  override readonly name = 'SettingsError';
}

type Env = Readonly<Record<string, string | undefined>>;

function port(env: Env, key: string, fallback: number): number {
  const raw = env[key];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1 || value > 65535) {
    throw new SettingsError(`${key} must be a TCP port between 1 and 65535, got "${raw}"`);
  }
  return value;
}

function positiveInteger(env: Env, key: string, fallback: number): number {
  const raw = env[key];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value <= 0) {
    throw new SettingsError(`${key} must be a positive whole number, got "${raw}"`);
  }
  return value;
}

function runtime(env: Env): RuntimeKind {
  const raw = env.KEYCLOAK_RUNTIME ?? 'process';
  if (raw === 'process' || raw === 'container') return raw;
  throw new SettingsError(`KEYCLOAK_RUNTIME must be "process" or "container", got "${raw}"`);
}

function proxyHeaders(env: Env): ProxyHeaders | undefined {
  const raw = env.KC_PROXY_HEADERS;
  if (raw === undefined || raw === '') return undefined;
  if (raw === 'forwarded' || raw === 'xforwarded') return raw;
  throw new SettingsError(`KC_PROXY_HEADERS must be "forwarded" or "xforwarded", got "${raw}"`);
}

function list(env: Env, key: string): string[] {
  return (env[key] ?? '')
    .split(/[\s,]+/)
    .map((s) => s.trim())
    .filter((s) => s !== '');
}

/**
 * Keycloak started with forwarded headers but no trusted proxies believes them from every caller, who could then
 * claim any address to the IP-range check of API clients.
 */
export const PROXY_HEADERS_WITHOUT_TRUSTED_ADDRESSES =
  'KC_PROXY_HEADERS is set but KC_PROXY_TRUSTED_ADDRESSES is empty: Keycloak would believe X-Forwarded-For or Forwarded from ' +
  'any caller, who could then claim any address to the IP-range check. List your reverse proxies (addresses or CIDRs) in ' +
  'KC_PROXY_TRUSTED_ADDRESSES';

/** Reads and validates the stack's settings. Throws {@link SettingsError} naming the bad variable. */
export function readSettings(env: Env = process.env): StackSettings {
  const trusted = list(env, 'KC_PROXY_TRUSTED_ADDRESSES');
  const headers = proxyHeaders(env);
  if (trusted.length > 0 && headers === undefined) {
    throw new SettingsError('KC_PROXY_TRUSTED_ADDRESSES is set but KC_PROXY_HEADERS is not: set both or neither');
  }
  if (headers !== undefined && trusted.length === 0) {
    throw new SettingsError(PROXY_HEADERS_WITHOUT_TRUSTED_ADDRESSES);
  }
  return Object.freeze({
    runtime: runtime(env),
    keycloakVersion: contract.keycloakVersion,
    cacheDir: resolve(env.FOCUS_CACHE_DIR ?? join(homedir(), '.cache', 'focus-api-access')),
    dataDir: resolve(env.FOCUS_DATA_DIR ?? join(repoRoot, '.data')),
    keycloakPort: port(env, 'KC_HTTP_PORT', 8080),
    managementPort: port(env, 'KC_MANAGEMENT_PORT', 9000),
    provisionerPort: port(env, 'PROVISIONER_PORT', 3000),
    provisionerManagementPort: port(env, 'PROVISIONER_MANAGEMENT_PORT', 9300),
    proxyHeaders: headers,
    proxyTrustedAddresses: Object.freeze(trusted),
    javaHome: env.FOCUS_JAVA_HOME || undefined,
    readyTimeoutMs: positiveInteger(env, 'KC_READY_TIMEOUT_SECONDS', 480) * 1000,
    dockerHost: env.DOCKER_HOST || undefined,
    secretGraceSeconds: positiveInteger(env, 'FOCUS_SECRET_GRACE_SECONDS', contract.limits.secretGraceSecondsDefault),
  });
}
