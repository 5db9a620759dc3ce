/**
 * The provisioner's own access token (client credentials) from one Keycloak node's token endpoint, renewed before it
 * expires: well before `expires_in` runs out, and at once when the admin API says the token is no longer accepted.
 * One per node: a node checks a token's issuer against its own idea of its URL, which differs per node unless
 * Keycloak's `hostname` is set, so a token is only used on the node that issued it.
 */
import { UnavailableError } from '../core/errors.js';
import { failureOfStatus, failureOfTransport, type NodeFailure } from './failover.js';
import { isNetworkFailure } from './failures.js';

/**
 * The token could not be had. `nodeFailure` is set when the node itself failed (unreachable, 502/503/504): the admin
 * request waiting for the token was never sent, so it may go to another node whatever its method.
 */
export class ServiceAccountTokenError extends UnavailableError {
  readonly nodeFailure: NodeFailure | undefined;
  /** Keycloak refused the client credentials themselves (a wrong or replaced secret): no retry will help. */
  readonly credentialsRefused: boolean;
  constructor(message: string, options: { cause?: unknown; nodeFailure?: NodeFailure | undefined; credentialsRefused?: boolean }) {
    super(message, { cause: options.cause });
    this.nodeFailure = options.nodeFailure && { ...options.nodeFailure, mayHaveActed: false };
    this.credentialsRefused = options.credentialsRefused === true;
  }
}

export interface ServiceAccountOptions {
  readonly tokenEndpoint: string;
  readonly clientId: string;
  readonly clientSecret: string;
  readonly timeoutMs: number;
  /** Renew this many seconds before expiry (at most half the lifetime). */
  readonly renewBeforeSeconds?: number;
  readonly now?: () => number;
}

export interface ServiceAccountToken {
  get(): Promise<string>;
  /** Forget the cached token (the admin API refused it). */
  invalidate(): void;
}

export function serviceAccountToken(options: ServiceAccountOptions): ServiceAccountToken {
  const now = options.now ?? Date.now;
  let cached: { token: string; renewAt: number } | undefined;
  let pending: Promise<string> | undefined;

  async function fetchToken(): Promise<string> {
    let response: Response;
    try {
      response = await fetch(options.tokenEndpoint, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({
          grant_type: 'client_credentials',
          client_id: options.clientId,
          client_secret: options.clientSecret,
        }),
        signal: AbortSignal.timeout(options.timeoutMs),
      });
    } catch (error) {
      if (!isNetworkFailure(error)) throw error;
      throw new ServiceAccountTokenError('Service-account token: Keycloak cannot be reached', {
        cause: error,
        nodeFailure: failureOfTransport(error),
      });
    }
    if (!response.ok) {
      await response.body?.cancel();
      const { status } = response;
      throw new ServiceAccountTokenError(
        status >= 500
          ? `Service-account token: Keycloak failed (HTTP ${status})`
          : `Service-account token: Keycloak refused the provisioner's client credentials (HTTP ${status})`,
        { nodeFailure: failureOfStatus(status), credentialsRefused: status === 400 || status === 401 },
      );
    }
    let body: { access_token?: unknown; expires_in?: unknown };
    try {
      body = (await response.json()) as typeof body;
    } catch (error) {
      throw new ServiceAccountTokenError('Service-account token: incomplete answer', {
        cause: error,
        nodeFailure: failureOfTransport(error),
      });
    }
    if (typeof body.access_token !== 'string')
      throw new ServiceAccountTokenError('Service-account token: no access token in the answer', {});
    const lifetime = typeof body.expires_in === 'number' && body.expires_in > 0 ? body.expires_in : 60;
    const margin = Math.min(options.renewBeforeSeconds ?? 30, lifetime / 2);
    cached = { token: body.access_token, renewAt: now() + (lifetime - margin) * 1000 };
    return body.access_token;
  }

  return {
    async get() {
      if (cached && now() < cached.renewAt) return cached.token;
      pending ??= fetchToken().finally(() => {
        pending = undefined;
      });
      return pending;
    },
    invalidate() {
      cached = undefined;
    },
  };
}
