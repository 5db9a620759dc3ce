/**
 * What `realm apply` needs from Keycloak's admin API, as a realm administrator (it manages roles, client scopes and
 * client policies, which the provisioner's service account may not). The implementation over the network is
 * keycloak/realm-gateway.ts. Representations are Keycloak's own JSON; no method returns a client secret.
 */
import type { DesiredFlow, Json } from './realm-file.js';

export interface CurrentClient {
  /** Keycloak's representation, `secret` removed. */
  readonly rep: Json;
  readonly realmScopeMappings: readonly string[];
  /** Client roles of the service account by client, empty when it has none. */
  readonly serviceAccountRoles: Readonly<Record<string, readonly string[]>>;
}

export interface CurrentRealm {
  readonly roles: readonly Json[];
  readonly clientScopes: readonly Json[];
  /** The clients asked for, by Client ID; missing ones are absent. */
  readonly clients: Readonly<Record<string, CurrentClient>>;
  /** The realm's own client profiles and policies (not Keycloak's global ones). */
  readonly profiles: readonly Json[];
  readonly policies: readonly Json[];
  /** Admin events are saved with their representation (which copies every new client secret into them). */
  readonly adminEventsIncludeRepresentation: boolean;
  /** The alias of the flow the realm authenticates clients with. */
  readonly clientAuthenticationFlow: string | undefined;
  /** The realm's top-level authentication flows, each with its executions (`authenticationExecutions`). */
  readonly flows: readonly Json[];
  /** API clients whose secret Keycloak still keeps in clear (they authenticate with `client-secret`). */
  readonly plainSecretClients: readonly PlainSecretClient[];
}

/** An API client made before digests: it keeps working, and its next credential generation moves it over. */
export interface PlainSecretClient {
  readonly id: string;
  readonly clientId: string;
  readonly name: string | undefined;
  /**
   * Until when its previous secret works, as Keycloak's preview secret rotation recorded it (epoch seconds), when that
   * is still ahead: Keycloak honours it only while the preview feature `client-secret-rotation` is enabled.
   */
  readonly previousSecretValidUntil: number | undefined;
}

export interface RealmAdminGateway {
  read(clientIds: readonly string[]): Promise<CurrentRealm>;
  createRealmRole(role: Json): Promise<void>;
  updateRealmRole(name: string, role: Json): Promise<void>;
  createClientScope(scope: Json): Promise<void>;
  updateClientScope(id: string, scope: Json): Promise<void>;
  addClientScopeMapper(scopeId: string, mapper: Json): Promise<void>;
  updateClientScopeMapper(scopeId: string, mapperId: string, mapper: Json): Promise<void>;
  /** Creates the client (no secret sent) and returns its id. */
  createClient(client: Json): Promise<string>;
  /** Changes only the fields sent; never sends a secret. */
  updateClient(id: string, changes: Json): Promise<void>;
  addClientMapper(clientId: string, mapper: Json): Promise<void>;
  updateClientMapper(clientId: string, mapperId: string, mapper: Json): Promise<void>;
  addDefaultClientScope(clientId: string, scopeName: string): Promise<void>;
  addOptionalClientScope(clientId: string, scopeName: string): Promise<void>;
  addRealmScopeMappings(clientId: string, roleNames: readonly string[]): Promise<void>;
  addServiceAccountRoles(clientId: string, ofClientId: string, roleNames: readonly string[]): Promise<void>;
  /** Replaces the realm's client profiles (all of them: callers pass the merged list). */
  putClientProfiles(profiles: readonly Json[]): Promise<void>;
  putClientPolicies(policies: readonly Json[]): Promise<void>;
  /** Switches "include representation" of admin events; the rest of the events configuration stays. */
  setAdminEventsIncludeRepresentation(include: boolean): Promise<void>;
  /**
   * Makes the realm hold this top-level flow: creates it when missing, adds missing executions, sets their requirements
   * and puts them in the file's order. Other executions stay (after them).
   */
  ensureFlow(flow: DesiredFlow): Promise<void>;
  /** Makes the realm authenticate clients with the flow of this alias. */
  bindClientAuthenticationFlow(alias: string): Promise<void>;
}
