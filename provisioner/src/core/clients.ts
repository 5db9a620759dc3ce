/** Use cases on API clients: create, list, show, update, enable/disable, delete. */
import { contract, limits } from '@focus-api-access/contract';
import { lastUseOf } from './activity.js';
import { clientIdFor } from './client-id.js';
import { audited, clientOf, isManaged, requireManaged, targetOf, timestamp, toApiClient, type Attempt } from './api-client.js';
import { nowOf, warningDaysOf, type UseCaseDeps } from './deps.js';
import { ConflictError, UnavailableError, ValidationError, type FieldError } from './errors.js';
import type { ClientRecord, FailedChange, KeycloakGateway, ScopeRecord } from './gateway.js';
import { formatIpRanges, normaliseIpRanges } from './ip-ranges.js';
import type { Actor, ApiClient, ApiClientPage } from './model.js';
import { checkName, nameKey } from './names.js';
import { serviceScopes } from './services.js';

const attr = contract.apiClientAttributes;

/** Default scopes every API client gets besides its services: `basic` puts `sub` in the token. */
export const BASE_SCOPES: readonly string[] = ['basic'];
/** Probe numbers tried for a free Client ID before giving up (slots are only taken by renamed clients). */
const MAX_PROBES = 8;

export interface CreateApiClientInput {
  readonly name: unknown;
  readonly services: unknown;
  readonly ipRanges?: unknown;
}

export interface UpdateApiClientInput {
  readonly name?: unknown;
  readonly services?: unknown;
  readonly ipRanges?: unknown;
  /** Changed in the same write as the rest: a request that changes several parts changes all of them or none. */
  readonly enabled?: unknown;
  /** New ranges that shut out addresses the vendor used recently are saved only with this set to true. */
  readonly confirmExcludedAddresses?: unknown;
}

function checkServices(raw: unknown, catalogue: readonly ScopeRecord[], errors: FieldError[]): string[] {
  if (!Array.isArray(raw)) {
    errors.push({ field: 'services', reason: raw === undefined ? 'required' : 'type', message: 'must be a list of service ids' });
    return [];
  }
  if (raw.length === 0) {
    errors.push({ field: 'services', reason: 'required', message: 'choose at least one service' });
    return [];
  }
  if (raw.length > limits.servicesPerClient) {
    errors.push({ field: 'services', reason: 'too_many', message: `at most ${limits.servicesPerClient} services` });
    return [];
  }
  const known = new Set(catalogue.map((s) => s.name));
  const chosen: string[] = [];
  raw.forEach((entry, index) => {
    if (typeof entry !== 'string') {
      errors.push({ field: `services[${index}]`, reason: 'type', message: 'must be a service id' });
    } else if (!known.has(entry)) {
      errors.push({ field: `services[${index}]`, reason: 'unknown_service', message: `"${entry}" is not a known service` });
    } else if (!chosen.includes(entry)) {
      chosen.push(entry);
    }
  });
  return chosen;
}

function serviceIds(catalogue: readonly ScopeRecord[]): Set<string> {
  return new Set(catalogue.map((s) => s.name));
}

/** Pages of the search a name check reads at most; a name contained in more names than that is not checked further. */
const NAME_SEARCH_PAGES = 10;

/**
 * Is the name held by a managed client other than `exceptId`? Asks the extension's search, which knows every client's
 * current name (also one given by renaming, which the Client ID does not show) and folds case and accents as the key
 * does. It searches the key's longest word, so that names stored with other white space are found too.
 */
async function nameHolder(gateway: KeycloakGateway, key: string, exceptId: string): Promise<ClientRecord | undefined> {
  const word = key.split(' ').reduce((longest, w) => (w.length > longest.length ? w : longest), '');
  for (let page = 0; page < NAME_SEARCH_PAGES; page++) {
    const first = page * limits.pageSize;
    const found = await gateway.listApiClients({ search: word, first, max: limits.pageSize });
    const holder = found.clients.find((c) => c.id !== exceptId && nameKey(c.name ?? '') === key);
    if (holder) return holder;
    if (first + found.clients.length >= found.total) return undefined;
  }
  return undefined;
}

function nameTaken(name: string): ConflictError {
  return new ConflictError(`An API client named "${name}" already exists`, [
    { field: 'name', reason: 'taken', message: 'an API client with this name already exists' },
  ]);
}

/**
 * Creates an API client: a confidential client with only the service-account flow, `fullScopeAllowed` off,
 * the chosen services as its default client scopes, the managed marker and who created it. One Keycloak
 * call creates it, and the answer is what that call stored.
 *
 * @example
 * const client = await createApiClient(deps, actor, { name: 'Eaglebe', services: ['openhappening-eaglebe'] });
 * client.clientId; // 'api-eaglebe-k3q7xm'
 */
export async function createApiClient(deps: UseCaseDeps, actor: Actor, input: CreateApiClientInput): Promise<ApiClient> {
  const errors: FieldError[] = [];
  const checkedName = checkName(input.name);
  if ('error' in checkedName) errors.push(checkedName.error);
  const ranges = normaliseIpRanges(input.ipRanges);
  const catalogue = await serviceScopes(deps.gateway);
  const services = checkServices(input.services, catalogue, errors);
  if ('errors' in ranges) errors.push(...ranges.errors);
  if (errors.length > 0 || 'error' in checkedName || 'errors' in ranges) throw new ValidationError(errors);
  const name = checkedName.name;
  const key = nameKey(name);

  return audited(deps, { actor, action: 'client.create', client: { name } }, async (target) => {
    const createdAt = timestamp(deps);
    const attributes: Record<string, string> = {
      [attr.managed]: contract.markerValue,
      [attr.createdBy]: actor.username,
      [attr.createdAt]: createdAt,
    };
    if (ranges.ranges.length > 0) attributes[attr.ipRanges] = formatIpRanges(ranges.ranges);

    const defaultClientScopes = [...BASE_SCOPES, ...services];
    let id: string | undefined;
    let clientId = '';
    for (let probe = 0, retriesOfVanishedHolder = 0; id === undefined; probe++) {
      if (probe >= MAX_PROBES) throw nameTaken(name);
      clientId = clientIdFor(name, key, probe);
      try {
        id = await deps.gateway.createClient({ clientId, name, attributes, defaultClientScopes });
      } catch (error) {
        if (error instanceof UnavailableError) {
          // Lost answer or a constraint race Keycloak reports as 500: the slot tells what happened.
          const holder = await deps.gateway.findClientByClientId(clientId).catch(() => undefined);
          if (!holder || !isManaged(holder) || nameKey(holder.name ?? '') !== key) throw error;
          if (holder.attributes[attr.createdAt] === createdAt && holder.attributes[attr.createdBy] === actor.username) {
            id = holder.id;
            break;
          }
          throw nameTaken(name);
        }
        if (!(error instanceof ConflictError)) throw error;
        const holder = await deps.gateway.findClientByClientId(clientId);
        if (!holder && retriesOfVanishedHolder++ < 2) {
          probe--; // deleted in the meantime: the same slot again
          continue;
        }
        if (holder && isManaged(holder) && nameKey(holder.name ?? '') === key) throw nameTaken(name);
        // Held by a client that was renamed (or is not ours): every competing create moves on alike.
      }
    }
    target.id = id;
    target.clientId = clientId;
    // Keycloak stored exactly this (a lost answer was resolved above only when the slot holds our own create).
    return toApiClient(
      { id, clientId, name, enabled: true, attributes, defaultClientScopes },
      serviceIds(catalogue),
      nowOf(deps),
      warningDaysOf(deps),
    );
  });
}

/**
 * One page of API clients, ordered by Client ID, each with its last use, and how many match in all. With `search`,
 * the clients whose current name or Client ID contains it, ignoring case and accents. One request to Keycloak (the
 * extension's read endpoint), besides the services catalogue the provisioner keeps for a few seconds.
 */
export async function listApiClients(
  deps: UseCaseDeps,
  query: { search?: string | undefined; first?: number | undefined; max?: number | undefined } = {},
): Promise<ApiClientPage> {
  const first = query.first ?? 0;
  const max = query.max ?? 20;
  const errors: FieldError[] = [];
  if (!Number.isInteger(first) || first < 0) errors.push({ field: 'first', reason: 'range', message: 'must be a whole number ≥ 0' });
  if (!Number.isInteger(max) || max < 1 || max > limits.pageSize)
    errors.push({ field: 'max', reason: 'range', message: `must be between 1 and ${limits.pageSize}` });
  const search = query.search?.trim() || undefined;
  if (search !== undefined && [...search].length > limits.searchMaxCharacters)
    errors.push({ field: 'search', reason: 'too_long', message: `must be at most ${limits.searchMaxCharacters} characters` });
  if (errors.length > 0) throw new ValidationError(errors);

  const [catalogue, listing] = await Promise.all([serviceScopes(deps.gateway), deps.gateway.listApiClients({ search, first, max })]);
  const ids = serviceIds(catalogue);
  const now = nowOf(deps);
  const items = listing.clients
    .filter(isManaged)
    .map((r) => ({ ...toApiClient(r, ids, now, warningDaysOf(deps)), lastUse: lastUseOf(r.lastUse) }));
  return { items, first, max, total: listing.total, hasMore: first + listing.clients.length < listing.total, search };
}

/** One API client by internal id (or Client ID when `byClientId`). */
export async function getApiClient(deps: UseCaseDeps, ref: string, options: { byClientId?: boolean } = {}): Promise<ApiClient> {
  const record = await requireManaged(deps.gateway, ref, options);
  const catalogue = await serviceScopes(deps.gateway);
  return toApiClient(record, serviceIds(catalogue), nowOf(deps), warningDaysOf(deps));
}

/**
 * What a failed update attempted, for its one history entry: the parts that differ from the client as it is (all
 * parts given when it was not read), the entry's kind being the first of them. A request whose parts change nothing
 * leaves no entry.
 */
function updateAttempt(
  parts: {
    name?: string | undefined;
    services?: readonly string[] | undefined;
    ranges?: readonly string[] | undefined;
    enabled?: boolean | undefined;
  },
  current?: { readonly record: ClientRecord; readonly services: readonly string[] },
): Attempt {
  const kinds: FailedChange['action'][] = [];
  const attempted: Record<string, unknown> = {};
  if (parts.name !== undefined && parts.name !== current?.record.name) {
    kinds.push('rename');
    attempted.name = parts.name;
  }
  if (parts.services !== undefined && !(current && sameSet(parts.services, current.services))) {
    kinds.push('services');
    attempted.services = parts.services;
  }
  // As the history shows ranges elsewhere: the stored attribute's form.
  const ranges = parts.ranges === undefined ? undefined : formatIpRanges(parts.ranges);
  if (ranges !== undefined && ranges !== (current?.record.attributes[attr.ipRanges] ?? '')) {
    kinds.push('ip-ranges');
    attempted.ipRanges = ranges;
  }
  if (parts.enabled !== undefined && parts.enabled !== current?.record.enabled) {
    kinds.push(parts.enabled ? 'enable' : 'disable');
    attempted.enabled = parts.enabled;
  }
  return { actions: kinds.slice(0, 1), attempted };
}

const sameSet = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((x) => b.includes(x));

/**
 * Changes name, services and/or IP ranges. The Client ID never changes (vendors are configured with it).
 * When a later step fails, the earlier ones are undone as far as Keycloak lets us.
 */
export async function updateApiClient(
  deps: UseCaseDeps,
  actor: Actor,
  ref: string,
  input: UpdateApiClientInput,
  options: { byClientId?: boolean } = {},
): Promise<ApiClient> {
  const errors: FieldError[] = [];
  let name: string | undefined;
  if (input.name !== undefined) {
    const checked = checkName(input.name);
    if ('error' in checked) errors.push(checked.error);
    else name = checked.name;
  }
  let ranges: string[] | undefined;
  if (input.ipRanges !== undefined) {
    const checked = normaliseIpRanges(input.ipRanges);
    if ('errors' in checked) errors.push(...checked.errors);
    else ranges = checked.ranges;
  }
  let enabled: boolean | undefined;
  if (input.enabled !== undefined) {
    if (typeof input.enabled === 'boolean') enabled = input.enabled;
    else errors.push({ field: 'enabled', reason: 'type', message: 'must be true or false' });
  }
  const catalogue = await serviceScopes(deps.gateway);
  const services = input.services === undefined ? undefined : checkServices(input.services, catalogue, errors);
  if (errors.length > 0) throw new ValidationError(errors);

  const attributes: Record<string, string | null> = {};
  if (ranges !== undefined) attributes[attr.ipRanges] = ranges.length > 0 ? formatIpRanges(ranges) : null;
  // Keycloak refuses new ranges that shut out recently used addresses in the write's own transaction, unless confirmed.
  const confirmExcludedAddresses = input.confirmExcludedAddresses === true;
  // Only IP ranges: one write, answered with the client after it; nothing to undo, nothing to compare with first.
  if (name === undefined && services === undefined) {
    const target = await targetOf(deps.gateway, ref, options);
    return audited(
      deps,
      { actor, action: 'client.update', client: clientOf(target) },
      async (audit) => {
        const updated = await deps.gateway.updateClient(
          target.id,
          { attributes, ...(enabled !== undefined ? { enabled } : {}) },
          { confirmExcludedAddresses },
        );
        Object.assign(audit, clientOf({ id: updated.id, record: updated }));
        return toApiClient(updated, serviceIds(catalogue), nowOf(deps), warningDaysOf(deps));
      },
      updateAttempt({ ranges, enabled }),
    );
  }

  // A new name is checked against the other clients', and services are compared with the current ones.
  const current = await requireManaged(deps.gateway, ref, options);
  return audited(
    deps,
    { actor, action: 'client.update', client: { id: current.id, clientId: current.clientId, name: current.name } },
    async (target) => {
      if (name !== undefined && nameKey(name) !== nameKey(current.name ?? '')) {
        if (await nameHolder(deps.gateway, nameKey(name), current.id)) throw nameTaken(name);
        target.name = name;
      }
      const undo: Array<() => Promise<unknown>> = [];
      let changed = current;
      try {
        if (name !== undefined || ranges !== undefined || enabled !== undefined) {
          changed = await deps.gateway.updateClient(
            current.id,
            { ...(name !== undefined ? { name } : {}), ...(enabled !== undefined ? { enabled } : {}), attributes },
            { confirmExcludedAddresses },
          );
          // Going back to the ranges the client had shuts out nothing it could use before.
          undo.push(() =>
            deps.gateway.updateClient(
              current.id,
              {
                name: current.name ?? current.clientId,
                enabled: current.enabled,
                attributes: { [attr.ipRanges]: current.attributes[attr.ipRanges] ?? null },
              },
              { confirmExcludedAddresses: true },
            ),
          );
        }
        if (services !== undefined) {
          const known = new Set(catalogue.map((s) => s.name));
          const had = current.defaultClientScopes.filter((s) => known.has(s));
          // One request: all services change together, with one history entry, or none does.
          if (had.length !== services.length || had.some((s) => !services.includes(s))) {
            await deps.gateway.setServices(current.id, services);
          }
        }
      } catch (error) {
        for (const step of undo.reverse()) await step().catch(() => undefined);
        throw error;
      }
      // The services Keycloak now has are exactly these: the answer lays them over the client instead of reading it again.
      const updated: ClientRecord = {
        ...changed,
        ...(services !== undefined
          ? { defaultClientScopes: [...changed.defaultClientScopes.filter((s) => !serviceIds(catalogue).has(s)), ...services] }
          : {}),
      };
      return toApiClient(updated, serviceIds(catalogue), nowOf(deps), warningDaysOf(deps));
    },
    updateAttempt(
      { name, services, ranges, enabled },
      { record: current, services: current.defaultClientScopes.filter((s) => serviceIds(catalogue).has(s)) },
    ),
  );
}

/** Enables or disables an API client; a disabled client gets no token. */
export async function setApiClientEnabled(
  deps: UseCaseDeps,
  actor: Actor,
  ref: string,
  enabled: boolean,
  options: { byClientId?: boolean } = {},
): Promise<ApiClient> {
  const target = await targetOf(deps.gateway, ref, options);
  return audited(
    deps,
    { actor, action: enabled ? 'client.enable' : 'client.disable', client: clientOf(target) },
    async (audit) => {
      const [updated, catalogue] = await Promise.all([deps.gateway.updateClient(target.id, { enabled }), serviceScopes(deps.gateway)]);
      Object.assign(audit, clientOf({ id: updated.id, record: updated }));
      return toApiClient(updated, serviceIds(catalogue), nowOf(deps), warningDaysOf(deps));
    },
    { attempted: { enabled } },
  );
}

/**
 * Deletes an API client; its credentials stop working at once. By internal id it is one request: Keycloak's guard
 * refuses to delete a client that is not an API client. The audit line then names the client by its id only.
 */
export async function deleteApiClient(deps: UseCaseDeps, actor: Actor, ref: string, options: { byClientId?: boolean } = {}): Promise<void> {
  const target = await targetOf(deps.gateway, ref, options);
  await audited(deps, { actor, action: 'client.delete', client: clientOf(target) }, () => deps.gateway.deleteClient(target.id));
}
