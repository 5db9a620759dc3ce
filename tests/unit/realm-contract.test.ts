/**
 * The realm files and the shared contract must agree: a name renamed in one and not the other fails here.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { contract } from '@focus-api-access/contract';
import { realmConfigDir, repoRoot } from '@focus-api-access/stack';

type Json = Record<string, any>;
const realm: Json = JSON.parse(readFileSync(join(realmConfigDir, 'focus-realm.json'), 'utf8'));
const demo: Json = JSON.parse(readFileSync(join(realmConfigDir, 'dev', 'focus-users-0.json'), 'utf8'));
const client = (clientId: string): Json => {
  const found = (realm.clients as Json[]).find((c) => c.clientId === clientId);
  if (!found) throw new Error(`client ${clientId} missing from focus-realm.json`);
  return found;
};

describe('realm-config/focus-realm.json against the contract', () => {
  it('is realm focus', () => {
    expect(realm.realm).toBe(contract.realm);
    expect(demo.realm).toBe(contract.realm);
  });

  it('defines the right and a managers group that grants it', () => {
    expect((realm.roles.realm as Json[]).map((r) => r.name)).toContain(contract.manageRight.role);
    const group = (realm.groups as Json[]).find((g) => g.name === contract.managersGroup);
    expect(group?.realmRoles).toEqual([contract.manageRight.role]);
  });

  it('lists the built-in client scopes Keycloak would otherwise leave out', () => {
    const names = (realm.clientScopes as Json[]).map((s) => s.name);
    expect(names).toEqual(expect.arrayContaining(['basic', 'profile', 'email', 'roles', 'web-origins', 'acr']));
  });

  it('marks every service with the marker and a label, and gives it an audience', () => {
    const services = (realm.clientScopes as Json[]).filter(
      (s) => s.attributes?.[contract.serviceAttributes.marker] === contract.markerValue,
    );
    expect(services.map((s) => s.name)).toContain('openhappening-eaglebe');
    for (const service of services) {
      expect(service.attributes[contract.serviceAttributes.label]).toEqual(expect.any(String));
      expect(service.protocolMappers.some((m: Json) => m.protocolMapper === 'oidc-audience-mapper')).toBe(true);
    }
    const eaglebe = services.find((s) => s.name === 'openhappening-eaglebe');
    expect(eaglebe?.attributes[contract.serviceAttributes.label]).toBe('OpenHappening integration Eaglebe');
    expect(eaglebe?.protocolMappers[0].config['included.client.audience']).toBe(contract.clients.resourceServer);
  });

  it('has the resource server without any login flow', () => {
    const api = client(contract.clients.resourceServer);
    expect(api).toMatchObject({
      standardFlowEnabled: false,
      implicitFlowEnabled: false,
      directAccessGrantsEnabled: false,
      serviceAccountsEnabled: false,
    });
  });

  it('has the admin page as a public PKCE client whose tokens reach the provisioner', () => {
    const spa = client(contract.clients.adminSpa);
    expect(spa).toMatchObject({
      publicClient: true,
      standardFlowEnabled: true,
      implicitFlowEnabled: false,
      directAccessGrantsEnabled: false,
    });
    expect(spa.attributes['pkce.code.challenge.method']).toBe('S256');
    expect(spa.redirectUris[0]).toMatch(/^\$\{FOCUS_ADMIN_URL:http:\/\/localhost:3000\}/);
    expect(spa.protocolMappers[0].config['included.client.audience']).toBe(contract.clients.provisioner);
    const mapped = (realm.scopeMappings as Json[]).find((m) => m.client === contract.clients.adminSpa);
    expect(mapped?.roles).toContain(contract.manageRight.role);
  });

  it('has the CLI as a public client with the device grant only, PKCE, and tokens that reach the provisioner', () => {
    const cli = client(contract.clients.cli);
    expect(cli).toMatchObject({
      publicClient: true,
      standardFlowEnabled: false,
      implicitFlowEnabled: false,
      directAccessGrantsEnabled: false,
      serviceAccountsEnabled: false,
      fullScopeAllowed: false,
    });
    expect(cli.attributes['oauth2.device.authorization.grant.enabled']).toBe('true');
    expect(cli.attributes['oidc.ciba.grant.enabled']).toBe('false');
    expect(cli.attributes['pkce.code.challenge.method']).toBe('S256');
    expect(cli.protocolMappers[0].config['included.client.audience']).toBe(contract.clients.provisioner);
    const mapped = (realm.scopeMappings as Json[]).find((m) => m.client === contract.clients.cli);
    expect(mapped?.roles).toEqual([contract.manageRight.role]);
  });

  it('has the provisioner as a service account with exactly its four realm-management roles and no secret', () => {
    const provisioner = client(contract.clients.provisioner);
    expect(provisioner).toMatchObject({
      publicClient: false,
      serviceAccountsEnabled: true,
      standardFlowEnabled: false,
      directAccessGrantsEnabled: false,
    });
    // Keycloak generates an unknown secret at import and `realm init` sets the deployment's: no placeholder that a
    // forgotten variable would leave in the realm as a guessable literal, no secret in Keycloak's environment.
    expect(provisioner).not.toHaveProperty('secret');
    expect(JSON.stringify(realm)).not.toContain('FOCUS_PROVISIONER_SECRET');
    const account = (realm.users as Json[]).find((u) => u.serviceAccountClientId === contract.clients.provisioner);
    expect([...(account!.clientRoles['realm-management'] as string[])].sort()).toEqual([...contract.provisionerRoles].sort());
    expect(Object.keys(account!.clientRoles)).toEqual(['realm-management']);
  });

  it('stores no login event: the activity listener records last use and refusals; admin events, brute-force protection and nl/fr/en', () => {
    // A stored event per token request costs throughput, and an event store anyone can fill with refusals for made-up
    // Client IDs pushes real ones out; the extension's listener keeps bounded records of managed clients instead.
    expect(realm.eventsEnabled).toBe(false);
    expect(realm.enabledEventTypes).toBeUndefined();
    expect(realm.eventsListeners).toEqual(['jboss-logging', contract.activityListener]);
    expect(realm.adminEventsEnabled).toBe(true);
    // Details would copy client representations, secrets included, into the admin event store.
    expect(realm.adminEventsDetailsEnabled).toBe(false);
    expect(realm.bruteForceProtected).toBe(true);
    expect(realm).toMatchObject({ internationalizationEnabled: true, defaultLocale: 'nl' });
    expect(realm.supportedLocales).toEqual(expect.arrayContaining(['nl', 'fr', 'en']));
  });

  it("keeps API clients' secrets as digests with the extension's executors only, not Keycloak's preview secret rotation", () => {
    const profile = (realm.clientProfiles.profiles as Json[]).find((p) => p.name === contract.clientProfile);
    expect(profile!.executors).toEqual([
      { executor: contract.ipRangeExecutor, configuration: {} },
      {
        executor: contract.secretGenerationExecutor,
        configuration: { 'grace-seconds': `\${FOCUS_SECRET_GRACE_SECONDS:${contract.limits.secretGraceSecondsDefault}}` },
      },
      { executor: contract.historyExecutor, configuration: {} },
    ]);
  });

  it('authenticates clients with the digest authenticator first, then as Keycloak does', () => {
    expect(realm.clientAuthenticationFlow).toBe(contract.clientAuthenticationFlow);
    const flow = (realm.authenticationFlows as Json[]).find((f) => f.alias === contract.clientAuthenticationFlow);
    expect(flow).toMatchObject({ providerId: 'client-flow', topLevel: true, builtIn: false });
    const executions = [...(flow!.authenticationExecutions as Json[])].sort((a, b) => a.priority - b.priority);
    expect(executions.map((e) => e.authenticator)).toEqual([
      contract.secretAuthenticator,
      'client-secret',
      'client-jwt',
      'client-secret-jwt',
      'client-x509',
    ]);
    expect(executions.every((e) => e.requirement === 'ALTERNATIVE')).toBe(true);
    // The provisioner's own client keeps its secret in Keycloak: it authenticates with client-secret.
    expect(client(contract.clients.provisioner).clientAuthenticatorType).toBe('client-secret');
  });

  it("binds the guard to the provisioner's service account, before the API clients' own policy", () => {
    const policies = realm.clientPolicies.policies as Json[];
    expect(policies.map((p) => p.name).indexOf(contract.provisionerGuardPolicy)).toBe(0);
    const guard = policies[0]!;
    expect(guard).toMatchObject({ enabled: true, profiles: [contract.provisionerGuardProfile] });
    expect(guard.conditions).toEqual([
      { condition: contract.actingProvisionerCondition, configuration: { 'client-id': contract.clients.provisioner } },
    ]);
    const profile = (realm.clientProfiles.profiles as Json[]).find((p) => p.name === contract.provisionerGuardProfile);
    expect(profile!.executors).toEqual([{ executor: contract.provisionerGuardExecutor, configuration: {} }]);
  });

  it('keeps demo users out of the production realm file', () => {
    const people = (realm.users as Json[]).filter((u) => !u.serviceAccountClientId);
    expect(people).toEqual([]);
    const usernames = (demo.users as Json[]).map((u) => u.username);
    expect(usernames).toEqual([contract.demoUsers.manager, contract.demoUsers.employee]);
    const manager = (demo.users as Json[]).find((u) => u.username === contract.demoUsers.manager);
    expect(manager?.groups).toEqual([`/${contract.managersGroup}`]);
  });
});

describe('step-up', () => {
  it('logs in with a password at level 1 and asks for a security key or a one-time code at level 2', () => {
    const flows = realm.authenticationFlows as Json[];
    const flow = (alias: string) => flows.find((f) => f.alias === alias)!;
    const config = (alias: string) => (realm.authenticatorConfig as Json[]).find((c) => c.alias === alias)?.config;
    const steps = (alias: string) => (flow(alias).authenticationExecutions as Json[]).map((e) => e.authenticator ?? `flow:${e.flowAlias}`);
    expect(realm.browserFlow).toBe('focus browser');
    const [level1, level2] = (flow('focus browser forms').authenticationExecutions as Json[]).map((e) => e.flowAlias as string);
    expect(steps(level1!)).toEqual(['conditional-level-of-authentication', 'auth-username-password-form']);
    expect(config(flow(level1!).authenticationExecutions[0].authenticatorConfig)['loa-condition-level']).toBe('1');
    expect(steps(level2!)).toEqual(['conditional-level-of-authentication', 'flow:focus security key', 'flow:focus one-time code']);
    expect(config(flow(level2!).authenticationExecutions[0].authenticatorConfig)['loa-condition-level']).toBe('2');
    expect(steps('focus security key')).toEqual(['conditional-user-configured', 'webauthn-authenticator']);
    expect(steps('focus one-time code')).toEqual(['conditional-sub-flow-executed', 'auth-otp-form']);
    // A one-time code is REQUIRED (not an alternative), so Keycloak has a user without one set it up.
    expect(flow('focus one-time code').authenticationExecutions[1].requirement).toBe('REQUIRED');
  });
});

describe('one Keycloak version everywhere', () => {
  it('pins the admin client to the contract version', () => {
    for (const pkg of ['provisioner', 'tests']) {
      const manifest = JSON.parse(readFileSync(join(repoRoot, pkg, 'package.json'), 'utf8'));
      expect(manifest.dependencies['@keycloak/keycloak-admin-client']).toBe(contract.keycloakVersion);
    }
  });
});
