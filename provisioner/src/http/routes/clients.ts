/** `/api/v1/clients…`: every route needs the right to manage API clients. */
import type { FastifyPluginAsync } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import {
  checkIpRangeChange,
  clientHistory,
  createApiClient,
  deleteApiClient,
  endGracePeriod,
  generateCredentials,
  getActivity,
  getApiClient,
  listApiClients,
  listHistory,
  listRefusals,
  RateLimitedError,
  setApiClientEnabled,
  updateApiClient,
  ValidationError,
  type UseCaseDeps,
} from '../../core/index.js';
import { actingDeps, actorOf } from '../principal.js';
import {
  Activity,
  ApiClient,
  ApiClientPage,
  CreateBody,
  Credentials,
  CredentialsBody,
  HistoryPage,
  HistoryPageQuery,
  HistoryQuery,
  CredentialsHeaders,
  IdParams,
  IpRangeCheck,
  IpRangeCheckBody,
  ListQuery,
  RefusalPage,
  RefusalQuery,
  UpdateBody,
  problems,
} from '../schemas.js';

export interface ClientRoutesOptions {
  readonly deps: UseCaseDeps;
  readonly credentialsPerMinute: number;
}

const tags = ['API clients'];
const security = [{ bearer: [] }];

export const clientRoutes: FastifyPluginAsync<ClientRoutesOptions> = async (fastify, { deps, credentialsPerMinute }) => {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const config = { requiresRight: true };

  app.get(
    '/clients',
    {
      config,
      schema: {
        tags,
        security,
        summary:
          'One page of API clients, ordered by Client ID, each with its last use, and the total; `search` matches any part of the current name or Client ID, ignoring case and accents',
        querystring: ListQuery,
        response: { 200: ApiClientPage, ...problems(400, 401, 403, 503) },
      },
    },
    (request) => listApiClients(deps, request.query),
  );

  app.post(
    '/clients',
    {
      config,
      schema: {
        tags,
        security,
        summary: 'Create an API client',
        body: CreateBody,
        response: { 201: ApiClient, ...problems(400, 401, 403, 409, 413, 415, 503) },
      },
    },
    async (request, reply) => {
      const client = await createApiClient(actingDeps(deps, request), actorOf(request), request.body);
      return reply.status(201).header('location', `/api/v1/clients/${client.id}`).send(client);
    },
  );

  app.get(
    '/clients/:id',
    {
      config,
      schema: {
        tags,
        security,
        summary: 'One API client',
        params: IdParams,
        response: { 200: ApiClient, ...problems(400, 401, 403, 404, 503) },
      },
    },
    (request) => getApiClient(deps, request.params.id),
  );

  app.patch(
    '/clients/:id',
    {
      config,
      schema: {
        tags,
        security,
        summary:
          'Change name, services, IP ranges and/or enabled; the Client ID never changes. New IP ranges that shut out addresses the vendor used recently need confirmExcludedAddresses',
        params: IdParams,
        body: UpdateBody,
        response: { 200: ApiClient, ...problems(400, 401, 403, 404, 409, 413, 415, 503) },
      },
    },
    async (request) => {
      const { enabled, confirmExcludedAddresses, ...changes } = request.body;
      if (Object.keys(changes).length === 0 && enabled === undefined) {
        throw new ValidationError([{ field: 'body', reason: 'required', message: 'give name, services, ipRanges or enabled to change' }]);
      }
      const actor = actorOf(request);
      // Enabled alone is an enable or disable; with other parts, all of them change in one write.
      if (Object.keys(changes).length === 0) return setApiClientEnabled(actingDeps(deps, request), actor, request.params.id, enabled!);
      return updateApiClient(actingDeps(deps, request), actor, request.params.id, { ...changes, enabled, confirmExcludedAddresses });
    },
  );

  app.delete(
    '/clients/:id',
    {
      config,
      schema: {
        tags,
        security,
        summary: 'Delete an API client',
        params: IdParams,
        response: { 204: { type: 'null' }, ...problems(400, 401, 403, 404, 503) },
      },
    },
    async (request, reply) => {
      await deleteApiClient(actingDeps(deps, request), actorOf(request), request.params.id);
      return reply.status(204).send();
    },
  );

  app.post(
    '/clients/:id/credentials',
    {
      config: {
        ...config,
        rateLimit: {
          max: credentialsPerMinute,
          timeWindow: 60_000,
          hook: 'preHandler',
          keyGenerator: (request) => `credentials:${request.principal?.subject ?? request.ip}`,
          errorResponseBuilder: (_request, context) =>
            new RateLimitedError(`At most ${context.max} credential generations per minute`, Math.max(1, Math.ceil(context.ttl / 1000))),
        },
      },
      preValidation: async (request) => {
        request.body ??= {};
      },
      schema: {
        tags,
        security,
        summary: 'Generate credentials: the answer is the only place the secret is ever shown; safe to retry with the same Idempotency-Key',
        params: IdParams,
        headers: CredentialsHeaders,
        body: CredentialsBody,
        response: { 201: Credentials, ...problems(400, 401, 403, 404, 409, 413, 415, 429, 503) },
      },
    },
    async (request, reply) => {
      const key = request.headers['idempotency-key'];
      const credentials = await generateCredentials(actingDeps(deps, request), actorOf(request), request.params.id, {
        revokePrevious: request.body.revokePrevious ?? false,
        ...(key !== undefined ? { idempotencyKey: key } : {}),
        ...(typeof request.body.expiresInDays === 'number' ? { expiresInDays: request.body.expiresInDays } : {}),
      });
      return reply.status(201).header('cache-control', 'no-store').header('pragma', 'no-cache').send(credentials);
    },
  );

  app.delete(
    '/clients/:id/credentials/previous',
    {
      config,
      schema: {
        tags,
        security,
        summary: "End the previous secret's grace period now",
        params: IdParams,
        response: { 204: { type: 'null' }, ...problems(400, 401, 403, 404, 503) },
      },
    },
    async (request, reply) => {
      await endGracePeriod(actingDeps(deps, request), actorOf(request), request.params.id);
      return reply.status(204).send();
    },
  );

  app.post(
    '/clients/:id/ip-range-check',
    {
      config,
      schema: {
        tags,
        security,
        summary: 'Which recently used addresses these IP ranges would shut out; changes nothing',
        params: IdParams,
        body: IpRangeCheckBody,
        response: { 200: IpRangeCheck, ...problems(400, 401, 403, 404, 413, 415, 503) },
      },
    },
    (request) => checkIpRangeChange(deps, request.params.id, request.body),
  );

  app.get(
    '/clients/:id/activity',
    {
      config,
      schema: {
        tags,
        security,
        summary: 'When the client last got a token and from where, its recent source addresses, its refusals per reason',
        params: IdParams,
        response: { 200: Activity, ...problems(400, 401, 403, 404, 503) },
      },
    },
    (request) => getActivity(deps, request.params.id),
  );

  app.get(
    '/clients/:id/refusals',
    {
      config,
      schema: {
        tags,
        security,
        summary: "One page of the client's refused token requests for one reason, one row per source address, most recent first",
        params: IdParams,
        querystring: RefusalQuery,
        response: { 200: RefusalPage, ...problems(400, 401, 403, 404, 503) },
      },
    },
    (request) => listRefusals(deps, request.params.id, request.query),
  );

  app.get(
    '/clients/:id/history',
    {
      config,
      schema: {
        tags,
        security,
        summary:
          "One page of the client's history, most recent first: every change, who made it, before and after; also after the client was deleted",
        params: IdParams,
        querystring: HistoryPageQuery,
        response: { 200: HistoryPage, ...problems(400, 401, 403, 503) },
      },
    },
    (request) => clientHistory(deps, request.params.id, request.query),
  );

  app.get(
    '/audit',
    {
      config,
      schema: {
        tags: ['History'],
        security,
        summary: 'One page of the history of all API clients, most recent first, filtered by client, person, kind of change and period',
        querystring: HistoryQuery,
        response: { 200: HistoryPage, ...problems(400, 401, 403, 503) },
      },
    },
    (request) => listHistory(deps, request.query),
  );
};
