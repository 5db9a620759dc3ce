/** Shapes of the provisioner's HTTP API (`/api/v1`), as the page uses them. */

export interface Me {
  readonly subject?: string;
  readonly username: string;
  /** Whether the user holds the right to manage API clients. */
  readonly mayManage: boolean;
  /** The realm role that gives that right. */
  readonly right?: string;
}

export interface Service {
  /** The client scope's name. */
  readonly id: string;
  readonly label: string;
  readonly description?: string;
}

export interface ServiceRef {
  readonly id: string;
  readonly label?: string;
}

/** A client's service as the API gives it: the service id, or the id with its label. */
export type ClientService = string | ServiceRef;

export function serviceIdOf(service: ClientService): string {
  return typeof service === 'string' ? service : service.id;
}

export interface ApiClient {
  /** Keycloak's internal id: the one every route takes. */
  readonly id: string;
  readonly clientId: string;
  readonly name: string;
  readonly services: readonly ClientService[];
  readonly ipRanges: readonly string[];
  readonly enabled: boolean;
  readonly createdBy?: string | null;
  readonly createdAt?: string | null;
  readonly credentialsGeneratedBy?: string | null;
  readonly credentialsGeneratedAt?: string | null;
  /** When the client last got a token, if the list answer carries it; else the page asks its activity. */
  readonly lastUsedAt?: string | null;
  /** Set while a previous secret still works after a regeneration. */
  readonly previousSecretValidUntil?: string | null;
}

export interface ClientPage {
  readonly items: readonly ApiClient[];
  readonly first: number;
  readonly max: number;
  /** Whether more matches follow this page. */
  readonly hasMore?: boolean;
  /** Total matches, when the API knows it. */
  readonly total?: number;
}

export interface ClientInput {
  readonly name: string;
  readonly services: readonly string[];
  readonly ipRanges: readonly string[];
}

export interface Credentials {
  readonly clientId: string;
  readonly clientSecret: string;
  readonly tokenEndpoint: string;
  readonly scope: string;
  readonly previousSecretValidUntil?: string | null;
}

export type RefusalReason = 'ip_not_allowed' | 'bad_secret' | 'disabled' | 'other' | (string & {});

export interface Refusal {
  readonly time: string;
  readonly ipAddress?: string | null;
  readonly reason: RefusalReason;
  /** Keycloak's error code. */
  readonly error?: string | null;
  readonly detail?: string | null;
}

export interface Activity {
  /** The last successful token request. */
  readonly lastTokenAt?: string | null;
  readonly lastTokenIpAddress?: string | null;
  readonly refusals: readonly Refusal[];
}

export interface ClientQuery {
  readonly search: string;
  readonly first: number;
  readonly max: number;
}
