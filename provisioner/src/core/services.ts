/** The services catalogue: client scopes of the realm carrying the service marker. */
import { contract } from '@focus-api-access/contract';
import type { KeycloakGateway, ScopeRecord } from './gateway.js';
import type { Service } from './model.js';

const marker = contract.serviceAttributes;

export function isService(scope: ScopeRecord): boolean {
  return scope.attributes[marker.marker] === contract.markerValue;
}

/** Service scopes with their Keycloak ids (needed to change a client's default scopes). */
export async function serviceScopes(gateway: KeycloakGateway): Promise<ScopeRecord[]> {
  return (await gateway.listClientScopes()).filter(isService).sort((a, b) => a.name.localeCompare(b.name));
}

/**
 * Lists the services an API client can be given, with their labels.
 *
 * @example
 * const services = await listServices({ gateway });
 * // [{ id: 'openhappening-eaglebe', label: 'OpenHappening integration Eaglebe', … }]
 */
export async function listServices(deps: { gateway: KeycloakGateway }): Promise<Service[]> {
  return (await serviceScopes(deps.gateway)).map((scope) => ({
    id: scope.name,
    label: scope.attributes[marker.label] ?? scope.name,
    description: scope.description,
  }));
}
