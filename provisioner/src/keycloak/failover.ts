/**
 * When a call to one Keycloak node fails, may the same call go to the next node? Pure: the gateway hands in what it
 * saw (an HTTP status or the transport error) and the call's method.
 *
 * The rule:
 * - Every call moves on when the request certainly never reached Keycloak's processing: the connection was refused
 *   or could not be opened (connect timeout, unknown host, no route), the node answered 503 (Keycloak starting,
 *   stopping or shedding load, or a proxy with no node behind it), or the node's token endpoint could not be reached
 *   or answered 502/503/504 (the admin request waiting for the token was never sent).
 * - Idempotent calls (GET, PUT, DELETE) also move on when the node may have acted: the connection broke or timed
 *   out after the request was sent, or a proxy answered 502/504 (it may have handed the request over before the
 *   node failed). Repeating them elsewhere leaves Keycloak as one success would (a repeated DELETE that finds
 *   nothing to delete counts as done).
 * - A POST that may have reached Keycloak is not repeated: a second create answers 409 ("name exists") for the
 *   client the first one made, and a second secret generation would push the vendor's working secret out of its
 *   grace period. It fails with `unavailable`; the create use case then reads the Client ID slot (through the next
 *   node) to learn whether the first attempt succeeded.
 * Any other answer (4xx, 500) is Keycloak's verdict on the request and would be the same on every node.
 */
import { transportFailure } from './failures.js';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'DELETE';

export interface NodeFailure {
  /** For the operator's log: "connection refused", "HTTP 503", … Never a URL with a query, a token or a secret. */
  readonly reason: string;
  /** False only when the request certainly did not reach Keycloak's processing. */
  readonly mayHaveActed: boolean;
}

const IDEMPOTENT: ReadonlySet<HttpMethod> = new Set(['GET', 'PUT', 'DELETE']);

/** Transport failures that happen before a request is sent: the node never saw it. */
const NOT_SENT: Readonly<Record<string, string>> = {
  ECONNREFUSED: 'connection refused',
  UND_ERR_CONNECT_TIMEOUT: 'connect timeout',
  ENOTFOUND: 'host not found',
  EAI_AGAIN: 'host name lookup failed',
  EHOSTUNREACH: 'host unreachable',
  ENETUNREACH: 'network unreachable',
};

/** Transport failures that may come after the request was sent. */
const MAYBE_SENT: Readonly<Record<string, string>> = {
  ECONNRESET: 'connection reset',
  EPIPE: 'connection closed',
  UND_ERR_SOCKET: 'connection closed',
  UND_ERR_CLOSED: 'connection closed',
  ETIMEDOUT: 'timed out',
  UND_ERR_HEADERS_TIMEOUT: 'timed out',
  UND_ERR_BODY_TIMEOUT: 'timed out',
  TimeoutError: 'timed out',
  AbortError: 'timed out',
  SyntaxError: 'incomplete answer',
  'fetch failed': 'connection failed',
};

/** A node failure for an HTTP status, or undefined when the status is Keycloak's answer to the request itself. */
export function failureOfStatus(status: number): NodeFailure | undefined {
  if (status === 503) return { reason: 'HTTP 503', mayHaveActed: false };
  if (status === 502 || status === 504) return { reason: `HTTP ${status}`, mayHaveActed: true };
  return undefined;
}

/** A node failure for a thrown transport error, or undefined when the error is not one. */
export function failureOfTransport(error: unknown): NodeFailure | undefined {
  const marker = transportFailure(error);
  if (marker === undefined) return undefined;
  const notSent = NOT_SENT[marker];
  if (notSent) return { reason: notSent, mayHaveActed: false };
  return { reason: MAYBE_SENT[marker] ?? 'connection failed', mayHaveActed: true };
}

/**
 * @example
 * mayTryNextNode('POST', { reason: 'connection reset', mayHaveActed: true }); // false
 * mayTryNextNode('GET', { reason: 'connection reset', mayHaveActed: true });  // true
 */
export function mayTryNextNode(method: HttpMethod, failure: NodeFailure): boolean {
  return !failure.mayHaveActed || IDEMPOTENT.has(method);
}
