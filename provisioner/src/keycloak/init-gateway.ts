/**
 * The Keycloak calls of `realm init` (realm/init.ts): a token request as the provisioner's client, which needs no
 * administrator, and, as an administrator of realm master, realm master's settings and the provisioner's client secret.
 * The secret is only ever sent, never read back.
 */
import { contract } from '@focus-api-access/contract';
import { NotFoundError, UnavailableError } from '../core/errors.js';
import type { InitAdminGateway, InitDeps } from '../realm/init.js';
import type { Json } from '../realm/realm-file.js';
import { failureOfStatus, failureOfTransport } from './failover.js';
import { isNetworkFailure } from './failures.js';
import { call, loggedIn, type RealmGatewayOptions } from './realm-gateway.js';

/** Whether `secret` gets the client a token at the first node that answers: 200 yes, 400/401 (refused) no. */
async function secretWorks(urls: readonly string[], clientId: string, secret: string, timeoutMs: number): Promise<boolean> {
  let lastProblem = 'no Keycloak URL given';
  for (const url of urls) {
    const tokenEndpoint = `${url.replace(/\/+$/, '')}/realms/${contract.realm}/protocol/openid-connect/token`;
    try {
      const response = await fetch(tokenEndpoint, {
        method: 'POST',
        body: new URLSearchParams({ grant_type: 'client_credentials', client_id: clientId, client_secret: secret }),
        signal: AbortSignal.timeout(timeoutMs),
      });
      await response.body?.cancel();
      if (response.ok) return true;
      if (response.status === 400 || response.status === 401) return false;
      if (!failureOfStatus(response.status)) throw new UnavailableError(`Token request: Keycloak failed (HTTP ${response.status})`);
      lastProblem = `HTTP ${response.status} from ${url}`;
    } catch (error) {
      if (!isNetworkFailure(error) || !failureOfTransport(error)) throw error;
      lastProblem = `${url} cannot be reached`;
    }
  }
  throw new UnavailableError(`Token request as ${clientId}: no Keycloak node answers (${lastProblem})`);
}

/**
 * The dependencies of `initRealm` over the network.
 *
 * @example
 * const deps = initDeps({ keycloakUrls: ['http://keycloak:8080'], credentials: { kind: 'user', username, password } });
 */
export function initDeps(options: RealmGatewayOptions): InitDeps {
  const timeoutMs = options.timeoutMs ?? 10_000;
  const clientId = contract.clients.provisioner;
  return {
    provisionerSecretWorks: (secret) => secretWorks(options.keycloakUrls, clientId, secret, timeoutMs),
    async admin(): Promise<InitAdminGateway> {
      const admin = await loggedIn(options);
      const adminRealm = options.adminRealm ?? 'master';
      return {
        async readAdminRealm() {
          const realm = (await call('Read realm master', () => admin.realms.findOne({ realm: adminRealm }))) as Json | undefined;
          if (!realm) throw new NotFoundError(`No realm "${adminRealm}"`);
          return { bruteForce: realm, frontendUrl: (realm.attributes as Json | undefined)?.frontendUrl || undefined };
        },
        async updateAdminRealm(changes) {
          await call('Update realm master', () => admin.realms.update({ realm: adminRealm }, changes));
        },
        async setProvisionerSecret(secret) {
          const found = await call('Find the provisioner client', () =>
            admin.clients.find({ realm: contract.realm, clientId, search: false }),
          );
          const client = found.find((c) => c.clientId === clientId);
          if (!client?.id) throw new NotFoundError(`No client "${clientId}" in realm ${contract.realm}: is the realm imported?`);
          await call("Set the provisioner's secret", () => admin.clients.update({ realm: contract.realm, id: client.id! }, { secret }));
        },
      };
    },
  };
}
