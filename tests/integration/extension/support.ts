/**
 * Helpers for the extension's integration tests: the admin REST API as the master realm's bootstrap admin,
 * API-client fixtures, and token requests sent from a chosen source address.
 */
import { request } from 'node:http';
import { contract } from '@focus-api-access/contract';
import { testStack } from '../../support/stack.js';

export interface KeycloakCoordinates {
  readonly keycloakUrl: string;
  readonly bootstrapAdmin: { readonly username: string; readonly password: string };
}

export interface HttpResult<T = Record<string, unknown>> {
  readonly status: number;
  readonly headers: Record<string, string | string[] | undefined>;
  readonly body: T;
}

export { uniqueName } from '../../support/keycloak.js';

/**
 * One HTTP request over a socket whose local address the test chooses: the Linux loopback answers on all of
 * 127.0.0.0/8, so a request from 127.0.0.2 to 127.0.0.1 reaches Keycloak with 127.0.0.2 as its peer.
 */
export function send(
  url: string,
  options: { method?: string; headers?: Record<string, string>; body?: string; localAddress?: string; host?: string } = {},
): Promise<HttpResult> {
  const target = new URL(url);
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: options.host ?? target.hostname,
        port: target.port,
        path: `${target.pathname}${target.search}`,
        method: options.method ?? 'GET',
        headers: { host: target.host, ...options.headers },
        localAddress: options.localAddress,
        timeout: 30_000,
      },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (text += chunk));
        res.on('end', () => {
          let body: Record<string, unknown>;
          try {
            body = text === '' ? {} : (JSON.parse(text) as Record<string, unknown>);
          } catch {
            body = { text };
          }
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body });
        });
      },
    );
    req.on('timeout', () => req.destroy(new Error(`no answer from ${url} within 30 s`)));
    req.on('error', reject);
    if (options.body !== undefined) req.write(options.body);
    req.end();
  });
}

export interface TokenCall {
  readonly clientId: string;
  readonly secret: string;
  /** Source address of the socket; default: the kernel's choice (127.0.0.1 towards 127.0.0.1). */
  readonly from?: string;
  /** Address to connect to instead of the URL's host name (e.g. ::1). */
  readonly to?: string;
  readonly headers?: Record<string, string>;
  readonly form?: Record<string, string>;
}

/** A token request (client_credentials unless the form says otherwise) at realm `realm`'s token endpoint. */
export function tokenRequest(keycloakUrl: string, realm: string, call: TokenCall): Promise<HttpResult> {
  const form = new URLSearchParams({
    grant_type: 'client_credentials',
    client_id: call.clientId,
    client_secret: call.secret,
    ...call.form,
  });
  return send(`${keycloakUrl}/realms/${realm}/protocol/openid-connect/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', ...call.headers },
    body: form.toString(),
    localAddress: call.from,
    host: call.to ?? '127.0.0.1',
  });
}

/** The admin REST API of one Keycloak, as the master realm's bootstrap admin (or another account, see `asProvisioner`). */
export class Admin {
  private token: { value: string; until: number } | undefined;

  constructor(
    private readonly keycloak: KeycloakCoordinates = testStack(),
    private readonly login: (keycloakUrl: string) => Promise<Response> = (keycloakUrl) =>
      fetch(`${keycloakUrl}/realms/master/protocol/openid-connect/token`, {
        method: 'POST',
        body: new URLSearchParams({
          grant_type: 'password',
          client_id: 'admin-cli',
          username: keycloak.bootstrapAdmin.username,
          password: keycloak.bootstrapAdmin.password,
        }),
      }),
  ) {}

  /** The admin API as the provisioner's service account (realm focus, its four realm-management roles). */
  static asProvisioner(stack = testStack()): Admin {
    return new Admin(stack, (keycloakUrl) =>
      fetch(`${keycloakUrl}/realms/${contract.realm}/protocol/openid-connect/token`, {
        method: 'POST',
        body: new URLSearchParams({
          grant_type: 'client_credentials',
          client_id: contract.clients.provisioner,
          client_secret: stack.provisionerSecret,
        }),
      }),
    );
  }

  private async accessToken(): Promise<string> {
    if (this.token && Date.now() < this.token.until) return this.token.value;
    const response = await this.login(this.keycloak.keycloakUrl);
    if (!response.ok) throw new Error(`admin login failed with HTTP ${response.status}`);
    const body = (await response.json()) as { access_token: string; expires_in: number };
    this.token = { value: body.access_token, until: Date.now() + (body.expires_in - 10) * 1000 };
    return body.access_token;
  }

  /** `path` is relative to /admin/realms. */
  async call<T = Record<string, unknown>>(
    method: string,
    path: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ): Promise<HttpResult<T>> {
    return this.exchange(`${this.keycloak.keycloakUrl}/admin/realms${path}`, method, body, headers);
  }

  /** A call to the FOCUS extension's endpoint of realm `focus` (`path` below it), with the same token. */
  async callExtension<T = Record<string, unknown>>(
    method: string,
    path: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ): Promise<HttpResult<T>> {
    return this.exchange(`${this.keycloak.keycloakUrl}/realms/${contract.realm}/${contract.readEndpoint}${path}`, method, body, headers);
  }

  private async exchange<T>(url: string, method: string, body: unknown, headers: Record<string, string>): Promise<HttpResult<T>> {
    const response = await fetch(url, {
      method,
      headers: {
        ...headers,
        authorization: `Bearer ${await this.accessToken()}`,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    return {
      status: response.status,
      headers: Object.fromEntries(response.headers.entries()),
      body: (text === '' ? {} : JSON.parse(text)) as T,
    };
  }

  async expect<T = Record<string, unknown>>(
    status: number,
    method: string,
    path: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ): Promise<HttpResult<T>> {
    const result = await this.call<T>(method, path, body, headers);
    if (result.status !== status) {
      throw new Error(`${method} ${path}: expected HTTP ${status}, got ${result.status} ${JSON.stringify(result.body)}`);
    }
    return result;
  }
}

export interface ApiClientFixture {
  readonly id: string;
  readonly clientId: string;
  readonly secret: string;
}

/**
 * The representation of a managed API client, plus the test's extras. The provisioner creates API clients with the
 * digest authenticator; with `client-secret` (the default here) it is a client as made before digests, whose secret
 * Keycloak keeps in clear.
 */
export function apiClientRepresentation(
  clientId: string,
  attributes: Record<string, string> = {},
  authenticator: 'client-secret' | 'digest' = 'client-secret',
): Record<string, unknown> {
  return {
    clientId,
    name: clientId,
    enabled: true,
    protocol: 'openid-connect',
    publicClient: false,
    clientAuthenticatorType: authenticator === 'digest' ? contract.secretAuthenticator : 'client-secret',
    standardFlowEnabled: false,
    implicitFlowEnabled: false,
    directAccessGrantsEnabled: false,
    serviceAccountsEnabled: true,
    fullScopeAllowed: false,
    attributes: {
      [contract.apiClientAttributes.managed]: contract.markerValue,
      'oauth2.device.authorization.grant.enabled': 'false',
      'oidc.ciba.grant.enabled': 'false',
      ...attributes,
    },
  };
}

/** Creates a client in `realm` and reads its generated secret. */
export async function createClient(admin: Admin, realm: string, representation: Record<string, unknown>): Promise<ApiClientFixture> {
  const created = await admin.expect(201, 'POST', `/${realm}/clients`, representation);
  const location = String(created.headers.location ?? '');
  const id = location.slice(location.lastIndexOf('/') + 1);
  const secret = await admin.expect<{ value: string }>(200, 'GET', `/${realm}/clients/${id}/client-secret`);
  return { id, clientId: String(representation.clientId), secret: secret.body.value };
}

/**
 * Creates an API client on digests in `realm` and generates its secret, which only this answer carries (Keycloak
 * keeps its digest). `headers` go with the generation (a request key, a lifetime).
 */
export async function createDigestClient(
  admin: Admin,
  realm: string,
  representation: Record<string, unknown>,
  headers: Record<string, string> = {},
): Promise<ApiClientFixture> {
  const created = await admin.expect(201, 'POST', `/${realm}/clients`, representation);
  const location = String(created.headers.location ?? '');
  const id = location.slice(location.lastIndexOf('/') + 1);
  const secret = await admin.expect<{ value: string }>(200, 'POST', `/${realm}/clients/${id}/client-secret`, undefined, headers);
  return { id, clientId: String(representation.clientId), secret: secret.body.value };
}

export async function deleteClient(admin: Admin, realm: string, id: string): Promise<void> {
  const result = await admin.call('DELETE', `/${realm}/clients/${id}`);
  if (result.status !== 204 && result.status !== 404) throw new Error(`could not delete client ${id}: HTTP ${result.status}`);
}

export async function clientAttributes(admin: Admin, realm: string, id: string): Promise<Record<string, string>> {
  const client = await admin.expect<{ attributes?: Record<string, string> }>(200, 'GET', `/${realm}/clients/${id}`);
  return client.body.attributes ?? {};
}

export const realm = contract.realm;
