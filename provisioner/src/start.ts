/**
 * Starts the provisioner's HTTP API and tells where it listens: used by server.ts (production) and by
 * the stack's `npm start`.
 */
import type { FastifyInstance } from 'fastify';
import { contract } from '@focus-api-access/contract';
import { createKeycloakGateway } from './keycloak/admin-gateway.js';
import { createTokenVerifier } from './http/auth.js';
import { buildApp, loggerOptions } from './http/build.js';
import { tokenEndpointOf, type ProvisionerConfig } from './http/config.js';

export interface StartProvisionerOptions {
  /** Where the provisioner reaches Keycloak. */
  readonly keycloakUrl: string;
  /** Keycloak's public URL (token issuer, token endpoint for vendors); defaults to `keycloakUrl`. */
  readonly keycloakPublicUrl?: string;
  readonly provisionerSecret: string;
  readonly provisionerClientId?: string;
  readonly port: number;
  readonly host?: string;
  /** The URL people reach the provisioner at (printed; defaults to http://localhost:<port>). */
  readonly publicUrl?: string;
  readonly corsOrigins?: readonly string[];
  /** Folder of the built admin page, served at "/". */
  readonly staticRoot?: string;
  /** Receives each log line (JSON); default: standard output. */
  readonly log?: (line: string) => void;
  readonly logLevel?: string;
  readonly credentialsPerMinute?: number;
  readonly bodyLimitBytes?: number;
  readonly keycloakTimeoutMs?: number;
  readonly clockToleranceSeconds?: number;
  readonly trustProxy?: boolean;
}

export interface RunningProvisioner {
  readonly url: string;
  readonly app: FastifyInstance;
  /** Stops accepting requests, lets running ones finish, then closes. */
  stop(): Promise<void>;
}

/** The options of {@link startProvisioner} from a validated configuration. */
export function startOptionsFromConfig(config: ProvisionerConfig): StartProvisionerOptions {
  return {
    keycloakUrl: config.keycloakUrl,
    keycloakPublicUrl: config.keycloakPublicUrl,
    provisionerSecret: config.clientSecret,
    provisionerClientId: config.clientId,
    port: config.port,
    host: config.host,
    corsOrigins: config.corsOrigins,
    ...(config.staticRoot ? { staticRoot: config.staticRoot } : {}),
    logLevel: config.logLevel,
    credentialsPerMinute: config.credentialsPerMinute,
    bodyLimitBytes: config.bodyLimitBytes,
    keycloakTimeoutMs: config.keycloakTimeoutMs,
    clockToleranceSeconds: config.clockToleranceSeconds,
    trustProxy: config.trustProxy,
  };
}

/**
 * @example
 * const provisioner = await startProvisioner({ keycloakUrl: keycloak.url, provisionerSecret, port: 3000 });
 * console.log(provisioner.url);
 * await provisioner.stop();
 */
export async function startProvisioner(options: StartProvisionerOptions): Promise<RunningProvisioner> {
  const keycloakUrl = options.keycloakUrl.replace(/\/+$/, '');
  const publicKeycloak = (options.keycloakPublicUrl ?? keycloakUrl).replace(/\/+$/, '');
  const timeoutMs = options.keycloakTimeoutMs ?? 10_000;
  const gateway = createKeycloakGateway({
    keycloakUrl,
    clientSecret: options.provisionerSecret,
    clientId: options.provisionerClientId ?? contract.clients.provisioner,
    timeoutMs,
  });
  const verifier = createTokenVerifier({
    issuer: `${publicKeycloak}/realms/${contract.realm}`,
    jwksUrl: `${keycloakUrl}/realms/${contract.realm}/protocol/openid-connect/certs`,
    clockToleranceSeconds: options.clockToleranceSeconds ?? 30,
    timeoutMs,
  });
  const sink = options.log;
  const stream = sink ? { write: (chunk: string) => sink(chunk.trimEnd()) } : undefined;
  const app = await buildApp({
    gateway,
    verifier,
    tokenEndpoint: tokenEndpointOf(publicKeycloak),
    corsOrigins: options.corsOrigins ?? [],
    credentialsPerMinute: options.credentialsPerMinute ?? 10,
    staticRoot: options.staticRoot,
    bodyLimitBytes: options.bodyLimitBytes ?? 16_384,
    trustProxy: options.trustProxy ?? false,
    logger: loggerOptions(options.logLevel ?? 'info', stream as NodeJS.WritableStream | undefined),
  });
  const host = options.host ?? '127.0.0.1';
  await app.listen({ port: options.port, host });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : options.port;
  let stopped: Promise<void> | undefined;
  return {
    url: options.publicUrl ?? `http://localhost:${port}`,
    app,
    stop() {
      stopped ??= app.close();
      return stopped;
    },
  };
}
