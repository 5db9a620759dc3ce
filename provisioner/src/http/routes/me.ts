/** `/api/v1/me`, `/api/v1/services` and `/api/v1/settings`. */
import type { FastifyPluginAsync } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { contract } from '@focus-api-access/contract';
import { getSettings, listServices, type UseCaseDeps } from '../../core/index.js';
import { Me, ServiceList, Settings, problems } from '../schemas.js';

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

  app.get(
    '/settings',
    {
      config: { requiresRight: true },
      schema: {
        tags: ['Session'],
        security,
        summary: "The realm's settings the page explains: how long a replaced secret keeps working",
        response: { 200: Settings, ...problems(401, 403, 503) },
      },
    },
    () => getSettings(deps),
  );
};
