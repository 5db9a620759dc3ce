/**
 * Route schemas: they validate input, shape output (nothing outside a response schema is sent) and
 * generate the OpenAPI document. Only {@link Credentials} has a field for a secret.
 */
import { Type, type TSchema } from '@sinclair/typebox';
import { contract, limits } from '@focus-api-access/contract';
import { PROBLEM_CODES } from './problem.js';

const Timestamp = Type.String({ format: 'date-time', description: 'ISO 8601' });
const PreviousSecretStatus = Type.Union([Type.Literal('valid'), Type.Literal('revoked'), Type.Literal('unknown')], {
  description:
    'The secret that was current before: still working until previousSecretValidUntil, revoked (or never shown), or unknown (it may still work)',
});
const SecretExpiry = Type.Union([Type.Literal('none'), Type.Literal('valid'), Type.Literal('expiring'), Type.Literal('expired')], {
  description:
    'The current secret: never expires (none), expires later (valid), within the warning window (expiring: ' +
    `${limits.secretExpiryWarningDays} days unless PROVISIONER_SECRET_EXPIRY_WARNING_DAYS says otherwise), or has expired`,
});
const Id = Type.String({ pattern: '^[A-Za-z0-9._-]{1,100}$', description: "Keycloak's internal id of the client" });

export const FieldErrorSchema = Type.Object({
  field: Type.String({ description: 'The field at fault, e.g. name or ipRanges[2]' }),
  reason: Type.String({ description: 'Stable code, e.g. required, too_long, host_bits, wide_unconfirmed' }),
  message: Type.String(),
  suggestion: Type.Optional(Type.String({ description: 'What was most likely meant, e.g. the network of a range with host bits set' })),
});

export const Problem = Type.Object(
  {
    type: Type.String({ description: 'Stable per error code, e.g. urn:focus-api-access:problem:validation' }),
    title: Type.String(),
    status: Type.Integer(),
    detail: Type.Optional(Type.String()),
    code: Type.Union(
      PROBLEM_CODES.map((code) => Type.Literal(code)),
      { description: 'The error code the type ends in' },
    ),
    errors: Type.Optional(Type.Array(FieldErrorSchema)),
    retryAfter: Type.Optional(Type.Integer({ description: 'Seconds to wait before retrying' })),
    previousSecretStatus: Type.Optional(PreviousSecretStatus),
    previousSecretValidUntil: Type.Optional(Timestamp),
  },
  { $id: 'Problem', description: 'RFC 9457 problem details (application/problem+json)' },
);

const ProblemRef = Type.Ref('Problem');

/** Response schemas for the error statuses a route can answer with. */
export function problems(...statuses: number[]): Record<number, TSchema> {
  return Object.fromEntries(statuses.map((s) => [s, ProblemRef]));
}

export const IdParams = Type.Object({ id: Id }, { additionalProperties: false });

export const Service = Type.Object({
  id: Type.String({ description: "The client scope's name; what tokens carry in `scope`" }),
  label: Type.String(),
  description: Type.Optional(Type.String()),
});

export const ServiceList = Type.Array(Service);

export const ApiClient = Type.Object({
  id: Type.String(),
  clientId: Type.String({ description: 'Generated, stable Client ID the vendor authenticates with' }),
  name: Type.String(),
  enabled: Type.Boolean(),
  services: Type.Array(Type.String()),
  ipRanges: Type.Array(Type.String()),
  createdBy: Type.Optional(Type.String()),
  createdAt: Type.Optional(Timestamp),
  credentialsGeneratedBy: Type.Optional(Type.String()),
  credentialsGeneratedAt: Type.Optional(Timestamp),
  previousSecretValidUntil: Type.Optional(Timestamp),
  secretExpiresAt: Type.Optional(
    Type.String({ format: 'date-time', description: 'When the current secret stops working (ISO 8601); absent when it never expires' }),
  ),
  secretExpiry: SecretExpiry,
});

const IpAddress = Type.String({ description: 'IPv4 or IPv6 address, as the IP-range check reads it (IPv4-mapped addresses as IPv4)' });

const LastUse = Type.Object(
  { time: Timestamp, ipAddress: IpAddress },
  { description: 'When the client last got a token, and from which address; recorded at most once every few minutes per Keycloak node' },
);

export const ApiClientSummary = Type.Composite([ApiClient, Type.Object({ lastUse: Type.Optional(LastUse) })], {
  description: 'An API client with its last use (absent: never used, as far as recorded)',
});

export const ApiClientPage = Type.Object({
  items: Type.Array(ApiClientSummary),
  first: Type.Integer(),
  max: Type.Integer(),
  total: Type.Integer({ minimum: 0, description: 'How many API clients match the search (all of them without one)' }),
  hasMore: Type.Boolean(),
  search: Type.Optional(Type.String()),
});

export const ListQuery = Type.Object(
  {
    search: Type.Optional(
      Type.String({
        maxLength: limits.searchMaxCharacters,
        description: "Any part of the client's current name or Client ID; case and accents do not matter",
      }),
    ),
    first: Type.Integer({ minimum: 0, maximum: 100_000, default: 0 }),
    max: Type.Integer({ minimum: 1, maximum: limits.pageSize, default: 20 }),
  },
  { additionalProperties: false },
);

const Name = Type.String({
  maxLength: limits.nameMaxCharacters,
  description: `Trimmed; 1–${limits.nameMaxCharacters} characters (Unicode code points), no control characters; unique among API clients, ignoring case`,
});
const Services = Type.Array(Type.String({ maxLength: 200 }), {
  maxItems: limits.servicesPerClient,
  description: `Service ids (at least one, at most ${limits.servicesPerClient})`,
});
const IpRange = Type.String({
  maxLength: limits.ipRangeMaxCharacters,
  description: 'IPv4/IPv6 address or CIDR range, e.g. 203.0.113.0/24',
});
const IpRanges = Type.Array(
  Type.Union([
    IpRange,
    Type.Object(
      { range: IpRange, confirmWide: Type.Boolean({ description: 'true: the range is meant although it is wide' }) },
      { additionalProperties: false },
    ),
  ]),
  {
    maxItems: limits.ipRangesPerClient,
    description:
      `At most ${limits.ipRangesPerClient}; empty list: no restriction. A range with host bits set, a leading zero or a zone is refused ` +
      `(the error's suggestion shows what was probably meant). A wide range (IPv4 shorter than /${limits.wideIpv4PrefixBelow}, IPv6 ` +
      `shorter than /${limits.wideIpv6PrefixBelow}, or every IPv4 address) must be sent as { "range": …, "confirmWide": true } ` +
      '(else: reason wide_unconfirmed).',
  },
);

export const CreateBody = Type.Object(
  { name: Name, services: Services, ipRanges: Type.Optional(IpRanges) },
  { additionalProperties: false },
);

export const UpdateBody = Type.Object(
  {
    name: Type.Optional(Name),
    services: Type.Optional(Services),
    ipRanges: Type.Optional(IpRanges),
    enabled: Type.Optional(Type.Boolean({ description: 'false: the client gets no token' })),
    confirmExcludedAddresses: Type.Optional(
      Type.Boolean({
        description:
          `true: save new ipRanges even though they shut out addresses the vendor used in the last ${contract.activity.lockoutWarningDays} ` +
          'days (else: 400, reason excludes_recent_addresses; POST …/ip-range-check tells which beforehand)',
      }),
    ),
  },
  { additionalProperties: false, minProperties: 1 },
);

export const IpRangeCheckBody = Type.Object({ ipRanges: IpRanges }, { additionalProperties: false });

export const IpRangeCheck = Type.Object({
  excludedAddresses: Type.Array(Type.Object({ ipAddress: IpAddress, lastSeen: Timestamp }), {
    description:
      'Addresses the vendor got tokens from recently that these ranges would shut out (and the current ones let in), most recent first',
  }),
  sinceDays: Type.Integer({ description: 'How far back "recently" goes' }),
});

export const CredentialsBody = Type.Object(
  {
    revokePrevious: Type.Optional(Type.Boolean({ description: 'End the previous secret now instead of after the grace period' })),
    expiresInDays: Type.Optional(
      Type.Union([Type.Integer({ minimum: 1, maximum: limits.secretLifetimeMaxDays }), Type.Null()], {
        description:
          `The new secret stops working this many days from now (1–${limits.secretLifetimeMaxDays}; the page offers ` +
          `${contract.secretLifetimeChoicesDays.join(', ')}); absent or null: it never expires`,
      }),
    ),
  },
  { additionalProperties: false },
);

export const CredentialsHeaders = Type.Object({
  'idempotency-key': Type.Optional(
    Type.String({
      description:
        'One per intended generation (e.g. a UUID): a repeated request with the same key never generates twice; when the first one generated a secret whose answer was lost, it answers 409 credentials_not_delivered',
    }),
  ),
});

export const Credentials = Type.Object({
  clientId: Type.String(),
  clientSecret: Type.String({ description: 'Shown once: it cannot be retrieved again' }),
  tokenEndpoint: Type.String(),
  scope: Type.String(),
  previousSecretStatus: PreviousSecretStatus,
  previousSecretValidUntil: Type.Optional(Timestamp),
  secretExpiresAt: Type.Optional(
    Type.String({ format: 'date-time', description: 'When the new secret stops working (ISO 8601); absent when it never expires' }),
  ),
});

const RefusalReason = Type.Union(
  contract.activity.refusalReasons.map((reason) => Type.Literal(reason)),
  {
    description:
      'ip_not_allowed: caller outside the IP ranges; ip_ranges_invalid: stored ranges unreadable; bad_secret; expired: the secret expired; disabled; other',
  },
);

export const Activity = Type.Object({
  lastUse: Type.Optional(LastUse),
  addresses: Type.Array(Type.Object({ ipAddress: IpAddress, firstSeen: Timestamp, lastSeen: Timestamp }), {
    description: `Source addresses of issued tokens, most recently seen first (at most ${contract.activity.recentAddresses}, kept ${contract.activity.retentionDays} days)`,
  }),
  refusals: Type.Array(
    Type.Object({
      reason: RefusalReason,
      refusals: Type.Integer({ description: 'Refused requests for this reason, as far as recorded' }),
      sources: Type.Integer({ description: 'Source addresses they came from' }),
      lastAt: Timestamp,
    }),
    { description: 'Refused token requests per reason (none: nothing recorded)' },
  ),
});

export const RefusalQuery = Type.Object(
  {
    reason: RefusalReason,
    first: Type.Integer({ minimum: 0, maximum: 100_000, default: 0 }),
    max: Type.Integer({ minimum: 1, maximum: limits.pageSize, default: 20 }),
  },
  { additionalProperties: false },
);

export const RefusalPage = Type.Object({
  reason: RefusalReason,
  first: Type.Integer(),
  max: Type.Integer(),
  total: Type.Integer({ minimum: 0 }),
  items: Type.Array(
    Type.Object({
      ipAddress: Type.Optional(Type.String({ description: 'Absent: the sum of addresses that did not fit in the record' })),
      error: Type.Optional(Type.String({ description: "Keycloak's error code" })),
      firstAt: Timestamp,
      lastAt: Timestamp,
      refusals: Type.Integer(),
    }),
  ),
});

const HistoryAction = Type.Union(
  contract.history.actions.map((action) => Type.Literal(action)),
  { description: 'The kind of change' },
);

const HistoryValues = Type.Record(Type.String(), Type.Unknown(), {
  description:
    'What the change touched: name, services, ipRanges, enabled; secretExpiresAt and previousSecretValidUntil in epoch milliseconds, left out when there is none (never a secret)',
});

export const HistoryEntry = Type.Object({
  id: Type.String(),
  time: Timestamp,
  action: HistoryAction,
  client: Type.Object({
    id: Type.String({ description: "Keycloak's internal id (of a deleted client too)" }),
    clientId: Type.String(),
    name: Type.String({ description: 'The name at the time of the change' }),
  }),
  actor: Type.Object({
    subject: Type.String({ description: "The person's subject (sub) as their verified token named it" }),
    username: Type.String(),
    via: Type.Optional(Type.String({ description: 'The service account that made the change for the person' })),
  }),
  before: Type.Optional(HistoryValues),
  after: Type.Optional(HistoryValues),
  outcome: Type.Union([Type.Literal('success'), Type.Literal('failure')], {
    description:
      'success: the change was made (its entry was written with it). failure: a change of an existing client was attempted ' +
      'and failed, changing nothing; `error` says why, `after` holds only the values it would have set',
  }),
  error: Type.Optional(Type.String({ description: "A failed change's error code (the problem code its caller got)" })),
  requestId: Type.Optional(Type.String({ description: "The id of the provisioner's request that made the change" })),
});

export const HistoryPage = Type.Object({
  items: Type.Array(HistoryEntry, { description: 'Most recent first' }),
  first: Type.Integer(),
  max: Type.Integer(),
  total: Type.Integer({ minimum: 0 }),
  hasMore: Type.Boolean(),
});

const HistoryPaging = {
  first: Type.Integer({ minimum: 0, maximum: 100_000, default: 0 }),
  max: Type.Integer({ minimum: 1, maximum: limits.pageSize, default: 20 }),
};

export const HistoryQuery = Type.Object(
  {
    client: Type.Optional(Type.String({ maxLength: 255, description: "A client's internal id or Client ID" })),
    person: Type.Optional(Type.String({ maxLength: 255, description: 'A username or subject' })),
    action: Type.Optional(HistoryAction),
    from: Type.Optional(Type.String({ maxLength: 40, description: 'ISO 8601 date or time: changes at or after it' })),
    to: Type.Optional(Type.String({ maxLength: 40, description: 'ISO 8601 date or time: changes before it' })),
    ...HistoryPaging,
  },
  { additionalProperties: false },
);

export const HistoryPageQuery = Type.Object(HistoryPaging, { additionalProperties: false });

export const Me = Type.Object({
  subject: Type.String(),
  username: Type.String(),
  mayManage: Type.Boolean(),
  right: Type.String({ description: 'The realm role that allows managing API clients' }),
});

export const ExpiringSecretQuery = Type.Object(
  {
    withinDays: Type.Optional(
      Type.Integer({
        minimum: 1,
        maximum: limits.secretLifetimeMaxDays,
        description: 'How soon counts, in days; default the warning window (PROVISIONER_SECRET_EXPIRY_WARNING_DAYS)',
      }),
    ),
  },
  { additionalProperties: false },
);

export const ExpiringSecretList = Type.Array(
  Type.Object({
    id: Type.String(),
    clientId: Type.String(),
    name: Type.String(),
    secretExpiresAt: Timestamp,
    secretExpiry: Type.Union([Type.Literal('expiring'), Type.Literal('expired')]),
  }),
);

export const CliLogin = Type.Object({
  issuer: Type.String({ description: "Realm focus's issuer: where the CLI signs a person in (OpenID Connect discovery)" }),
  clientId: Type.String({ description: "The CLI's public client (device authorization grant)" }),
});

export const Settings = Type.Object({
  secretGraceSeconds: Type.Integer({
    minimum: 0,
    description: 'How long a replaced secret keeps working after a regeneration, unless ended early or its own expiry comes first',
  }),
});

export const Health = Type.Object({ status: Type.String() });

export const Readiness = Type.Object({
  status: Type.String(),
  keycloakNodes: Type.Array(
    Type.Object({
      node: Type.Integer({ minimum: 1, description: 'Position in KEYCLOAK_URL, from 1 (the URLs themselves stay in the log)' }),
      up: Type.Boolean(),
      reason: Type.Optional(Type.String({ description: 'Why the node is out of use, e.g. "connection refused"' })),
    }),
  ),
});
