/**
 * Fixtures of the production tests: the provisioner (library and HTTP API) pointed at chosen Keycloak nodes of the
 * test's own cluster (one node, or several for it to fail over between), a manager who may use the HTTP API, and
 * the vendor's token request.
 */
import KeycloakAdminClient from '@keycloak/keycloak-admin-client';
import { contract } from '@focus-api-access/contract';
import type { KeycloakCluster } from '@focus-api-access/stack';
import { createKeycloakGateway } from '../../../provisioner/src/keycloak/admin-gateway.js';
import { startProvisioner } from '../../../provisioner/src/start.js';
import type { UseCaseDeps } from '../../../provisioner/src/core/index.js';
import { adminAt } from '../../support/keycloak.js';
import { TEST_AUTHORIZED_PARTIES } from '../../support/login-client.js';

export { uniqueName, vendorToken } from '../../support/keycloak.js';

export const SERVICE = 'openhappening-eaglebe';

/**
 * Per Keycloak request. Generous: a node that has just started answers its first requests slowly on a busy two-core
 * machine, and these tests are about the cluster, not about timeouts.
 */
const TIMEOUT_MS = 30_000;

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

/** The master realm's bootstrap admin on one node, working on realm `focus`. */
export async function bootstrapAdmin(cluster: KeycloakCluster, url: string): Promise<KeycloakAdminClient> {
  return adminAt(url, cluster.secrets.bootstrapAdmin);
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
