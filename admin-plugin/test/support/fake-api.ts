/**
 * An in-memory stand-in for the provisioner's API, handed to the page through its client prop: component tests
 * run without a host, a token or a network.
 */
import { jest } from '@jest/globals';
import type { ApiAccessClient } from '../../src/api/client.js';
import { ApiError } from '../../src/api/errors.js';
import type { Activity, ApiClient, ClientInput, Credentials, Me, Service } from '../../src/api/types.js';

export const catalogue: Service[] = [
  { id: 'openhappening-eaglebe', label: 'OpenHappening integration Eaglebe' },
  { id: 'other-vendor', label: 'Other vendor integration' },
];

export const TOKEN_ENDPOINT = 'https://sso.focus.example/realms/focus/protocol/openid-connect/token';
export const SECRET = 'fake-secret-value-0123456789';

export function apiClient(overrides: Partial<ApiClient> = {}): ApiClient {
  return {
    id: 'id-1',
    clientId: 'api-eaglebe-1a2b',
    name: 'API Eaglebe',
    services: [{ id: 'openhappening-eaglebe', label: 'OpenHappening integration Eaglebe' }],
    ipRanges: [],
    enabled: true,
    createdBy: 'beheerder',
    createdAt: '2026-11-01T09:30:00Z',
    credentialsGeneratedAt: null,
    lastUsedAt: null,
    previousSecretValidUntil: null,
    ...overrides,
  };
}

type Mocked<T> = { [K in keyof T]: T[K] extends (...args: infer A) => infer R ? jest.Mock<(...args: A) => R> : T[K] };

export interface FakeApi extends Mocked<ApiAccessClient> {
  readonly clients: ApiClient[];
}

export function fakeApi(options: { me?: Me; clients?: ApiClient[] } = {}): FakeApi {
  const clients = [...(options.clients ?? [])];
  let next = clients.length + 1;
  const find = (id: string) => {
    const client = clients.find((c) => c.id === id);
    if (!client) throw new ApiError('not-found', 'not found', {}, 404);
    return client;
  };
  const toClient = (input: ClientInput, base: Partial<ApiClient>): ApiClient =>
    apiClient({
      ...base,
      name: input.name,
      services: input.services.map((id) => ({ id, label: catalogue.find((s) => s.id === id)?.label ?? id })),
      ipRanges: [...input.ipRanges],
    });
  const api = {
    clients,
    me: jest.fn(async () => options.me ?? { username: 'beheerder', mayManage: true }),
    services: jest.fn(async () => catalogue),
    listClients: jest.fn(async ({ search, first, max }) => {
      const matches = clients.filter((c) => c.name.toLowerCase().includes(search.toLowerCase()));
      return { items: matches.slice(first, first + max), first, max, total: matches.length };
    }),
    getClient: jest.fn(async (id: string) => find(id)),
    createClient: jest.fn(async (input: ClientInput) => {
      if (clients.some((c) => c.name.toLowerCase() === input.name.toLowerCase())) {
        throw new ApiError('conflict', 'name taken', {}, 409);
      }
      const client = toClient(input, { id: `id-${next}`, clientId: `api-client-${next}` });
      next += 1;
      clients.push(client);
      return client;
    }),
    updateClient: jest.fn(async (id: string, input: Partial<ClientInput> & { enabled?: boolean }) => {
      const index = clients.indexOf(find(id));
      const current = clients[index]!;
      const updated: ApiClient = {
        ...current,
        ...(input.name !== undefined ? { name: input.name } : {}),
        ...(input.enabled !== undefined ? { enabled: input.enabled } : {}),
        ...(input.ipRanges !== undefined ? { ipRanges: [...input.ipRanges] } : {}),
      };
      clients[index] = updated;
      return updated;
    }),
    deleteClient: jest.fn(async (id: string) => {
      clients.splice(clients.indexOf(find(id)), 1);
    }),
    generateCredentials: jest.fn(async (id: string, opts?: { revokePrevious?: boolean }): Promise<Credentials> => {
      const client = find(id);
      const regenerating = Boolean(client.credentialsGeneratedAt);
      clients[clients.indexOf(client)] = { ...client, credentialsGeneratedAt: '2026-11-02T10:00:00Z' };
      return {
        clientId: client.clientId,
        clientSecret: SECRET,
        tokenEndpoint: TOKEN_ENDPOINT,
        scope: 'openhappening-eaglebe',
        previousSecretValidUntil: regenerating && !opts?.revokePrevious ? '2026-11-03T10:00:00Z' : null,
      };
    }),
    endGracePeriod: jest.fn(async (id: string) => {
      find(id);
    }),
    activity: jest.fn(async (): Promise<Activity> => ({ lastTokenAt: null, refusals: [] })),
  };
  return api as unknown as FakeApi;
}
