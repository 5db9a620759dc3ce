/**
 * Working with a Compose deployment from outside, as its administrators and the vendor do: the provisioner's
 * HTTP API, and the vendor's token request (over TLS, with whatever headers a test adds).
 */
import { contract } from '@focus-api-access/contract';
import { call, type Answer } from '../../support/http.js';

export const SERVICE = 'openhappening-eaglebe';

export function tokenEndpoint(keycloakUrl: string): string {
  return `${keycloakUrl}/realms/${contract.realm}/protocol/openid-connect/token`;
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
