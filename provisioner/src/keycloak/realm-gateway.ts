/**
 * The admin-API calls of `realm apply`, as a realm administrator: roles, client scopes, the project's clients and
 * client policies. Separate from admin-gateway.ts on purpose: that one is the provisioner's service account, which
 * may only manage clients and must never be given these rights. Secrets are stripped from every client read.
 */
import KeycloakAdminClient, { NetworkError } from '@keycloak/keycloak-admin-client';
import { contract } from '@focus-api-access/contract';
import { DEFAULTS } from '../config.js';
import { InternalError, NotFoundError, ProvisionerError, UnauthorizedError } from '../core/errors.js';
import type { CurrentClient, PlainSecretClient, RealmAdminGateway } from '../realm/gateway.js';
import type { Json } from '../realm/realm-file.js';
import { failureOfStatus, failureOfTransport } from './failover.js';
import { failureFromStatus, isNetworkFailure, unreachable } from './failures.js';

/** Keycloak's own record of when a previous secret stops working (its preview secret rotation), on clients in clear. */
const ROTATED_SECRET_EXPIRATION = 'client.secret.rotated.expiration.time';

/** A realm administrator: a user (password grant of `admin-cli`) or a confidential client with a service account. */
export type RealmAdminCredentials =
  | { readonly kind: 'user'; readonly username: string; readonly password: string }
  | { readonly kind: 'client'; readonly clientId: string; readonly clientSecret: string };

export interface RealmGatewayOptions {
  /**
   * One base URL, or one per Keycloak node in order of preference: the apply runs on the first node where the
   * administrator can log in (one run, one node: an apply that fails half-way is simply run again).
   */
  readonly keycloakUrls: readonly string[];
  /** Realm the administrator belongs to; default `master`. */
  readonly adminRealm?: string;
  readonly credentials: RealmAdminCredentials;
  readonly timeoutMs?: number;
  /** The realm to apply to; default the contract's (tests apply to a copy). */
  readonly realm?: string;
}

function asProvisionerError(what: string, error: unknown): ProvisionerError {
  if (error instanceof ProvisionerError) return error;
  if (error instanceof NetworkError) return failureFromStatus(error.response.status, error.responseData, what);
  if (isNetworkFailure(error)) return unreachable(what, error);
  return new InternalError(`${what}: unexpected failure`, { cause: error });
}

/** Runs one admin-API request, turning Keycloak's refusals and network failures into the provisioner's errors. */
export async function call<T>(what: string, request: () => Promise<T>): Promise<T> {
  try {
    return await request();
  } catch (error) {
    throw asProvisionerError(what, error);
  }
}

/** API clients read per request when looking for those still on a secret in clear. */
const CLIENT_CHUNK = 500;

function withoutSecrets(rep: Json): Json {
  const { secret: _secret, ...rest } = rep;
  if (rest.attributes) {
    const { 'client.secret.rotated': _rotated, ...attributes } = rest.attributes as Json;
    rest.attributes = attributes;
  }
  return rest;
}

/**
 * The administrator logged in at the first node that answers; a login is safe to repeat on the next node. Keycloak
 * refusing the credentials (wrong password, unknown user, a temporarily locked account) is an `unauthorized` error.
 */
export async function loggedIn(options: RealmGatewayOptions): Promise<KeycloakAdminClient> {
  const { credentials } = options;
  for (const [step, url] of options.keycloakUrls.entries()) {
    const admin = new KeycloakAdminClient({
      baseUrl: url.replace(/\/+$/, ''),
      realmName: options.adminRealm ?? DEFAULTS.adminRealm,
      timeout: options.timeoutMs ?? DEFAULTS.keycloakTimeoutMs,
    });
    try {
      await (credentials.kind === 'user'
        ? admin.auth({ grantType: 'password', clientId: 'admin-cli', username: credentials.username, password: credentials.password })
        : admin.auth({ grantType: 'client_credentials', clientId: credentials.clientId, clientSecret: credentials.clientSecret }));
      return admin;
    } catch (error) {
      if (error instanceof NetworkError && (error.response.status === 400 || error.response.status === 401)) {
        throw new UnauthorizedError(
          `Administrator login: Keycloak refused the credentials of the administrator of realm ${options.adminRealm ?? 'master'} (HTTP ${error.response.status})`,
        );
      }
      const nodeFailed = error instanceof NetworkError ? failureOfStatus(error.response.status) : failureOfTransport(error);
      if (!nodeFailed || step === options.keycloakUrls.length - 1) throw asProvisionerError('Administrator login', error);
    }
  }
  throw new InternalError('Administrator login: no Keycloak URL given');
}

/**
 * Logs in as the realm administrator and returns the gateway for realm `focus`.
 *
 * @example
 * const gateway = await createRealmGateway({ keycloakUrls: [url], credentials: { kind: 'user', username, password } });
 */
export async function createRealmGateway(options: RealmGatewayOptions): Promise<RealmAdminGateway> {
  const admin = await loggedIn(options);
  const realm = options.realm ?? contract.realm;
  admin.setConfig({ realmName: realm });
  const clientUuid = async (clientId: string) => {
    const found = (await call('Find client', () => admin.clients.find({ clientId, search: false }))).find((c) => c.clientId === clientId);
    if (!found?.id) throw new NotFoundError(`No client "${clientId}" in realm ${realm}`);
    return found.id;
  };
  const scopeId = async (name: string) => {
    const scope = (await call('List client scopes', () => admin.clientScopes.find())).find((s) => s.name === name);
    if (!scope?.id) throw new NotFoundError(`No client scope "${name}" in realm ${realm}`);
    return scope.id;
  };

  async function currentClient(clientId: string): Promise<CurrentClient | undefined> {
    const rep = (await call('Read client', () => admin.clients.find({ clientId, search: false }))).find((c) => c.clientId === clientId);
    if (!rep?.id) return undefined;
    const id = rep.id;
    const scopeRoles = await call('Read scope mappings', () => admin.clients.listRealmScopeMappings({ id }));
    const serviceAccountRoles: Record<string, string[]> = {};
    if (rep.serviceAccountsEnabled) {
      const user = await call('Read service account', () => admin.clients.getServiceAccountUser({ id }));
      const mappings = await call('Read service-account roles', () => admin.users.listRoleMappings({ id: user.id! }));
      for (const [ofClient, mapping] of Object.entries(mappings.clientMappings ?? {})) {
        serviceAccountRoles[ofClient] = (mapping.mappings ?? []).map((role: { name?: string }) => role.name ?? '');
      }
    }
    return { rep: withoutSecrets(rep as Json), realmScopeMappings: scopeRoles.map((r) => r.name ?? ''), serviceAccountRoles };
  }

  /**
   * API clients whose secret Keycloak keeps in clear. Keycloak's answers carry those secrets; only the fields below are
   * kept of them.
   */
  async function plainSecretClients(): Promise<PlainSecretClient[]> {
    const found: PlainSecretClient[] = [];
    const q = `${contract.apiClientAttributes.managed}:${contract.markerValue}`;
    for (let first = 0; ; first += CLIENT_CHUNK) {
      const page = await call('List API clients', () => admin.clients.find({ q, first, max: CLIENT_CHUNK }));
      for (const rep of page) {
        if (rep.attributes?.[contract.apiClientAttributes.managed] !== contract.markerValue) continue;
        if (rep.clientAuthenticatorType === contract.secretAuthenticator) continue;
        const until = Number(rep.attributes?.[ROTATED_SECRET_EXPIRATION]);
        found.push({
          id: rep.id ?? '',
          clientId: rep.clientId ?? '',
          name: rep.name,
          previousSecretValidUntil: Number.isSafeInteger(until) && until * 1000 > Date.now() ? until : undefined,
        });
      }
      if (page.length < CLIENT_CHUNK) return found;
    }
  }

  return {
    async read(clientIds) {
      const [roles, clientScopes, profiles, policies, events, realmRep, flows, plain] = await Promise.all([
        call('List realm roles', () => admin.roles.find()),
        call('List client scopes', () => admin.clientScopes.find()),
        call('List client profiles', () => admin.clientPolicies.listProfiles({ includeGlobalProfiles: false })),
        call('List client policies', () => admin.clientPolicies.listPolicies({ includeGlobalPolicies: false })),
        call('Read events configuration', () => admin.realms.getConfigEvents({ realm })),
        call('Read realm', () => admin.realms.findOne({ realm })),
        call('List authentication flows', () => admin.authenticationManagement.getFlows()),
        plainSecretClients(),
      ]);
      const clients: Record<string, CurrentClient> = {};
      for (const clientId of clientIds) {
        const found = await currentClient(clientId);
        if (found) clients[clientId] = found;
      }
      return {
        roles: roles as Json[],
        clientScopes: clientScopes as Json[],
        clients,
        profiles: (profiles.profiles ?? []) as Json[],
        policies: (policies.policies ?? []) as Json[],
        adminEventsIncludeRepresentation: events.adminEventsEnabled === true && events.adminEventsDetailsEnabled === true,
        clientAuthenticationFlow: realmRep?.clientAuthenticationFlow,
        flows: flows as Json[],
        plainSecretClients: plain,
      };
    },
    async createRealmRole(role) {
      await call('Create realm role', () => admin.roles.create(role));
    },
    async updateRealmRole(name, role) {
      await call('Update realm role', () => admin.roles.updateByName({ name }, role));
    },
    async createClientScope(scope) {
      await call('Create client scope', () => admin.clientScopes.create(scope));
    },
    async updateClientScope(id, scope) {
      await call('Update client scope', () => admin.clientScopes.update({ id }, scope));
    },
    async addClientScopeMapper(id, mapper) {
      await call('Add client scope mapper', () => admin.clientScopes.addProtocolMapper({ id }, mapper));
    },
    async updateClientScopeMapper(id, mapperId, mapper) {
      await call('Update client scope mapper', () => admin.clientScopes.updateProtocolMapper({ id, mapperId }, mapper));
    },
    async createClient(client) {
      const { secret: _secret, ...rep } = client;
      const { id } = await call('Create client', () => admin.clients.create(rep));
      return id;
    },
    async updateClient(id, changes) {
      const { secret: _secret, ...rep } = changes;
      await call('Update client', () => admin.clients.update({ id }, rep));
    },
    async addClientMapper(id, mapper) {
      await call('Add client mapper', () => admin.clients.addProtocolMapper({ id }, mapper));
    },
    async updateClientMapper(id, mapperId, mapper) {
      await call('Update client mapper', () => admin.clients.updateProtocolMapper({ id, mapperId }, mapper));
    },
    async addDefaultClientScope(id, scopeName) {
      const clientScopeId = await scopeId(scopeName);
      await call('Add default client scope', () => admin.clients.addDefaultClientScope({ id, clientScopeId }));
    },
    async addOptionalClientScope(id, scopeName) {
      const clientScopeId = await scopeId(scopeName);
      await call('Add optional client scope', () => admin.clients.addOptionalClientScope({ id, clientScopeId }));
    },
    async addRealmScopeMappings(id, roleNames) {
      const roles = await Promise.all(
        roleNames.map(async (name) => {
          const role = await call('Read realm role', () => admin.roles.findOneByName({ name }));
          if (!role?.id) throw new NotFoundError(`No realm role "${name}"`);
          return { id: role.id, name };
        }),
      );
      await call('Add scope mappings', () => admin.clients.addRealmScopeMappings({ id }, roles));
    },
    async addServiceAccountRoles(id, ofClientId, roleNames) {
      const user = await call('Read service account', () => admin.clients.getServiceAccountUser({ id }));
      const ofId = await clientUuid(ofClientId);
      const roles = await Promise.all(
        roleNames.map(async (roleName) => {
          const role = await call('Read client role', () => admin.clients.findRole({ id: ofId, roleName }));
          if (!role?.id) throw new NotFoundError(`No role "${roleName}" of client "${ofClientId}"`);
          return { id: role.id, name: roleName };
        }),
      );
      await call('Add service-account roles', () => admin.users.addClientRoleMappings({ id: user.id!, clientUniqueId: ofId, roles }));
    },
    async putClientProfiles(profiles) {
      await call('Write client profiles', () => admin.clientPolicies.createProfiles({ profiles: [...profiles] }));
    },
    async putClientPolicies(policies) {
      await call('Write client policies', () => admin.clientPolicies.updatePolicy({ policies: [...policies] }));
    },
    async ensureFlow(flow) {
      const exists = (await call('List authentication flows', () => admin.authenticationManagement.getFlows())).some(
        (f) => f.alias === flow.alias,
      );
      if (!exists) {
        await call('Create authentication flow', () =>
          admin.authenticationManagement.createFlow({
            alias: flow.alias,
            description: flow.description,
            providerId: flow.providerId,
            topLevel: true,
            builtIn: false,
          }),
        );
      }
      const executions = () => call('Read flow executions', () => admin.authenticationManagement.getExecutions({ flow: flow.alias }));
      const held = new Set((await executions()).map((e) => e.providerId));
      for (const step of flow.steps) {
        if (held.has(step.authenticator)) continue;
        await call('Add flow execution', () =>
          admin.authenticationManagement.addExecutionToFlow({ flow: flow.alias, provider: step.authenticator }),
        );
      }
      for (const step of flow.steps) {
        const execution = (await executions()).find((e) => e.providerId === step.authenticator);
        if (execution && execution.requirement !== step.requirement) {
          await call('Set execution requirement', () =>
            admin.authenticationManagement.updateExecution({ flow: flow.alias }, { ...execution, requirement: step.requirement }),
          );
        }
      }
      // The file's order: each step raised until it stands where the file puts it (other executions end up after them).
      for (const [position, step] of flow.steps.entries()) {
        for (;;) {
          const order = (await executions()).filter((e) => e.level === 0);
          const index = order.findIndex((e) => e.providerId === step.authenticator);
          if (index <= position) break;
          await call('Order flow executions', () => admin.authenticationManagement.raisePriorityExecution({ id: order[index]!.id! }));
        }
      }
    },
    async bindClientAuthenticationFlow(alias) {
      await call('Bind client authentication flow', () => admin.realms.update({ realm }, { clientAuthenticationFlow: alias }));
    },
    async setAdminEventsIncludeRepresentation(include) {
      // Keycloak replaces the whole events configuration: send back what it holds, with the one change.
      const config = await call('Read events configuration', () => admin.realms.getConfigEvents({ realm }));
      await call('Write events configuration', () =>
        admin.realms.updateConfigEvents({ realm }, { ...config, adminEventsDetailsEnabled: include }),
      );
    },
  };
}
