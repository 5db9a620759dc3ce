/**
 * A client's activity as the Keycloak extension records it: when it last got a token and from where, its recent
 * source addresses, and its refused token requests per reason (IP not allowed apart from a wrong secret).
 */
import { contract, limits, type RefusalReason } from '@focus-api-access/contract';
import { requireManaged } from './api-client.js';
import type { UseCaseDeps } from './deps.js';
import { NotFoundError, ValidationError, type FieldError } from './errors.js';
import type { UseRecord } from './gateway.js';
import type { Activity, LastUse, RefusalPage } from './model.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function iso(epochMs: number): string {
  return new Date(epochMs).toISOString();
}

export function lastUseOf(use: UseRecord | undefined): LastUse | undefined {
  return use ? { time: iso(use.time), ipAddress: use.address } : undefined;
}

/** The internal id of a managed client: `ref` itself, or (with `byClientId`) the id of the client with that Client ID. */
async function managedId(deps: UseCaseDeps, ref: string, options: { byClientId?: boolean }): Promise<string> {
  if (UUID.test(ref)) return ref;
  if (options.byClientId) return (await requireManaged(deps.gateway, ref, options)).id;
  throw new NotFoundError(`No API client "${ref}"`);
}

/**
 * Last use, recent source addresses and refusals per reason: one request to Keycloak.
 *
 * @example
 * const activity = await getActivity(deps, id);
 * activity.lastUse;   // { time: '2026-11-30T09:12:00.000Z', ipAddress: '203.0.113.9' }
 * activity.refusals;  // [{ reason: 'ip_not_allowed', refusals: 12, sources: 1, lastAt: '…' }]
 */
export async function getActivity(deps: UseCaseDeps, ref: string, options: { byClientId?: boolean } = {}): Promise<Activity> {
  const record = await deps.gateway.clientActivity(await managedId(deps, ref, options));
  if (!record) throw new NotFoundError(`No API client "${ref}"`);
  return {
    lastUse: lastUseOf(record.lastUse),
    addresses: record.addresses.map((a) => ({ ipAddress: a.address, firstSeen: iso(a.firstSeen), lastSeen: iso(a.lastSeen) })),
    refusals: record.refusals.map((r) => ({ reason: r.reason, refusals: r.refusals, sources: r.sources, lastAt: iso(r.lastAt) })),
  };
}

export interface RefusalQuery {
  readonly reason?: unknown;
  readonly first?: number | undefined;
  readonly max?: number | undefined;
}

function isReason(value: unknown): value is RefusalReason {
  return typeof value === 'string' && (contract.activity.refusalReasons as readonly string[]).includes(value);
}

/** One page of a client's refusals for one reason, one row per source address, most recent first. */
export async function listRefusals(
  deps: UseCaseDeps,
  ref: string,
  query: RefusalQuery,
  options: { byClientId?: boolean } = {},
): Promise<RefusalPage> {
  const first = query.first ?? 0;
  const max = query.max ?? 20;
  const errors: FieldError[] = [];
  if (!isReason(query.reason)) {
    errors.push({ field: 'reason', reason: 'unknown_reason', message: `must be one of ${contract.activity.refusalReasons.join(', ')}` });
  }
  if (!Number.isInteger(first) || first < 0) errors.push({ field: 'first', reason: 'range', message: 'must be a whole number ≥ 0' });
  if (!Number.isInteger(max) || max < 1 || max > limits.pageSize)
    errors.push({ field: 'max', reason: 'range', message: `must be between 1 and ${limits.pageSize}` });
  if (errors.length > 0 || !isReason(query.reason)) throw new ValidationError(errors);
  const reason = query.reason;
  const id = await managedId(deps, ref, options);
  const page = await deps.gateway.refusalSources(id, reason, { first, max });
  if (!page) throw new NotFoundError(`No API client "${ref}"`);
  return {
    reason,
    first,
    max,
    total: page.total,
    items: page.items.map((s) => ({
      ipAddress: s.address,
      error: s.error,
      firstAt: iso(s.firstAt),
      lastAt: iso(s.lastAt),
      refusals: s.refusals,
    })),
  };
}
