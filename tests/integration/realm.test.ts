/**
 * The realm as the real Keycloak imported it: roles, group, services catalogue, the project's clients,
 * and a vendor-style client getting a token with the service's audience.
 */
import type KcAdminClient from '@keycloak/keycloak-admin-client';
import { contract } from '@focus-api-access/contract';
import { audiences, bootstrapAdminClient, claims, vendorToken, uniqueName } from '../support/keycloak.js';
import { testStack } from '../support/stack.js';

let admin: KcAdminClient;
beforeAll(async () => {
  admin = await bootstrapAdminClient();
});

async function clientByClientId(clientId: string) {
  const [found] = await admin.clients.find({ clientId });
  if (!found?.id) throw new Error(`client ${clientId} not found`);
  return found as typeof found & { id: string };
}

describe('the imported realm focus', () => {
  it('exists with the activity listener instead of stored events, brute-force protection and Dutch as default language', async () => {
    const realm = await admin.realms.findOne({ realm: contract.realm });
    expect(realm).toMatchObject({
      enabled: true,
      eventsEnabled: false,
      adminEventsEnabled: true,
      bruteForceProtected: true,
      internationalizationEnabled: true,
      defaultLocale: 'nl',
    });
    expect(realm?.eventsListeners).toEqual(expect.arrayContaining([contract.activityListener]));
  });

  it('has the right and the managers group granting it, with beheerder in it and medewerker not', async () => {
    const role = await admin.roles.findOneByName({ name: contract.manageRight.role });
    expect(role?.name).toBe(contract.manageRight.role);
    const [group] = await admin.groups.find({ search: contract.managersGroup, exact: true });
    expect(group?.id).toBeDefined();
    const roles = await admin.groups.listRealmRoleMappings({ id: group!.id! });
    expect(roles.map((r) => r.name)).toEqual([contract.manageRight.role]);
    const members = await admin.groups.listMembers({ id: group!.id! });
    expect(members.map((m) => m.username)).toEqual([contract.demoUsers.manager]);
    const [employee] = await admin.users.find({ username: contract.demoUsers.employee, exact: true });
    const effective = await admin.users.listCompositeRealmRoleMappings({ id: employee!.id! });
    expect(effective.map((r) => r.name)).not.toContain(contract.manageRight.role);
  });

  it('lists the services catalogue as marked client scopes with labels', async () => {
    const scopes = await admin.clientScopes.find();
    const services = scopes.filter((s) => s.attributes?.[contract.serviceAttributes.marker] === contract.markerValue);
    expect(services.map((s) => [s.name, s.attributes?.[contract.serviceAttributes.label]])).toContainEqual([
      'openhappening-eaglebe',
      'OpenHappening integration Eaglebe',
    ]);
    expect(scopes.map((s) => s.name)).toEqual(expect.arrayContaining(['basic', 'profile', 'email', 'roles', 'web-origins', 'acr']));
  });

  it('has the resource server, the admin page client and the provisioner with their settings', async () => {
    const api = await clientByClientId(contract.clients.resourceServer);
    expect(api).toMatchObject({
      standardFlowEnabled: false,
      directAccessGrantsEnabled: false,
      serviceAccountsEnabled: false,
      implicitFlowEnabled: false,
    });

    const spa = await clientByClientId(contract.clients.adminSpa);
    expect(spa).toMatchObject({
      publicClient: true,
      standardFlowEnabled: true,
      directAccessGrantsEnabled: false,
      implicitFlowEnabled: false,
    });
    expect(spa.attributes?.['pkce.code.challenge.method']).toBe('S256');
    // The placeholder was filled with where the tests serve the page.
    expect(spa.redirectUris).toEqual([`${testStack().adminPageUrl}/*`]);
    expect(spa.webOrigins).toEqual([testStack().adminPageUrl]);

    const provisioner = await clientByClientId(contract.clients.provisioner);
    expect(provisioner).toMatchObject({
      publicClient: false,
      serviceAccountsEnabled: true,
      standardFlowEnabled: false,
      directAccessGrantsEnabled: false,
    });
  });

  it('gives the provisioner a token holding exactly its realm-management roles', async () => {
    const response = await vendorToken(contract.clients.provisioner, testStack().provisionerSecret);
    expect(response.status).toBe(200);
    const token = claims(response.body.access_token);
    const access = token.resource_access as Record<string, { roles: string[] }>;
    expect(Object.keys(access)).toEqual(['realm-management']);
    expect([...access['realm-management']!.roles].sort()).toEqual([...contract.provisionerRoles].sort());
    expect((token.realm_access as { roles?: string[] } | undefined)?.roles ?? []).not.toContain(contract.manageRight.role);

    const provisioner = await clientByClientId(contract.clients.provisioner);
    const account = await admin.clients.getServiceAccountUser({ id: provisioner.id });
    const realmManagement = await clientByClientId('realm-management');
    const mapped = await admin.users.listCompositeClientRoleMappings({ id: account.id!, clientUniqueId: realmManagement.id });
    expect(mapped.map((r) => r.name).sort()).toEqual([...contract.provisionerRoles].sort());
  });
});

describe('a confidential client with the openhappening-eaglebe service', () => {
  const clientId = uniqueName('realm-test-vendor');
  let id: string;
  let secret: string;

  beforeAll(async () => {
    ({ id } = await admin.clients.create({
      clientId,
      protocol: 'openid-connect',
      publicClient: false,
      serviceAccountsEnabled: true,
      standardFlowEnabled: false,
      directAccessGrantsEnabled: false,
      fullScopeAllowed: false,
      defaultClientScopes: ['basic', 'openhappening-eaglebe'],
    }));
    secret = (await admin.clients.getClientSecret({ id })).value!;
  });
  afterAll(async () => {
    if (id) await admin.clients.del({ id });
  });

  it('gets a client_credentials token for the OpenHappening API', async () => {
    const response = await vendorToken(clientId, secret);
    expect(response.status).toBe(200);
    const token = claims(response.body.access_token);
    expect(audiences(token)).toContain(contract.clients.resourceServer);
    expect(String(token.scope).split(' ')).toContain('openhappening-eaglebe');
  });

  it('is refused with a wrong secret', async () => {
    const response = await vendorToken(clientId, `${secret}x`);
    expect(response.status).toBe(401);
    // RFC 6749 §5.2 names this invalid_client; Keycloak 26.7 answers unauthorized_client with the same 401.
    expect(response.body.error).toBe('unauthorized_client');
    expect(response.body.error_description).toMatch(/invalid client/i);
  });
});
