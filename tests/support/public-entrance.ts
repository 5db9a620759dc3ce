/**
 * What the public entrance (deploy/nginx/nginx.conf) must refuse and what it must pass, one list for the production
 * profile's test with Debian's nginx and the container test of the Compose cluster profile.
 */
import { contract } from '@focus-api-access/contract';
import type { CallOptions } from './http.js';

export interface Refused {
  readonly path: string;
  readonly options: CallOptions;
  /** 404 from nginx; 400 for a path that climbs above the root, which nginx refuses before matching anything. */
  readonly status: 404 | 400;
}

/** Requests a public caller must never get through to Keycloak: the admin surface, realm master, and the rest. */
export function refusedAtPublicEntrance(adminToken: string, adminUsername: string): Refused[] {
  const realm = `/realms/${contract.realm}`;
  const bearer = { headers: { authorization: `Bearer ${adminToken}` } };
  const masterLogin = { form: { grant_type: 'password', client_id: 'admin-cli', username: adminUsername, password: 'a guess' } };
  const refused = (path: string, options: CallOptions = {}, status: 404 | 400 = 404): Refused => ({ path, options, status });
  return [
    refused('/'),
    refused('/admin/'),
    refused('/admin/master/console/'),
    refused(`/admin/realms/${contract.realm}/clients`, bearer),
    refused('/realms/master/protocol/openid-connect/token', masterLogin),
    refused('/realms/master/.well-known/openid-configuration'),
    refused('/realms/master/account/'),
    refused(realm),
    refused(`${realm}/account/`),
    refused(`${realm}/clients-registrations/openid-connect`, { json: { redirect_uris: ['https://elsewhere.example/'] } }),
    refused(`${realm}/protocol/saml`),
    refused(`${realm}/broker/`),
    refused(`${realm}/protocol/openid-connect/../../../master/protocol/openid-connect/token`, masterLogin),
    refused(`${realm}/protocol/openid-connect/%2e%2e/%2e%2e/%2e%2e/master/protocol/openid-connect/token`, masterLogin),
    refused(`${realm}/protocol/openid-connect/..%2F..%2F..%2Fmaster/protocol/openid-connect/token`, masterLogin),
    refused(`${realm}%2F..%2Fmaster/protocol/openid-connect/token`, masterLogin),
    refused(`/resources/x/..%2F..%2Fadmin/realms/${contract.realm}/clients`, bearer),
    refused(`/resources/..%2F..%2Fadmin/realms/${contract.realm}/clients`, bearer, 400),
    refused('/metrics'),
    refused('/health/ready'),
  ];
}

/** What a browser sends to start the page's login (focus-admin requires PKCE). */
export function loginPageQuery(redirectUri: string): URLSearchParams {
  return new URLSearchParams({
    client_id: contract.clients.adminSpa,
    redirect_uri: redirectUri,
    response_type: 'code',
    scope: 'openid',
    code_challenge: 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM',
    code_challenge_method: 'S256',
  });
}
