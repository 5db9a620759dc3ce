/** The one place errors become exit codes. */
import type { ErrorCode } from '../core/errors.js';

export const EXIT = {
  ok: 0,
  internal: 1,
  usage: 2,
  validation: 3,
  not_found: 4,
  conflict: 5,
  credentials_not_delivered: 5,
  unavailable: 6,
  unauthorized: 7,
  forbidden: 7,
  rate_limited: 8,
  config: 9,
} as const;

export function exitCodeOf(code: ErrorCode): number {
  return EXIT[code];
}
