/** Errors of the provisioner's API, turned into one class with a typed `code` the page can switch over. */

export type ApiErrorCode =
  'unauthorized' | 'forbidden' | 'validation' | 'not-found' | 'conflict' | 'rate-limited' | 'unavailable' | 'network' | 'unknown';

export class ApiError extends Error {
  override readonly name = 'ApiError';
  constructor(
    readonly code: ApiErrorCode,
    message: string,
    /** Validation: the field at fault and the reason, as the API worded it. */
    readonly fields: Readonly<Record<string, string>> = {},
    readonly status?: number,
  ) {
    super(message);
  }
}

interface Problem {
  type?: string;
  title?: string;
  status?: number;
  detail?: string;
  code?: string;
  errors?: Array<{ field?: string; path?: string; name?: string; message?: string; reason?: string }>;
  fields?: Record<string, string>;
  field?: string;
}

const CODES: Record<string, ApiErrorCode> = {
  validation: 'validation',
  not_found: 'not-found',
  conflict: 'conflict',
  unavailable: 'unavailable',
  forbidden: 'forbidden',
  unauthorized: 'unauthorized',
  rate_limited: 'rate-limited',
};

function codeFor(status: number): ApiErrorCode {
  if (status === 400 || status === 422) return 'validation';
  if (status === 401) return 'unauthorized';
  if (status === 403) return 'forbidden';
  if (status === 404) return 'not-found';
  if (status === 409) return 'conflict';
  if (status === 429) return 'rate-limited';
  if (status === 502 || status === 503 || status === 504) return 'unavailable';
  return 'unknown';
}

/** Field name without JSON-pointer or body prefixes ("/body/name", "body.name", "ipRanges/2" → "name", "ipRanges"). */
export function fieldName(raw: string): string {
  const parts = raw.split(/[/.[\]]+/).filter((p) => p !== '' && p !== 'body');
  return parts[0] ?? raw;
}

/** Builds the error from a non-2xx response and its problem+json body (if any). */
export function errorFromProblem(status: number, body: unknown): ApiError {
  const problem = (typeof body === 'object' && body !== null ? body : {}) as Problem;
  const fields: Record<string, string> = {};
  for (const e of problem.errors ?? []) {
    const key = e.field ?? e.path ?? e.name;
    if (key) fields[fieldName(key)] ??= e.message ?? e.reason ?? problem.detail ?? '';
  }
  for (const [key, message] of Object.entries(problem.fields ?? {})) fields[fieldName(key)] ??= message;
  if (problem.field && Object.keys(fields).length === 0) fields[fieldName(problem.field)] = problem.detail ?? '';
  const message = problem.detail ?? problem.title ?? `HTTP ${status}`;
  const code = (problem.code && CODES[problem.code]) || codeFor(status);
  return new ApiError(code, message, fields, status);
}
