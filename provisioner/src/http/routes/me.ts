/** `/api/v1/me` and `/api/v1/services`. */
import type { FastifyPluginAsync } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { contract } from '@focus-api-access/contract';
import { listServices, type UseCaseDeps } from '../../core/index.js';
import { Me, ServiceList, problems } from '../schemas.js';

export const meRoutes: FastifyPluginAsync<{ deps: UseCaseDeps }> = async (fastify, { deps }) => {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const security = [{ bearer: [] }];

  app.get(
    '/me',
    {
      schema: {
        tags: ['Session'],
        security,
        summary: 'Who am I, and may I manage API clients',
        response: { 200: Me, ...problems(401, 503) },
      },
    },
    (request) => ({
      subject: request.principal!.subject,
      username: request.principal!.username,
      mayManage: request.principal!.mayManage,
      right: contract.manageRight.role,
    }),
  );

  app.get(
    '/services',
    {
      config: { requiresRight: true },
      schema: {
        tags: ['Services'],
        security,
        summary: 'The services catalogue',
        response: { 200: ServiceList, ...problems(401, 403, 503) },
      },
    },
    () => listServices(deps),
  );
};
