/**
 * `realm apply`, the pure part: compares what the realm file wants with what the realm holds and lists the changes,
 * each able to carry itself out. It adds and updates, and never deletes: a role, scope, mapper, default scope, scope
 * mapping or service-account role the file does not mention stays. It never touches a client other than the
 * project's own, and refuses when one of those names belongs to a managed API client.
 */
import { contract } from '@focus-api-access/contract';
import { ConflictError } from '../core/errors.js';
import type { CurrentClient, CurrentRealm, RealmAdminGateway } from './gateway.js';
import type { DesiredClient, DesiredFlow, DesiredRealm, Json } from './realm-file.js';

export type ChangeTarget =
  'realm setting' | 'realm role' | 'client scope' | 'client' | 'authentication flow' | 'client profile' | 'client policy';

export interface RealmChange {
  readonly action: 'create' | 'update';
  readonly target: ChangeTarget;
  readonly name: string;
  /** What differs (empty for a creation). */
  readonly fields: readonly string[];
  /** What the operator should know about it, beyond the change itself. */
  readonly note?: string;
  run(gateway: RealmAdminGateway): Promise<void>;
}

/**
 * Admin events with representations copy every new client secret into the event store (readable with view-events),
 * and Keycloak refuses to generate API-client secrets while they are on: the one realm setting realm apply corrects.
 */
function adminEventsChanges(desired: DesiredRealm, current: CurrentRealm): RealmChange[] {
  if (desired.adminEventsIncludeRepresentation === current.adminEventsIncludeRepresentation) return [];
  const include = desired.adminEventsIncludeRepresentation;
  return [
    {
      action: 'update',
      target: 'realm setting',
      name: 'admin events',
      fields: [`include representation ${include ? 'on' : 'off'}`],
      ...(include
        ? {}
        : {
            note:
              'admin events are saved with their representation: every generated client secret is copied into them, and ' +
              'Keycloak refuses to generate API-client credentials until this is off. Admin events saved meanwhile may ' +
              'hold client secrets: review them, then clear them (admin console: Events → Admin events).',
          }),
      run: (g) => g.setAdminEventsIncludeRepresentation(include),
    },
  ];
}

/** A value as Keycloak may hand it back: scalars as text, lists as JSON of their texts. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return JSON.stringify(value.map((v) => (typeof v === 'object' ? canonical(v) : String(v))));
  if (value !== null && typeof value === 'object')
    return JSON.stringify(
      Object.entries(value)
        .sort()
        .map(([k, v]) => [k, canonical(v)]),
    );
  return String(value ?? '');
}

const sameSet = (a: readonly unknown[] = [], b: readonly unknown[] = []) =>
  canonical([...a].map(String).sort()) === canonical([...b].map(String).sort());

/** Names of the entries of `desired` (a string map) that `current` lacks or holds differently, as `<prefix>.<key>`. */
function differentEntries(prefix: string, desired: Json | undefined, current: Json | undefined): string[] {
  return Object.entries(desired ?? {})
    .filter(([key, value]) => canonical(current?.[key]) !== canonical(value))
    .map(([key]) => `${prefix}.${key}`);
}

function differentFields(desired: Json, current: Json, fields: readonly string[], sets: readonly string[] = []): string[] {
  return fields.filter((field) => {
    if (!(field in desired)) return false;
    return sets.includes(field) ? !sameSet(desired[field], current[field]) : canonical(desired[field]) !== canonical(current[field]);
  });
}

const byName = (items: readonly Json[], name: string) => items.find((item) => item.name === name);

/** Mappers of a client or scope: the file's ones that are missing or differ, by name. */
function mapperChanges(
  desired: readonly Json[] = [],
  current: readonly Json[] = [],
): { add: Json[]; update: Array<{ id: string; mapper: Json }>; fields: string[] } {
  const result = { add: [] as Json[], update: [] as Array<{ id: string; mapper: Json }>, fields: [] as string[] };
  for (const mapper of desired) {
    const existing = byName(current, mapper.name);
    if (!existing) {
      result.add.push(mapper);
      result.fields.push(`mapper "${mapper.name}"`);
      continue;
    }
    const differs =
      differentFields(mapper, existing, ['protocol', 'protocolMapper', 'consentRequired']).length > 0 ||
      differentEntries('config', mapper.config, existing.config).length > 0;
    if (differs) {
      result.update.push({ id: existing.id, mapper: { ...existing, ...mapper, config: { ...existing.config, ...mapper.config } } });
      result.fields.push(`mapper "${mapper.name}"`);
    }
  }
  return result;
}

function roleChanges(desired: DesiredRealm, current: CurrentRealm): RealmChange[] {
  return desired.roles.flatMap((role): RealmChange[] => {
    const existing = byName(current.roles, role.name);
    if (!existing) return [{ action: 'create', target: 'realm role', name: role.name, fields: [], run: (g) => g.createRealmRole(role) }];
    const fields = [
      ...differentFields(role, existing, ['description']),
      ...differentEntries('attributes', role.attributes, existing.attributes),
    ];
    if (fields.length === 0) return [];
    const merged = { ...existing, ...role, attributes: { ...existing.attributes, ...role.attributes } };
    return [{ action: 'update', target: 'realm role', name: role.name, fields, run: (g) => g.updateRealmRole(role.name, merged) }];
  });
}

function scopeChanges(desired: DesiredRealm, current: CurrentRealm): RealmChange[] {
  return desired.clientScopes.flatMap((scope): RealmChange[] => {
    const existing = byName(current.clientScopes, scope.name);
    if (!existing)
      return [{ action: 'create', target: 'client scope', name: scope.name, fields: [], run: (g) => g.createClientScope(scope) }];
    const own = [
      ...differentFields(scope, existing, ['description', 'protocol']),
      ...differentEntries('attributes', scope.attributes, existing.attributes),
    ];
    const mappers = mapperChanges(scope.protocolMappers, existing.protocolMappers);
    if (own.length === 0 && mappers.fields.length === 0) return [];
    const { protocolMappers: _mappers, ...bare } = existing;
    const merged = {
      ...bare,
      description: scope.description ?? existing.description,
      protocol: scope.protocol ?? existing.protocol,
      attributes: { ...existing.attributes, ...scope.attributes },
    };
    return [
      {
        action: 'update',
        target: 'client scope',
        name: scope.name,
        fields: [...own, ...mappers.fields],
        async run(g) {
          if (own.length > 0) await g.updateClientScope(existing.id, merged);
          for (const mapper of mappers.add) await g.addClientScopeMapper(existing.id, mapper);
          for (const { id, mapper } of mappers.update) await g.updateClientScopeMapper(existing.id, id, mapper);
        },
      },
    ];
  });
}

const CLIENT_FIELDS = [
  'name',
  'description',
  'enabled',
  'publicClient',
  'bearerOnly',
  'clientAuthenticatorType',
  'standardFlowEnabled',
  'implicitFlowEnabled',
  'directAccessGrantsEnabled',
  'serviceAccountsEnabled',
  'frontchannelLogout',
  'fullScopeAllowed',
  'protocol',
  'rootUrl',
  'baseUrl',
  'redirectUris',
  'webOrigins',
] as const;
const CLIENT_SETS = ['redirectUris', 'webOrigins'];

function missing(desired: readonly string[] = [], current: readonly string[] = []): string[] {
  return desired.filter((item) => !current.includes(item));
}

function missingRoles(
  desired: Readonly<Record<string, readonly string[]>>,
  current: Readonly<Record<string, readonly string[]>>,
): Array<[string, string[]]> {
  return Object.entries(desired)
    .map(([ofClient, roles]): [string, string[]] => [ofClient, missing(roles, current[ofClient])])
    .filter(([, roles]) => roles.length > 0);
}

function createClientChange(client: DesiredClient): RealmChange {
  const { protocolMappers, ...rep } = client.rep;
  return {
    action: 'create',
    target: 'client',
    name: rep.clientId,
    fields: [],
    async run(g) {
      const id = await g.createClient({ ...rep, protocolMappers });
      if (client.realmScopeMappings.length > 0) await g.addRealmScopeMappings(id, client.realmScopeMappings);
      for (const [ofClient, roles] of Object.entries(client.serviceAccountRoles)) await g.addServiceAccountRoles(id, ofClient, roles);
    },
  };
}

function updateClientChange(client: DesiredClient, existing: CurrentClient): RealmChange[] {
  const want = client.rep;
  const have = existing.rep;
  if (have.attributes?.[contract.apiClientAttributes.managed] === contract.markerValue) {
    throw new ConflictError(`Client "${want.clientId}" is a managed API client: realm apply never changes one`);
  }
  const own = [
    ...differentFields(want, have, CLIENT_FIELDS, CLIENT_SETS),
    ...differentEntries('attributes', want.attributes, have.attributes),
  ];
  const mappers = mapperChanges(want.protocolMappers, have.protocolMappers);
  const defaults = missing(want.defaultClientScopes, have.defaultClientScopes);
  const optionals = missing(want.optionalClientScopes, have.optionalClientScopes);
  const scopeRoles = missing(client.realmScopeMappings, existing.realmScopeMappings);
  const accountRoles = missingRoles(client.serviceAccountRoles, existing.serviceAccountRoles);
  const fields = [
    ...own,
    ...mappers.fields,
    ...defaults.map((s) => `default scope "${s}"`),
    ...optionals.map((s) => `optional scope "${s}"`),
    ...scopeRoles.map((r) => `scope role "${r}"`),
    ...accountRoles.flatMap(([of, roles]) => roles.map((r) => `service-account role "${of}/${r}"`)),
  ];
  if (fields.length === 0) return [];
  const changes: Json = Object.fromEntries(CLIENT_FIELDS.filter((f) => own.includes(f)).map((f) => [f, want[f]]));
  if (own.some((f) => f.startsWith('attributes.'))) changes.attributes = { ...want.attributes };
  return [
    {
      action: 'update',
      target: 'client',
      name: want.clientId,
      fields,
      async run(g) {
        if (own.length > 0) await g.updateClient(have.id, changes);
        for (const mapper of mappers.add) await g.addClientMapper(have.id, mapper);
        for (const { id, mapper } of mappers.update) await g.updateClientMapper(have.id, id, mapper);
        for (const scope of defaults) await g.addDefaultClientScope(have.id, scope);
        for (const scope of optionals) await g.addOptionalClientScope(have.id, scope);
        if (scopeRoles.length > 0) await g.addRealmScopeMappings(have.id, scopeRoles);
        for (const [ofClient, roles] of accountRoles) await g.addServiceAccountRoles(have.id, ofClient, roles);
      },
    },
  ];
}

function clientChanges(desired: DesiredRealm, current: CurrentRealm): RealmChange[] {
  return desired.clients.flatMap((client) => {
    const existing = current.clients[client.rep.clientId];
    return existing ? updateClientChange(client, existing) : [createClientChange(client)];
  });
}

/** A flow's executions as the realm holds them, in order: only the authenticators the file names, with their requirement. */
function heldSteps(flow: Json, desired: DesiredFlow): string[] {
  const wanted = new Set(desired.steps.map((step) => step.authenticator));
  return [...((flow.authenticationExecutions ?? []) as Json[])]
    .sort((a, b) => Number(a.priority) - Number(b.priority))
    .filter((e) => wanted.has(e.authenticator))
    .map((e) => `${e.authenticator} ${e.requirement}`);
}

/**
 * The realm's client authentication flow: the file's flow with its executions in its order, and bound as the flow
 * that authenticates clients. Without it, an API client on digests gets no token.
 */
function clientFlowChanges(desired: DesiredRealm, current: CurrentRealm): RealmChange[] {
  const flow = desired.clientAuthenticationFlow;
  if (!flow) return [];
  const changes: RealmChange[] = [];
  const existing = current.flows.find((f) => f.alias === flow.alias);
  const wanted = flow.steps.map((step) => `${step.authenticator} ${step.requirement}`);
  if (!existing) {
    changes.push({ action: 'create', target: 'authentication flow', name: flow.alias, fields: [], run: (g) => g.ensureFlow(flow) });
  } else if (canonical(heldSteps(existing, flow)) !== canonical(wanted)) {
    changes.push({
      action: 'update',
      target: 'authentication flow',
      name: flow.alias,
      fields: ['executions'],
      run: (g) => g.ensureFlow(flow),
    });
  }
  if (current.clientAuthenticationFlow !== flow.alias) {
    changes.push({
      action: 'update',
      target: 'realm setting',
      name: 'client authentication flow',
      fields: [flow.alias],
      note:
        'API clients whose secret Keycloak keeps only as a digest authenticate through this flow; until it is bound they get ' +
        'no token, and every API client moves to digests at its next credential generation.',
      run: (g) => g.bindClientAuthenticationFlow(flow.alias),
    });
  }
  return changes;
}

/** Executors or conditions: same order, same provider, and the file's configuration entries held alike. */
function sameSteps(desired: readonly Json[] = [], current: readonly Json[] = [], kind: 'executor' | 'condition'): boolean {
  return (
    desired.length === current.length &&
    desired.every(
      (step, i) => step[kind] === current[i]?.[kind] && differentEntries('c', step.configuration, current[i]?.configuration).length === 0,
    )
  );
}

/** Client profiles or policies: the realm's list with the file's entries added or replaced by name, and what differs. */
function policyChanges(kind: 'client profile' | 'client policy', desired: readonly Json[], current: readonly Json[]): RealmChange[] {
  const changes: Array<{ action: 'create' | 'update'; name: string; fields: string[] }> = [];
  for (const item of desired) {
    const existing = byName(current, item.name);
    if (!existing) {
      changes.push({ action: 'create', name: item.name, fields: [] });
      continue;
    }
    const fields =
      kind === 'client profile'
        ? [
            ...differentFields(item, existing, ['description']),
            ...(sameSteps(item.executors, existing.executors, 'executor') ? [] : ['executors']),
          ]
        : [
            ...differentFields(item, existing, ['description', 'enabled']),
            ...(sameSet(item.profiles, existing.profiles) ? [] : ['profiles']),
            ...(sameSteps(item.conditions, existing.conditions, 'condition') ? [] : ['conditions']),
          ];
    if (fields.length > 0) changes.push({ action: 'update', name: item.name, fields });
  }
  if (changes.length === 0) return [];
  const merged = [...current.map((item) => byName(desired, item.name) ?? item), ...desired.filter((item) => !byName(current, item.name))];
  // One PUT carries the whole list: the first change writes it, the others are part of the same write.
  return changes.map((change, i) => ({
    ...change,
    target: kind,
    run: (g: RealmAdminGateway) =>
      i > 0 ? Promise.resolve() : kind === 'client profile' ? g.putClientProfiles(merged) : g.putClientPolicies(merged),
  }));
}

/**
 * Lists the changes that bring the realm to what the file wants: realm roles, client scopes, the project's clients, the
 * client authentication flow, then client profiles and policies (each may refer to the ones before).
 *
 * @example
 * const changes = planRealm(desiredRealm(file, { env }), await gateway.read(PROJECT_CLIENTS));
 * for (const change of changes) await change.run(gateway);
 */
export function planRealm(desired: DesiredRealm, current: CurrentRealm): RealmChange[] {
  return [
    ...adminEventsChanges(desired, current),
    ...roleChanges(desired, current),
    ...scopeChanges(desired, current),
    ...clientChanges(desired, current),
    ...clientFlowChanges(desired, current),
    ...policyChanges('client profile', desired.profiles, current.profiles),
    ...policyChanges('client policy', desired.policies, current.policies),
  ];
}
