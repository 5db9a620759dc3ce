/**
 * Fixtures of the provisioner's integration tests: the real gateway and app against the run's Keycloak,
 * user tokens through a test-only login client, TCP proxies to cut Keycloak off or to stand for a cluster node
 * that dies and comes back, a URL where no node listens, and the secret ledger that proves no generated secret
 * shows up where it must not.
 */
import { readFileSync } from 'node:fs';
import { createServer, connect, type Server, type Socket } from 'node:net';
import { Writable } from 'node:stream';
import { contract } from '@focus-api-access/contract';
import { bootstrapAdminClient } from '../../support/keycloak.js';
import { ensureLoginClient, TEST_AUTHORIZED_PARTIES } from '../../support/login-client.js';
import { testStack } from '../../support/stack.js';
import { createKeycloakGateway } from '../../../provisioner/src/keycloak/admin-gateway.js';
import { createTokenVerifier } from '../../../provisioner/src/http/auth.js';
import { buildApp, loggerOptions } from '../../../provisioner/src/http/build.js';
import type { UseCaseDeps, AuditEntry } from '../../../provisioner/src/core/index.js';

export { bootstrapAdminClient, uniqueName, vendorToken } from '../../support/keycloak.js';

export const stack = testStack();
export const SERVICE = 'openhappening-eaglebe';

/** Every secret the tests saw generated, and every text that must not contain one. */
export class SecretLedger {
  readonly secrets = new Set<string>();
  readonly texts: Array<{ where: string; text: string }> = [];
  secret(value: string): void {
    this.secrets.add(value);
  }
  text(where: string, text: string): void {
    this.texts.push({ where, text });
  }
  /** Where a secret leaked (never the secret itself, so a failure message does not leak it either). */
  leaks(): string[] {
    const found: string[] = [];
    for (const { where, text } of this.texts) {
      for (const secret of this.secrets) if (text.includes(secret)) found.push(where);
    }
    return found;
  }
}

export function deps(keycloakUrl = stack.keycloakUrl, audit?: (entry: AuditEntry) => void): UseCaseDeps {
  return {
    gateway: createKeycloakGateway({ keycloakUrl, clientSecret: stack.provisionerSecret, timeoutMs: 4000 }),
    tokenEndpoint: stack.tokenEndpoint,
    ...(audit ? { audit } : {}),
  };
}

/**
 * Test-only public clients with direct access grants (focus-admin, a browser PKCE client, keeps them off):
 * one with the provisioner audience like focus-admin, one without.
 */
export async function loginClients(): Promise<{ withAudience: string; withoutAudience: string; remove(): Promise<void> }> {
  const admin = await bootstrapAdminClient();
  const withAudience = await ensureLoginClient(admin, true);
  const withoutAudience = await ensureLoginClient(admin, false);
  return {
    withAudience: withAudience.clientId,
    withoutAudience: withoutAudience.clientId,
    async remove() {
      const again = await bootstrapAdminClient();
      for (const { id } of [withAudience, withoutAudience]) await again.clients.del({ id });
    },
  };
}

export async function passwordToken(
  clientId: string,
  username: string,
  realmUrl = stack.realmUrl,
  password = stack.demoPassword,
): Promise<string> {
  const response = await fetch(`${realmUrl}/protocol/openid-connect/token`, {
    method: 'POST',
    body: new URLSearchParams({ grant_type: 'password', client_id: clientId, username, password, scope: 'openid' }),
  });
  const body = (await response.json()) as { access_token?: string; error?: string };
  if (!body.access_token) throw new Error(`no token for ${username}: ${body.error}`);
  return body.access_token;
}

export interface TestApp {
  readonly url: string;
  readonly logs: string[];
  close(): Promise<void>;
}

/** The real app on a real socket (Fastify's inject needs an ESM-only package Jest cannot require on Node 20). */
export async function startApp(
  options: { keycloakUrl?: string; now?: () => Date; credentialsPerMinute?: number; corsOrigins?: string[]; requiredAcr?: string[] } = {},
): Promise<TestApp> {
  const keycloakUrl = options.keycloakUrl ?? stack.keycloakUrl;
  const logs: string[] = [];
  const stream = new Writable({
    write(chunk, _encoding, done) {
      logs.push(String(chunk));
      done();
    },
  });
  const app = await buildApp({
    gateway: createKeycloakGateway({ keycloakUrl, clientSecret: stack.provisionerSecret, timeoutMs: 4000 }),
    verifier: createTokenVerifier({
      issuer: stack.realmUrl,
      jwksUrls: [`${keycloakUrl}/realms/${contract.realm}/protocol/openid-connect/certs`],
      authorizedParties: TEST_AUTHORIZED_PARTIES,
      timeoutMs: 4000,
      ...(options.now ? { now: options.now } : {}),
    }),
    tokenEndpoint: stack.tokenEndpoint,
    corsOrigins: options.corsOrigins ?? ['http://focus.test'],
    credentialsPerMinute: options.credentialsPerMinute ?? 1000,
    ...(options.requiredAcr ? { requiredAcr: options.requiredAcr } : {}),
    logger: loggerOptions('info', stream),
  });
  const url = await app.listen({ port: 0, host: '127.0.0.1' });
  return { url, logs, close: () => app.close() };
}

export interface Api {
  (
    method: string,
    path: string,
    options?: { token?: string; body?: unknown; rawBody?: string; contentType?: string; headers?: Record<string, string> },
  ): Promise<{
    status: number;
    headers: Headers;
    text: string;
    json: any;
  }>;
}

export function api(base: string, ledger?: SecretLedger): Api {
  return async (method, path, options = {}) => {
    const headers: Record<string, string> = { ...(options.headers ?? {}) };
    if (options.token) headers.authorization = `Bearer ${options.token}`;
    let body: string | undefined;
    if (options.rawBody !== undefined) body = options.rawBody;
    else if (options.body !== undefined) body = JSON.stringify(options.body);
    if (body !== undefined) headers['content-type'] = options.contentType ?? 'application/json';
    const response = await fetch(`${base}${path}`, { method, headers, ...(body !== undefined ? { body } : {}) });
    const text = await response.text();
    let json: any;
    try {
      json = JSON.parse(text);
    } catch {
      json = undefined;
    }
    const generating = method === 'POST' && /\/credentials$/.test(path) && response.status === 201;
    if (ledger) {
      if (generating) ledger.secret(json.clientSecret);
      else ledger.text(`${method} ${path} → ${response.status}`, text);
    }
    return { status: response.status, headers: response.headers, text, json };
  };
}

/**
 * Joins a proxy's client socket to a new connection to Keycloak; both close together and are tracked in `sockets`.
 * `watch` adds handlers before the two are piped, so they see every chunk before it is passed on.
 */
function relay(client: Socket, target: URL, sockets: Set<Socket>, watch?: (upstream: Socket, drop: () => void) => void): void {
  const upstream = connect(Number(target.port), target.hostname);
  sockets.add(client).add(upstream);
  const drop = () => {
    client.destroy();
    upstream.destroy();
    sockets.delete(client);
    sockets.delete(upstream);
  };
  client.on('error', drop).on('close', drop);
  upstream.on('error', drop).on('close', drop);
  watch?.(upstream, drop);
  client.pipe(upstream).pipe(client);
}

/** A TCP proxy in front of Keycloak that the test can cut and restore, leaving the shared Keycloak alone. */
export async function keycloakProxy(): Promise<{ url: string; cut(): Promise<void>; restore(): Promise<void>; close(): Promise<void> }> {
  const target = new URL(stack.keycloakUrl);
  const sockets = new Set<Socket>();
  let open = true;
  const server: Server = createServer((client) => {
    if (!open) {
      client.destroy();
      return;
    }
    relay(client, target, sockets);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    url: `http://127.0.0.1:${port}`,
    async cut() {
      open = false;
      for (const socket of sockets) socket.destroy();
      sockets.clear();
    },
    async restore() {
      open = true;
    },
    async close() {
      open = false;
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** Keycloak's own log, when the process runtime wrote one. */
export function keycloakLog(): string {
  try {
    return stack.logFile ? readFileSync(stack.logFile, 'utf8') : '';
  } catch {
    return '';
  }
}

/** A URL where nothing listens: a Keycloak node that is down (the port was free a moment ago and is left unused). */
export async function deadKeycloakUrl(): Promise<string> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return `http://127.0.0.1:${port}`;
}

export interface NodeProxy {
  readonly url: string;
  /**
   * Connections accepted and bytes carried towards Keycloak since the proxy was made, and the first line of each
   * request (`GET /admin/realms/focus/clients/… HTTP/1.1`).
   */
  readonly traffic: { connections: number; bytesToKeycloak: number; requests: string[] };
  /** The node dies: nothing listens on the port any more and open connections are cut. */
  stop(): Promise<void>;
  /** The node is back, on the same port. */
  start(): Promise<void>;
}

/**
 * A TCP proxy to the shared Keycloak that stands for one node of a cluster: stopped, its port refuses connections
 * as a killed node's does; started again, it listens on the same port. With `loseAnswersTo` (a pattern, or a test
 * that sees every request line in order), a request whose first line matches reaches Keycloak, and the connection
 * breaks as its answer comes back (a node dying mid-request, or a timeout after Keycloak acted).
 */
export async function nodeProxy(options: { loseAnswersTo?: RegExp | ((requestLine: string) => boolean) } = {}): Promise<NodeProxy> {
  const target = new URL(stack.keycloakUrl);
  const sockets = new Set<Socket>();
  const traffic = { connections: 0, bytesToKeycloak: 0, requests: [] as string[] };
  const { loseAnswersTo } = options;
  const loses = (line: string) =>
    loseAnswersTo === undefined ? false : typeof loseAnswersTo === 'function' ? loseAnswersTo(line) : loseAnswersTo.test(line);
  let port = 0;
  let server: Server | undefined;
  const listen = async () => {
    server = createServer((client) => {
      traffic.connections++;
      relay(client, target, sockets, (upstream, drop) => {
        let losing = false;
        client.on('data', (chunk: Buffer) => {
          traffic.bytesToKeycloak += chunk.length;
          const line = chunk.toString('latin1', 0, 200).split('\r\n')[0]!;
          // A chunk that starts a request starts with its request line; others carry a body.
          if (!/^[A-Z]+ \S+ HTTP\/1\.1$/.test(line)) return;
          traffic.requests.push(line);
          if (loses(line)) losing = true;
        });
        // Runs before the pipe passes any byte of the answer on.
        upstream.on('data', () => {
          if (losing) drop();
        });
      });
    });
    await new Promise<void>((resolve, reject) => server!.once('error', reject).listen(port, '127.0.0.1', resolve));
    const address = server.address();
    port = typeof address === 'object' && address ? address.port : port;
  };
  await listen();
  return {
    url: `http://127.0.0.1:${port}`,
    traffic,
    async stop() {
      const closing = server;
      server = undefined;
      for (const socket of sockets) socket.destroy();
      sockets.clear();
      if (closing) await new Promise<void>((resolve) => closing.close(() => resolve()));
    },
    async start() {
      if (!server) await listen();
    },
  };
}
