/**
 * What the CLI's client commands do, in its two modes: as a signed-in person through the provisioner's HTTP API
 * (the right is checked and the history names the person there), or, asked for with `--service-account`, as the
 * provisioner's service account straight against Keycloak (the history names that service account). The commands
 * only parse and format; both modes answer with the same shapes.
 */
import { contract, type IpRangeEntry } from '@focus-api-access/contract';
import {
  checkIpRangeChange,
  createApiClient,
  deleteApiClient,
  endGracePeriod,
  generateCredentials,
  getActivity,
  getApiClient,
  listApiClients,
  listHistory,
  listRefusals,
  listServices,
  NotFoundError,
  setApiClientEnabled,
  updateApiClient,
  type Actor,
  type UseCaseDeps,
} from '../core/index.js';
import { listExpiringSecrets } from '../core/secret-expiry.js';
import type { HistoryFilter, HistoryPage } from '../core/history.js';
import type { Activity, ApiClient, ApiClientPage, Credentials, ExpiringSecret, IpRangeCheck, RefusalPage, Service } from '../core/model.js';
import type { ProvisionerApi } from './provisioner-api.js';

export interface ClientChanges {
  readonly name?: string;
  readonly services?: readonly string[];
  readonly ipRanges?: readonly IpRangeEntry[];
  readonly confirmExcludedAddresses: boolean;
}

export interface GenerateOptions {
  readonly revokePrevious: boolean;
  readonly idempotencyKey: string;
  readonly expiresInDays?: number;
}

/** `ref` is an API client's internal id or its Client ID, as a person types it. */
export interface Backend {
  services(): Promise<readonly Service[]>;
  listClients(query: { search?: string | undefined; first: number; max: number }): Promise<ApiClientPage>;
  getClient(ref: string): Promise<ApiClient>;
  createClient(input: { name: string; services: readonly string[]; ipRanges: readonly IpRangeEntry[] }): Promise<ApiClient>;
  updateClient(ref: string, changes: ClientChanges): Promise<ApiClient>;
  checkIpRanges(ref: string, ipRanges: readonly IpRangeEntry[]): Promise<IpRangeCheck>;
  setEnabled(ref: string, enabled: boolean): Promise<ApiClient>;
  deleteClient(ref: string): Promise<void>;
  generateCredentials(ref: string, options: GenerateOptions): Promise<Credentials>;
  endGracePeriod(ref: string): Promise<void>;
  expiringSecrets(withinDays: number | undefined): Promise<readonly ExpiringSecret[]>;
  activity(ref: string): Promise<Activity>;
  refusals(ref: string, query: { reason: string; first: number; max: number }): Promise<RefusalPage>;
  history(filter: HistoryFilter): Promise<HistoryPage>;
}

/**
 * The provisioner's own service account, as the history and the client records name it: the CLI cannot tell which
 * person holds the secret, so it claims none.
 */
export const SERVICE_ACCOUNT_ACTOR: Actor = Object.freeze({
  subject: `service-account-${contract.clients.provisioner}`,
  username: `service-account-${contract.clients.provisioner}`,
});

/** Straight against Keycloak with the service account's secret: the use cases in process. */
export function serviceAccountBackend(deps: () => UseCaseDeps): Backend {
  const byClientId = { byClientId: true };
  const actor = SERVICE_ACCOUNT_ACTOR;
  return {
    services: () => listServices(deps()),
    listClients: (query) => listApiClients(deps(), query),
    getClient: (ref) => getApiClient(deps(), ref, byClientId),
    createClient: (input) => createApiClient(deps(), actor, input),
    updateClient: (ref, changes) => updateApiClient(deps(), actor, ref, changes, byClientId),
    checkIpRanges: (ref, ipRanges) => checkIpRangeChange(deps(), ref, { ipRanges }, byClientId),
    setEnabled: (ref, enabled) => setApiClientEnabled(deps(), actor, ref, enabled, byClientId),
    deleteClient: (ref) => deleteApiClient(deps(), actor, ref, byClientId),
    generateCredentials: (ref, options) => generateCredentials(deps(), actor, ref, { ...options, byClientId: true }),
    endGracePeriod: (ref) => endGracePeriod(deps(), actor, ref, byClientId),
    expiringSecrets: (withinDays) => listExpiringSecrets(deps(), withinDays === undefined ? {} : { withinDays }),
    activity: (ref) => getActivity(deps(), ref, byClientId),
    refusals: (ref, query) => listRefusals(deps(), ref, query, byClientId),
    history: (filter) => listHistory(deps(), filter),
  };
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * An answer of the API as the model type it serializes (the route schemas are made from these types): a field the
 * model keeps as `undefined` is simply absent in JSON, which reads back as `undefined`.
 */
const asModel = <T>(answer: Promise<unknown>): Promise<T> => answer as Promise<T>;

/** The API's form of an IP range: a wide one carries its confirmation. */
const ipRangesOf = (entries: readonly IpRangeEntry[]) =>
  entries.map((e) => (typeof e === 'string' ? e : { range: e.range, confirmWide: e.confirmWide === true }));

/** Through the provisioner's HTTP API as the signed-in person. */
export function personBackend(api: ProvisionerApi): Backend {
  /** The API addresses clients by internal id; a Client ID is found with the list's search (it matches Client IDs). */
  async function idOf(ref: string): Promise<string> {
    if (UUID.test(ref)) return ref;
    const page = await api.listClients({ search: ref, first: 0, max: 100 });
    const found = page.items.find((c) => c.clientId === ref);
    if (!found) throw new NotFoundError(`No API client "${ref}"`);
    return found.id;
  }
  return {
    services: () => asModel(api.services()),
    listClients: (query) => asModel(api.listClients(query)),
    getClient: async (ref) => asModel(api.getClient(await idOf(ref))),
    createClient: (input) =>
      asModel(api.createClient({ name: input.name, services: [...input.services], ipRanges: ipRangesOf(input.ipRanges) })),
    updateClient: async (ref, changes) =>
      asModel(
        api.updateClient(await idOf(ref), {
          ...(changes.name !== undefined ? { name: changes.name } : {}),
          ...(changes.services ? { services: [...changes.services] } : {}),
          ...(changes.ipRanges ? { ipRanges: ipRangesOf(changes.ipRanges) } : {}),
          ...(changes.confirmExcludedAddresses ? { confirmExcludedAddresses: true } : {}),
        }),
      ),
    checkIpRanges: async (ref, ipRanges) => asModel(api.checkIpRanges(await idOf(ref), { ipRanges: ipRangesOf(ipRanges) })),
    setEnabled: async (ref, enabled) => asModel(api.updateClient(await idOf(ref), { enabled })),
    deleteClient: async (ref) => api.deleteClient(await idOf(ref)),
    generateCredentials: async (ref, options) =>
      asModel(
        api.generateCredentials(
          await idOf(ref),
          {
            revokePrevious: options.revokePrevious,
            ...(options.expiresInDays === undefined ? {} : { expiresInDays: options.expiresInDays }),
          },
          options.idempotencyKey,
        ),
      ),
    endGracePeriod: async (ref) => api.endGracePeriod(await idOf(ref)),
    expiringSecrets: (withinDays) => asModel(api.expiringSecrets(withinDays)),
    activity: async (ref) => asModel(api.activity(await idOf(ref))),
    refusals: async (ref, query) => asModel(api.refusals(await idOf(ref), query)),
    history: (filter) => asModel(api.audit(filter as Parameters<ProvisionerApi['audit']>[0])),
  };
}
