/**
 * The names every part of FOCUS API-toegang shares (realm, right, clients, attribute keys, provider ids) and the
 * limits on what an administrator types. The single source is `contract.json` beside this folder, so that
 * non-TypeScript parts (the Java extension, the realm files) read or are checked against the same file.
 */
import contractJson from '../contract.json' with { type: 'json' };

export interface Contract {
  /** One Keycloak version for the server distribution, the Java SPI and the admin client. */
  readonly keycloakVersion: string;
  readonly realm: string;
  /** The realm role that allows managing API clients ("API toegang beheren" in PolBACC). */
  readonly manageRight: { readonly role: string; readonly label: string };
  readonly managersGroup: string;
  readonly clients: {
    /** Public client of the admin page (keycloak-js). */
    readonly adminSpa: string;
    /** Confidential client whose service account the provisioner uses. */
    readonly provisioner: string;
    /** Resource server of the OpenHappening API: the audience vendor tokens carry. */
    readonly resourceServer: string;
    /** Public client of the `focus-api-access` CLI: a person signs in with the device authorization grant. */
    readonly cli: string;
  };
  /** Exactly the realm-management roles the provisioner's service account holds. */
  readonly provisionerRoles: readonly string[];
  /** Client attribute keys on an API client. `managed` marks clients the provisioner may touch. */
  readonly apiClientAttributes: {
    readonly managed: string;
    readonly ipRanges: string;
    readonly createdBy: string;
    readonly createdAt: string;
    readonly credentialsGeneratedBy: string;
    readonly credentialsGeneratedAt: string;
    /**
     * Kept by the extension: which request made the current secret ("creation", or the Idempotency-Key the
     * provisioner sent). Never written by the provisioner.
     */
    readonly credentialsRequest: string;
    /** Written by the provisioner when a generation's answer was lost: that request's key (its secret nobody has). */
    readonly credentialsUndelivered: string;
    /**
     * Kept by the extension: the salted digest of the current secret, which is all Keycloak keeps of it. Never written
     * by the provisioner, and never handed out by it.
     */
    readonly secretDigest: string;
    /** Kept by the extension: the digest of the previous secret, while it still works (its grace period). */
    readonly previousSecretDigest: string;
    /** Kept by the extension: until when the previous secret works (epoch seconds). */
    readonly previousSecretValidUntil: string;
    /** Kept by the extension: when the current secret stops working (epoch seconds); absent when it never expires. */
    readonly secretExpiresAt: string;
    /** Written by the provisioner to end the previous secret's grace period; the extension acts on it and removes it. */
    readonly endPreviousSecret: string;
  };
  /** Value of `apiClientAttributes.credentialsRequest` while the secret is the one Keycloak made at creation. */
  readonly credentialsRequestAtCreation: string;
  /** Client scope attribute keys: a scope with `marker` is a service; `label` is its human name. */
  readonly serviceAttributes: { readonly marker: string; readonly label: string };
  /** Value stored under a marker attribute. */
  readonly markerValue: string;
  /** Provider id of the IP-range client-policy executor in the Keycloak extension. */
  readonly ipRangeExecutor: string;
  /** Provider id of the executor that keeps a client's current secret from expiring (listed after secret-rotation). */
  readonly secretNoExpiryExecutor: string;
  /** Provider id of the executor that decides about each new secret of an API client (listed after secret-rotation). */
  readonly secretGenerationExecutor: string;
  /** Provider id of the client authenticator that checks an API client's secret against its digest. */
  readonly secretAuthenticator: string;
  /** The realm's client authentication flow: the digest authenticator first, then Keycloak's own. */
  readonly clientAuthenticationFlow: string;
  /** Header of a secret generation (`POST …/client-secret`) that gives the new secret an expiry, in whole days. */
  readonly secretLifetimeHeader: string;
  /** The lifetimes the page offers for a new secret, in days; no expiry is always a choice too. */
  readonly secretLifetimeChoicesDays: readonly number[];
  /** Provider id of the executor that confines the provisioner's service account to API clients. */
  readonly provisionerGuardExecutor: string;
  /** Provider id of the condition "the change is made by the provisioner's service account". */
  readonly actingProvisionerCondition: string;
  /** Provider id of the executor that appends every change of an API client to its history (last in the profile). */
  readonly historyExecutor: string;
  readonly clientProfile: string;
  readonly clientPolicy: string;
  /** Client profile and policy binding the guard to the provisioner's service account. */
  readonly provisionerGuardProfile: string;
  readonly provisionerGuardPolicy: string;
  readonly loginTheme: string;
  /** Demo users, imported only by local development and tests. */
  readonly demoUsers: { readonly manager: string; readonly employee: string };
  readonly limits: Limits;
  /** Event listener of the extension that records last use and refusals of managed clients. */
  readonly activityListener: string;
  /** Path segment of the extension's read endpoint for the provisioner: `/realms/{realm}/<readEndpoint>`. */
  readonly readEndpoint: string;
  readonly activity: ActivityBounds;
  readonly history: HistoryContract;
}

/** The history of API clients: what it records and how the provisioner names the person it acts for. */
export interface HistoryContract {
  /** Default retention in days (the extension's `retention-days` option). */
  readonly retentionDays: number;
  readonly actions: readonly HistoryAction[];
  /** Headers honoured only from the provisioner's service account: the verified person behind a change. */
  readonly actingSubjectHeader: string;
  readonly actingUsernameHeader: string;
  readonly requestIdHeader: string;
}

export type HistoryAction =
  | 'create'
  | 'rename'
  | 'services'
  | 'ip-ranges'
  | 'enable'
  | 'disable'
  | 'credentials-generated'
  | 'grace-ended'
  | 'expiry-changed'
  | 'delete';

/** What the extension keeps of a client's activity, and how far back the page looks before a change of ranges. */
export interface ActivityBounds {
  /** Distinct source addresses kept per client (the most recently seen). */
  readonly recentAddresses: number;
  /** Days addresses and refusals are kept (a client's most recent address stays regardless). */
  readonly retentionDays: number;
  /** A change of IP ranges that shuts out an address used in these last days needs a confirmation. */
  readonly lockoutWarningDays: number;
  /** Refusal sources (addresses) kept per client and reason. */
  readonly refusalSourcesPerReason: number;
  /** Why a token request was refused, as the extension records it. */
  readonly refusalReasons: readonly RefusalReason[];
}

export type RefusalReason = 'ip_not_allowed' | 'ip_ranges_invalid' | 'bad_secret' | 'expired' | 'disabled' | 'other';

/** What the API, the page, the CLI and the extension accept; each part reads these numbers from here. */
export interface Limits {
  /** An API client's name, trimmed, counted in Unicode code points (what people see as characters). */
  readonly nameMaxCharacters: number;
  readonly servicesPerClient: number;
  /** Also the most the extension reads from a client's `focus.ip-ranges` attribute. */
  readonly ipRangesPerClient: number;
  readonly ipRangeMaxCharacters: number;
  /** Largest page of the client list. */
  readonly pageSize: number;
  readonly searchMaxCharacters: number;
  /** An IPv4 range with a shorter prefix than this is "wide": it needs an explicit confirmation. */
  readonly wideIpv4PrefixBelow: number;
  /** Likewise for IPv6. */
  readonly wideIpv6PrefixBelow: number;
  /** The longest lifetime a new secret may be given, in days (the extension refuses a longer one). */
  readonly secretLifetimeMaxDays: number;
  /** How many days before its expiry a secret is reported as expiring (the provisioner's default; configurable there). */
  readonly secretExpiryWarningDays: number;
  /** How long a previous secret keeps working after a regeneration unless the deployment says otherwise, in seconds. */
  readonly secretGraceSecondsDefault: number;
}

export const contract: Contract = Object.freeze(contractJson as Contract);
export const limits: Limits = contract.limits;
