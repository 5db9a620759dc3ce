/**
 * The page's data client: one method per route of the provisioner's HTTP API. Components reach it through
 * {@link useApiClient}, never as a module singleton, so tests and hosts can hand in their own.
 */
import { contract } from '@focus-api-access/contract';
import { ApiError, errorFromProblem } from './errors.js';
import type {
  Activity,
  ApiClient,
  ClientChanges,
  ClientInput,
  ClientPage,
  ClientQuery,
  Credentials,
  CredentialsBody,
  HistoryPage,
  HistoryQuery,
  Me,
  RefusalPage,
  RefusalQuery,
  Service,
  Settings,
} from './types.js';

export interface ApiAccessClient {
  me(): Promise<Me>;
  /**
   * Whether the signed-in user's token itself carries the right (`realm_access.roles`, which the API checks too):
   * the page may then start loading before `me()` answers. Undefined when the token does not say.
   */
  rightInToken(): Promise<boolean | undefined>;
  services(): Promise<readonly Service[]>;
  /** The realm's settings the page explains (how long a replaced secret keeps working). */
  settings(): Promise<Settings>;
  listClients(query: ClientQuery): Promise<ClientPage>;
  getClient(id: string): Promise<ApiClient>;
  createClient(input: ClientInput): Promise<ApiClient>;
  updateClient(id: string, changes: ClientChanges): Promise<ApiClient>;
  deleteClient(id: string): Promise<void>;
  /**
   * `requestKey`: one per click; a repeated request with the same key never generates twice. `expiresInDays`: the new
   * secret stops working after that many days (none: never).
   */
  generateCredentials(id: string, options: GenerateOptions): Promise<Credentials>;
  endGracePeriod(id: string): Promise<void>;
  activity(id: string): Promise<Activity>;
  refusals(id: string, query: RefusalQuery): Promise<RefusalPage>;
  /** One page of the history of all API clients, most recent first. */
  history(query: HistoryQuery): Promise<HistoryPage>;
  /** One page of one client's history, most recent first. */
  clientHistory(id: string, page: { first: number; max: number }): Promise<HistoryPage>;
}

export interface GenerateOptions {
  readonly revokePrevious?: boolean;
  readonly requestKey: string;
  readonly expiresInDays?: number | undefined;
}

/** The body of a generation: only what differs from the API's defaults. */
export function credentialsBody(options: GenerateOptions): CredentialsBody {
  return {
    ...(options.revokePrevious ? { revokePrevious: true } : {}),
    ...(options.expiresInDays !== undefined ? { expiresInDays: options.expiresInDays } : {}),
  };
}

export interface HttpClientOptions {
  /** Origin and path prefix in front of `/api/v1`; empty for the page's own origin. */
  readonly apiBaseUrl: string;
  readonly getAccessToken: () => Promise<string>;
  readonly fetch?: typeof fetch;
}

/** An {@link ApiAccessClient} over HTTP with a fresh bearer token on every call. */
export function httpClient(options: HttpClientOptions): ApiAccessClient {
  const base = options.apiBaseUrl.replace(/\/+$/, '');
  const doFetch = options.fetch ?? ((input, init) => globalThis.fetch(input, init));

  async function call<T>(method: string, path: string, body?: unknown, extraHeaders: Record<string, string> = {}): Promise<T> {
    let token: string;
    try {
      token = await options.getAccessToken();
    } catch {
      throw new ApiError('unauthorized', 'no access token');
    }
    const headers: Record<string, string> = { ...extraHeaders, accept: 'application/json', authorization: `Bearer ${token}` };
    if (body !== undefined) headers['content-type'] = 'application/json';
    let response: Response;
    try {
      response = await doFetch(`${base}/api/v1${path}`, {
        method,
        headers,
        body: body === undefined ? null : JSON.stringify(body),
        cache: 'no-store',
        credentials: 'omit',
      });
    } catch (error) {
      throw new ApiError('network', (error as Error).message);
    }
    const text = await response.text();
    let parsed: unknown;
    try {
      parsed = text === '' ? undefined : JSON.parse(text);
    } catch {
      parsed = undefined;
    }
    if (!response.ok) throw errorFromProblem(response.status, parsed);
    return parsed as T;
  }

  const client = (id: string) => `/clients/${encodeURIComponent(id)}`;
  return {
    me: () => call('GET', '/me'),
    rightInToken: async () => {
      try {
        const payload = JSON.parse(atob((await options.getAccessToken()).split('.')[1]!.replace(/-/g, '+').replace(/_/g, '/'))) as {
          realm_access?: { roles?: unknown };
        };
        const roles = payload.realm_access?.roles;
        return Array.isArray(roles) ? roles.includes(contract.manageRight.role) : undefined;
      } catch {
        return undefined;
      }
    },
    services: () => call('GET', '/services'),
    settings: () => call('GET', '/settings'),
    listClients: ({ search, first, max }) => {
      const params = new URLSearchParams({ first: String(first), max: String(max) });
      if (search.trim() !== '') params.set('search', search.trim());
      return call('GET', `/clients?${params}`);
    },
    getClient: (id) => call('GET', client(id)),
    createClient: (input) => call('POST', '/clients', input),
    updateClient: (id, changes) => call('PATCH', client(id), changes),
    deleteClient: (id) => call('DELETE', client(id)),
    generateCredentials: (id, opts) =>
      call('POST', `${client(id)}/credentials`, credentialsBody(opts), {
        'idempotency-key': opts.requestKey,
      }),
    endGracePeriod: (id) => call('DELETE', `${client(id)}/credentials/previous`),
    activity: (id) => call('GET', `${client(id)}/activity`),
    refusals: (id, { reason, first, max }) =>
      call('GET', `${client(id)}/refusals?${new URLSearchParams({ reason, first: String(first), max: String(max) })}`),
    history: (query) => {
      const params = new URLSearchParams({ first: String(query.first), max: String(query.max) });
      for (const key of ['client', 'person', 'action', 'from', 'to'] as const) {
        const value = query[key]?.trim();
        if (value) params.set(key, value);
      }
      return call('GET', `/audit?${params}`);
    },
    clientHistory: (id, { first, max }) =>
      call('GET', `${client(id)}/history?${new URLSearchParams({ first: String(first), max: String(max) })}`),
  };
}
