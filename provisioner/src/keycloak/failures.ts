/**
 * Keycloak's answers and network failures, turned into the provisioner's errors. Pure: the gateway
 * hands in the status and body it saw, or the thrown network error.
 */
import {
  ConflictError,
  CredentialsNotDeliveredError,
  InternalError,
  NotFoundError,
  UnavailableError,
  ValidationError,
  type ProvisionerError,
} from '../core/errors.js';
import { excludesRecentAddresses } from '../core/ip-range-check.js';

function keycloakMessage(body: unknown): string | undefined {
  if (typeof body !== 'object' || body === null) return undefined;
  const record = body as Record<string, unknown>;
  for (const key of ['errorMessage', 'error_description', 'error']) {
    if (typeof record[key] === 'string') return record[key] as string;
  }
  return undefined;
}

/**
 * Leading words of the extension's refusals (keycloak-extension/README.md) that mean something to the provisioner.
 * Keycloak answers every client-policy refusal on the admin API with HTTP 400.
 */
const REFUSAL = {
  notManaged: 'not_managed:',
  alreadyGenerated: 'credentials_already_generated:',
  adminEventsWithRepresentation: 'admin_events_include_representation:',
  excludesRecentAddresses: 'excludes_recent_addresses:',
} as const;

/** The addresses an `excludes_recent_addresses` refusal names: after its last ": ", comma-separated. */
function namedAddresses(message: string): string[] {
  return message
    .slice(message.lastIndexOf(': ') + 2)
    .split(',')
    .map((a) => a.trim())
    .filter((a) => a !== '');
}

/** An HTTP answer of the admin API that was not 2xx. */
export function failureFromStatus(status: number, body: unknown, what: string): ProvisionerError {
  const message = keycloakMessage(body);
  if (status === 404) return new NotFoundError(`${what}: not found`);
  if (status === 400 && message?.startsWith(REFUSAL.notManaged)) return new NotFoundError(`${what}: not found`);
  if (status === 400 && message?.startsWith(REFUSAL.alreadyGenerated)) {
    return new CredentialsNotDeliveredError(`${what}: this request made the current secret already`, { status: 'unknown' });
  }
  if (status === 400 && message?.startsWith(REFUSAL.adminEventsWithRepresentation)) {
    return new InternalError(`${what}: ${message}`);
  }
  if (status === 400 && message?.startsWith(REFUSAL.excludesRecentAddresses)) return excludesRecentAddresses(namedAddresses(message));
  if (status === 409) return new ConflictError(`${what}: ${message ?? 'already exists'}`);
  if (status === 400) {
    return new ValidationError([{ field: 'request', reason: 'refused_by_keycloak', message: message ?? 'Keycloak refused the request' }]);
  }
  if (status === 401) return new UnavailableError(`${what}: Keycloak did not accept the provisioner's service-account token`);
  if (status === 403) {
    return new InternalError(`${what}: the provisioner's service account lacks a realm-management role for this`);
  }
  if (status === 429) return new UnavailableError(`${what}: Keycloak is busy`, { retryAfterSeconds: 10 });
  return new UnavailableError(`${what}: Keycloak failed (HTTP ${status})`, { keycloakStatus: status });
}

const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'UND_ERR_SOCKET',
  'UND_ERR_CONNECT_TIMEOUT',
  'UND_ERR_HEADERS_TIMEOUT',
  'UND_ERR_BODY_TIMEOUT',
  'UND_ERR_CLOSED',
]);

/**
 * What broke the transport, whatever wraps it: a system or undici code (`ECONNREFUSED`, `UND_ERR_SOCKET`, …) when
 * one is anywhere in the cause chain, else `TimeoutError`, `AbortError`, `fetch failed` or `SyntaxError` (a cut
 * connection can leave half a JSON body). Undefined for anything that is not a transport failure.
 */
export function transportFailure(error: unknown): string | undefined {
  let marker: string | undefined;
  for (let current = error, depth = 0; current && typeof current === 'object' && depth < 5; depth++) {
    const { name, code, message, cause } = current as { name?: string; code?: string; message?: string; cause?: unknown };
    if (code && NETWORK_CODES.has(code)) return code;
    if (name === 'TimeoutError' || name === 'AbortError') marker ??= name;
    else if (name === 'TypeError' && message === 'fetch failed') marker ??= 'fetch failed';
    else if (name === 'SyntaxError' && depth === 0) marker ??= 'SyntaxError';
    current = cause;
  }
  return marker;
}

/** True for failures of the transport (refused, reset, timed out, aborted), whatever wraps them. */
export function isNetworkFailure(error: unknown): boolean {
  return transportFailure(error) !== undefined;
}

export function unreachable(what: string, cause: unknown): UnavailableError {
  return new UnavailableError(`${what}: Keycloak cannot be reached`, { cause });
}
