/**
 * Helpers for tests that talk to a real Keycloak directly: an admin client on realm `focus` (as the master realm's
 * bootstrap admin), unique names, and the vendor's view of the token endpoint. The one place for each of these.
 */
import { randomBytes } from 'node:crypto';
import KcAdminClient from '@keycloak/keycloak-admin-client';
import { contract } from '@focus-api-access/contract';
import { decodeJwt, type JWTPayload } from 'jose';
import { testStack } from './stack.js';

/** The master realm's bootstrap admin at one Keycloak (the run's, a cluster node, a container), working on realm `focus`. */
export async function adminAt(keycloakUrl: string, bootstrapAdmin: { username: string; password: string }): Promise<KcAdminClient> {
  const admin = new KcAdminClient({ baseUrl: keycloakUrl, realmName: 'master' });
  await admin.auth({ grantType: 'password', clientId: 'admin-cli', ...bootstrapAdmin });
  admin.setConfig({ realmName: contract.realm });
  return admin;
}

/** The run's Keycloak as its bootstrap admin, for fixtures the provisioner must not (and cannot) make. */
export async function bootstrapAdminClient(): Promise<KcAdminClient> {
  const stack = testStack();
  return adminAt(stack.keycloakUrl, stack.bootstrapAdmin);
}

/** A name no other test run or test file uses. */
export function uniqueName(prefix: string): string {
  return `${prefix}-${randomBytes(4).toString('hex')}`;
}

export interface TokenResponse {
  readonly status: number;
  readonly body: { access_token?: string; error?: string; error_description?: string; scope?: string };
  /** The access token, when one was issued. */
  readonly token?: string;
  /** The OAuth error, when refused. */
  readonly error?: string;
}

/**
 * Per request. Generous: a node that has just started answers its first requests slowly on a busy two-core machine,
 * and no test is about the token endpoint's speed.
 */
const TOKEN_TIMEOUT_MS = 30_000;

/** `client_credentials` at a token endpoint (the run's by default), as a vendor calls it (`client_secret_post`). */
export async function vendorToken(
  clientId: string,
  clientSecret: string,
  tokenEndpoint = testStack().tokenEndpoint,
): Promise<TokenResponse> {
  const response = await fetch(tokenEndpoint, {
    method: 'POST',
    body: new URLSearchParams({ grant_type: 'client_credentials', client_id: clientId, client_secret: clientSecret }),
    signal: AbortSignal.timeout(TOKEN_TIMEOUT_MS),
  });
  const body = (await response.json()) as TokenResponse['body'];
  return {
    status: response.status,
    body,
    ...(body.access_token ? { token: body.access_token } : {}),
    ...(body.error ? { error: body.error } : {}),
  };
}

export function claims(token: string | undefined): JWTPayload & Record<string, unknown> {
  if (!token) throw new Error('no access token in the response');
  return decodeJwt(token);
}

/** Audience claim as a list (a JWT may carry a single string). */
export function audiences(payload: JWTPayload): string[] {
  const { aud } = payload;
  if (aud === undefined) return [];
  return Array.isArray(aud) ? aud : [aud];
}
