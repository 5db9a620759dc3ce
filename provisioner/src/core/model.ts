/** The domain's words: what the use cases take and return. None of these types can hold a secret except {@link Credentials}. */
import type { RefusalReason } from '@focus-api-access/contract';

/** Who asks: from a verified token (HTTP) or the service account's operator (CLI). */
export interface Actor {
  readonly subject: string;
  readonly username: string;
}

/** A service the vendor's software can be given: a client scope carrying the service marker. */
export interface Service {
  /** The client scope's name (what tokens carry in `scope`). */
  readonly id: string;
  readonly label: string;
  readonly description: string | undefined;
}

export interface ApiClient {
  /** Keycloak's internal id. */
  readonly id: string;
  /** The generated, stable Client ID the vendor authenticates with. */
  readonly clientId: string;
  readonly name: string;
  readonly enabled: boolean;
  readonly services: string[];
  readonly ipRanges: string[];
  readonly createdBy: string | undefined;
  readonly createdAt: string | undefined;
  readonly credentialsGeneratedBy: string | undefined;
  readonly credentialsGeneratedAt: string | undefined;
  /** While the previous secret still works after a regeneration: until when (ISO 8601). */
  readonly previousSecretValidUntil: string | undefined;
  /** When the current secret stops working (ISO 8601); undefined when it never expires. */
  readonly secretExpiresAt: string | undefined;
  /** Whether that is near: `expiring` within the warning window, `expired` once past. */
  readonly secretExpiry: SecretExpiry;
}

/** How the current secret of a client stands with its expiry. */
export type SecretExpiry = 'none' | 'valid' | 'expiring' | 'expired';

/** A client whose secret expires within the warning window, or has expired. */
export interface ExpiringSecret {
  readonly id: string;
  readonly clientId: string;
  readonly name: string;
  readonly secretExpiresAt: string;
  readonly secretExpiry: 'expiring' | 'expired';
}

/** When a client last got a token, and from where. Recorded at most once per few minutes per Keycloak node. */
export interface LastUse {
  readonly time: string;
  readonly ipAddress: string;
}

/** A client as the overview lists it: with its last use, so the page needs no request per row. */
export interface ApiClientSummary extends ApiClient {
  readonly lastUse: LastUse | undefined;
}

export interface ApiClientPage {
  readonly items: ApiClientSummary[];
  readonly first: number;
  readonly max: number;
  /** Clients matching the search (all without one). */
  readonly total: number;
  readonly hasMore: boolean;
  readonly search: string | undefined;
}

/**
 * What became of the secret that was current before a generation: it still works until a moment (the grace period),
 * it works no more (revoked, or the never-shown secret made at creation), or the provisioner could not find out.
 */
export type PreviousSecret =
  { readonly status: 'valid'; readonly validUntil: string } | { readonly status: 'revoked' } | { readonly status: 'unknown' };

/** Shown once, in the answer of the call that generated it. */
export interface Credentials {
  readonly clientId: string;
  readonly clientSecret: string;
  readonly tokenEndpoint: string;
  readonly scope: string;
  readonly previousSecretStatus: PreviousSecret['status'];
  /** Set when `previousSecretStatus` is `valid`. */
  readonly previousSecretValidUntil: string | undefined;
  /** When the new secret stops working; undefined when it never expires. */
  readonly secretExpiresAt: string | undefined;
}

export type { RefusalReason } from '@focus-api-access/contract';

/** A source address the client got tokens from. */
export interface RecentAddress {
  readonly ipAddress: string;
  readonly firstSeen: string;
  readonly lastSeen: string;
}

/** Refused token requests for one reason: how many, from how many addresses, the last one when. */
export interface RefusalGroup {
  readonly reason: RefusalReason;
  readonly refusals: number;
  readonly sources: number;
  readonly lastAt: string;
}

export interface Activity {
  readonly lastUse: LastUse | undefined;
  /** Most recently seen first. */
  readonly addresses: RecentAddress[];
  readonly refusals: RefusalGroup[];
}

/** Refusals for one reason from one address (none: the sum of addresses that did not fit in the record). */
export interface RefusalSource {
  readonly ipAddress: string | undefined;
  /** Keycloak's error code, for the curious. */
  readonly error: string | undefined;
  readonly firstAt: string;
  readonly lastAt: string;
  readonly refusals: number;
}

export interface RefusalPage {
  readonly reason: RefusalReason;
  readonly items: RefusalSource[];
  readonly first: number;
  readonly max: number;
  readonly total: number;
}

/** A recently used address that a change of IP ranges would shut out. */
export interface ExcludedAddress {
  readonly ipAddress: string;
  readonly lastSeen: string;
}

/** What a change of IP ranges would do to the vendor: the addresses of the last days it would shut out. */
export interface IpRangeCheck {
  readonly excludedAddresses: ExcludedAddress[];
  readonly sinceDays: number;
}

/** What the realm is set to that the page explains before a change. */
export interface RealmSettings {
  /** How long a replaced secret keeps working after a regeneration (unless ended early), in seconds. */
  readonly secretGraceSeconds: number;
}
