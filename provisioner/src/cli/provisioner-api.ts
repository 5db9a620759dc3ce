/**
 * The provisioner's HTTP API as the CLI calls it for a signed-in person: one typed method per route, the shapes
 * those of the route schemas (http/api-types.ts). An error answer (`application/problem+json`) becomes an
 * {@link ApiProblemError} with the problem's code, so the CLI maps it to the exit code it gives the same error in
 * service-account mode.
 */
import type {
  Activity,
  ApiClient,
  ApiClientPage,
  CreateBody,
  Credentials,
  CredentialsBody,
  ExpiringSecretList,
  FieldError,
  HistoryPage,
  HistoryQuery,
  IpRangeCheck,
  IpRangeCheckBody,
  Me,
  RefusalPage,
  ServiceList,
  UpdateBody,
} from '../http/api-types.js';
import type { ProblemCode } from '../http/problem.js';

/** An error answer of the provisioner, or the provisioner not answering at all (`unavailable`). */
export class ApiProblemError extends Error {
  override readonly name = 'ApiProblemError';
  constructor(
    readonly code: ProblemCode,
    message: string,
    readonly status: number,
    readonly fields: readonly FieldError[] = [],
  ) {
    super(message);
  }
}

/** Where the CLI signs in, as the provisioner tells it (`GET /api/v1/cli-login`, no token needed). */
export interface CliLogin {
  readonly issuer: string;
  readonly clientId: string;
}

export interface ProvisionerApiOptions {
  readonly baseUrl: string;
  /** A valid access token of the signed-in person (refreshed by the caller when due). */
  readonly accessToken: () => Promise<string>;
  readonly timeoutMs: number;
}

type Query = Record<string, string | number | undefined>;

/** Why a request got no answer, in a word: the socket's error code (ECONNREFUSED, ENOTFOUND, …) or a timeout. */
export function networkReason(error: unknown): string {
  if ((error as Error).name === 'TimeoutError') return 'no answer in time';
  const cause = (error as { cause?: { code?: string; errors?: Array<{ code?: string }>; message?: string } }).cause;
  return cause?.code ?? cause?.errors?.[0]?.code ?? cause?.message ?? (error as Error).message;
}

export function createProvisionerApi(options: ProvisionerApiOptions) {
  const base = options.baseUrl.replace(/\/+$/, '');

  async function send<T>(
    method: string,
    path: string,
    request: { body?: unknown; query?: Query; headers?: Record<string, string>; anonymous?: boolean } = {},
  ): Promise<T> {
    const url = new URL(`${base}/api/v1${path}`);
    for (const [key, value] of Object.entries(request.query ?? {})) if (value !== undefined) url.searchParams.set(key, String(value));
    const headers: Record<string, string> = { accept: 'application/json', ...(request.headers ?? {}) };
    if (!request.anonymous) headers.authorization = `Bearer ${await options.accessToken()}`;
    if (request.body !== undefined) headers['content-type'] = 'application/json';
    let response: Response;
    try {
      response = await fetch(url, {
        method,
        headers,
        ...(request.body !== undefined ? { body: JSON.stringify(request.body) } : {}),
        signal: AbortSignal.timeout(options.timeoutMs),
      });
    } catch (error) {
      throw new ApiProblemError('unavailable', `The provisioner at ${base} cannot be reached (${networkReason(error)})`, 0);
    }
    if (response.status === 204) return undefined as T;
    const text = await response.text();
    let body: unknown;
    try {
      body = text === '' ? undefined : JSON.parse(text);
    } catch {
      body = undefined;
    }
    if (response.ok) return body as T;
    const problem = (body ?? {}) as { code?: ProblemCode; detail?: string; title?: string; errors?: FieldError[] };
    const code = problem.code ?? (response.status >= 500 ? 'unavailable' : 'internal');
    const message = problem.detail ?? problem.title ?? `The provisioner answered HTTP ${response.status}`;
    throw new ApiProblemError(code, message, response.status, problem.errors ?? []);
  }

  const client = (id: string) => `/clients/${encodeURIComponent(id)}`;

  return {
    cliLogin: () => send<CliLogin>('GET', '/cli-login', { anonymous: true }),
    me: () => send<Me>('GET', '/me'),
    services: () => send<ServiceList>('GET', '/services'),
    listClients: (query: { search?: string | undefined; first: number; max: number }) => send<ApiClientPage>('GET', '/clients', { query }),
    getClient: (id: string) => send<ApiClient>('GET', client(id)),
    createClient: (body: CreateBody) => send<ApiClient>('POST', '/clients', { body }),
    updateClient: (id: string, body: UpdateBody) => send<ApiClient>('PATCH', client(id), { body }),
    deleteClient: (id: string) => send<void>('DELETE', client(id)),
    checkIpRanges: (id: string, body: IpRangeCheckBody) => send<IpRangeCheck>('POST', `${client(id)}/ip-range-check`, { body }),
    generateCredentials: (id: string, body: CredentialsBody, idempotencyKey: string) =>
      send<Credentials>('POST', `${client(id)}/credentials`, { body, headers: { 'idempotency-key': idempotencyKey } }),
    endGracePeriod: (id: string) => send<void>('DELETE', `${client(id)}/credentials/previous`),
    expiringSecrets: (withinDays: number | undefined) => send<ExpiringSecretList>('GET', '/expiring-secrets', { query: { withinDays } }),
    activity: (id: string) => send<Activity>('GET', `${client(id)}/activity`),
    refusals: (id: string, query: { reason: string; first: number; max: number }) =>
      send<RefusalPage>('GET', `${client(id)}/refusals`, { query }),
    audit: (query: Partial<HistoryQuery>) => send<HistoryPage>('GET', '/audit', { query: query as Query }),
  };
}

export type ProvisionerApi = ReturnType<typeof createProvisionerApi>;
