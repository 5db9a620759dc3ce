/** The one place errors become HTTP answers: `application/problem+json`, a stable `type` per code. */
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { contract } from '@focus-api-access/contract';
import {
  ConflictError,
  CredentialsNotDeliveredError,
  ProvisionerError,
  RateLimitedError,
  UnavailableError,
  ValidationError,
  type ErrorCode,
  type FieldError,
} from '../core/errors.js';

export type ProblemCode = ErrorCode | 'payload_too_large' | 'unsupported_media_type' | 'step_up_required';

/** The caller may make changes, but only after a stronger login (PROVISIONER_REQUIRED_ACR). */
export class StepUpRequiredError extends Error {
  override readonly name = 'StepUpRequiredError';
}

const STATUS: Record<ProblemCode, number> = {
  validation: 400,
  unauthorized: 401,
  forbidden: 403,
  step_up_required: 403,
  not_found: 404,
  conflict: 409,
  credentials_not_delivered: 409,
  payload_too_large: 413,
  unsupported_media_type: 415,
  rate_limited: 429,
  internal: 500,
  unavailable: 503,
};

const TITLE: Record<ProblemCode, string> = {
  validation: 'Invalid request',
  unauthorized: 'Not authenticated',
  forbidden: 'Not allowed',
  step_up_required: 'Stronger login required',
  not_found: 'Not found',
  conflict: 'Conflict',
  credentials_not_delivered: 'Credentials generated but not delivered',
  payload_too_large: 'Request body too large',
  unsupported_media_type: 'Unsupported content type',
  rate_limited: 'Too many requests',
  internal: 'Internal error',
  unavailable: 'Keycloak unavailable',
};

/** Every code a problem answer can carry (the route schemas list them for the API's users). */
export const PROBLEM_CODES = Object.keys(STATUS) as ProblemCode[];

export function problemType(code: ProblemCode): string {
  return `urn:focus-api-access:problem:${code}`;
}

export interface ProblemBody {
  type: string;
  title: string;
  status: number;
  code: ProblemCode;
  detail?: string;
  errors?: FieldError[];
  retryAfter?: number;
  previousSecretStatus?: 'valid' | 'revoked' | 'unknown';
  previousSecretValidUntil?: string;
}

export function problem(code: ProblemCode, detail: string | undefined, extra: Partial<ProblemBody> = {}): ProblemBody {
  return { type: problemType(code), title: TITLE[code], status: STATUS[code], code, ...(detail ? { detail } : {}), ...extra };
}

interface AjvIssue {
  instancePath?: string;
  keyword?: string;
  message?: string;
  params?: Record<string, unknown>;
}

/** `/ipRanges/2` → `ipRanges[2]`; missing and unknown properties name the property itself. */
function fieldOf(issue: AjvIssue, context: string | undefined): string {
  const parts = (issue.instancePath ?? '').split('/').filter((p) => p !== '');
  const property = issue.params?.missingProperty ?? issue.params?.additionalProperty;
  if (typeof property === 'string') parts.push(property);
  const path = parts.reduce((acc, part) => (/^\d+$/.test(part) ? `${acc}[${part}]` : acc ? `${acc}.${part}` : part), '');
  return path || (context === 'body' ? 'body' : (context ?? 'request'));
}

function reasonOf(issue: AjvIssue): string {
  switch (issue.keyword) {
    case 'additionalProperties':
      return 'unknown_field';
    case 'required':
      return 'required';
    case 'type':
      return 'type';
    case 'maxLength':
      return 'too_long';
    case 'maxItems':
      return 'too_many';
    case 'minProperties':
      return 'empty';
    default:
      return issue.keyword ?? 'invalid';
  }
}

export function validationFields(error: FastifyError): FieldError[] {
  const context = (error as { validationContext?: string }).validationContext;
  const issues = unionsSummarised((error.validation ?? []).map((issue: AjvIssue) => ({ issue, field: fieldOf(issue, context) })));
  return issues.map(({ issue, field }) => ({
    field,
    reason: reasonOf(issue),
    message: issue.keyword === 'additionalProperties' ? 'is not a known field' : (issue.message ?? 'is invalid'),
  }));
}

/**
 * A value that matches no branch of a union (`anyOf`, e.g. a number of days or null) gets a failure per branch,
 * which contradict each other ("must be >= 1", "must be null"). Keep what is wrong with the value in the branch of its
 * type; when its type fits no branch, one line naming the types.
 */
function unionsSummarised(issues: ReadonlyArray<{ issue: AjvIssue; field: string }>): Array<{ issue: AjvIssue; field: string }> {
  const unionFields = new Set(issues.filter(({ issue }) => issue.keyword === 'anyOf').map(({ field }) => field));
  const out: Array<{ issue: AjvIssue; field: string }> = [];
  for (const entry of issues) {
    if (!unionFields.has(entry.field)) out.push(entry);
  }
  for (const field of unionFields) {
    const branches = issues.filter((e) => e.field === field && e.issue.keyword !== 'anyOf');
    const specific = branches.filter((e) => e.issue.keyword !== 'type');
    if (specific.length > 0) out.push(...specific);
    else {
      const types = branches.map((e) => String(e.issue.params?.type ?? '')).filter((t) => t !== '');
      out.push({ field, issue: { keyword: 'type', message: `must be ${[...new Set(types)].join(' or ') || 'valid'}` } });
    }
  }
  return out;
}

function fromError(error: unknown, request: FastifyRequest): ProblemBody {
  if (error instanceof StepUpRequiredError) return problem('step_up_required', error.message);
  if (error instanceof ValidationError) return problem('validation', error.message, { errors: [...error.fields] });
  if (error instanceof CredentialsNotDeliveredError) {
    const previous = error.previousSecret;
    return problem(error.code, error.message, {
      previousSecretStatus: previous.status,
      ...(previous.status === 'valid' ? { previousSecretValidUntil: previous.validUntil } : {}),
    });
  }
  if (error instanceof ConflictError)
    return problem('conflict', error.message, error.fields.length > 0 ? { errors: [...error.fields] } : {});
  if (error instanceof UnavailableError || error instanceof RateLimitedError) {
    return problem(error.code, error.message, { retryAfter: error.retryAfterSeconds });
  }
  if (error instanceof ProvisionerError) {
    return error.code === 'internal'
      ? problem('internal', 'The provisioner failed; the error is logged')
      : problem(error.code, error.message);
  }
  const fastifyError = error as FastifyError;
  if (fastifyError.validation)
    return problem('validation', 'The request does not match the schema', { errors: validationFields(fastifyError) });
  switch (fastifyError.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return problem('payload_too_large', 'The request body is larger than allowed', {
        errors: [{ field: 'body', reason: 'too_large', message: 'is too large' }],
      });
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE': {
      const sent = mediaTypeOf(request.headers['content-type']);
      return problem(
        'unsupported_media_type',
        `${sent ? `${sent} is not accepted` : 'A body needs a content type'}: send application/json`,
        {
          errors: [{ field: 'content-type', reason: 'unsupported', message: 'must be application/json' }],
        },
      );
    }
    case 'FST_ERR_BAD_URL':
      return problem('validation', 'The address cannot be decoded', {
        errors: [{ field: 'url', reason: 'malformed', message: 'has a "%" that does not start a percent-encoded UTF-8 character' }],
      });
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
    case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
      return problem('validation', 'The request body is not valid JSON', {
        errors: [{ field: 'body', reason: 'malformed', message: 'is not valid JSON' }],
      });
  }
  const status = fastifyError.statusCode;
  if (typeof status === 'number' && status >= 400 && status < 500) {
    // Another refusal of Fastify or a plugin (a static file's path that leaves its folder is 403): the code that goes
    // with its status, so that the problem's type and status agree.
    const code = status === 403 ? 'forbidden' : status === 404 ? 'not_found' : 'validation';
    return { ...problem(code, 'The request cannot be processed'), status };
  }
  return problem('internal', 'The provisioner failed; the error is logged');
}

/** The media type a request named (without its parameters), as far as it can be shown: a refusal repeats it. */
function mediaTypeOf(header: string | undefined): string | undefined {
  const type = header?.split(';')[0]?.trim();
  return type && /^[\w.+-]{1,64}\/[\w.+-]{1,64}$/.test(type) ? type : type ? 'The content type sent' : undefined;
}

/** Fastify error handler: logs server faults, never a request body or a secret. */
export function errorHandler(error: unknown, request: FastifyRequest, reply: FastifyReply): FastifyReply {
  const body = fromError(error, request);
  if (body.status >= 500 && body.code !== 'unavailable') request.log.error({ err: error }, 'request failed');
  else if (body.code === 'unavailable') request.log.warn({ reason: (error as Error).message }, 'Keycloak unavailable');
  if (body.retryAfter !== undefined) reply.header('retry-after', String(body.retryAfter));
  if (body.code === 'unauthorized') reply.header('www-authenticate', `Bearer realm="${contract.realm}"`);
  return reply.status(body.status).type('application/problem+json').send(body);
}
