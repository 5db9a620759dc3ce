/**
 * The one module that talks to Keycloak's admin API and the extension's endpoints: every operation's requests over
 * node-http.ts, the rare ones (client scopes, the events configuration, the readiness probe) through
 * @keycloak/keycloak-admin-client. It fixes the realm, authenticates as the provisioner's service account (renewing
 * the token before it expires), strips secrets from every client it hands out, and turns Keycloak's HTTP errors and
 * network failures into the provisioner's errors. Given several Keycloak nodes, it works against the first node in
 * use and fails over to the next when a node fails (the rule is in failover.ts).
 */
import KeycloakAdminClient, { NetworkError } from '@keycloak/keycloak-admin-client';
import type ClientRepresentation from '@keycloak/keycloak-admin-client/lib/defs/clientRepresentation.js';
import type CredentialRepresentation from '@keycloak/keycloak-admin-client/lib/defs/credentialRepresentation.js';
import { contract, type RefusalReason } from '@focus-api-access/contract';
import { DEFAULTS } from '../config.js';
import { ConflictError, InternalError, NotFoundError, ProvisionerError, UnavailableError } from '../core/errors.js';
import type {
  ActingPerson,
  ActivityRecord,
  ClientChanges,
  ClientListing,
  ClientRecord,
  HistoryQuery,
  HistoryRecord,
  KeycloakGateway,
  NewClient,
  NodeStatus,
  RefusalSourceRecord,
  ScopeRecord,
} from '../core/gateway.js';
import { failureOfStatus, failureOfTransport, mayTryNextNode, type HttpMethod, type NodeFailure } from './failover.js';
import { failureFromStatus, unreachable } from './failures.js';
import { createNodePool } from './node-pool.js';
import { nodeHttp, type NodeAnswer, type NodeHttp, type NodeRequest } from './node-http.js';
import { keycloakUrlsOf } from './node-urls.js';
import { serviceAccountToken, ServiceAccountTokenError, type ServiceAccountToken } from './service-account-token.js';

/** What the operator should hear about: a node taken out of use, and a node back in use. No secret in either. */
export type NodeEvent =
  | { readonly kind: 'failover'; readonly from: string; readonly to: string | undefined; readonly reason: string }
  | { readonly kind: 'recovered'; readonly url: string };

export interface GatewayOptions {
  /**
   * Base URL the provisioner reaches Keycloak at (no `/realms/...`), or one per Keycloak node of a cluster, in order
   * of preference.
   */
  readonly keycloakUrl: string | readonly string[];
  readonly clientId?: string;
  readonly clientSecret: string;
  /** Per request, including the token request. */
  readonly timeoutMs?: number;
  readonly realm?: string;
  /** How long a failed node stays out of use before it is probed again; default 30 s. */
  readonly retryDownNodeAfterMs?: number;
  /** Told when a node is taken out of use or comes back (for the log). */
  readonly onNodeEvent?: (event: NodeEvent) => void;
}

const attr = contract.apiClientAttributes;
/** Nobody outside Keycloak needs a digest: it never leaves the gateway (nor does Keycloak's own `client.secret.*`). */
const DIGESTS: ReadonlySet<string> = new Set([attr.secretDigest, attr.previousSecretDigest]);

/** Attributes a client record may carry out of the gateway: ours, without the digests. */
function keptAttribute(key: string): boolean {
  return key.startsWith('focus.') && !DIGESTS.has(key);
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

/**
 * The fixed shape of an API client in Keycloak: confidential, service account only, no full scope, authenticated by its
 * secret's digest (Keycloak keeps no secret of it in clear).
 */
export function clientRepresentation(client: NewClient): ClientRepresentation {
  return {
    clientId: client.clientId,
    name: client.name,
    enabled: true,
    protocol: 'openid-connect',
    publicClient: false,
    bearerOnly: false,
    clientAuthenticatorType: contract.secretAuthenticator,
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

/**
 * A collision of simultaneous changes to one client: Keycloak answers 409, or 500 when its transaction fails (and
 * rolls back). Not 502/503/504 nor a lost answer: those may hide a change that was made, and repeating a secret
 * generation would push the vendor's working secret out of its grace period.
 */
function isCollision(error: unknown): boolean {
  return error instanceof ConflictError || (error instanceof UnavailableError && error.keycloakStatus === 500);
}

/**
 * A change to one client that Keycloak forbids this account outright: its own `realm-management` client, which no
 * holder of manage-clients may change. Like any client that is not an API client, it is "not found". (A role missing
 * altogether shows on create and list, which are not about one client.)
 */
async function forbiddenIsNotFound<T>(what: string, request: Promise<T>): Promise<T> {
  try {
    return await request;
  } catch (error) {
    if (error instanceof NetworkError && error.response.status === 403) throw new NotFoundError(`${what}: not found`);
    throw error;
  }
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

/** The header Keycloak's secret-generation executor reads the request's key from (keycloak-extension/README.md). */
export const REQUEST_KEY_HEADER = 'Idempotency-Key';

/** What the extension's read endpoint answers (see keycloak-extension, read/ReadResource.java). */
interface ReadEndpointListing {
  readonly total: number;
  readonly clients: ReadonlyArray<ClientRepresentation & { lastUse?: { time: number; address: string } }>;
}

/**
 * A request to the extension's endpoint on one node (`/realms/{realm}/focus-api-access/…`) with the service account's
 * token and the given headers. Its own 404 (`error: not_found`: no managed client with that id) is `undefined`; a 404 of
 * Keycloak itself means the extension is not installed on that node.
 */
async function readEndpoint<T>(
  node: Node,
  realm: string,
  headers: Readonly<Record<string, string>>,
  path: string,
  query: Readonly<Record<string, string | number | undefined>> = {},
  change?: { readonly method: 'POST' | 'PUT' | 'DELETE'; readonly body?: unknown },
): Promise<T | undefined> {
  try {
    const answer = await node.http.send({
      method: change?.method ?? 'GET',
      path: `/realms/${encodeURIComponent(realm)}/${contract.readEndpoint}${path}`,
      query,
      headers: { ...headers, authorization: `Bearer ${await node.token.get()}`, accept: 'application/json' },
      body: change?.body,
    });
    if (answer.status === 204) return true as T;
    return answer.data as T;
  } catch (error) {
    if (error instanceof NetworkError && error.response.status === 404) {
      if ((error.responseData as { error?: unknown } | undefined)?.error === 'not_found') return undefined;
      throw new InternalError(`Keycloak at ${node.url} has no ${contract.readEndpoint} endpoint: is the FOCUS extension installed?`);
    }
    throw error;
  }
}

/**
 * One Keycloak node: its own service-account token (issued by that node), the connection pool of every operation's
 * requests (node-http.ts) and the admin client of the rare ones.
 */
interface Node {
  readonly url: string;
  readonly admin: KeycloakAdminClient;
  readonly http: NodeHttp;
  readonly token: ServiceAccountToken;
}

type Outcome<T> =
  { readonly ok: true; readonly value: T } | { readonly ok: false; readonly failure: NodeFailure; readonly error: ProvisionerError };

/**
 * Creates the gateway over the admin API of realm `focus`.
 *
 * @example
 * const gateway = createKeycloakGateway({ keycloakUrl: ['http://kc-1:8080', 'http://kc-2:8080'], clientSecret });
 * await gateway.ping();
 */
export function createKeycloakGateway(options: GatewayOptions): KeycloakGateway {
  const realm = options.realm ?? contract.realm;
  const timeoutMs = options.timeoutMs ?? DEFAULTS.keycloakTimeoutMs;
  const nodes: readonly Node[] = keycloakUrlsOf(options.keycloakUrl).map((url) => {
    const token = serviceAccountToken({
      tokenEndpoint: `${url}/realms/${realm}/protocol/openid-connect/token`,
      clientId: options.clientId ?? contract.clients.provisioner,
      clientSecret: options.clientSecret,
      timeoutMs,
    });
    const admin = new KeycloakAdminClient({ baseUrl: url, realmName: realm, timeout: timeoutMs });
    admin.registerTokenProvider({ getAccessToken: () => token.get() });
    return { url, admin, http: nodeHttp(url, timeoutMs), token };
  });
  const pool = createNodePool(
    nodes.length,
    options.retryDownNodeAfterMs === undefined ? {} : { retryAfterMs: options.retryDownNodeAfterMs },
  );
  const tell = options.onNodeEvent ?? (() => undefined);
  const managedQuery = `${contract.apiClientAttributes.managed}:${contract.markerValue}`;

  /** One call on one node: Keycloak's verdict (value or error), or the node's failure. */
  async function onNode<T>(node: Node, what: string, request: (admin: KeycloakAdminClient, node: Node) => Promise<T>): Promise<Outcome<T>> {
    for (let attempt = 0; ; attempt++) {
      try {
        return { ok: true, value: await request(node.admin, node) };
      } catch (error) {
        if (error instanceof ServiceAccountTokenError && error.nodeFailure) return { ok: false, failure: error.nodeFailure, error };
        if (error instanceof ProvisionerError) throw error;
        if (error instanceof NetworkError) {
          const { status } = error.response;
          if (status === 401 && attempt === 0) {
            node.token.invalidate();
            continue;
          }
          const mapped = failureFromStatus(status, error.responseData, what);
          const failure = failureOfStatus(status);
          if (failure) return { ok: false, failure, error: mapped };
          throw mapped;
        }
        const failure = failureOfTransport(error);
        if (failure) return { ok: false, failure, error: unreachable(what, error) };
        throw new InternalError(`${what}: unexpected failure`, { cause: error });
      }
    }
  }

  function nodeFailed(index: number, failure: NodeFailure): void {
    if (!pool.markDown(index, failure.reason)) return;
    const next = pool.current();
    tell({ kind: 'failover', from: nodes[index]!.url, to: next === undefined ? undefined : nodes[next]!.url, reason: failure.reason });
  }

  function nodeAnswered(index: number): void {
    if (pool.markUp(index)) tell({ kind: 'recovered', url: nodes[index]!.url });
  }

  /** The cheapest call that proves a node's admin API accepts the service account. */
  const probeRequest = (admin: KeycloakAdminClient) => admin.clients.find({ q: managedQuery, first: 0, max: 1 });

  /** Asks one node, outside any user request. Undefined when it answered; else why not. */
  async function probe(index: number): Promise<ProvisionerError | undefined> {
    try {
      const outcome = await onNode(nodes[index]!, 'Readiness', probeRequest);
      if (outcome.ok) {
        nodeAnswered(index);
        return undefined;
      }
      nodeFailed(index, outcome.failure);
      return outcome.error;
    } catch (error) {
      // Keycloak's verdict, e.g. 403 (a role missing) or 401 (wrong secret): the node answers, the deployment is wrong.
      return error instanceof ProvisionerError ? error : new InternalError('Readiness: unexpected failure', { cause: error });
    }
  }

  /** Nodes out of use are probed in the background, so that no user request waits on a node that may be dead. */
  function probeDueNodes(): void {
    for (const index of pool.dueForProbe()) void probe(index);
  }

  /**
   * Runs one admin call on the node in use, and on the next ones while the failure allows it (failover.ts). Every
   * node is tried at most once per call.
   */
  async function callOnNodes<T>(
    what: string,
    method: HttpMethod,
    request: (admin: KeycloakAdminClient, node: Node) => Promise<T>,
  ): Promise<T> {
    probeDueNodes();
    const order = pool.attemptOrder();
    let mayHaveActed = false;
    for (const [step, index] of order.entries()) {
      let outcome: Outcome<T>;
      try {
        outcome = await onNode(nodes[index]!, what, request);
      } catch (error) {
        // A DELETE repeated after the previous node may have done it: "not found" then means done. (Every DELETE of
        // this gateway answers nothing.)
        if (method === 'DELETE' && mayHaveActed && error instanceof NotFoundError) return undefined as T;
        throw error;
      }
      if (outcome.ok) {
        nodeAnswered(index);
        return outcome.value;
      }
      nodeFailed(index, outcome.failure);
      mayHaveActed ||= outcome.failure.mayHaveActed;
      if (step === order.length - 1 || !mayTryNextNode(method, outcome.failure)) throw outcome.error;
    }
    throw new InternalError(`${what}: no Keycloak node configured`);
  }

  /** Path of one client in the admin API. */
  const clientPath = (id: string) => `/admin/realms/${encodeURIComponent(realm)}/clients/${encodeURIComponent(id)}`;

  /** A request to the admin API with the service account's token and these headers. */
  async function adminRequest(
    node: Node,
    headers: Readonly<Record<string, string>>,
    request: Omit<NodeRequest, 'headers'>,
  ): Promise<NodeAnswer> {
    return node.http.send({
      ...request,
      headers: { ...headers, authorization: `Bearer ${await node.token.get()}`, accept: 'application/json' },
    });
  }

  /** A change through the extension's endpoint; its "no API client with this id" is `not_found`. */
  async function changeEndpoint(
    node: Node,
    headers: Readonly<Record<string, string>>,
    path: string,
    change: { readonly method: 'POST' | 'PUT' | 'DELETE'; readonly body?: unknown },
  ): Promise<void> {
    const done = await readEndpoint<true>(node, realm, headers, path, {}, change);
    if (done === undefined) throw new NotFoundError(`No API client at ${path}`);
  }

  /**
   * The gateway whose requests carry these headers (the person the provisioner acts for, the request's id), except
   * the reads through the admin client, which Keycloak records nowhere.
   */
  function gatewayWith(acting: Readonly<Record<string, string>>): KeycloakGateway {
    return {
      actingFor(person: ActingPerson): KeycloakGateway {
        return gatewayWith(actingHeaders(person));
      },
      async listClientScopes(): Promise<ScopeRecord[]> {
        const scopes = await callOnNodes('List client scopes', 'GET', (admin) => admin.clientScopes.find());
        return scopes.map((s) => ({
          id: s.id ?? '',
          name: s.name ?? '',
          description: s.description || undefined,
          attributes: Object.fromEntries(Object.entries(s.attributes ?? {}).filter(([, v]) => typeof v === 'string')) as Record<
            string,
            string
          >,
        }));
      },
      async createClient(client) {
        const answer = await callOnNodes('Create client', 'POST', (_admin, node) =>
          adminRequest(node, acting, {
            method: 'POST',
            path: `/admin/realms/${encodeURIComponent(realm)}/clients`,
            body: clientRepresentation(client),
          }),
        );
        // Keycloak names the new client only in the Location header: …/clients/{id}.
        const id = answer.location?.split('/').pop();
        if (!id) throw new InternalError('Create client: Keycloak named no new client');
        return decodeURIComponent(id);
      },
      async findClientById(id) {
        try {
          const answer = await callOnNodes('Read client', 'GET', (_admin, node) =>
            adminRequest(node, acting, { method: 'GET', path: clientPath(id) }),
          );
          return toClientRecord(answer.data as ClientRepresentation);
        } catch (error) {
          // No such client; or Keycloak's guard refused the service account a look at one that is not an API client.
          if (error instanceof NotFoundError) return undefined;
          throw error;
        }
      },
      async findClientByClientId(clientId) {
        const answer = await callOnNodes('Find client', 'GET', (_admin, node) =>
          adminRequest(node, acting, {
            method: 'GET',
            path: `/admin/realms/${encodeURIComponent(realm)}/clients`,
            query: { clientId, search: 'false' },
          }),
        );
        const rep = (answer.data as ClientRepresentation[]).find((r) => r.clientId === clientId);
        return rep ? toClientRecord(rep) : undefined;
      },
      async listApiClients(query): Promise<ClientListing> {
        const answer = await callOnNodes('List API clients', 'GET', (_admin, node) =>
          readEndpoint<ReadEndpointListing>(node, realm, acting, '/clients', {
            search: query.search,
            first: query.first,
            max: query.max,
          }),
        );
        if (!answer) throw new InternalError('List API clients: the read endpoint answered 404');
        return {
          total: answer.total,
          clients: answer.clients.map((rep) => ({ ...toClientRecord(rep), lastUse: rep.lastUse })),
        };
      },
      async updateClient(id, changes: ClientChanges, options = {}) {
        // Keycloak's own update, through the extension so that the answer is the client after it (the admin API
        // answers nothing). Always an attributes map, so that an update never looks like one that clears them; an
        // attribute sent empty is removed and unmentioned ones are left alone.
        const body: ClientRepresentation = {
          ...(changes.name !== undefined ? { name: changes.name } : {}),
          ...(changes.enabled !== undefined ? { enabled: changes.enabled } : {}),
          attributes: Object.fromEntries(Object.entries(changes.attributes ?? {}).map(([k, v]) => [k, v ?? ''])),
        };
        const path = `/clients/${encodeURIComponent(id)}`;
        const headers = options.confirmExcludedAddresses ? { ...acting, [contract.confirmExcludedAddressesHeader]: 'true' } : acting;
        const rep = await callOnNodes('Update client', 'PUT', (_admin, node) =>
          readEndpoint<ClientRepresentation>(node, realm, headers, path, {}, { method: 'PUT', body }),
        );
        if (!rep) throw new NotFoundError(`No API client at ${path}`);
        return toClientRecord(rep);
      },
      async setServices(id, scopeNames) {
        await callOnNodes('Change services', 'PUT', (_admin, node) =>
          changeEndpoint(node, acting, `/clients/${encodeURIComponent(id)}/services`, { method: 'PUT', body: { services: scopeNames } }),
        );
      },
      async recordFailedChange(id, change) {
        await callOnNodes('Record failed change', 'POST', (_admin, node) =>
          changeEndpoint(node, acting, `/clients/${encodeURIComponent(id)}/failed-changes`, { method: 'POST', body: change }),
        );
      },
      async history(query: HistoryQuery) {
        const answer = await callOnNodes('Read history', 'GET', (_admin, node) =>
          readEndpoint<{ total: number; items: HistoryRecord[] }>(node, realm, acting, '/history', {
            client: query.client,
            person: query.person,
            action: query.action,
            from: query.from,
            to: query.to,
            first: query.first,
            max: query.max,
          }),
        );
        if (!answer) throw new InternalError('Read history: the read endpoint answered 404');
        return answer;
      },
      async deleteClient(id) {
        await callOnNodes('Delete client', 'DELETE', (_admin, node) =>
          forbiddenIsNotFound('Delete client', adminRequest(node, acting, { method: 'DELETE', path: clientPath(id) })),
        );
      },
      async regenerateSecret(id, requestKey, lifetimeDays) {
        // Simultaneous regenerations of one client collide in Keycloak's attribute rows: try again (a collision rolls the
        // generation back, and the key keeps a repeated one from rotating twice).
        // The request's key, which Keycloak stores with the new secret's digest, and the secret's lifetime.
        const headers: Record<string, string> = { ...acting, [REQUEST_KEY_HEADER]: requestKey };
        if (lifetimeDays !== undefined) headers[contract.secretLifetimeHeader] = String(lifetimeDays);
        const answer = await retryOnCollision(() =>
          callOnNodes('Generate secret', 'POST', (_admin, node) =>
            forbiddenIsNotFound(
              'Generate secret',
              adminRequest(node, headers, { method: 'POST', path: `${clientPath(id)}/client-secret` }),
            ),
          ),
        );
        const credential = (answer.data ?? {}) as CredentialRepresentation;
        if (typeof credential.value !== 'string' || credential.value === '')
          throw new InternalError('Generate secret: Keycloak returned no secret');
        return credential.value;
      },
      async endPreviousSecret(id) {
        // Keycloak's extension acts on this attribute in the same transaction and keeps nothing of it; as an update, it
        // goes through the guard like any change (a client that is not an API client is "not found").
        const rep: ClientRepresentation = { attributes: { [attr.endPreviousSecret]: 'now' } };
        await retryOnCollision(() =>
          callOnNodes('End previous secret', 'PUT', (_admin, node) =>
            forbiddenIsNotFound('End previous secret', adminRequest(node, acting, { method: 'PUT', path: clientPath(id), body: rep })),
          ),
        );
      },
      async clientActivity(id): Promise<ActivityRecord | undefined> {
        const answer = await callOnNodes('Read activity', 'GET', (_admin, node) =>
          readEndpoint<Omit<ActivityRecord, 'client'> & { client: ClientRepresentation }>(
            node,
            realm,
            acting,
            `/clients/${encodeURIComponent(id)}/activity`,
          ),
        );
        return answer && { ...answer, client: toClientRecord(answer.client) };
      },
      async realmSettings() {
        const answer = await callOnNodes('Read realm settings', 'GET', (_admin, node) =>
          readEndpoint<{ secretGraceSeconds: number }>(node, realm, acting, '/settings'),
        );
        if (!answer) throw new InternalError('Read realm settings: the read endpoint answered 404');
        return answer;
      },
      async refusalSources(id: string, reason: RefusalReason, page) {
        return callOnNodes('Read refusals', 'GET', (_admin, node) =>
          readEndpoint<{ total: number; items: RefusalSourceRecord[] }>(
            node,
            realm,
            acting,
            `/clients/${encodeURIComponent(id)}/refusals`,
            {
              reason,
              first: page.first,
              max: page.max,
            },
          ),
        );
      },
      async adminEventsIncludeRepresentation() {
        const config = await callOnNodes('Read events configuration', 'GET', (admin) => admin.realms.getConfigEvents({ realm }));
        return config.adminEventsEnabled === true && config.adminEventsDetailsEnabled === true;
      },
      async ping(): Promise<readonly NodeStatus[]> {
        const errors = await Promise.all(nodes.map((_, index) => probe(index)));
        if (errors.every((e) => e !== undefined)) throw errors[0]!;
        return pool.health().map(({ index, up, reason }) => ({ url: nodes[index]!.url, up, ...(reason ? { reason } : {}) }));
      },
    };
  }

  return gatewayWith({});
}

/**
 * The headers naming the person behind a change; Keycloak honours them from the provisioner's account only. Values are
 * percent-encoded UTF-8: a header carries Latin-1 at most, and a username may be any Unicode.
 */
export function actingHeaders(person: ActingPerson): Record<string, string> {
  const headers: Record<string, string> = {
    [contract.history.actingSubjectHeader]: encodeURIComponent(person.subject),
    [contract.history.actingUsernameHeader]: encodeURIComponent(person.username),
  };
  if (person.requestId !== undefined) headers[contract.history.requestIdHeader] = person.requestId;
  return headers;
}
