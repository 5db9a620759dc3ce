/**
 * A throw-away public client with the password grant, for getting a user's access token without a browser.
 * focus-admin (a browser client with PKCE) keeps that grant off; with `audience` the tokens carry the provisioner's
 * audience as focus-admin's do.
 */
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
