/**
 * Fixtures of the production tests: the provisioner (library and HTTP API) pointed at chosen Keycloak nodes of the
 * test's own cluster (one node, or several for it to fail over between), a manager who may use the HTTP API, and
 * the vendor's token request.
 */
import { randomBytes } from 'node:crypto';
import KeycloakAdminClient from '@keycloak/keycloak-admin-client';
import { contract } from '@focus-api-access/contract';
import type { KeycloakCluster } from '@focus-api-access/stack';
import { createKeycloakGateway } from '../../../provisioner/src/keycloak/admin-gateway.js';
import { startProvisioner } from '../../../provisioner/src/start.js';
import type { UseCaseDeps } from '../../../provisioner/src/core/index.js';
import { ensureLoginClient, TEST_AUTHORIZED_PARTIES } from '../../support/login-client.js';

export const SERVICE = 'openhappening-eaglebe';

/**
 * Per Keycloak request. Generous: a node that has just started answers its first requests slowly on a busy two-core
 * machine, and these tests are about the cluster, not about timeouts.
 */
const TIMEOUT_MS = 30_000;

export function uniqueName(prefix: string): string {
  return `${prefix} ${randomBytes(4).toString('hex')}`;
}

export function tokenEndpointAt(url: string): string {
  return `${url}/realms/${contract.realm}/protocol/openid-connect/token`;
}

/** The provisioner's use-case dependencies with the gateway pointed at one Keycloak URL, or at several. */
export function depsAt(cluster: KeycloakCluster, keycloakUrl: string | readonly string[]): UseCaseDeps {
  return {
    gateway: createKeycloakGateway({ keycloakUrl, clientSecret: cluster.secrets.provisionerSecret, timeoutMs: TIMEOUT_MS }),
    tokenEndpoint: tokenEndpointAt(cluster.publicUrl),
  };
}

export interface VendorAnswer {
  readonly status: number;
  readonly token?: string;
  readonly error?: string;
}

/** A client_credentials token request as the vendor makes it, at a chosen node. */
export async function vendorToken(tokenEndpoint: string, clientId: string, clientSecret: string): Promise<VendorAnswer> {
  const response = await fetch(tokenEndpoint, {
    method: 'POST',
    body: new URLSearchParams({ grant_type: 'client_credentials', client_id: clientId, client_secret: clientSecret }),
    signal: AbortSignal.timeout(TIMEOUT_MS),
  });
  const body = (await response.json()) as { access_token?: string; error?: string };
  return {
    status: response.status,
    ...(body.access_token ? { token: body.access_token } : {}),
    ...(body.error ? { error: body.error } : {}),
  };
}

/** The master realm's bootstrap admin on one node, working on realm `focus`. */
export async function bootstrapAdmin(cluster: KeycloakCluster, url: string): Promise<KeycloakAdminClient> {
  const admin = new KeycloakAdminClient({ baseUrl: url, realmName: 'master' });
  await admin.auth({ grantType: 'password', clientId: 'admin-cli', ...cluster.secrets.bootstrapAdmin });
  admin.setConfig({ realmName: contract.realm });
  return admin;
}

/**
 * A manager (in the managers' group, so holding the right) and a test-only public login client with direct grants
 * and the provisioner's audience; the production realm has no demo users and `focus-admin` is a browser client.
 */
export async function createManager(cluster: KeycloakCluster, url: string): Promise<{ token(tokenEndpoint: string): Promise<string> }> {
  const admin = await bootstrapAdmin(cluster, url);
  const suffix = randomBytes(4).toString('hex');
  const username = `platform-${suffix}`;
  const password = randomBytes(18).toString('base64url');
  await admin.users.create({
    username,
    enabled: true,
    firstName: 'Platform',
    lastName: 'Test',
    email: `${username}@focus.example`,
    emailVerified: true,
    groups: [`/${contract.managersGroup}`],
    credentials: [{ type: 'password', value: password, temporary: false }],
  });
  const { clientId: loginClient } = await ensureLoginClient(admin, true);
  return {
    async token(tokenEndpoint) {
      const response = await fetch(tokenEndpoint, {
        method: 'POST',
        body: new URLSearchParams({ grant_type: 'password', client_id: loginClient, username, password, scope: 'openid' }),
      });
      const body = (await response.json()) as { access_token?: string; error?: string };
      if (!body.access_token) throw new Error(`no token for the manager: ${body.error}`);
      return body.access_token;
    },
  };
}

export interface ProvisionerInstance {
  readonly url: string;
  /** Its management listener: the detailed readiness, the metrics. */
  readonly managementUrl: string;
  /** Its log lines (JSON). */
  readonly logs: readonly string[];
  close(): Promise<void>;
}

/** One instance of the provisioner's HTTP API as production starts it, reaching Keycloak at `keycloakUrl` (one or several nodes). */
export async function startInstance(cluster: KeycloakCluster, keycloakUrl: string | readonly string[]): Promise<ProvisionerInstance> {
  const logs: string[] = [];
  const provisioner = await startProvisioner({
    keycloakUrl,
    keycloakPublicUrl: cluster.publicUrl,
    provisionerSecret: cluster.secrets.provisionerSecret,
    port: 0,
    keycloakTimeoutMs: TIMEOUT_MS,
    credentialsPerMinute: 1000,
    authorizedParties: TEST_AUTHORIZED_PARTIES,
    log: (line) => logs.push(line),
  });
  const address = provisioner.app.server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return { url: `http://127.0.0.1:${port}`, managementUrl: provisioner.managementUrl, logs, close: () => provisioner.stop() };
}

/** The warnings the provisioner logged when a Keycloak node failed. */
export function failoverWarnings(instance: ProvisionerInstance): string[] {
  return instance.logs
    .map((line) => JSON.parse(line) as { level: number; msg: string })
    .filter((entry) => entry.level === 40 && entry.msg.startsWith('Keycloak failover'))
    .map((entry) => entry.msg);
}

export interface Answer {
  readonly status: number;
  readonly retryAfter?: string | undefined;
  readonly json: any;
}

export async function call(base: string, method: string, path: string, token: string, body?: unknown): Promise<Answer> {
  const response = await fetch(`${base}${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await response.text();
  return {
    status: response.status,
    retryAfter: response.headers.get('retry-after') ?? undefined,
    json: text === '' ? undefined : JSON.parse(text),
  };
}
