/** Errors of the provisioner's API, turned into one class with a typed `code` the page can switch over. */
import type { Problem } from './types.js';

export type ApiErrorCode =
  | 'unauthorized'
  | 'forbidden'
  | 'step-up-required'
  | 'validation'
  | 'not-found'
  | 'conflict'
  | 'not-delivered'
  | 'rate-limited'
  | 'unavailable'
  | 'network'
  | 'unknown';

/** With `not-delivered`: what became of the secret that was current before. */
export interface PreviousSecret {
  readonly status: 'valid' | 'revoked' | 'unknown';
  readonly validUntil?: string;
}

export class ApiError extends Error {
  override readonly name = 'ApiError';
  constructor(
    readonly code: ApiErrorCode,
    message: string,
    /** Validation: the field at fault and the reason, as the API worded it. */
    readonly fields: Readonly<Record<string, string>> = {},
    readonly status?: number,
    readonly previousSecret?: PreviousSecret,
  ) {
    super(message);
  }
}

const CODES: Partial<Record<Problem['code'], ApiErrorCode>> = {
  validation: 'validation',
  not_found: 'not-found',
  conflict: 'conflict',
  credentials_not_delivered: 'not-delivered',
  unavailable: 'unavailable',
  forbidden: 'forbidden',
  unauthorized: 'unauthorized',
  rate_limited: 'rate-limited',
  step_up_required: 'step-up-required',
};

function codeFor(status: number): ApiErrorCode {
  if (status === 400) return 'validation';
  if (status === 401) return 'unauthorized';
  if (status === 403) return 'forbidden';
  if (status === 404) return 'not-found';
  if (status === 409) return 'conflict';
  if (status === 429) return 'rate-limited';
  if (status === 502 || status === 503 || status === 504) return 'unavailable';
  return 'unknown';
}

/** The field a problem names, without its index ("ipRanges[2]" → "ipRanges"). */
export function fieldName(raw: string): string {
  return raw.split(/[[.]/)[0] ?? raw;
}

/** Builds the error from a non-2xx response and its problem+json body (if any). */
export function errorFromProblem(status: number, body: unknown): ApiError {
  const problem = (typeof body === 'object' && body !== null ? body : {}) as Partial<Problem>;
  const fields: Record<string, string> = {};
  for (const e of problem.errors ?? []) fields[fieldName(e.field)] ??= e.message;
  const message = problem.detail ?? problem.title ?? `HTTP ${status}`;
  const code = (problem.code && CODES[problem.code]) || codeFor(status);
  if (code !== 'not-delivered') return new ApiError(code, message, fields, status);
  const { previousSecretStatus: previous, previousSecretValidUntil: validUntil } = problem;
  const previousSecret: PreviousSecret =
    previous === 'valid' || previous === 'revoked' ? { status: previous, ...(validUntil ? { validUntil } : {}) } : { status: 'unknown' };
  return new ApiError(code, message, fields, status, previousSecret);
}
