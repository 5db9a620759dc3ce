/**
 * An in-memory stand-in for the provisioner's API, handed to the page through its client prop: component tests
 * run without a host, a token or a network. `schemaChecked` (used by renderPage) checks every request the page makes
 * and every answer it gets against the provisioner's route schemas, strictly (no field a schema lacks), answers set
 * by a test included, so neither the page nor the fake can drift from the real API without failing a test.
 */
import { jest } from '@jest/globals';
import type { TSchema } from '@sinclair/typebox';
import { Ajv, type ValidateFunction } from 'ajv';
import { checkIpRanges } from '@focus-api-access/contract';
import * as schemas from '@focus-api-access/provisioner/schemas';
import { credentialsBody, type ApiAccessClient, type GenerateOptions } from '../../src/api/client.js';
import { ApiError } from '../../src/api/errors.js';
import type {
  Activity,
  ApiClient,
  ApiClientSummary,
  ClientChanges,
  ClientInput,
  ClientQuery,
  Credentials,
  HistoryEntry,
  HistoryPage,
  HistoryQuery,
  Me,
  RefusalPage,
  RefusalQuery,
  Service,
} from '../../src/api/types.js';

const ajv = new Ajv({ allErrors: false, strict: false });
ajv.addFormat('date-time', (value: string) => !Number.isNaN(Date.parse(value)));

/** The schema as plain JSON Schema with every object closed: a field the real API would not send (or take) fails. */
function strict(schema: TSchema): object {
  const copy = JSON.parse(JSON.stringify(schema)) as unknown;
  const close = (node: unknown): void => {
    if (Array.isArray(node)) node.forEach(close);
    else if (node && typeof node === 'object') {
      const record = node as Record<string, unknown>;
      if (record.type === 'object' && record.additionalProperties === undefined) record.additionalProperties = false;
      Object.values(record).forEach(close);
    }
  };
  close(copy);
  return copy as object;
}

/** Throws when `value` does not match the route schema, naming the first difference. */
const compiled = new WeakMap<TSchema, ValidateFunction>();

export function conforms<T>(schema: TSchema, value: T, what: string): T {
  let validate = compiled.get(schema);
  if (!validate) compiled.set(schema, (validate = ajv.compile(strict(schema))));
  if (!validate(value)) {
    const first = validate.errors?.[0];
    throw new Error(
      `${what} does not match the API's schema: ${first?.instancePath || '/'} ${first?.message} ${JSON.stringify(first?.params)}`,
    );
  }
  return value;
}

export const catalogue: Service[] = [
  { id: 'openhappening-eaglebe', label: 'OpenHappening integration Eaglebe' },
  { id: 'other-vendor', label: 'Other vendor integration' },
];

export const RIGHT = 'oauthclient.OAUTH_MANAGE_all';
export const TOKEN_ENDPOINT = 'https://sso.focus.example/realms/focus/protocol/openid-connect/token';
export const SECRET = 'fake-secret-value-0123456789';
/** When the fake generates credentials. */
export const GENERATED_AT = '2026-11-02T10:00:00Z';

/** A client as the list gives it (with its last use when the test sets one); `getClient` answers it without. */
export function apiClient(overrides: Partial<ApiClientSummary> = {}): ApiClientSummary {
  return conforms(
    schemas.ApiClientSummary,
    {
      id: 'id-1',
      clientId: 'api-eaglebe-1a2b',
      name: 'API Eaglebe',
      services: ['openhappening-eaglebe'],
      ipRanges: [],
      enabled: true,
      createdBy: 'beheerder',
      createdAt: '2026-11-01T09:30:00Z',
      secretExpiry: 'none',
      ...overrides,
    },
    'apiClient()',
  );
}

type Mocked<T> = { [K in keyof T]: T[K] extends (...args: infer A) => infer R ? jest.Mock<(...args: A) => R> : T[K] };

export interface FakeApi extends Mocked<ApiAccessClient> {
  readonly clients: ApiClientSummary[];
  /** The history the fake answers, most recent first; tests add to it. */
  readonly historyEntries: HistoryEntry[];
}

/** A history entry as the API gives it. */
export function historyEntry(overrides: Partial<HistoryEntry> = {}): HistoryEntry {
  return conforms(
    schemas.HistoryEntry,
    {
      id: 'h-1',
      time: '2026-11-02T10:00:00Z',
      action: 'rename',
      client: { id: 'id-1', clientId: 'api-eaglebe-1a2b', name: 'API Eaglebe' },
      actor: { subject: 'sub-beheerder', username: 'beheerder', via: 'service-account-api-access-provisioner' },
      before: { name: 'Eaglebe' },
      after: { name: 'API Eaglebe' },
      outcome: 'success',
      requestId: 'req-1',
      ...overrides,
    },
    'historyEntry()',
  );
}

function historyPage(entries: readonly HistoryEntry[], first: number, max: number): HistoryPage {
  const items = entries.slice(first, first + max);
  return { items, first, max, total: entries.length, hasMore: first + items.length < entries.length };
}

/** The client as one API client (not a list item): without its last use. */
function single({ lastUse: _listOnly, ...client }: ApiClientSummary): ApiClient {
  return client;
}

/** Case and accents do not matter, as in the provisioner's search. */
function fold(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase();
}

/** The ranges as the API stores them from a request's entries. */
function storedRanges(entries: ClientInput['ipRanges']): string[] {
  return [...checkIpRanges(entries ?? []).ranges];
}

export function fakeApi(
  options: { me?: Me; clients?: ApiClientSummary[]; history?: HistoryEntry[]; secretGraceSeconds?: number } = {},
): FakeApi {
  const clients = [...(options.clients ?? [])];
  const historyEntries = [...(options.history ?? [])];
  let next = clients.length + 1;
  const find = (id: string) => {
    const client = clients.find((c) => c.id === id);
    if (!client) throw new ApiError('not-found', 'not found', {}, 404);
    return client;
  };
  const api = {
    clients,
    me: jest.fn(async (): Promise<Me> => options.me ?? { subject: 'sub-1', username: 'beheerder', mayManage: true, right: RIGHT }),
    // The token says nothing: the page waits for me() before it loads anything else.
    rightInToken: jest.fn(async (): Promise<boolean | undefined> => undefined),
    services: jest.fn(async () => catalogue),
    settings: jest.fn(async () => ({ secretGraceSeconds: options.secretGraceSeconds ?? 86_400 })),
    listClients: jest.fn(async ({ search, first, max }: ClientQuery) => {
      const matches = clients.filter((c) => fold(`${c.name}\n${c.clientId}`).includes(fold(search.trim())));
      return {
        items: matches.slice(first, first + max),
        first,
        max,
        total: matches.length,
        hasMore: matches.length > first + max,
        ...(search.trim() ? { search: search.trim() } : {}),
      };
    }),
    getClient: jest.fn(async (id: string) => single(find(id))),
    createClient: jest.fn(async (input: ClientInput) => {
      if (clients.some((c) => c.name.toLowerCase() === input.name.toLowerCase())) {
        throw new ApiError('conflict', 'name taken', {}, 409);
      }
      const client = apiClient({
        id: `id-${next}`,
        clientId: `api-client-${next}`,
        name: input.name,
        services: [...input.services],
        ipRanges: storedRanges(input.ipRanges),
      });
      next += 1;
      clients.push(client);
      return single(client);
    }),
    updateClient: jest.fn(async (id: string, changes: ClientChanges) => {
      const index = clients.indexOf(find(id));
      const updated = apiClient({
        ...clients[index]!,
        ...(changes.name !== undefined ? { name: changes.name } : {}),
        ...(changes.enabled !== undefined ? { enabled: changes.enabled } : {}),
        ...(changes.services !== undefined ? { services: [...changes.services] } : {}),
        ...(changes.ipRanges !== undefined ? { ipRanges: storedRanges(changes.ipRanges) } : {}),
      });
      clients[index] = updated;
      return single(updated);
    }),
    deleteClient: jest.fn(async (id: string) => {
      clients.splice(clients.indexOf(find(id)), 1);
    }),
    generateCredentials: jest.fn(async (id: string, opts: GenerateOptions): Promise<Credentials> => {
      const client = find(id);
      const regenerating = Boolean(client.credentialsGeneratedAt);
      const expiresAt =
        opts.expiresInDays === undefined ? undefined : new Date(Date.parse(GENERATED_AT) + opts.expiresInDays * 86_400_000).toISOString();
      const { secretExpiresAt: _replaced, ...rest } = client;
      clients[clients.indexOf(client)] = apiClient({
        ...rest,
        credentialsGeneratedAt: GENERATED_AT,
        secretExpiry: expiresAt ? 'valid' : 'none',
        ...(expiresAt ? { secretExpiresAt: expiresAt } : {}),
      });
      const graceful = regenerating && !opts.revokePrevious;
      return {
        clientId: client.clientId,
        clientSecret: SECRET,
        tokenEndpoint: TOKEN_ENDPOINT,
        scope: 'openhappening-eaglebe',
        previousSecretStatus: graceful ? 'valid' : 'revoked',
        ...(graceful ? { previousSecretValidUntil: '2026-11-03T10:00:00Z' } : {}),
        ...(expiresAt ? { secretExpiresAt: expiresAt } : {}),
      };
    }),
    endGracePeriod: jest.fn(async (id: string) => {
      find(id);
    }),
    activity: jest.fn(async (): Promise<Activity> => ({ addresses: [], refusals: [] })),
    refusals: jest.fn(async (_id: string, { reason, first, max }: RefusalQuery): Promise<RefusalPage> => ({
      reason,
      first,
      max,
      total: 0,
      items: [],
    })),
    historyEntries,
    history: jest.fn(async (query: HistoryQuery): Promise<HistoryPage> => {
      const matching = historyEntries.filter(
        (e) =>
          (!query.person || e.actor.username === query.person.trim()) &&
          (!query.client || e.client.clientId === query.client.trim() || e.client.id === query.client.trim()) &&
          (!query.action || e.action === query.action) &&
          (!query.from || e.time >= query.from) &&
          (!query.to || e.time < query.to),
      );
      return historyPage(matching, query.first, query.max);
    }),
    clientHistory: jest.fn(async (id: string, { first, max }: { first: number; max: number }) =>
      historyPage(
        historyEntries.filter((e) => e.client.id === id),
        first,
        max,
      ),
    ),
  };
  return api as unknown as FakeApi;
}

/** How each method of the page's data client maps onto the API: the request body or query, and the answer. */
const ROUTES: {
  readonly [K in keyof ApiAccessClient]: {
    readonly request?: (...args: Parameters<ApiAccessClient[K]>) => [TSchema, unknown];
    readonly answer?: TSchema;
  };
} = {
  me: { answer: schemas.Me },
  rightInToken: {},
  services: { answer: schemas.ServiceList },
  settings: { answer: schemas.Settings },
  listClients: {
    request: ({ search, first, max }) => [schemas.ListQuery, { ...(search.trim() ? { search: search.trim() } : {}), first, max }],
    answer: schemas.ApiClientPage,
  },
  getClient: { answer: schemas.ApiClient },
  createClient: { request: (input) => [schemas.CreateBody, input], answer: schemas.ApiClient },
  updateClient: { request: (_id, changes) => [schemas.UpdateBody, changes], answer: schemas.ApiClient },
  deleteClient: {},
  generateCredentials: {
    request: (_id, opts) => [schemas.CredentialsBody, credentialsBody(opts!)],
    answer: schemas.Credentials,
  },
  endGracePeriod: {},
  activity: { answer: schemas.Activity },
  refusals: {
    request: (_id, query) => [schemas.RefusalQuery, query],
    answer: schemas.RefusalPage,
  },
  history: {
    request: (query) => [
      schemas.HistoryQuery,
      Object.fromEntries(
        Object.entries(query)
          .filter(([, v]) => v !== '' && v !== undefined)
          .map(([k, v]) => [k, typeof v === 'string' ? v.trim() : v]),
      ),
    ],
    answer: schemas.HistoryPage,
  },
  clientHistory: {
    request: (_id, page) => [schemas.HistoryPageQuery, page],
    answer: schemas.HistoryPage,
  },
};

/** The client with every request and answer checked against the route schemas (see the top of this file). */
export function schemaChecked(client: ApiAccessClient): ApiAccessClient {
  const checked = {} as Record<string, unknown>;
  for (const [method, route] of Object.entries(ROUTES) as [keyof ApiAccessClient, (typeof ROUTES)[keyof ApiAccessClient]][]) {
    checked[method] = async (...args: unknown[]) => {
      if (route.request) {
        const [schema, value] = (route.request as (...a: unknown[]) => [TSchema, unknown])(...args);
        conforms(schema, value, `the page's ${method} request`);
      }
      const result = await (client[method] as (...a: unknown[]) => Promise<unknown>)(...args);
      return route.answer ? conforms(route.answer, result, `the answer to ${method}`) : result;
    };
  }
  return checked as unknown as ApiAccessClient;
}
