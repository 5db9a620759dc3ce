/**
 * What several benchmarks share: a realm administrator, a user token for the provisioner's API, the provisioner
 * itself, seeding many API clients, and counting the requests that reach Keycloak.
 */
import diagnosticsChannel from 'node:diagnostics_channel';
import KeycloakAdminClient from '@keycloak/keycloak-admin-client';
import { contract } from '@focus-api-access/contract';
import { startProvisioner, type RunningProvisioner } from '@focus-api-access/provisioner';
import type { RunningKeycloak } from '@focus-api-access/stack';
import { clientIdFor, nameKey } from '../../provisioner/src/core/index.js';
import { ensureLoginClient, TEST_AUTHORIZED_PARTIES } from '../../tests/support/login-client.js';
import { clientRepresentation } from '../../provisioner/src/keycloak/admin-gateway.js';

/** The service every seeded API client gets. */
export const SERVICE = 'openhappening-eaglebe';

export interface RealmAdmin {
  /** Works on realm `focus`, logged in as the bootstrap administrator of `master`. */
  readonly admin: KeycloakAdminClient;
  close(): void;
}

/**
 * The bootstrap administrator, working on realm `focus`. `auth` always asks the client's current realm, so a
 * second client keeps the master login and hands its token over; the token (60 s) is renewed every 30 s.
 */
export async function realmAdmin(keycloak: RunningKeycloak): Promise<RealmAdmin> {
  const login = new KeycloakAdminClient({ baseUrl: keycloak.url, realmName: 'master' });
  const admin = new KeycloakAdminClient({ baseUrl: keycloak.url, realmName: contract.realm });
  const renew = async () => {
    await login.auth({ grantType: 'password', clientId: 'admin-cli', ...keycloak.secrets.bootstrapAdmin });
    admin.setAccessToken(login.accessToken!);
  };
  await renew();
  const timer = setInterval(() => void renew().catch(() => undefined), 30_000);
  return { admin, close: () => clearInterval(timer) };
}

/** The representation of a managed API client as the provisioner makes it (service account, one service). */
export function apiClient(name: string): ReturnType<typeof clientRepresentation> {
  return clientRepresentation({
    clientId: clientIdFor(name, nameKey(name)),
    name,
    attributes: { [contract.apiClientAttributes.managed]: contract.markerValue },
    defaultClientScopes: ['basic', SERVICE],
  });
}

/**
 * Creates clients with at most `parallel` admin requests in flight (Keycloak's partial import is far slower per
 * client than single creates). Returns the new clients' ids.
 */
export async function seedClients(
  admin: KeycloakAdminClient,
  representations: readonly Parameters<KeycloakAdminClient['clients']['create']>[0][],
  options: { parallel?: number; log?: (line: string) => void } = {},
): Promise<string[]> {
  const ids: string[] = [];
  let next = 0;
  const started = Date.now();
  await Promise.all(
    Array.from({ length: options.parallel ?? 6 }, async () => {
      while (next < representations.length) {
        const rep = representations[next++]!;
        ids.push((await admin.clients.create(rep)).id);
        if (ids.length % 1000 === 0)
          options.log?.(`  seeded ${ids.length}/${representations.length} clients (${Math.round((Date.now() - started) / 1000)} s)`);
      }
    }),
  );
  return ids;
}

export async function deleteClients(admin: KeycloakAdminClient, ids: readonly string[], parallel = 6): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: parallel }, async () => {
      while (next < ids.length) await admin.clients.del({ id: ids[next++]! });
    }),
  );
}

/**
 * A beheerder's access token for the provisioner's API, through a throw-away password-grant client with
 * focus-admin's audience; `remove` deletes it.
 */
export async function managerToken(
  keycloak: RunningKeycloak,
  admin: KeycloakAdminClient,
): Promise<{ token(): Promise<string>; remove(): Promise<void> }> {
  const { clientId, id } = await ensureLoginClient(admin, true);
  return {
    async token() {
      const response = await fetch(keycloak.tokenEndpoint, {
        method: 'POST',
        body: new URLSearchParams({
          grant_type: 'password',
          client_id: clientId,
          username: contract.demoUsers.manager,
          password: keycloak.secrets.demoPassword,
        }),
      });
      const body = (await response.json()) as { access_token?: string; error?: string };
      if (!body.access_token) throw new Error(`no token for ${contract.demoUsers.manager}: ${body.error ?? response.status}`);
      return body.access_token;
    },
    remove: () => admin.clients.del({ id }),
  };
}

/** The provisioner in this process, on a free port (or the given one), quiet, without a credentials rate limit. */
export function benchProvisioner(
  keycloak: RunningKeycloak,
  options: { port?: number; staticRoot?: string } = {},
): Promise<RunningProvisioner> {
  return startProvisioner({
    keycloakUrl: keycloak.url,
    provisionerSecret: keycloak.secrets.provisionerSecret,
    port: options.port ?? 0,
    ...(options.staticRoot ? { staticRoot: options.staticRoot } : {}),
    logLevel: 'warn',
    credentialsPerMinute: 10_000,
    authorizedParties: TEST_AUTHORIZED_PARTIES,
    log: () => undefined,
  });
}

/**
 * Counts the requests this process sends to a Keycloak base URL, whichever HTTP client sends them (the admin client's
 * fetch and the provisioner's undici pool both report to undici's diagnostics channel).
 */
export function keycloakRequestCounter(keycloakUrl: string): { readonly count: number; stop(): void } {
  const origin = new URL(keycloakUrl).origin;
  let count = 0;
  const onCreate = (message: unknown) => {
    if (new URL((message as { request: { origin: string } }).request.origin).origin === origin) count += 1;
  };
  diagnosticsChannel.subscribe('undici:request:create', onCreate);
  return {
    get count() {
      return count;
    },
    stop() {
      diagnosticsChannel.unsubscribe('undici:request:create', onCreate);
    },
  };
}

/** HTTP call to the provisioner's API with a bearer token; throws on an unexpected status. */
export async function callApi(
  base: string,
  token: string,
  method: string,
  path: string,
  body?: unknown,
  expected = [200, 201, 204],
): Promise<any> {
  const response = await fetch(`${base}/api/v1${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await response.text();
  // Only the status and the problem's title: a credentials answer holds a secret.
  if (!expected.includes(response.status)) throw new Error(`${method} ${path} answered HTTP ${response.status}: ${safeTitle(text)}`);
  return text === '' ? undefined : JSON.parse(text);
}

function safeTitle(text: string): string {
  try {
    const problem = JSON.parse(text) as { title?: string; detail?: string };
    return `${problem.title ?? ''} ${problem.detail ?? ''}`.trim();
  } catch {
    return '(no problem document)';
  }
}
