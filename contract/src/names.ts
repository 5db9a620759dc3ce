/**
 * The rule for an API client's name, as the page checks it while the administrator types and as the provisioner
 * enforces it: trimmed, not empty, at most `limits.nameMaxCharacters` characters counted as Unicode code points
 * (so "é" and "😀" are one character each, in every part), and no control or invisible formatting characters.
 */
import { limits } from './contract.js';

export type NameProblem = 'type' | 'required' | 'too_long' | 'control_characters';

export type NameCheck =
  { readonly ok: true; readonly name: string } | { readonly ok: false; readonly problem: NameProblem; readonly message: string };

// Control characters, line/paragraph separators and lone surrogates have no place in a display name; neither have
// invisible formatting characters (zero-width spaces, direction overrides), which make two names look alike.
const FORBIDDEN = /[\p{Cc}\p{Cf}\p{Cs}\u2028\u2029]/u;

/** The length of a (trimmed) name as the limit counts it: code points, not UTF-16 units. */
export function nameLength(name: string): number {
  return [...name.trim()].length;
}

/**
 * @example
 * checkName('  Eaglebe ');   // { ok: true, name: 'Eaglebe' }
 * checkName('x'.repeat(101)); // { ok: false, problem: 'too_long', message: 'must be at most 100 characters' }
 */
export function checkName(raw: unknown): NameCheck {
  if (typeof raw !== 'string') return { ok: false, problem: 'type', message: 'must be a text' };
  const name = raw.trim();
  if (name.length === 0) return { ok: false, problem: 'required', message: 'must not be empty' };
  if (nameLength(name) > limits.nameMaxCharacters) {
    return { ok: false, problem: 'too_long', message: `must be at most ${limits.nameMaxCharacters} characters` };
  }
  if (FORBIDDEN.test(name))
    return { ok: false, problem: 'control_characters', message: 'must not contain control or invisible formatting characters' };
  return { ok: true, name };
}
