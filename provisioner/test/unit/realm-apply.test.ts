import { readFileSync } from 'node:fs';
import { contract } from '@focus-api-access/contract';
import { ConflictError, ValidationError } from '../../src/core/errors.js';
import type { CurrentRealm, RealmAdminGateway } from '../../src/realm/gateway.js';
import { describe as describeChange } from '../../src/cli/realm.js';
import { planRealm } from '../../src/realm/plan.js';
import { desiredRealm, PROJECT_CLIENTS, type DesiredRealm, type Json } from '../../src/realm/realm-file.js';

const file: Json = JSON.parse(readFileSync(new URL('../../../realm-config/focus-realm.json', import.meta.url), 'utf8'));
const env = { FOCUS_ADMIN_URL: 'https://focus.example', FOCUS_SECRET_GRACE_SECONDS: '3600' };
const desired = desiredRealm(file, { env });

/** The realm as Keycloak would hold it right after importing exactly what is desired (ids added). */
function imported(from: DesiredRealm): CurrentRealm {
  let n = 0;
  const id = () => `id-${++n}`;
  const withMapperIds = (item: Json) => ({
    ...item,
    id: id(),
    protocolMappers: (item.protocolMappers ?? []).map((m: Json) => ({ ...m, id: id() })),
  });
  return {
    roles: from.roles.map((r) => ({ ...r, id: id(), attributes: {} })),
    clientScopes: from.clientScopes.map(withMapperIds),
    clients: Object.fromEntries(
      from.clients.map((c) => [
        c.rep.clientId,
        { rep: withMapperIds(c.rep), realmScopeMappings: [...c.realmScopeMappings], serviceAccountRoles: { ...c.serviceAccountRoles } },
      ]),
    ),
    profiles: structuredClone(from.profiles) as Json[],
    policies: structuredClone(from.policies) as Json[],
    adminEventsIncludeRepresentation: from.adminEventsIncludeRepresentation,
    clientAuthenticationFlow: from.clientAuthenticationFlow?.alias,
    flows: from.clientAuthenticationFlow ? [flowAsKeycloakHolds(from.clientAuthenticationFlow)] : [],
    plainSecretClients: [],
  };
}

/** A flow as GET …/authentication/flows answers it: executions with a priority each. */
function flowAsKeycloakHolds(flow: NonNullable<DesiredRealm['clientAuthenticationFlow']>): Json {
  return {
    id: 'flow-id',
    alias: flow.alias,
    providerId: flow.providerId,
    topLevel: true,
    builtIn: false,
    authenticationExecutions: flow.steps.map((step, i) => ({ ...step, priority: (i + 1) * 10, authenticatorFlow: false })),
  };
}

describe('desiredRealm (what realm apply takes from realm-config/focus-realm.json)', () => {
  it('keeps the project clients only, without their secrets', () => {
    expect(desired.clients.map((c) => c.rep.clientId).sort()).toEqual([...PROJECT_CLIENTS].sort());
    for (const client of desired.clients) expect(client.rep).not.toHaveProperty('secret');
    expect(JSON.stringify(desired)).not.toContain('FOCUS_PROVISIONER_SECRET');
  });

  it("fills placeholders from the environment, and carries the provisioner's service-account roles and focus-admin's scope", () => {
    const admin = desired.clients.find((c) => c.rep.clientId === contract.clients.adminSpa)!;
    expect(admin.rep.redirectUris).toEqual(['https://focus.example/*']);
    expect(admin.realmScopeMappings).toEqual([contract.manageRight.role]);
    const provisioner = desired.clients.find((c) => c.rep.clientId === contract.clients.provisioner)!;
    expect([...provisioner.serviceAccountRoles['realm-management']!].sort()).toEqual([...contract.provisionerRoles].sort());
    expect(JSON.stringify(desired.profiles)).toContain('"grace-seconds":"3600"');
  });

  it('refuses to fall back on a default silently, and names the variable', () => {
    const attempt = () => desiredRealm(file, { env: {} });
    expect(attempt).toThrow(ValidationError);
    try {
      attempt();
    } catch (error) {
      expect((error as ValidationError).fields.map((f) => f.field).sort()).toEqual(['FOCUS_ADMIN_URL', 'FOCUS_SECRET_GRACE_SECONDS']);
    }
    expect(desiredRealm(file, { env: {}, useDefaults: true }).clients.find((c) => c.rep.clientId === 'focus-admin')!.rep.rootUrl).toBe(
      'http://localhost:3000',
    );
  });

  it('refuses a file of another realm', () => {
    expect(() => desiredRealm({ ...file, realm: 'master' }, { env })).toThrow(/not "focus"/);
  });
});

describe('planRealm', () => {
  it('changes nothing on a realm that already holds the file (applying twice is harmless)', () => {
    expect(planRealm(desired, imported(desired))).toEqual([]);
  });

  it('creates a new service and nothing else', () => {
    const service = { ...desired.clientScopes.find((s) => s.attributes?.[contract.serviceAttributes.marker])!, name: 'second-service' };
    const changes = planRealm({ ...desired, clientScopes: [...desired.clientScopes, service] }, imported(desired));
    expect(changes.map(({ action, target, name }) => ({ action, target, name }))).toEqual([
      { action: 'create', target: 'client scope', name: 'second-service' },
    ]);
  });

  it('adds a project client the realm lacks (the CLI of a realm imported before it existed), with its scope role', async () => {
    const current = imported(desired);
    delete (current.clients as Record<string, unknown>)[contract.clients.cli];
    const changes = planRealm(desired, current);
    expect(changes.map(({ action, target, name }) => ({ action, target, name }))).toEqual([
      { action: 'create', target: 'client', name: contract.clients.cli },
    ]);
    const created: Json[] = [];
    const scopeRoles: Array<[string, readonly string[]]> = [];
    const gateway = {
      createClient: async (rep: Json) => (created.push(rep), 'new-id'),
      addRealmScopeMappings: async (id: string, roles: readonly string[]) => void scopeRoles.push([id, roles]),
    } as unknown as RealmAdminGateway;
    for (const change of changes) await change.run(gateway);
    expect(created[0]).toMatchObject({ clientId: contract.clients.cli, publicClient: true, standardFlowEnabled: false });
    expect(created[0]!.attributes['oauth2.device.authorization.grant.enabled']).toBe('true');
    expect(scopeRoles).toEqual([['new-id', [contract.manageRight.role]]]);
  });

  it('names what differs, and never deletes what the file does not mention', () => {
    const current = imported(desired);
    const admin = current.clients[contract.clients.adminSpa]!;
    (admin.rep as Json).redirectUris = ['https://old.example/*'];
    (admin.rep as Json).defaultClientScopes = [...(admin.rep as Json).defaultClientScopes, 'extra-scope'];
    (current.roles as Json[]).push({ name: 'someone-elses-role', id: 'x' });
    (current.profiles as Json[]).push({ name: 'other-profile', executors: [] });
    const scope = current.clientScopes.find((s) => s.name === 'openhappening-eaglebe') as Json;
    scope.attributes = { ...scope.attributes, [contract.serviceAttributes.label]: 'Old label' };
    const changes = planRealm(desired, current);
    expect(changes.map((c) => [c.action, c.target, c.name, c.fields])).toEqual([
      ['update', 'client scope', 'openhappening-eaglebe', [`attributes.${contract.serviceAttributes.label}`]],
      ['update', 'client', contract.clients.adminSpa, ['redirectUris']],
    ]);
  });

  it('writes client profiles as one list that keeps the realm its other profiles', async () => {
    const current = imported(desired);
    (current.profiles as Json[]).push({ name: 'other-profile', executors: [] });
    (current.profiles[0] as Json).description = 'old';
    const written: Json[][] = [];
    const gateway = { putClientProfiles: async (profiles: Json[]) => void written.push(profiles) } as unknown as RealmAdminGateway;
    const changes = planRealm(desired, current);
    expect(changes.map((c) => [c.target, c.name, c.fields])).toEqual([['client profile', contract.clientProfile, ['description']]]);
    for (const change of changes) await change.run(gateway);
    expect(written).toHaveLength(1);
    expect(written[0]!.map((p) => p.name)).toEqual([contract.clientProfile, contract.provisionerGuardProfile, 'other-profile']);
  });

  it('never changes a managed API client, even one that took a project client its name', () => {
    const current = imported(desired);
    const rep = current.clients[contract.clients.resourceServer]!.rep as Json;
    rep.attributes = { ...rep.attributes, [contract.apiClientAttributes.managed]: contract.markerValue };
    rep.description = 'changed';
    expect(() => planRealm(desired, current)).toThrow(ConflictError);
  });
});

describe('the client authentication flow', () => {
  it('is the digest authenticator first, then the ones Keycloak has by default, in order', () => {
    expect(desired.clientAuthenticationFlow?.alias).toBe(contract.clientAuthenticationFlow);
    expect(desired.clientAuthenticationFlow?.steps.map((s) => s.authenticator)).toEqual([
      contract.secretAuthenticator,
      'client-secret',
      'client-jwt',
      'client-secret-jwt',
      'client-x509',
    ]);
  });

  it('is created and bound in a realm from before digests, with a note on what it means', async () => {
    const before = { ...imported(desired), clientAuthenticationFlow: 'clients', flows: [] };
    const changes = planRealm(desired, before);
    expect(changes.map((c) => [c.action, c.target, c.name, c.fields])).toEqual([
      ['create', 'authentication flow', contract.clientAuthenticationFlow, []],
      ['update', 'realm setting', 'client authentication flow', [contract.clientAuthenticationFlow]],
    ]);
    expect(describeChange(changes[1]!)).toMatch(/get no token/);
    const calls: string[] = [];
    const gateway = {
      ensureFlow: async (flow: { alias: string }) => void calls.push(`ensure ${flow.alias}`),
      bindClientAuthenticationFlow: async (alias: string) => void calls.push(`bind ${alias}`),
    } as unknown as RealmAdminGateway;
    for (const change of changes) await change.run(gateway);
    expect(calls).toEqual([`ensure ${contract.clientAuthenticationFlow}`, `bind ${contract.clientAuthenticationFlow}`]);
  });

  it('is put right when its executions are out of order or missing, whatever else it holds', () => {
    const current = imported(desired);
    const flow = current.flows[0] as Json;
    flow.authenticationExecutions = [
      { authenticator: 'client-secret', requirement: 'ALTERNATIVE', priority: 10 },
      { authenticator: contract.secretAuthenticator, requirement: 'ALTERNATIVE', priority: 20 },
      { authenticator: 'client-jwt', requirement: 'ALTERNATIVE', priority: 30 },
      { authenticator: 'client-secret-jwt', requirement: 'ALTERNATIVE', priority: 40 },
      { authenticator: 'client-x509', requirement: 'ALTERNATIVE', priority: 50 },
    ];
    expect(planRealm(desired, current).map((c) => [c.action, c.target, c.fields])).toEqual([
      ['update', 'authentication flow', ['executions']],
    ]);
    flow.authenticationExecutions = [
      { authenticator: contract.secretAuthenticator, requirement: 'DISABLED', priority: 5 },
      ...desired.clientAuthenticationFlow!.steps.slice(1).map((s, i) => ({ ...s, priority: 10 * (i + 1) })),
    ];
    expect(planRealm(desired, current)).toHaveLength(1);
    flow.authenticationExecutions = [
      ...desired.clientAuthenticationFlow!.steps.map((s, i) => ({ ...s, priority: 10 * (i + 1) })),
      { authenticator: 'someone-elses', requirement: 'ALTERNATIVE', priority: 99 },
    ];
    expect(planRealm(desired, current)).toEqual([]);
  });
});

describe('admin events with representations', () => {
  it('the file keeps them off', () => {
    expect(desired.adminEventsIncludeRepresentation).toBe(false);
  });

  it('are reported with what they mean, and switched off', async () => {
    const changes = planRealm(desired, { ...imported(desired), adminEventsIncludeRepresentation: true });
    expect(changes.map(({ action, target, name, fields }) => ({ action, target, name, fields }))).toEqual([
      { action: 'update', target: 'realm setting', name: 'admin events', fields: ['include representation off'] },
    ]);
    expect(describeChange(changes[0]!)).toMatch(
      /^~ realm setting admin events: include representation off\n {4}.*every generated client secret is copied/,
    );
    const switched: boolean[] = [];
    const gateway = { setAdminEventsIncludeRepresentation: async (on: boolean) => void switched.push(on) } as unknown as RealmAdminGateway;
    await changes[0]!.run(gateway);
    expect(switched).toEqual([false]);
  });
});
