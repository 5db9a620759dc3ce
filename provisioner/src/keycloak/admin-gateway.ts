/**
 * The one module that talks to Keycloak's admin API (through @keycloak/keycloak-admin-client).
 * It fixes the realm, authenticates as the provisioner's service account (renewing the token before
 * it expires), strips secrets from every client it hands out, and turns Keycloak's HTTP errors and
 * network failures into the provisioner's errors.
 */
import KeycloakAdminClient, { NetworkError } from '@keycloak/keycloak-admin-client';
import type ClientRepresentation from '@keycloak/keycloak-admin-client/lib/defs/clientRepresentation.js';
import { contract } from '@focus-api-access/contract';
import { ROTATED_SECRET_EXPIRATION } from '../core/api-client.js';
import { ConflictError, InternalError, ProvisionerError, UnavailableError } from '../core/errors.js';
import type { ClientChanges, ClientRecord, EventRecord, KeycloakGateway, NewClient, ScopeRecord } from '../core/gateway.js';
import { failureFromStatus, isNetworkFailure, unreachable } from './failures.js';
import { serviceAccountToken } from './service-account-token.js';

export interface GatewayOptions {
  /** Base URL the provisioner reaches Keycloak at (no `/realms/...`). */
  readonly keycloakUrl: string;
  readonly clientId?: string;
  readonly clientSecret: string;
  /** Per request, including the token request. */
  readonly timeoutMs?: number;
  readonly realm?: string;
}

/** Attributes a client record may carry out of the gateway: ours, and the rotated secret's expiry (never the rotated secret). */
function keptAttribute(key: string): boolean {
  return key.startsWith('focus.') || key === ROTATED_SECRET_EXPIRATION;
}

export function toClientRecord(rep: ClientRepresentation): ClientRecord {
  const attributes: Record<string, string> = {};
  for (const [key, value] of Object.entries(rep.attributes ?? {})) {
    if (keptAttribute(key) && (typeof value === 'string' || typeof value === 'number')) attributes[key] = String(value);
  }
  return {
    id: rep.id ?? '',
    clientId: rep.clientId ?? '',
    name: rep.name,
    enabled: rep.enabled ?? true,
    attributes,
    defaultClientScopes: [...(rep.defaultClientScopes ?? [])],
  };
}

/** The fixed shape of an API client in Keycloak: confidential, service account only, no full scope. */
export function clientRepresentation(client: NewClient): ClientRepresentation {
  return {
    clientId: client.clientId,
    name: client.name,
    enabled: true,
    protocol: 'openid-connect',
    publicClient: false,
    bearerOnly: false,
    clientAuthenticatorType: 'client-secret',
    standardFlowEnabled: false,
    implicitFlowEnabled: false,
    directAccessGrantsEnabled: false,
    serviceAccountsEnabled: true,
    consentRequired: false,
    frontchannelLogout: false,
    fullScopeAllowed: false,
    redirectUris: [],
    webOrigins: [],
    attributes: {
      'oauth2.device.authorization.grant.enabled': 'false',
      'oidc.ciba.grant.enabled': 'false',
      ...client.attributes,
    },
    defaultClientScopes: [...client.defaultClientScopes],
    optionalClientScopes: [],
  };
}

/** A collision of simultaneous changes to one client: Keycloak answers 409, or 500 when its transaction fails. */
function isCollision(error: unknown): boolean {
  return error instanceof ConflictError || (error instanceof UnavailableError && (error.keycloakStatus ?? 0) >= 500);
}

/** For requests that may simply be repeated (generating or revoking a secret). */
async function retryOnCollision<T>(request: () => Promise<T>, attempts = 5): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await request();
    } catch (error) {
      if (!isCollision(error) || attempt >= attempts) throw error;
      await new Promise((resolve) => setTimeout(resolve, 50 + Math.random() * 200 * attempt));
    }
  }
}

/**
 * Creates the gateway over the admin API of realm `focus`.
 *
 * @example
 * const gateway = createKeycloakGateway({ keycloakUrl: 'http://localhost:8080', clientSecret });
 * await gateway.ping();
 */
export function createKeycloakGateway(options: GatewayOptions): KeycloakGateway {
  const realm = options.realm ?? contract.realm;
  const base = options.keycloakUrl.replace(/\/+$/, '');
  const timeoutMs = options.timeoutMs ?? 10_000;
  const token = serviceAccountToken({
    tokenEndpoint: `${base}/realms/${realm}/protocol/openid-connect/token`,
    clientId: options.clientId ?? contract.clients.provisioner,
    clientSecret: options.clientSecret,
    timeoutMs,
  });
  const admin = new KeycloakAdminClient({ baseUrl: base, realmName: realm, timeout: timeoutMs });
  admin.registerTokenProvider({ getAccessToken: () => token.get() });
  const managedQuery = `${contract.apiClientAttributes.managed}:${contract.markerValue}`;

  async function call<T>(what: string, request: () => Promise<T>): Promise<T> {
    for (let attempt = 0; ; attempt++) {
      try {
        return await request();
      } catch (error) {
        if (error instanceof ProvisionerError) throw error;
        if (error instanceof NetworkError) {
          if (error.response.status === 401 && attempt === 0) {
            token.invalidate();
            continue;
          }
          throw failureFromStatus(error.response.status, error.responseData, what);
        }
        if (isNetworkFailure(error)) throw unreachable(what, error);
        throw new InternalError(`${what}: unexpected failure`, { cause: error });
      }
    }
  }

  return {
    async listClientScopes(): Promise<ScopeRecord[]> {
      const scopes = await call('List client scopes', () => admin.clientScopes.find());
      return scopes.map((s) => ({
        id: s.id ?? '',
        name: s.name ?? '',
        description: s.description || undefined,
        attributes: Object.fromEntries(Object.entries(s.attributes ?? {}).filter(([, v]) => typeof v === 'string')) as Record<string, string>,
      }));
    },
    async createClient(client) {
      const { id } = await call('Create client', () => admin.clients.create(clientRepresentation(client)));
      return id;
    },
    async findClientById(id) {
      const rep = await call('Read client', () => admin.clients.findOne({ id }, { catchNotFound: true }));
      return rep ? toClientRecord(rep) : undefined;
    },
    async findClientByClientId(clientId) {
      const reps = await call('Find client', () => admin.clients.find({ clientId, search: false }));
      const rep = reps.find((r) => r.clientId === clientId);
      return rep ? toClientRecord(rep) : undefined;
    },
    async listManagedClients(page) {
      const reps = await call('List API clients', () => admin.clients.find({ q: managedQuery, first: page.first, max: page.max }));
      return reps.map(toClientRecord);
    },
    async searchClientsByClientId(fragment, page) {
      const reps = await call('Search clients', () => admin.clients.find({ clientId: fragment, search: true, first: page.first, max: page.max }));
      return reps.map(toClientRecord);
    },
    async updateClient(id, changes: ClientChanges) {
      // Always an attributes map: Keycloak's secret-rotation executor reads the proposed attributes on update.
      const rep: ClientRepresentation = { attributes: {} };
      if (changes.name !== undefined) rep.name = changes.name;
      if (changes.enabled !== undefined) rep.enabled = changes.enabled;
      if (changes.attributes) {
        // Keycloak removes an attribute sent with an empty value and leaves unmentioned ones alone.
        rep.attributes = Object.fromEntries(Object.entries(changes.attributes).map(([k, v]) => [k, v ?? '']));
      }
      await call('Update client', () => admin.clients.update({ id }, rep));
    },
    async addDefaultClientScope(id, clientScopeId) {
      await call('Add service', () => admin.clients.addDefaultClientScope({ id, clientScopeId }));
    },
    async removeDefaultClientScope(id, clientScopeId) {
      await call('Remove service', () => admin.clients.delDefaultClientScope({ id, clientScopeId }));
    },
    async deleteClient(id) {
      await call('Delete client', () => admin.clients.del({ id }));
    },
    async regenerateSecret(id) {
      // Simultaneous regenerations of one client collide in Keycloak's attribute rows: try again.
      const credential = await retryOnCollision(() => call('Generate secret', () => admin.clients.generateNewClientSecret({ id })));
      if (typeof credential.value !== 'string' || credential.value === '') throw new InternalError('Generate secret: Keycloak returned no secret');
      return credential.value;
    },
    async revokeRotatedSecret(id) {
      await retryOnCollision(() => call('Revoke previous secret', () => admin.clients.invalidateSecret({ id })));
    },
    async findEvents(query): Promise<EventRecord[]> {
      const events = await call('Read events', () =>
        admin.realms.findEvents({ realm, client: query.clientId, type: query.type as never, max: query.max }),
      );
      return events.map((e) => ({
        time: e.time ?? 0,
        type: String(e.type ?? ''),
        clientId: e.clientId,
        ipAddress: e.ipAddress,
        error: e.error,
        details: Object.fromEntries(Object.entries(e.details ?? {}).map(([k, v]) => [k, String(v)])),
      }));
    },
    async ping() {
      await call('Readiness', () => admin.clients.find({ q: managedQuery, first: 0, max: 1 }));
    },
  };
}
