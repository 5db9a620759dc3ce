/** Generating credentials (shown once) and ending the previous secret's grace period. */
import { contract } from '@focus-api-access/contract';
import { audited, previousSecretValidUntil, requireManaged, timestamp } from './api-client.js';
import { nowOf, type UseCaseDeps } from './deps.js';
import { serviceScopes } from './services.js';
import type { Actor, Credentials } from './model.js';

const attr = contract.apiClientAttributes;

/**
 * Generates a new client secret and returns it with the Client ID, token endpoint and scope: the only
 * answer that ever carries it. With Keycloak's secret-rotation policy on managed clients, the previous
 * secret keeps working until `previousSecretValidUntil`, unless `revokePrevious` ends it now.
 *
 * @example
 * const credentials = await generateCredentials(deps, actor, client.id, { revokePrevious: false });
 */
export async function generateCredentials(
  deps: UseCaseDeps,
  actor: Actor,
  ref: string,
  options: { revokePrevious?: boolean; byClientId?: boolean } = {},
): Promise<Credentials> {
  const current = await requireManaged(deps.gateway, ref, options);
  return audited(
    deps,
    { actor, action: 'credentials.generate', client: { id: current.id, clientId: current.clientId, name: current.name } },
    async () => {
      const catalogue = new Set((await serviceScopes(deps.gateway)).map((s) => s.name));
      const clientSecret = await deps.gateway.regenerateSecret(current.id);
      // The first generation replaces the secret Keycloak made at creation, which nobody was ever shown:
      // it gets no grace period.
      const firstGeneration = !current.attributes[attr.credentialsGeneratedAt];
      const revokePrevious = options.revokePrevious === true || firstGeneration;
      if (revokePrevious) await deps.gateway.revokeRotatedSecret(current.id);
      // The secret exists now: losing it over a bookkeeping failure would be worse than a missing record.
      let validUntil: string | undefined;
      try {
        await deps.gateway.updateClient(current.id, {
          attributes: { [attr.credentialsGeneratedBy]: actor.username, [attr.credentialsGeneratedAt]: timestamp(deps) },
        });
        // Until when the previous secret works is only known once Keycloak stamped it, and only matters if it lives on.
        if (!revokePrevious) {
          const after = await deps.gateway.findClientById(current.id);
          if (after) validUntil = previousSecretValidUntil(after, nowOf(deps));
        }
      } catch {
        deps.audit?.({
          actor,
          action: 'credentials.generate',
          client: { id: current.id, clientId: current.clientId },
          outcome: 'failure',
          error: 'unavailable',
          detail: 'secret generated, but who and when could not be recorded',
        });
      }
      return {
        clientId: current.clientId,
        clientSecret,
        tokenEndpoint: deps.tokenEndpoint,
        scope: current.defaultClientScopes.filter((s) => catalogue.has(s)).join(' '),
        previousSecretValidUntil: validUntil,
      };
    },
  );
}

/** Ends the grace period of the previous secret now: only the newest secret works afterwards. */
export async function endGracePeriod(deps: UseCaseDeps, actor: Actor, ref: string, options: { byClientId?: boolean } = {}): Promise<void> {
  const current = await requireManaged(deps.gateway, ref, options);
  await audited(
    deps,
    { actor, action: 'credentials.end-grace', client: { id: current.id, clientId: current.clientId, name: current.name } },
    () => deps.gateway.revokeRotatedSecret(current.id),
  );
}
