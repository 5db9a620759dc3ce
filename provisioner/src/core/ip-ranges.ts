/**
 * IP ranges an API client may call the token endpoint from. The rule itself (syntax, likely typos, wide ranges and
 * their confirmation, the limit) is the contract's, shared with the page; here it meets the use cases' errors and the
 * stored form. The Keycloak extension enforces what is stored.
 */
import { checkIpRanges } from '@focus-api-access/contract';
import type { FieldError } from './errors.js';

/** Checks a request's ranges; all problems are reported at once, each with its index. Absent means none. */
export function normaliseIpRanges(raw: unknown, field = 'ipRanges'): { ranges: string[] } | { errors: FieldError[] } {
  if (raw === undefined || raw === null) return { ranges: [] };
  if (!Array.isArray(raw)) return { errors: [{ field, reason: 'type', message: 'must be a list of IP ranges' }] };
  const checked = checkIpRanges(raw);
  if (checked.problems.length === 0) return { ranges: [...checked.ranges] };
  return {
    errors: checked.problems.map((p) => ({
      field: p.index === undefined ? field : `${field}[${p.index}]`,
      reason: p.problem,
      message: p.message,
      ...(p.suggestion === undefined ? {} : { suggestion: p.suggestion }),
    })),
  };
}

/** The stored form: comma-separated (the extension also accepts semicolons and white space). */
export function formatIpRanges(ranges: readonly string[]): string {
  return ranges.join(',');
}

export function parseStoredIpRanges(stored: string | undefined): string[] {
  if (!stored) return [];
  return stored.split(/[\s,;]+/).filter((s) => s !== '');
}
