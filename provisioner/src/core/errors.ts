/**
 * The provisioner's errors: one small class tree whose `code` is a typed union, so callers can
 * `switch (error.code)`. HTTP maps codes to problem details in one place (http/problem.ts), the CLI to
 * exit codes in one place (cli/exit-codes.ts). Messages never contain a secret.
 */
import type { PreviousSecret } from './model.js';

export type ErrorCode =
  | 'validation'
  | 'not_found'
  | 'conflict'
  | 'credentials_not_delivered'
  | 'unavailable'
  | 'forbidden'
  | 'unauthorized'
  | 'rate_limited'
  | 'internal';

/** One input field at fault: `field` is a path such as `name` or `ipRanges[2]`. */
export interface FieldError {
  readonly field: string;
  readonly reason: string;
  readonly message: string;
  /** What was most likely meant, when that can be told (e.g. the network of a range with host bits set). */
  readonly suggestion?: string;
}

export abstract class ProvisionerError extends Error {
  abstract readonly code: ErrorCode;
}

export class ValidationError extends ProvisionerError {
  override readonly name = 'ValidationError';
  readonly code = 'validation' as const;
  readonly fields: readonly FieldError[];
  constructor(fields: readonly FieldError[], message?: string) {
    super(message ?? fields.map((f) => `${f.field}: ${f.message}`).join('; '));
    this.fields = Object.freeze([...fields]);
  }
}

export class NotFoundError extends ProvisionerError {
  override readonly name = 'NotFoundError';
  readonly code = 'not_found' as const;
}

export class ConflictError extends ProvisionerError {
  override readonly name = 'ConflictError';
  readonly code = 'conflict' as const;
  readonly fields: readonly FieldError[];
  constructor(message: string, fields: readonly FieldError[] = []) {
    super(message);
    this.fields = Object.freeze([...fields]);
  }
}

/**
 * Keycloak made a new secret for this request, but its answer was lost on the way: the secret cannot be shown, and
 * the request is not carried out a second time. Says what became of the secret that was current before.
 */
export class CredentialsNotDeliveredError extends ProvisionerError {
  override readonly name = 'CredentialsNotDeliveredError';
  readonly code = 'credentials_not_delivered' as const;
  readonly previousSecret: PreviousSecret;
  constructor(message: string, previousSecret: PreviousSecret) {
    super(message);
    this.previousSecret = previousSecret;
  }
}

/** Keycloak cannot be reached or fails: worth retrying later. */
export class UnavailableError extends ProvisionerError {
  override readonly name = 'UnavailableError';
  readonly code = 'unavailable' as const;
  readonly retryAfterSeconds: number;
  /** The HTTP status Keycloak answered with, when it answered at all. */
  readonly keycloakStatus: number | undefined;
  constructor(message: string, options: { retryAfterSeconds?: number; cause?: unknown; keycloakStatus?: number } = {}) {
    super(message, { cause: options.cause });
    this.retryAfterSeconds = options.retryAfterSeconds ?? 5;
    this.keycloakStatus = options.keycloakStatus;
  }
}

export class UnauthorizedError extends ProvisionerError {
  override readonly name = 'UnauthorizedError';
  readonly code = 'unauthorized' as const;
}

export class ForbiddenError extends ProvisionerError {
  override readonly name = 'ForbiddenError';
  readonly code = 'forbidden' as const;
}

export class RateLimitedError extends ProvisionerError {
  override readonly name = 'RateLimitedError';
  readonly code = 'rate_limited' as const;
  readonly retryAfterSeconds: number;
  constructor(message: string, retryAfterSeconds: number) {
    super(message);
    this.retryAfterSeconds = retryAfterSeconds;
  }
}

/** A fault of the provisioner or its deployment (not of the caller's input). */
export class InternalError extends ProvisionerError {
  override readonly name = 'InternalError';
  readonly code = 'internal' as const;
}

export function isProvisionerError(error: unknown): error is ProvisionerError {
  return error instanceof ProvisionerError;
}
