/**
 * The realm's client scopes (the services catalogue) change only when the realm configuration is applied, yet every
 * read of an API client needs them for the service labels. Keeping them for a few seconds saves one Keycloak request
 * on most operations; a service added by `realm apply` shows up within that time.
 */
import type { KeycloakGateway, ScopeRecord } from '../core/gateway.js';

export const SCOPE_CACHE_MS = 10_000;

/**
 * The gateway with `listClientScopes` answered from memory for `ttlMs` after each read. Concurrent misses share one
 * request; a failed read is not kept.
 *
 * @example
 * const gateway = withCachedClientScopes(createKeycloakGateway(options));
 */
export function withCachedClientScopes(gateway: KeycloakGateway, options: { ttlMs?: number; now?: () => number } = {}): KeycloakGateway {
  const ttlMs = options.ttlMs ?? SCOPE_CACHE_MS;
  const now = options.now ?? Date.now;
  let cached: { scopes: Promise<ScopeRecord[]>; until: number } | undefined;
  const cachedGateway: KeycloakGateway = {
    ...gateway,
    // A gateway acting for a person shares this memory.
    ...(gateway.actingFor
      ? { actingFor: (person) => ({ ...gateway.actingFor!(person), listClientScopes: () => cachedGateway.listClientScopes() }) }
      : {}),
    listClientScopes() {
      if (cached && now() < cached.until) return cached.scopes;
      const scopes = gateway.listClientScopes();
      const entry = { scopes, until: now() + ttlMs };
      cached = entry;
      scopes.catch(() => {
        if (cached === entry) cached = undefined;
      });
      return scopes;
    },
  };
  return cachedGateway;
}
