/**
 * The management listener: `/healthz`, the detailed `/readyz` (every Keycloak node's state) and `/metrics`, on a port
 * of its own (`PROVISIONER_MANAGEMENT_PORT`), like Keycloak's management port. Operators and probes reach it; the
 * page's port never serves these, so a browser or a vendor cannot read how the deployment is doing.
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

export async function buildManagementApp(options: ManagementOptions): Promise<FastifyInstance> {
  const app = Fastify({ logger: options.logger, return503OnClosing: true, forceCloseConnections: 'idle' });
  app.setErrorHandler(errorHandler);
  app.get('/healthz', () => ({ status: 'ok' }));
  app.get('/readyz', async () => {
    const nodes = await options.gateway.ping();
    return {
      status: 'ready',
      keycloakNodes: nodes.map(({ up, reason }, index) => ({ node: index + 1, up, ...(reason ? { reason } : {}) })),
    };
  });
  app.get('/metrics', async (_request, reply) => {
    reply.type(options.metrics.registry.contentType).header('cache-control', 'no-store');
    return options.metrics.registry.metrics();
  });
  return app;
}
