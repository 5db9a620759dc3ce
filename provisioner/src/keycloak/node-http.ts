/**
 * The requests the provisioner sends to a Keycloak node on every change (the extension's endpoints, secret
 * generation, create, delete), over undici's request API on one keep-alive connection pool per node. The admin
 * client's `fetch` builds WHATWG requests, headers and streams for each call: about half a millisecond more of the
 * provisioner's CPU per call, a fifth of everything the provisioner adds to an update. Reads that are not on that
 * path keep using the admin client.
 *
 * A refusal looks like the admin client's (`NetworkError` with the status and the answer's body), and transport
 * failures carry undici's codes, so failover.ts and failures.ts judge both alike.
 */
import { NetworkError } from '@keycloak/keycloak-admin-client';
import { Pool } from 'undici';

export interface NodeRequest {
  readonly method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  /** Below the node's base URL, e.g. `/admin/realms/focus/clients`; query values are encoded here. */
  readonly path: string;
  readonly query?: Readonly<Record<string, string | number | undefined>>;
  readonly headers: Readonly<Record<string, string>>;
  /** Sent as JSON. */
  readonly body?: unknown;
}

export interface NodeAnswer {
  readonly status: number;
  /** The `Location` header, for a create. */
  readonly location: string | undefined;
  /** The parsed JSON body; undefined when there is none. */
  readonly data: unknown;
}

export interface NodeHttp {
  send(request: NodeRequest): Promise<NodeAnswer>;
  close(): Promise<void>;
}

/** Admin-client compatible: the same fields it reads the refusal's message from. */
const ERROR_FIELDS = ['error', 'errorMessage'] as const;

/** A refusal's body as the admin client keeps it: JSON when it is, else the text. */
function refusalData(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

function refusal(status: number, data: unknown): NetworkError {
  const fields = typeof data === 'object' && data !== null ? (data as Record<string, unknown>) : {};
  const message = ERROR_FIELDS.map((key) => fields[key]).find((v): v is string => typeof v === 'string');
  return new NetworkError(message ?? 'Network response was not OK.', { response: new Response(null, { status }), responseData: data });
}

/**
 * @example
 * const http = nodeHttp('http://kc-1:8080', 10_000);
 * const { data } = await http.send({ method: 'GET', path: '/realms/focus/focus-api-access/settings', headers: { authorization } });
 */
export function nodeHttp(baseUrl: string, timeoutMs: number): NodeHttp {
  const base = new URL(baseUrl);
  const prefix = base.pathname.replace(/\/+$/, '');
  const pool = new Pool(base.origin, { connect: { timeout: timeoutMs }, headersTimeout: timeoutMs, bodyTimeout: timeoutMs });
  return {
    async send(request) {
      let path = prefix + request.path;
      const query = new URLSearchParams();
      for (const [key, value] of Object.entries(request.query ?? {})) if (value !== undefined) query.set(key, String(value));
      if (query.size > 0) path += `?${query.toString()}`;
      const hasBody = request.body !== undefined;
      const answer = await pool.request({
        method: request.method,
        path,
        headers: { ...request.headers, ...(hasBody ? { 'content-type': 'application/json' } : {}) },
        ...(hasBody ? { body: JSON.stringify(request.body) } : {}),
      });
      const text = await answer.body.text();
      if (answer.statusCode >= 400) throw refusal(answer.statusCode, refusalData(text));
      const location = answer.headers.location;
      // A body cut short is a SyntaxError here: a transport failure (failures.ts).
      return {
        status: answer.statusCode,
        location: Array.isArray(location) ? location[0] : location,
        data: text === '' ? undefined : JSON.parse(text),
      };
    },
    close: () => pool.close(),
  };
}
