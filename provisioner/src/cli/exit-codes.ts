/** The one place errors become exit codes: the provisioner's error codes, its HTTP problem codes and sign-in failures. */
import type { ProblemCode } from '../http/problem.js';
import type { SignInErrorCode } from './sign-in.js';

export const EXIT = {
  ok: 0,
  internal: 1,
  usage: 2,
  validation: 3,
  payload_too_large: 3,
  unsupported_media_type: 3,
  not_found: 4,
  conflict: 5,
  credentials_not_delivered: 5,
  unavailable: 6,
  sign_in_unavailable: 6,
  unauthorized: 7,
  forbidden: 7,
  step_up_required: 7,
  sign_in_refused: 7,
  rate_limited: 8,
  config: 9,
  /** No session, or one Keycloak no longer renews: the person has to run `focus-api-access login` (again). */
  not_signed_in: 10,
  sign_in_expired: 10,
} as const;

export function exitCodeOf(code: ProblemCode | SignInErrorCode): number {
  return EXIT[code];
}

/**
 * A command that ran and whose answer is "no" ends with this code after printing its answer (a check that finds
 * what it looks for, as `grep` or `diff` do), so that a script can act on it without reading the output.
 */
export class AnswerIsNo extends Error {
  constructor(readonly exitCode: number) {
    super('the answer is no');
  }
}
