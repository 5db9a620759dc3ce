/**
 * API-client names: the contract's rule for what the administrator typed (shared with the page), and the key that
 * makes names unique case-insensitively.
 */
import { checkName as checkNameRule } from '@focus-api-access/contract';
import type { FieldError } from './errors.js';

/** Returns the trimmed name, or the field error that explains why it is refused. */
export function checkName(raw: unknown, field = 'name'): { name: string } | { error: FieldError } {
  const checked = checkNameRule(raw);
  return checked.ok ? { name: checked.name } : { error: { field, reason: checked.problem, message: checked.message } };
}

/**
 * The comparison key of a name: Unicode-compatibility decomposed without accents (as the overview's search folds
 * them), lower-cased, runs of white space collapsed. Two names with the same key are the same name: "Zoë" and "zoe".
 */
export function nameKey(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/\s+/gu, ' ')
    .trim();
}
