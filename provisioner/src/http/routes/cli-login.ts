/**
 * `/api/v1/cli-login`: where the `focus-api-access` CLI signs a person in, so that the provisioner's URL is all an
 * engineer has to know. Public: it names an issuer and a public client, nothing secret.
 */
import type { FastifyPluginAsync } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { contract } from '@focus-api-access/contract';
import { CliLogin } from '../schemas.js';

export const cliLoginRoutes: FastifyPluginAsync<{ issuer: string }> = async (fastify, { issuer }) => {
  fastify.withTypeProvider<TypeBoxTypeProvider>().get(
    '/cli-login',
    {
      schema: {
        tags: ['Session'],
        summary: 'Where the CLI signs a person in: the issuer of realm focus and the CLI client (no token needed)',
        response: { 200: CliLogin },
      },
    },
    async (_request, reply) => {
      reply.header('cache-control', 'no-cache');
      return { issuer, clientId: contract.clients.cli };
    },
  );
};
