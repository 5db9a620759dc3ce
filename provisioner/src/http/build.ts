/** Builds the Fastify instance with the provisioner's server options and the app plugin. */
import { randomUUID } from 'node:crypto';
import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import { Ajv } from 'ajv';
import { provisionerApp, type AppOptions } from './app.js';
import { errorHandler } from './problem.js';
import { securityHeaderSetter } from './security-headers.js';

export interface BuildOptions extends AppOptions {
  readonly bodyLimitBytes?: number;
  readonly trustProxy?: boolean;
  /** Pino options; `false` for silence. Bodies and authorization headers are never logged. */
  readonly logger?: FastifyServerOptions['logger'];
}

// Bodies are validated as sent (a number is not a name); query strings and path parameters are text by nature.
const strict = new Ajv({ allErrors: true, coerceTypes: false, removeAdditional: false, useDefaults: true, strict: false });
const coercing = new Ajv({ allErrors: true, coerceTypes: true, removeAdditional: false, useDefaults: true, strict: false });
strict.addKeyword('example');
coercing.addKeyword('example');

/** Fastify's validator compiler for every route: bodies strict, everything else coerced from text. */
export const validatorCompiler = ({ schema, httpPart }: { schema: object; httpPart?: string }) =>
  (httpPart === 'body' ? strict : coercing).compile(schema);

export const REDACTED_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'req.body',
  'res.body',
  '*.clientSecret',
  '*.secret',
  'clientSecret',
  'secret',
];

/** Request log lines carry method, path and status: never headers or bodies. */
export const serializers = {
  req(request: { method: string; url: string; id: string; ip?: string }) {
    return { method: request.method, url: request.url, id: request.id, remoteAddress: request.ip };
  },
  res(reply: { statusCode: number }) {
    return { statusCode: reply.statusCode };
  },
};

export function loggerOptions(level: string, stream?: NodeJS.WritableStream): FastifyServerOptions['logger'] {
  return {
    level,
    redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
    serializers,
    ...(stream ? { stream } : {}),
  } as FastifyServerOptions['logger'];
}

/**
 * @example
 * const app = await buildApp({ gateway, verifier, tokenEndpoint, corsOrigins: [], credentialsPerMinute: 10 });
 * const response = await app.inject({ method: 'GET', url: '/healthz' });
 */
export async function buildApp(options: BuildOptions): Promise<FastifyInstance> {
  const setSecurityHeaders = securityHeaderSetter(new URL(options.tokenEndpoint).origin);
  const app = Fastify({
    logger: options.logger ?? loggerOptions('info'),
    bodyLimit: options.bodyLimitBytes ?? 16_384,
    trustProxy: options.trustProxy ?? false,
    return503OnClosing: true,
    forceCloseConnections: 'idle',
    // Unique across restarts and instances: the clients' history keeps it with each change.
    genReqId: () => randomUUID(),
    // An address that cannot be decoded (`/api/v1/clients/%`) is refused before any route or hook: answered here as
    // every other refusal is, security headers included.
    frameworkErrors: (error, request, reply) => {
      setSecurityHeaders(request.raw, reply.raw);
      reply.header('cache-control', 'no-store');
      errorHandler(error, request, reply);
    },
  });
  app.setValidatorCompiler(validatorCompiler);
  await app.register(provisionerApp, options);
  return app;
}
