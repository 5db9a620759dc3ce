/**
 * Prometheus metrics of the HTTP API: request counts and latencies per route and status, and the Node.js process
 * metrics. The route label is the route's template (`/api/v1/clients/:id`), so no label ever holds an id, a name, a
 * secret or anything else a caller sent; requests that match no route count as `unmatched`. The API's app counts
 * ({@link Metrics.plugin}); the management listener serves them (management.ts), never the page's port.
 */
import type { FastifyInstance } from 'fastify';
import fastifyPlugin from 'fastify-plugin';
import { Counter, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import { registerSecretExpiryMetrics, type SecretExpiryMetricsOptions } from './secret-expiry-metrics.js';

const PREFIX = 'focus_provisioner_';

export interface Metrics {
  readonly registry: Registry;
  /** Counts every request of the app it is registered on. */
  readonly plugin: (app: FastifyInstance) => Promise<void>;
}

/**
 * One registry per provisioner: several in one process (tests) keep their own counts. With `secrets`, it also counts
 * the API clients whose secret expires soon or has expired (secret-expiry-metrics.ts).
 *
 * @example
 * const metrics = createMetrics();
 * await app.register(metrics.plugin);
 * // GET /metrics on the management listener → focus_provisioner_http_requests_total{method="GET",route="/api/v1/clients/:id",status_code="200"} 3
 */
export function createMetrics(options: { secrets?: Omit<SecretExpiryMetricsOptions, 'registry' | 'prefix'> } = {}): Metrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: PREFIX });
  if (options.secrets) registerSecretExpiryMetrics({ ...options.secrets, registry, prefix: PREFIX });
  const requests = new Counter({
    name: `${PREFIX}http_requests_total`,
    help: 'HTTP requests answered, by method, route template and status code',
    labelNames: ['method', 'route', 'status_code'] as const,
    registers: [registry],
  });
  const duration = new Histogram({
    name: `${PREFIX}http_request_duration_seconds`,
    help: 'Time to answer HTTP requests, by method and route template',
    labelNames: ['method', 'route'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [registry],
  });
  const plugin = fastifyPlugin(
    async (app: FastifyInstance) => {
      app.addHook('onResponse', async (request, reply) => {
        const route = request.routeOptions.url ?? 'unmatched';
        requests.inc({ method: request.method, route, status_code: String(reply.statusCode) });
        duration.observe({ method: request.method, route }, reply.elapsedTime / 1000);
      });
    },
    { name: 'focus-metrics' },
  );
  return { registry, plugin };
}
