/**
 * The provisioner's HTTP API as a Fastify plugin: OpenAPI, CORS, rate limit, authentication, routes,
 * the error handler and (optionally) the admin page's static files.
 */
import type { FastifyInstance, FastifyPluginAsync } from 'fastify';
import cors from '@fastify/cors';
import rateLimit from '@fastify/rate-limit';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import { NotFoundError, type UseCaseDeps } from '../core/index.js';
import type { KeycloakGateway } from '../core/gateway.js';
import type { TokenVerifier } from './auth.js';
import { authenticate } from './principal.js';
import type { Metrics } from './metrics.js';
import { errorHandler } from './problem.js';
import { securityHeaders } from './security-headers.js';
import { clientRoutes } from './routes/clients.js';
import { cliLoginRoutes } from './routes/cli-login.js';
import { meRoutes } from './routes/me.js';
import { secretRoutes } from './routes/secrets.js';
import { Health, Problem, problems } from './schemas.js';

export interface AppOptions {
  readonly gateway: KeycloakGateway;
  readonly verifier: TokenVerifier;
  readonly tokenEndpoint: string;
  readonly corsOrigins: readonly string[];
  readonly credentialsPerMinute: number;
  /** Folder of the built admin page, served at "/" (index.html for unknown non-API paths). */
  readonly staticRoot?: string | undefined;
  /** Counts the requests (served by the management listener); none when absent. */
  readonly metrics?: Metrics;
  /** When not empty, changes need a token whose `acr` is one of these. */
  readonly requiredAcr?: readonly string[];
  /** How many days before its expiry a secret counts as expiring; default the contract's. */
  readonly secretExpiryWarningDays?: number;
  readonly now?: () => Date;
}

export const provisionerApp: FastifyPluginAsync<AppOptions> = async (app: FastifyInstance, options) => {
  const deps: UseCaseDeps = {
    gateway: options.gateway,
    tokenEndpoint: options.tokenEndpoint,
    ...(options.now ? { now: options.now } : {}),
    ...(options.secretExpiryWarningDays === undefined ? {} : { secretExpiryWarningDays: options.secretExpiryWarningDays }),
    audit: (entry) => app.log.info({ audit: entry }, `audit ${entry.action} ${entry.outcome}`),
  };

  app.setErrorHandler(errorHandler);
  // Every body this API takes is JSON: text is refused as any other media type (415), not read as a string that then
  // fails the schema with a message about the fields.
  app.removeContentTypeParser('text/plain');
  if (options.metrics) await app.register(options.metrics.plugin);
  await app.register(securityHeaders, { keycloakOrigin: new URL(options.tokenEndpoint).origin });
  // What the API and the health checks answer is about this moment: no browser or proxy may keep it (an answer that
  // says otherwise, such as the page's files, sets its own).
  app.addHook('onSend', async (request, reply) => {
    const path = request.url.split('?')[0]!;
    if (!reply.hasHeader('cache-control') && (path.startsWith('/api/') || path === '/healthz' || path === '/readyz')) {
      reply.header('cache-control', 'no-store');
    }
  });
  app.addSchema(Problem);
  await app.register(swagger, {
    openapi: {
      openapi: '3.0.3',
      info: {
        title: 'FOCUS API-toegang provisioner',
        description: 'Manage the API clients external systems use to call FOCUS (client credentials).',
        version: '1.0.0',
      },
      components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' } } },
    },
    refResolver: { buildLocalReference: (json, _baseUri, _fragment, i) => String(json.$id ?? `def-${i}`) },
  });
  // Swagger UI's own Content-Security-Policy replaces the page's on its routes; made as strict as the page's where
  // Swagger UI does not need more: no framing at all, no styles or fonts from elsewhere.
  await app.register(swaggerUi, {
    routePrefix: '/api/docs',
    staticCSP: true,
    transformStaticCSP: (policy) =>
      `${policy.replace("frame-ancestors 'self'", "frame-ancestors 'none'").replaceAll(' https:', '')} form-action 'self';`,
  });
  // Without origins to allow, CORS would add nothing to any answer (and refuse every preflight, as an unknown route is).
  if (options.corsOrigins.length > 0) {
    await app.register(cors, {
      origin: [...options.corsOrigins],
      methods: ['GET', 'POST', 'PATCH', 'DELETE'],
      allowedHeaders: ['authorization', 'content-type', 'idempotency-key'],
      exposedHeaders: ['retry-after', 'location'],
      maxAge: 600,
    });
  }
  await app.register(rateLimit, { global: false });

  app.get('/api/openapi.json', { schema: { hide: true } }, () => app.swagger());
  app.get('/healthz', { schema: { tags: ['Health'], summary: 'Liveness', response: { 200: Health } } }, () => ({ status: 'ok' }));
  // Ready or not, without details: each node's state is on the management listener (management.ts).
  const readiness = {
    tags: ['Health'],
    summary: 'Readiness: at least one Keycloak node answers',
    response: { 200: Health, ...problems(503) },
  };
  app.get('/readyz', { schema: readiness }, async () => {
    await options.gateway.ping();
    return { status: 'ready' };
  });

  // The issuer of the tokens the API accepts: the token endpoint's realm.
  const issuer = options.tokenEndpoint.replace(/\/protocol\/openid-connect\/token$/, '');
  await app.register(cliLoginRoutes, { prefix: '/api/v1', issuer });
  await app.register(
    async (api) => {
      api.addHook('onRequest', authenticate(options.verifier, options.requiredAcr ?? []));
      await api.register(meRoutes, { deps });
      await api.register(clientRoutes, { deps, credentialsPerMinute: options.credentialsPerMinute });
      await api.register(secretRoutes, { deps });
    },
    { prefix: '/api/v1' },
  );

  if (options.staticRoot) {
    const { default: staticFiles } = await import('@fastify/static');
    await app.register(staticFiles, {
      root: options.staticRoot,
      prefix: '/',
      decorateReply: true,
      wildcard: true,
      // The build names every file under assets/ by its content hash: a browser may keep it, unasked, for good (the
      // page's load after the login redirect then fetches nothing again).
      setHeaders: (reply, path) => {
        if (/[\\/]assets[\\/]/.test(path)) reply.header('cache-control', 'public, max-age=31536000, immutable');
      },
    });
  }
  app.setNotFoundHandler((request, reply) => {
    // Any other address is one of the page's own (a deep link: /, /nieuw, /{id}, /{id}/bewerken, …). A file is not:
    // whatever is asked under the build's folders, or a name with an extension (the page's routes have none), is 404
    // rather than the page's HTML, which a host embedding the plugin would otherwise load as a script or stylesheet.
    const path = request.url.split('?')[0]!;
    if (
      options.staticRoot &&
      (request.method === 'GET' || request.method === 'HEAD') &&
      !/^\/(api|assets|plugin)(\/|$)/.test(path) &&
      !/\.[^/.]+$/.test(path)
    ) {
      return reply.sendFile('index.html');
    }
    // HEAD answers as GET would, to the byte: its Content-Length is the GET's.
    return errorHandler(new NotFoundError(`No route ${request.method === 'HEAD' ? 'GET' : request.method} ${path}`), request, reply);
  });
};
