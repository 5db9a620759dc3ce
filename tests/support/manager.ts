/**
 * A manager of API clients: a user in the managers' group (so holding the right), logging in through this process's
 * test login client (./login-client.ts) with direct grants and the provisioner's audience. The production realm has no
 * demo users and `focus-admin` is a browser client; a deployment's provisioner accepts these tokens once
 * PROVISIONER_AUTHORIZED_PARTIES lists the login client.
 */
import { randomBytes } from 'node:crypto';
import type KeycloakAdminClient from '@keycloak/keycloak-admin-client';
import { contract } from '@focus-api-access/contract';
import { call } from './http.js';
import { ensureLoginClient } from './login-client.js';

export interface Manager {
  /** A fresh access token of the manager, from the given token endpoint. */
  token(endpoint: string, ca?: string): Promise<string>;
}

/** Creates the manager with `admin` (the bootstrap admin on realm `focus`). */
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
