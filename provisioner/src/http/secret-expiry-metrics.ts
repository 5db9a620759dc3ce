/**
 * Gauges of the secrets that expire soon or have expired, for alerting: counted over every API client, so the count
 * is kept for a while (`maxAgeMs`, default 5 minutes) instead of being made again at every scrape. Expiries are a
 * matter of days; a count a few minutes old says the same.
 */
import { Gauge, type Registry } from 'prom-client';
import type { ExpiringSecret } from '../core/model.js';

export const EXPIRY_COUNT_MAX_AGE_MS = 300_000;

export interface SecretExpiryMetricsOptions {
  readonly registry: Registry;
  readonly prefix: string;
  /** Every API client whose secret expires within the warning window or has expired. */
  readonly expiringSecrets: () => Promise<readonly ExpiringSecret[]>;
  /** The warning window, for the help text. */
  readonly warningDays: number;
  readonly maxAgeMs?: number;
  readonly now?: () => number;
}

export interface ExpiryCounts {
  readonly expiring: number;
  readonly expired: number;
}

/**
 * A value loaded at most once per `maxAgeMs`: callers within that time get the last value, and callers while a load is
 * running share it. A load that fails leaves the last good value in place (and rejects only when there is none).
 */
export function cachedFor<T>(maxAgeMs: number, load: () => Promise<T>, now: () => number = Date.now): () => Promise<T> {
  let last: { value: T; at: number } | undefined;
  let running: Promise<T> | undefined;
  return async () => {
    if (last && now() - last.at < maxAgeMs) return last.value;
    running ??= load()
      .then((value) => {
        last = { value, at: now() };
        return value;
      })
      .finally(() => {
        running = undefined;
      });
    try {
      return await running;
    } catch (error) {
      if (last) return last.value;
      throw error;
    }
  };
}

export function countExpiry(secrets: readonly ExpiringSecret[]): ExpiryCounts {
  const expired = secrets.filter((s) => s.secretExpiry === 'expired').length;
  return { expiring: secrets.length - expired, expired };
}

/**
 * Registers `<prefix>api_client_secrets{expiry="expiring"}` (within the warning window, not yet expired) and
 * `{expiry="expired"}`. While no count could be made (Keycloak not reachable since the start), there is no sample,
 * rather than a false zero.
 */
export function registerSecretExpiryMetrics(options: SecretExpiryMetricsOptions): void {
  const counts = cachedFor(
    options.maxAgeMs ?? EXPIRY_COUNT_MAX_AGE_MS,
    async () => countExpiry(await options.expiringSecrets()),
    options.now,
  );
  new Gauge({
    name: `${options.prefix}api_client_secrets`,
    help:
      `API clients whose secret expires within ${options.warningDays} days (PROVISIONER_SECRET_EXPIRY_WARNING_DAYS) and has not ` +
      'expired yet (expiry="expiring"), or has expired and is refused until new credentials are generated (expiry="expired")',
    labelNames: ['expiry'] as const,
    registers: [options.registry],
    async collect() {
      try {
        const { expiring, expired } = await counts();
        this.set({ expiry: 'expiring' }, expiring);
        this.set({ expiry: 'expired' }, expired);
      } catch {
        this.reset();
      }
    },
  });
}
