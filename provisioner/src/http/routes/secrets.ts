/** `/api/v1/expiring-secrets`: the API clients whose secret expires soon or has expired (the CLI's `credentials expiring`). */
import type { FastifyPluginAsync } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { UseCaseDeps } from '../../core/index.js';
import { listExpiringSecrets } from '../../core/secret-expiry.js';
import { ExpiringSecretList, ExpiringSecretQuery, problems } from '../schemas.js';

export const secretRoutes: FastifyPluginAsync<{ deps: UseCaseDeps }> = async (fastify, { deps }) => {
  fastify.withTypeProvider<TypeBoxTypeProvider>().get(
    '/expiring-secrets',
    {
      config: { requiresRight: true },
      schema: {
        tags: ['API clients'],
        security: [{ bearer: [] }],
        summary: 'The API clients whose secret expires within the warning window (or withinDays) or has expired, soonest first',
        querystring: ExpiringSecretQuery,
        response: { 200: ExpiringSecretList, ...problems(400, 401, 403, 503) },
      },
    },
    (request) => listExpiringSecrets(deps, request.query.withinDays === undefined ? {} : { withinDays: request.query.withinDays }),
  );
};
