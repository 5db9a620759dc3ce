/**
 * What the use cases need from Keycloak, in Keycloak's own terms but without secrets. The only
 * implementation over the network is keycloak/admin-gateway.ts; tests may pass their own.
 *
 * Every method throws {@link ProvisionerError}s: `unavailable` when Keycloak cannot be reached or fails,
 * `conflict` when a unique constraint refuses a write, `not_found` when an id does not exist or names a client that
 * is not an API client (Keycloak's guard refuses the provisioner's service account any client without the managed
 * marker: keycloak-extension/README.md).
 */

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

export interface EventRecord {
  readonly time: number;
  readonly type: string;
  readonly clientId: string | undefined;
  readonly ipAddress: string | undefined;
  readonly error: string | undefined;
  readonly details: Readonly<Record<string, string>>;
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

export interface KeycloakGateway {
  listClientScopes(): Promise<ScopeRecord[]>;
  /** Creates a client in one call and returns its internal id; `conflict` when the Client ID exists. */
  createClient(client: NewClient): Promise<string>;
  /** Undefined when there is no such client, or it is not an API client. */
  findClientById(id: string): Promise<ClientRecord | undefined>;
  findClientByClientId(clientId: string): Promise<ClientRecord | undefined>;
  /** Clients carrying the managed marker, ordered by Client ID. */
  listManagedClients(page: Page): Promise<ClientRecord[]>;
  /** Clients whose Client ID contains the fragment (any client: callers filter), ordered by Client ID. */
  searchClientsByClientId(fragment: string, page: Page): Promise<ClientRecord[]>;
  updateClient(id: string, changes: ClientChanges): Promise<void>;
  addDefaultClientScope(id: string, scopeId: string): Promise<void>;
  removeDefaultClientScope(id: string, scopeId: string): Promise<void>;
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
  findEvents(query: { clientId: string; type: string; max: number }): Promise<EventRecord[]>;
  /** Whether the realm saves admin events with their representation (which would copy a new secret into them). */
  adminEventsIncludeRepresentation(): Promise<boolean>;
  /**
   * Asks every node whether its admin API answers with the service account's token; `unavailable` when none does.
   * Returns each node's state, in the configured order.
   */
  ping(): Promise<readonly NodeStatus[]>;
}
