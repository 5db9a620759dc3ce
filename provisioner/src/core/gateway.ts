/**
 * What the use cases need from Keycloak, in Keycloak's own terms but without secrets. The only
 * implementation over the network is keycloak/admin-gateway.ts; tests may pass their own.
 *
 * Every method throws {@link ProvisionerError}s: `unavailable` when Keycloak cannot be reached or fails,
 * `conflict` when a unique constraint refuses a write, `not_found` when an id does not exist or names a client that
 * is not an API client (Keycloak's guard refuses the provisioner's service account any client without the managed
 * marker: keycloak-extension/README.md).
 */

import type { HistoryAction, RefusalReason } from '@focus-api-access/contract';

/** A client as the gateway hands it out: `secret`, Keycloak's record of a previous secret and the digests are stripped. */
export interface ClientRecord {
  readonly id: string;
  readonly clientId: string;
  readonly name: string | undefined;
  readonly enabled: boolean;
  readonly attributes: Readonly<Record<string, string>>;
  readonly defaultClientScopes: readonly string[];
}

export interface NewClient {
  readonly clientId: string;
  readonly name: string;
  readonly attributes: Readonly<Record<string, string>>;
  readonly defaultClientScopes: readonly string[];
}

/** Only the given fields change; an attribute set to `null` is removed. */
export interface ClientChanges {
  readonly name?: string;
  readonly enabled?: boolean;
  readonly attributes?: Readonly<Record<string, string | null>>;
}

export interface ScopeRecord {
  readonly id: string;
  readonly name: string;
  readonly description: string | undefined;
  readonly attributes: Readonly<Record<string, string>>;
}

/** When a client last got a token (epoch ms) and from which address, as the extension recorded it. */
export interface UseRecord {
  readonly time: number;
  readonly address: string;
}

/** A managed client as the extension's list gives it: the record and its last use. */
export interface ListedClientRecord extends ClientRecord {
  readonly lastUse: UseRecord | undefined;
}

export interface ClientListing {
  /** Managed clients matching the search, in all. */
  readonly total: number;
  readonly clients: readonly ListedClientRecord[];
}

export interface ActivityRecord {
  /** The client as it was read with its activity, in the same request. */
  readonly client: ClientRecord;
  /** The client's stored IP ranges (`focus.ip-ranges`), as the check at the token endpoint reads them. */
  readonly ipRanges?: string | undefined;
  readonly lastUse: UseRecord | undefined;
  /** Distinct source addresses of issued tokens, most recently seen first (times in epoch ms). */
  readonly addresses: ReadonlyArray<{ readonly address: string; readonly firstSeen: number; readonly lastSeen: number }>;
  /** Refused token requests summed per reason: how many, from how many sources, the last one when. */
  readonly refusals: ReadonlyArray<{
    readonly reason: RefusalReason;
    readonly refusals: number;
    readonly sources: number;
    readonly lastAt: number;
  }>;
}

/** One source (address) of refusals for one reason; no address for the sum of addresses that did not fit. */
export interface RefusalSourceRecord {
  readonly address: string | undefined;
  readonly error: string | undefined;
  readonly firstAt: number;
  readonly lastAt: number;
  readonly refusals: number;
}

export interface Page {
  readonly first: number;
  readonly max: number;
}

/** One Keycloak node as the gateway last found it. */
export interface NodeStatus {
  readonly url: string;
  readonly up: boolean;
  /** Why it is out of use (e.g. "connection refused"). */
  readonly reason?: string | undefined;
}

/** The verified person a change is made for, and the request's id: what the history names. */
export interface ActingPerson {
  readonly subject: string;
  readonly username: string;
  readonly requestId?: string | undefined;
}

/** Which history entries to read (the extension's `history` endpoint); times in epoch ms, `to` exclusive. */
export interface HistoryQuery extends Page {
  /** A client's internal id or Client ID. */
  readonly client?: string | undefined;
  /** A username or subject. */
  readonly person?: string | undefined;
  readonly action?: HistoryAction | undefined;
  readonly from?: number | undefined;
  readonly to?: number | undefined;
}

/** One history entry as the extension stores it: never a secret. */
export interface HistoryRecord {
  readonly id: string;
  readonly time: number;
  readonly action: HistoryAction;
  readonly clientUuid: string;
  readonly clientId: string;
  readonly clientName: string;
  readonly actor: { readonly subject: string; readonly username: string; readonly via?: string };
  readonly before?: Readonly<Record<string, unknown>>;
  readonly after?: Readonly<Record<string, unknown>>;
  /** `success`: the change was made; `failure`: it was attempted and failed, with `error`. */
  readonly outcome: string;
  readonly error?: string;
  readonly requestId?: string;
}

/** A change to an existing client that was attempted and failed: what its history entry says. */
export interface FailedChange {
  readonly action: Exclude<HistoryAction, 'create'>;
  /** The error's code (an {@link ErrorCode}). */
  readonly error: string;
  /** The values the change would have set; never a secret. */
  readonly attempted?: Readonly<Record<string, unknown>>;
}

export interface KeycloakGateway {
  /**
   * The same gateway, whose changes name this person in the clients' history (Keycloak writes the entry in the
   * change's own transaction). Without it, the history names the provisioner's service account.
   */
  actingFor?(person: ActingPerson): KeycloakGateway;
  /** Makes a client's services exactly these client scopes (by name), in one transaction. */
  setServices(id: string, scopeNames: readonly string[]): Promise<void>;
  /** Adds a failed change to the client's history, naming the acting person as every entry does. */
  recordFailedChange(id: string, change: FailedChange): Promise<void>;
  /** One page of the realm's history, most recent first, and the total. */
  history(query: HistoryQuery): Promise<{ total: number; items: HistoryRecord[] }>;
  listClientScopes(): Promise<ScopeRecord[]>;
  /** Creates a client in one call and returns its internal id; `conflict` when the Client ID exists. */
  createClient(client: NewClient): Promise<string>;
  /** Undefined when there is no such client, or it is not an API client. */
  findClientById(id: string): Promise<ClientRecord | undefined>;
  findClientByClientId(clientId: string): Promise<ClientRecord | undefined>;
  /**
   * One page of managed clients ordered by Client ID, with their last use and the total: those whose name or Client ID
   * contains `search` ignoring case and accents, all without it (the extension's read endpoint: one request).
   */
  listApiClients(query: Page & { readonly search?: string | undefined }): Promise<ClientListing>;
  /**
   * One update, answered with the client as it is after it (a client that is not an API client is not found). New IP
   * ranges that shut out addresses the client got a token from recently are refused by Keycloak in
   * the update's own transaction (`excludes_recent_addresses`, a validation error on `ipRanges` naming them), unless
   * `confirmExcludedAddresses`.
   */
  updateClient(id: string, changes: ClientChanges, options?: { readonly confirmExcludedAddresses?: boolean }): Promise<ClientRecord>;
  deleteClient(id: string): Promise<void>;
  /**
   * Generates a new secret for the request with this key and returns it; the only method that ever returns a secret.
   * Keycloak keeps only its digest, with the key, and refuses a second generation for the same key:
   * `credentials_not_delivered` (with the previous secret's status unknown). With `lifetimeDays`, the secret expires
   * that many days from now.
   */
  regenerateSecret(id: string, requestKey: string, lifetimeDays?: number): Promise<string>;
  /** Ends the previous secret's grace period now: only the current secret works afterwards. */
  endPreviousSecret(id: string): Promise<void>;
  /** Whether the realm saves admin events with their representation (which would copy a new secret into them). */
  adminEventsIncludeRepresentation(): Promise<boolean>;
  /**
   * A managed client with its last use, recent addresses and refusals (one request); undefined when no managed client
   * has this id.
   */
  clientActivity(id: string): Promise<ActivityRecord | undefined>;
  /** The realm's settings the page explains: how long a replaced secret keeps working, in seconds. */
  realmSettings(): Promise<{ secretGraceSeconds: number }>;
  /** One page of a managed client's refusal sources for one reason, most recent first; undefined as above. */
  refusalSources(id: string, reason: RefusalReason, page: Page): Promise<{ total: number; items: RefusalSourceRecord[] } | undefined>;
  /**
   * Asks every node whether its admin API answers with the service account's token; `unavailable` when none does.
   * Returns each node's state, in the configured order.
   */
  ping(): Promise<readonly NodeStatus[]>;
}
