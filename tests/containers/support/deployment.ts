/**
 * Working with a Compose deployment from outside, as its administrators and the vendor do: the master realm's
 * administrator at the admin URL, a manager of API clients (a user in the managers' group, with a test-only login
 * client: the production realm has no demo users), the provisioner's HTTP API, and the vendor's token request.
 */
import { randomBytes } from 'node:crypto';
import KeycloakAdminClient from '@keycloak/keycloak-admin-client';
import { contract } from '@focus-api-access/contract';
import { ensureLoginClient } from '../../support/login-client.js';
import { call, type Answer } from '../../support/http.js';

export const SERVICE = 'openhappening-eaglebe';

export function tokenEndpoint(keycloakUrl: string): string {
  return `${keycloakUrl}/realms/${contract.realm}/protocol/openid-connect/token`;
}

/** The master realm's administrator at the admin URL, working on realm focus. */
export async function administrator(adminUrl: string, credentials: { username: string; password: string }): Promise<KeycloakAdminClient> {
  const admin = new KeycloakAdminClient({ baseUrl: adminUrl, realmName: 'master' });
  await admin.auth({ grantType: 'password', clientId: 'admin-cli', ...credentials });
  admin.setConfig({ realmName: contract.realm });
  return admin;
}

export interface Manager {
  /** A fresh access token of the manager, from the given token endpoint. */
  token(endpoint: string, ca?: string): Promise<string>;
}

/**
 * A manager, logging in through this process's test login client (tests/support/login-client.ts), whose tokens the
 * deployment's provisioner accepts once PROVISIONER_AUTHORIZED_PARTIES lists it.
 */
export async function createManager(admin: KeycloakAdminClient): Promise<Manager> {
  const suffix = randomBytes(4).toString('hex');
  const username = `platform-${suffix}`;
  const password = randomBytes(18).toString('base64url');
  const { clientId: loginClient } = await ensureLoginClient(admin, true);
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
  return {
    async token(endpoint, ca) {
      const answer = await call(endpoint, {
        form: { grant_type: 'password', client_id: loginClient, username, password, scope: 'openid' },
        ...(ca ? { ca } : {}),
      });
      if (answer.status !== 200) throw new Error(`no token for the manager: HTTP ${answer.status} ${answer.text}`);
      return answer.json().access_token as string;
    },
  };
}

/** The provisioner's HTTP API at its published port. */
export function provisionerApi(baseUrl: string) {
  return (method: string, path: string, token: string, body?: unknown): Promise<Answer> =>
    call(`${baseUrl}${path}`, { method, headers: { authorization: `Bearer ${token}` }, ...(body === undefined ? {} : { json: body }) });
}

/** A client_credentials request as the vendor makes it, with whatever headers the caller adds. */
export async function vendorToken(
  endpoint: string,
  client: { clientId: string; secret: string },
  options: { ca?: string; headers?: Record<string, string> } = {},
): Promise<{ status: number; token?: string; error?: string; description?: string }> {
  const answer = await call(endpoint, {
    form: { grant_type: 'client_credentials', client_id: client.clientId, client_secret: client.secret },
    ...options,
  });
  const body = answer.text.startsWith('{') ? answer.json() : {};
  return { status: answer.status, token: body.access_token, error: body.error, description: body.error_description };
}
