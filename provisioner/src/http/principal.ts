/** The verified caller on each request, and the hook that sets it. */
import type { FastifyRequest } from 'fastify';
import { contract } from '@focus-api-access/contract';
import { ForbiddenError, UnauthorizedError, type Actor, type UseCaseDeps } from '../core/index.js';
import type { Principal, TokenVerifier } from './auth.js';
import { StepUpRequiredError } from './problem.js';

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

/**
 * The use cases' dependencies for this request: changes go to Keycloak naming the verified person and the request's
 * id, which Keycloak's extension writes into the clients' history in the change's own transaction.
 */
export function actingDeps(deps: UseCaseDeps, request: FastifyRequest): UseCaseDeps {
  const actor = actorOf(request);
  const gateway = deps.gateway.actingFor?.({ subject: actor.subject, username: actor.username, requestId: request.id });
  return gateway ? { ...deps, gateway } : deps;
}

/** Requests that change something: what a required step-up (`acr`) guards. */
const READS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * onRequest hook: verifies the bearer token (401) and, where the route needs it, the right (403); with `requiredAcr`,
 * a change also needs a token from a login of one of those levels (e.g. with a second factor), else 403
 * `step_up_required`.
 */
export function authenticate(verifier: TokenVerifier, requiredAcr: readonly string[] = []) {
  return async (request: FastifyRequest): Promise<void> => {
    const header = request.headers.authorization;
    const match = typeof header === 'string' ? /^Bearer +([A-Za-z0-9._~+/=-]+)$/i.exec(header.trim()) : null;
    if (!match) throw new UnauthorizedError('A bearer token of realm focus is required');
    const principal = await verifier.verify(match[1]!);
    request.principal = principal;
    if (!request.routeOptions.config.requiresRight) return;
    if (!principal.mayManage) {
      throw new ForbiddenError(`Missing right "${contract.manageRight.role}" (${contract.manageRight.label})`);
    }
    if (requiredAcr.length > 0 && !READS.has(request.method) && !requiredAcr.includes(principal.acr ?? '')) {
      throw new StepUpRequiredError(
        `This change needs a stronger login (acr ${requiredAcr.join(' or ')}; this login has ${principal.acr ?? 'none'}): log in again with your second factor`,
      );
    }
  };
}
