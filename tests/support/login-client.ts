/**
 * A throw-away public client with the password grant, for getting a user's access token without a browser.
 * focus-admin (a browser client with PKCE) keeps that grant off; with `audience` the tokens carry the provisioner's
 * audience as focus-admin's do.
 */
import type KeycloakAdminClient from '@keycloak/keycloak-admin-client';
import type ClientRepresentation from '@keycloak/keycloak-admin-client/lib/defs/clientRepresentation.js';
import { contract } from '@focus-api-access/contract';

export function passwordLoginClient(clientId: string, options: { audience: boolean }): ClientRepresentation {
  return {
    clientId,
    publicClient: true,
    directAccessGrantsEnabled: true,
    standardFlowEnabled: false,
    fullScopeAllowed: true,
    defaultClientScopes: ['basic', 'profile', 'roles'],
    protocolMappers: options.audience
      ? [
          {
            name: 'audience provisioner',
            protocol: 'openid-connect',
            protocolMapper: 'oidc-audience-mapper',
            config: { 'included.client.audience': contract.clients.provisioner, 'access.token.claim': 'true' },
          },
        ]
      : [],
  };
}

/**
 * The id of this process's password-login client, with the provisioner's audience or without. One per process, so a
 * provisioner started by a test or benchmark knows beforehand which client's tokens to accept (it accepts only
 * listed clients, `focus-admin` in production).
 */
export function loginClientId(audience: boolean): string {
  return `test-login${audience ? '' : '-noaud'}-${process.pid}`;
}

/** The clients whose user tokens a provisioner of a test or benchmark accepts: the admin page and this process's login clients. */
export const TEST_AUTHORIZED_PARTIES: readonly string[] = [contract.clients.adminSpa, loginClientId(true), loginClientId(false)];

/** This process's login client in the admin's realm, made when it is not there yet; its id and internal id. */
export async function ensureLoginClient(admin: KeycloakAdminClient, audience: boolean): Promise<{ clientId: string; id: string }> {
  const clientId = loginClientId(audience);
  const existing = (await admin.clients.find({ clientId, search: false })).find((c) => c.clientId === clientId);
  return { clientId, id: existing?.id ?? (await admin.clients.create(passwordLoginClient(clientId, { audience }))).id };
}
