/**
 * The history of API clients as Keycloak's extension keeps it: every change with the person behind it, the values
 * before and after, and the request's id. It outlives the clients it tells about, so reading it never needs the client.
 */
import { contract, limits, type HistoryAction } from '@focus-api-access/contract';
import { iso } from './activity.js';
import type { UseCaseDeps } from './deps.js';
import { ValidationError, type FieldError } from './errors.js';
import type { HistoryRecord } from './gateway.js';

export interface HistoryEntry {
  readonly id: string;
  readonly time: string;
  readonly action: HistoryAction;
  readonly client: { readonly id: string; readonly clientId: string; readonly name: string };
  /** The person; `via`: the service account that made the change for them (the provisioner). */
  readonly actor: { readonly subject: string; readonly username: string; readonly via?: string };
  readonly before?: Readonly<Record<string, unknown>>;
  readonly after?: Readonly<Record<string, unknown>>;
  /** `failure`: attempted and failed, changing nothing; `error` is the code its caller got. */
  readonly outcome: 'success' | 'failure';
  readonly error?: string;
  readonly requestId?: string;
}

export interface HistoryPage {
  readonly items: HistoryEntry[];
  readonly first: number;
  readonly max: number;
  readonly total: number;
  readonly hasMore: boolean;
}

export interface HistoryFilter {
  /** A client's internal id or Client ID (a deleted client's too). */
  readonly client?: string | undefined;
  /** A username or subject. */
  readonly person?: string | undefined;
  readonly action?: string | undefined;
  /** ISO 8601 times; `to` is exclusive. */
  readonly from?: string | undefined;
  readonly to?: string | undefined;
  readonly first?: number | undefined;
  readonly max?: number | undefined;
}

function isAction(value: string): value is HistoryAction {
  return (contract.history.actions as readonly string[]).includes(value);
}

function timeOf(field: string, value: string | undefined, errors: FieldError[]): number | undefined {
  if (value === undefined || value === '') return undefined;
  const time = Date.parse(value);
  if (Number.isNaN(time))
    errors.push({ field, reason: 'format', message: 'must be a date or time in ISO 8601, e.g. 2026-11-30 or 2026-11-30T09:00:00Z' });
  return Number.isNaN(time) ? undefined : time;
}

export function toHistoryEntry(record: HistoryRecord): HistoryEntry {
  return {
    id: record.id,
    time: iso(record.time),
    action: record.action,
    client: { id: record.clientUuid, clientId: record.clientId, name: record.clientName },
    actor: { subject: record.actor.subject, username: record.actor.username, ...(record.actor.via ? { via: record.actor.via } : {}) },
    ...(record.before ? { before: record.before } : {}),
    ...(record.after ? { after: record.after } : {}),
    outcome: record.outcome === 'failure' ? 'failure' : 'success',
    ...(record.error ? { error: record.error } : {}),
    ...(record.requestId ? { requestId: record.requestId } : {}),
  };
}

/**
 * One page of the history of all API clients, most recent first, filtered by client, person, kind of change and
 * period.
 *
 * @example
 * const page = await listHistory(deps, { person: 'beheerder', action: 'ip-ranges', from: '2026-11-01' });
 * page.items[0]; // { action: 'ip-ranges', actor: { username: 'beheerder', … }, before: { ipRanges: '' }, … }
 */
export async function listHistory(deps: UseCaseDeps, filter: HistoryFilter): Promise<HistoryPage> {
  const first = filter.first ?? 0;
  const max = filter.max ?? 20;
  const errors: FieldError[] = [];
  if (filter.action !== undefined && filter.action !== '' && !isAction(filter.action)) {
    errors.push({ field: 'action', reason: 'unknown_action', message: `must be one of ${contract.history.actions.join(', ')}` });
  }
  const from = timeOf('from', filter.from, errors);
  const to = timeOf('to', filter.to, errors);
  if (from !== undefined && to !== undefined && to <= from) errors.push({ field: 'to', reason: 'range', message: 'must be after from' });
  if (!Number.isInteger(first) || first < 0) errors.push({ field: 'first', reason: 'range', message: 'must be a whole number ≥ 0' });
  if (!Number.isInteger(max) || max < 1 || max > limits.pageSize)
    errors.push({ field: 'max', reason: 'range', message: `must be between 1 and ${limits.pageSize}` });
  if (errors.length > 0) throw new ValidationError(errors);
  const page = await deps.gateway.history({
    client: filter.client || undefined,
    // Keycloak keeps usernames in lower case (and subjects are lower-case UUIDs): "Beheerder" is beheerder.
    person: filter.person?.toLowerCase() || undefined,
    action: filter.action ? (filter.action as HistoryAction) : undefined,
    from,
    to,
    first,
    max,
  });
  return { items: page.items.map(toHistoryEntry), first, max, total: page.total, hasMore: first + page.items.length < page.total };
}

/** One page of one client's history (by internal id or Client ID), most recent first; readable after it was deleted. */
export function clientHistory(deps: UseCaseDeps, client: string, page: { first?: number; max?: number } = {}): Promise<HistoryPage> {
  return listHistory(deps, { client, ...page });
}
