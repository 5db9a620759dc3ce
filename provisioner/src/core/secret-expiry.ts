/** When secrets expire: the state of one client's secret, and every client whose secret expires soon. */
import { contract, limits } from '@focus-api-access/contract';
import { nowOf, warningDaysOf, type UseCaseDeps } from './deps.js';
import type { ClientRecord } from './gateway.js';
import type { ExpiringSecret, SecretExpiry } from './model.js';

const attr = contract.apiClientAttributes;
const DAY_MS = 86_400_000;

/** A moment Keycloak's extension stores as epoch seconds; undefined when the text is not one. */
export function epochSeconds(raw: string | undefined): Date | undefined {
  if (raw === undefined || !/^\d{1,12}$/.test(raw)) return undefined;
  return new Date(Number(raw) * 1000);
}

/**
 * When the client's current secret expires and whether that is near. A stored expiry that cannot be read is reported
 * as expired: Keycloak's extension refuses the secret then, and the administrator should know.
 */
export function secretExpiryOf(
  record: ClientRecord,
  now: Date,
  warningDays: number,
): { secretExpiresAt: string | undefined; secretExpiry: SecretExpiry } {
  const raw = record.attributes[attr.secretExpiresAt];
  if (raw === undefined) return { secretExpiresAt: undefined, secretExpiry: 'none' };
  const expiresAt = epochSeconds(raw);
  if (expiresAt === undefined) return { secretExpiresAt: undefined, secretExpiry: 'expired' };
  const left = expiresAt.getTime() - now.getTime();
  const secretExpiry = left <= 0 ? 'expired' : left <= warningDays * DAY_MS ? 'expiring' : 'valid';
  return { secretExpiresAt: expiresAt.toISOString(), secretExpiry };
}

/**
 * Every API client whose secret expires within `withinDays` (default: the warning window) or has expired, soonest
 * first. Walks all API clients, a page of the read endpoint per request.
 *
 * @example
 * const soon = await listExpiringSecrets(deps); // [{ clientId: 'api-eaglebe-k3q7xm', secretExpiry: 'expiring', … }]
 */
export async function listExpiringSecrets(deps: UseCaseDeps, options: { withinDays?: number } = {}): Promise<ExpiringSecret[]> {
  const withinDays = options.withinDays ?? warningDaysOf(deps);
  const now = nowOf(deps);
  const found: ExpiringSecret[] = [];
  for (let first = 0; ; first += limits.pageSize) {
    const page = await deps.gateway.listApiClients({ first, max: limits.pageSize });
    // The read endpoint lists managed clients only; checked again, as everywhere (api-client.ts isManaged).
    for (const record of page.clients.filter((r) => r.attributes[attr.managed] === contract.markerValue)) {
      const { secretExpiresAt, secretExpiry } = secretExpiryOf(record, now, withinDays);
      if (secretExpiry === 'expiring' || secretExpiry === 'expired') {
        found.push({
          id: record.id,
          clientId: record.clientId,
          name: record.name ?? record.clientId,
          secretExpiresAt: secretExpiresAt ?? new Date(0).toISOString(),
          secretExpiry,
        });
      }
    }
    if (page.clients.length === 0 || first + page.clients.length >= page.total) break;
  }
  return found.sort((a, b) => a.secretExpiresAt.localeCompare(b.secretExpiresAt));
}

/** The lifetime a caller asked for a new secret: whole days from 1 to the contract's maximum, or none. */
export function checkLifetimeDays(raw: unknown): { days: number | undefined } | { error: string } {
  if (raw === undefined || raw === null) return { days: undefined };
  if (typeof raw !== 'number' || !Number.isInteger(raw) || raw < 1 || raw > limits.secretLifetimeMaxDays) {
    return { error: `must be a whole number of days from 1 to ${limits.secretLifetimeMaxDays}` };
  }
  return { days: raw };
}
