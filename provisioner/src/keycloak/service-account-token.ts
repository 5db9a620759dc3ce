/**
 * The provisioner's own access token (client credentials), renewed before it expires: well before
 * `expires_in` runs out, and at once when the admin API says the token is no longer accepted.
 */
import { UnavailableError } from '../core/errors.js';
import { isNetworkFailure, unreachable } from './failures.js';

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
      throw isNetworkFailure(error) ? unreachable('Service-account token', error) : error;
    }
    if (!response.ok) {
      await response.body?.cancel();
      throw new UnavailableError(
        response.status >= 500
          ? `Service-account token: Keycloak failed (HTTP ${response.status})`
          : `Service-account token: Keycloak refused the provisioner's client credentials (HTTP ${response.status})`,
      );
    }
    const body = (await response.json()) as { access_token?: unknown; expires_in?: unknown };
    if (typeof body.access_token !== 'string') throw new UnavailableError('Service-account token: no access token in the answer');
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
