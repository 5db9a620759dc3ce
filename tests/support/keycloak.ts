/**
 * Helpers for tests that talk to the run's real Keycloak directly: an admin client on realm `focus` (as the
 * master realm's bootstrap admin) and the vendor's view of the token endpoint.
 */
import { randomBytes } from 'node:crypto';
import KcAdminClient from '@keycloak/keycloak-admin-client';
import { contract } from '@focus-api-access/contract';
import { decodeJwt, type JWTPayload } from 'jose';
import { testStack } from './stack.js';

/** An admin client for realm `focus`, logged in as the master realm's bootstrap admin. */
export async function bootstrapAdminClient(): Promise<KcAdminClient> {
  const stack = testStack();
  const admin = new KcAdminClient({ baseUrl: stack.keycloakUrl, realmName: 'master' });
  await admin.auth({
    grantType: 'password',
    clientId: 'admin-cli',
    username: stack.bootstrapAdmin.username,
    password: stack.bootstrapAdmin.password,
  });
  admin.setConfig({ realmName: contract.realm });
  return admin;
}

/** A name no other test run or test file uses. */
export function uniqueName(prefix: string): string {
  return `${prefix}-${randomBytes(4).toString('hex')}`;
}

export interface TokenResponse {
  readonly status: number;
  readonly body: { access_token?: string; error?: string; error_description?: string; scope?: string };
}

/** `client_credentials` at the realm's token endpoint, as a vendor would call it. */
export async function clientCredentials(
  clientId: string,
  clientSecret: string,
  tokenEndpoint = testStack().tokenEndpoint,
): Promise<TokenResponse> {
  const response = await fetch(tokenEndpoint, {
    method: 'POST',
    body: new URLSearchParams({ grant_type: 'client_credentials', client_id: clientId, client_secret: clientSecret }),
  });
  return { status: response.status, body: (await response.json()) as TokenResponse['body'] };
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
