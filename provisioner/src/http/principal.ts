/** The verified caller on each request, and the hook that sets it. */
import type { FastifyRequest } from 'fastify';
import { contract } from '@focus-api-access/contract';
import { ForbiddenError, UnauthorizedError, type Actor } from '../core/index.js';
import type { Principal, TokenVerifier } from './auth.js';

declare module 'fastify' {
  interface FastifyRequest {
    principal?: Principal;
  }
  interface FastifyContextConfig {
    /** The route reads or changes API clients: the caller needs the manage right. */
    requiresRight?: boolean;
  }
}

export function actorOf(request: FastifyRequest): Actor {
  const principal = request.principal;
  if (!principal) throw new UnauthorizedError('No bearer token');
  return { subject: principal.subject, username: principal.username };
}

/** onRequest hook: verifies the bearer token (401) and, where the route needs it, the right (403). */
export function authenticate(verifier: TokenVerifier) {
  return async (request: FastifyRequest): Promise<void> => {
    const header = request.headers.authorization;
    const match = typeof header === 'string' ? /^Bearer +([A-Za-z0-9._~+/=-]+)$/i.exec(header.trim()) : null;
    if (!match) throw new UnauthorizedError('A bearer token of realm focus is required');
    request.principal = await verifier.verify(match[1]!);
    if (request.routeOptions.config.requiresRight && !request.principal.mayManage) {
      throw new ForbiddenError(`Missing right "${contract.manageRight.role}" (${contract.manageRight.label})`);
    }
  };
}
