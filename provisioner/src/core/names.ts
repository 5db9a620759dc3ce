/**
 * API-client names: what the administrator typed, validated, and the key that makes names unique
 * case-insensitively.
 */
import type { FieldError } from './errors.js';

export const NAME_MAX_LENGTH = 100;

// Control characters, line/paragraph separators and lone surrogates have no place in a display name.
const FORBIDDEN = /[\p{Cc}\p{Cs}\u2028\u2029]/u;

/** Returns the trimmed name, or the field error that explains why it is refused. */
export function checkName(raw: unknown, field = 'name'): { name: string } | { error: FieldError } {
  if (typeof raw !== 'string') {
    return { error: { field, reason: 'type', message: 'must be a text' } };
  }
  const name = raw.trim();
  if (name.length === 0) {
    return { error: { field, reason: 'required', message: 'must not be empty' } };
  }
  if ([...name].length > NAME_MAX_LENGTH) {
    return { error: { field, reason: 'too_long', message: `must be at most ${NAME_MAX_LENGTH} characters` } };
  }
  if (FORBIDDEN.test(name)) {
    return { error: { field, reason: 'control_characters', message: 'must not contain control characters' } };
  }
  return { name };
}

/**
 * The comparison key of a name: Unicode-compatibility normalised, lower-cased, runs of white space
 * collapsed. Two names with the same key are the same name.
 */
export function nameKey(name: string): string {
  return name.normalize('NFKC').toLowerCase().replace(/\s+/gu, ' ').trim();
}
