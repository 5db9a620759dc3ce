/** From Keycloak's client records to the domain's {@link ApiClient}, and the managed-marker guard. */
import { contract } from '@focus-api-access/contract';
import { NotFoundError, isProvisionerError, type ErrorCode } from './errors.js';
import type { ClientRecord, FailedChange, KeycloakGateway } from './gateway.js';
import type { ApiClient, PreviousSecret } from './model.js';
import { parseStoredIpRanges } from './ip-ranges.js';
import type { AuditAction, AuditEntry, UseCaseDeps } from './deps.js';
import { nowOf } from './deps.js';
import { epochSeconds, secretExpiryOf } from './secret-expiry.js';

const attr = contract.apiClientAttributes;

export function isManaged(record: ClientRecord): boolean {
  return record.attributes[attr.managed] === contract.markerValue;
}

/**
 * What became of the secret that was current before the last generation, as the client's record tells: still
 * working until its grace period ends, or not working any more. A stamp that cannot be read is `unknown`, never
 * "revoked": the vendor's secret may well still work.
 */
export function previousSecretOf(record: ClientRecord, now: Date): PreviousSecret {
  const raw = record.attributes[attr.previousSecretValidUntil];
  if (raw === undefined) return { status: 'revoked' };
  const until = epochSeconds(raw);
  if (until === undefined) return { status: 'unknown' };
  if (until.getTime() <= now.getTime()) return { status: 'revoked' };
  return { status: 'valid', validUntil: until.toISOString() };
}

export function previousSecretValidUntil(record: ClientRecord, now: Date): string | undefined {
  const previous = previousSecretOf(record, now);
  return previous.status === 'valid' ? previous.validUntil : undefined;
}

export function toApiClient(record: ClientRecord, serviceIds: ReadonlySet<string>, now: Date, warningDays: number): ApiClient {
  return {
    id: record.id,
    clientId: record.clientId,
    name: record.name ?? record.clientId,
    enabled: record.enabled,
    services: record.defaultClientScopes.filter((s) => serviceIds.has(s)).sort(),
    ipRanges: parseStoredIpRanges(record.attributes[attr.ipRanges]),
    createdBy: record.attributes[attr.createdBy],
    createdAt: record.attributes[attr.createdAt],
    credentialsGeneratedBy: record.attributes[attr.credentialsGeneratedBy],
    credentialsGeneratedAt: record.attributes[attr.credentialsGeneratedAt],
    previousSecretValidUntil: previousSecretValidUntil(record, now),
    ...secretExpiryOf(record, now, warningDays),
  };
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The managed client with this internal id (or, when `byClientId`, this Client ID). Any other client,
 * whatever it is, is "not found": the provisioner never reads or touches clients it does not manage.
 */
export async function requireManaged(gateway: KeycloakGateway, ref: string, options: { byClientId?: boolean } = {}): Promise<ClientRecord> {
  let record: ClientRecord | undefined;
  if (UUID.test(ref)) record = await gateway.findClientById(ref);
  if (!record && options.byClientId) record = await gateway.findClientByClientId(ref);
  if (!record || !isManaged(record)) throw new NotFoundError(`No API client "${ref}"`);
  return record;
}

/**
 * The client a change is about, without reading it when `ref` is an internal id: Keycloak's guard refuses the
 * provisioner's service account any change to a client that is not an API client, and the gateway reports that as
 * "not found". A Client ID (CLI) is looked up, and the client must carry the marker.
 */
export async function targetOf(
  gateway: KeycloakGateway,
  ref: string,
  options: { byClientId?: boolean } = {},
): Promise<{ readonly id: string; readonly record?: ClientRecord }> {
  if (UUID.test(ref)) return { id: ref };
  if (!options.byClientId) throw new NotFoundError(`No API client "${ref}"`);
  const record = await gateway.findClientByClientId(ref);
  if (!record || !isManaged(record)) throw new NotFoundError(`No API client "${ref}"`);
  return { id: record.id, record };
}

/** What an audit line can name of a client: its id, and its Client ID and name once it was read. */
export function clientOf(target: { readonly id: string; readonly record?: ClientRecord | undefined }): {
  id: string;
  clientId?: string;
  name?: string;
} {
  const { record } = target;
  return { id: target.id, ...(record ? { clientId: record.clientId, ...(record.name ? { name: record.name } : {}) } : {}) };
}

/** The history's kind of change of the use cases whose kind follows from their action alone. */
const HISTORY_ACTIONS: Partial<Record<AuditAction, FailedChange['action']>> = {
  'client.enable': 'enable',
  'client.disable': 'disable',
  'client.delete': 'delete',
  'credentials.generate': 'credentials-generated',
  'credentials.end-grace': 'grace-ended',
};

/** Failures that are no failed change of a client: there is none, or the change was made and only its answer was lost. */
const NOT_A_FAILED_CHANGE: ReadonlySet<string> = new Set(['not_found', 'credentials_not_delivered']);

/** What a change attempts, for the history entry of its failure: its kinds (default: from the action) and values. */
export interface Attempt {
  readonly actions?: readonly FailedChange['action'][];
  readonly attempted?: Readonly<Record<string, unknown>>;
}

/**
 * Runs a change and writes its audit line, whatever the outcome. A change of an existing client that fails also
 * leaves a history entry with outcome `failure` and the error's code, after the fact (the change's own transaction
 * rolled back): when that entry cannot be written either, the audit line says so and the caller still gets the
 * change's own error.
 */
export async function audited<T>(
  deps: UseCaseDeps,
  entry: Omit<AuditEntry, 'outcome' | 'error'>,
  change: (target: { id?: string; clientId?: string; name?: string }) => Promise<T>,
  attempt: Attempt = {},
): Promise<T> {
  const target = { ...entry.client };
  try {
    const result = await change(target);
    deps.audit?.({ ...entry, client: target, outcome: 'success' });
    return result;
  } catch (error) {
    const code: ErrorCode = isProvisionerError(error) ? error.code : 'internal';
    const actions = attempt.actions ?? [HISTORY_ACTIONS[entry.action]].filter((a) => a !== undefined);
    const recorded =
      target.id !== undefined && !NOT_A_FAILED_CHANGE.has(code) && actions.length > 0
        ? await recordFailure(deps.gateway, target.id, actions, code, attempt.attempted)
        : undefined;
    deps.audit?.({
      ...entry,
      client: target,
      outcome: 'failure',
      error: code,
      ...(isProvisionerError(error) ? {} : { detail: 'unexpected error' }),
      ...(recorded === false ? { historyNotWritten: true } : {}),
    });
    throw error;
  }
}

/** Whether every entry was written; never throws (the change's own failure is what the caller must hear of). */
async function recordFailure(
  gateway: KeycloakGateway,
  id: string,
  actions: readonly FailedChange['action'][],
  error: string,
  attempted: Attempt['attempted'],
): Promise<boolean> {
  const written = await Promise.allSettled(
    actions.map((action) => gateway.recordFailedChange(id, { action, error, ...(attempted ? { attempted } : {}) })),
  );
  return written.every((w) => w.status === 'fulfilled');
}

export function timestamp(deps: UseCaseDeps): string {
  return nowOf(deps).toISOString();
}
