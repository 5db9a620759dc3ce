/**
 * The management listener: `/healthz`, the detailed `/readyz` (every Keycloak node's state, and `warnings` about realm
 * settings that undo a guarantee) and `/metrics`, on a port of its own (`PROVISIONER_MANAGEMENT_PORT`), like
 * Keycloak's management port. Operators and probes reach it; the page's port never serves these, so a browser or a
 * vendor cannot read how the deployment is doing.
 */
import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import type { KeycloakGateway } from '../core/gateway.js';
import type { Metrics } from './metrics.js';
import { errorHandler } from './problem.js';

export interface ManagementOptions {
  readonly gateway: KeycloakGateway;
  readonly metrics: Metrics;
  readonly logger: FastifyServerOptions['logger'];
}

/**
 * Realm settings that undo a guarantee without stopping the provisioner. They are reported, not made a reason to be
 * not ready: readiness takes every instance out of service together, which would also keep administrators from
 * disabling or deleting a client, while Keycloak itself refuses the one operation at risk (a new secret).
 */
export async function realmWarnings(gateway: KeycloakGateway): Promise<string[]> {
  let withRepresentation: boolean;
  try {
    withRepresentation = await gateway.adminEventsIncludeRepresentation();
  } catch (error) {
    return [`Cannot check the realm's admin-events settings: ${(error as Error).message}`];
  }
  return withRepresentation
    ? [
        'Admin events of the realm include representations: Keycloak would copy every new client secret into them (readable ' +
          'with view-events), so it refuses to generate credentials. Switch off "Include representation" (realm settings → ' +
          'Events → Admin events settings) or run `focus-api-access realm apply`.',
      ]
    : [];
}

export async function buildManagementApp(options: ManagementOptions): Promise<FastifyInstance> {
  const app = Fastify({ logger: options.logger, return503OnClosing: true, forceCloseConnections: 'idle' });
  app.setErrorHandler(errorHandler);
  app.get('/healthz', () => ({ status: 'ok' }));
  // Probes come every few seconds: a warning is logged when it appears or changes, not on each probe.
  let lastWarnings = '';
  app.get('/readyz', async (request) => {
    const nodes = await options.gateway.ping();
    const warnings = await realmWarnings(options.gateway);
    if (warnings.join('\n') !== lastWarnings) for (const warning of warnings) request.log.warn(warning);
    lastWarnings = warnings.join('\n');
    return {
      status: 'ready',
      keycloakNodes: nodes.map(({ up, reason }, index) => ({ node: index + 1, up, ...(reason ? { reason } : {}) })),
      ...(warnings.length > 0 ? { warnings } : {}),
    };
  });
  app.get('/metrics', async (_request, reply) => {
    reply.type(options.metrics.registry.contentType).header('cache-control', 'no-store');
    return options.metrics.registry.metrics();
  });
  return app;
}
