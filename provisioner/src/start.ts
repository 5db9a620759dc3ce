/**
 * Starts the provisioner's HTTP API and its management listener and tells where they listen: used by server.ts
 * (production), the stack's `npm start`, the tests and the benchmarks. Every default is the configuration's
 * (config.ts `DEFAULTS`).
 */
import type { FastifyBaseLogger, FastifyInstance } from 'fastify';
import { createKeycloakGateway, type NodeEvent } from './keycloak/admin-gateway.js';
import { withCachedClientScopes } from './keycloak/client-scope-cache.js';
import { keycloakUrlsOf } from './keycloak/node-urls.js';
import { contract } from '@focus-api-access/contract';
import { createTokenVerifier } from './http/auth.js';
import { buildApp, loggerOptions } from './http/build.js';
import { buildManagementApp } from './http/management.js';
import { createMetrics } from './http/metrics.js';
import { listExpiringSecrets } from './core/secret-expiry.js';
import { DEFAULTS, tokenEndpointOf, type ServerConfig } from './config.js';

export interface StartProvisionerOptions {
  /**
   * Where the provisioner reaches Keycloak: one base URL, or the base URL of every node of a cluster in order of
   * preference (the provisioner then fails over between them itself).
   */
  readonly keycloakUrl: string | readonly string[];
  /** Keycloak's public URL (token issuer, token endpoint for vendors); defaults to the first `keycloakUrl`. */
  readonly keycloakPublicUrl?: string;
  /** How long a Keycloak node that failed stays out of use before it is probed again; default 30 s. */
  readonly keycloakNodeRetryMs?: number;
  readonly provisionerSecret: string;
  readonly provisionerClientId?: string;
  readonly port: number;
  readonly host?: string;
  /** `/metrics` and the detailed `/readyz`; default any free port (the server's configuration says 9300). */
  readonly managementPort?: number;
  readonly managementHost?: string;
  /** The URL people reach the provisioner at (printed; defaults to http://localhost:<port>). */
  readonly publicUrl?: string;
  readonly corsOrigins?: readonly string[];
  /** Folder of the built admin page, served at "/". */
  readonly staticRoot?: string;
  /** Receives each log line (JSON); default: standard output. */
  readonly log?: (line: string) => void;
  readonly logLevel?: string;
  readonly credentialsPerMinute?: number;
  /** Clients whose user tokens the API accepts (`azp`); default the admin page's `focus-admin`. */
  readonly authorizedParties?: readonly string[];
  /** When not empty, changes need a login of one of these levels (`acr`). */
  readonly requiredAcr?: readonly string[];
  readonly bodyLimitBytes?: number;
  readonly keycloakTimeoutMs?: number;
  readonly clockToleranceSeconds?: number;
  readonly trustProxy?: boolean;
  /** How many days before its expiry a secret counts as expiring (page, metrics); default the contract's 30. */
  readonly secretExpiryWarningDays?: number;
}

export interface RunningProvisioner {
  readonly url: string;
  readonly app: FastifyInstance;
  /** The management listener's URL (`/healthz`, `/readyz`, `/metrics`). */
  readonly managementUrl: string;
  /** Stops accepting requests, lets running ones finish, then closes. */
  stop(): Promise<void>;
}

/** The options of {@link startProvisioner} from a validated configuration. */
export function startOptionsFromConfig(config: ServerConfig): StartProvisionerOptions {
  return {
    keycloakUrl: config.keycloakUrls,
    keycloakPublicUrl: config.keycloakPublicUrl,
    provisionerSecret: config.clientSecret,
    provisionerClientId: config.clientId,
    port: config.port,
    host: config.host,
    managementPort: config.managementPort,
    managementHost: config.managementHost,
    corsOrigins: config.corsOrigins,
    ...(config.staticRoot ? { staticRoot: config.staticRoot } : {}),
    logLevel: config.logLevel,
    credentialsPerMinute: config.credentialsPerMinute,
    bodyLimitBytes: config.bodyLimitBytes,
    keycloakTimeoutMs: config.keycloakTimeoutMs,
    clockToleranceSeconds: config.clockToleranceSeconds,
    trustProxy: config.trustProxy,
    authorizedParties: config.authorizedParties,
    requiredAcr: config.requiredAcr,
    secretExpiryWarningDays: config.secretExpiryWarningDays,
  };
}

/** One log line per node taken out of use or back in use: URLs and a reason, never a token or secret. */
function logNodeEvent(log: FastifyBaseLogger | undefined, event: NodeEvent): void {
  if (event.kind === 'failover') {
    const to = event.to === undefined ? 'no other node answers' : `now using ${event.to}`;
    log?.warn(
      { keycloakNode: event.from, reason: event.reason, ...(event.to ? { nextKeycloakNode: event.to } : {}) },
      `Keycloak failover: ${event.from} failed (${event.reason}); ${to}`,
    );
  } else {
    log?.info({ keycloakNode: event.url }, `Keycloak node ${event.url} answers again: back in use`);
  }
}

/**
 * @example
 * const provisioner = await startProvisioner({ keycloakUrl: [node1.url, node2.url], provisionerSecret, port: 3000 });
 * console.log(provisioner.url);
 * await provisioner.stop();
 */
export async function startProvisioner(options: StartProvisionerOptions): Promise<RunningProvisioner> {
  const keycloakUrls = keycloakUrlsOf(options.keycloakUrl);
  const publicKeycloak = (options.keycloakPublicUrl ?? keycloakUrls[0]!).replace(/\/+$/, '');
  const timeoutMs = options.keycloakTimeoutMs ?? DEFAULTS.keycloakTimeoutMs;
  // The gateway exists before the app whose logger reports its node events.
  let log: FastifyBaseLogger | undefined = undefined;
  const gateway = withCachedClientScopes(
    createKeycloakGateway({
      keycloakUrl: keycloakUrls,
      clientSecret: options.provisionerSecret,
      clientId: options.provisionerClientId ?? DEFAULTS.clientId,
      timeoutMs,
      ...(options.keycloakNodeRetryMs === undefined ? {} : { retryDownNodeAfterMs: options.keycloakNodeRetryMs }),
      onNodeEvent: (event) => logNodeEvent(log, event),
    }),
  );
  const verifier = createTokenVerifier({
    issuer: `${publicKeycloak}/realms/${contract.realm}`,
    jwksUrls: keycloakUrls.map((url) => `${url}/realms/${contract.realm}/protocol/openid-connect/certs`),
    clockToleranceSeconds: options.clockToleranceSeconds ?? DEFAULTS.clockToleranceSeconds,
    timeoutMs,
    authorizedParties: options.authorizedParties ?? DEFAULTS.authorizedParties,
  });
  const sink = options.log;
  const stream = sink ? { write: (chunk: string) => sink(chunk.trimEnd()) } : undefined;
  const logger = loggerOptions(options.logLevel ?? DEFAULTS.logLevel, stream as NodeJS.WritableStream | undefined);
  const secretExpiryWarningDays = options.secretExpiryWarningDays ?? DEFAULTS.secretExpiryWarningDays;
  const tokenEndpoint = tokenEndpointOf(publicKeycloak);
  const metrics = createMetrics({
    secrets: {
      expiringSecrets: () => listExpiringSecrets({ gateway, tokenEndpoint, secretExpiryWarningDays }),
      warningDays: secretExpiryWarningDays,
    },
  });
  const app = await buildApp({
    gateway,
    verifier,
    tokenEndpoint,
    secretExpiryWarningDays,
    corsOrigins: options.corsOrigins ?? [],
    credentialsPerMinute: options.credentialsPerMinute ?? DEFAULTS.credentialsPerMinute,
    staticRoot: options.staticRoot,
    bodyLimitBytes: options.bodyLimitBytes ?? DEFAULTS.bodyLimitBytes,
    trustProxy: options.trustProxy ?? DEFAULTS.trustProxy,
    metrics,
    requiredAcr: options.requiredAcr ?? [],
    logger,
  });
  log = app.log;
  const management = await buildManagementApp({ gateway, metrics, logger });
  await app.listen({ port: options.port, host: options.host ?? DEFAULTS.host });
  try {
    await management.listen({ port: options.managementPort ?? 0, host: options.managementHost ?? DEFAULTS.managementHost });
  } catch (error) {
    await app.close();
    throw error;
  }
  const portOf = (server: FastifyInstance) => {
    const address = server.server.address();
    return typeof address === 'object' && address ? address.port : 0;
  };
  let stopped: Promise<void> | undefined;
  return {
    url: options.publicUrl ?? `http://localhost:${portOf(app)}`,
    managementUrl: `http://${options.managementHost ?? DEFAULTS.managementHost}:${portOf(management)}`,
    app,
    stop() {
      stopped ??= Promise.all([app.close(), management.close()]).then(() => undefined);
      return stopped;
    },
  };
}
