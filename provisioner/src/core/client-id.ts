/**
 * Generated Client IDs: `api-<slug of the name>-<6-character code>`, e.g. `api-eaglebe-k3q7xm`.
 *
 * The code is derived from the name key (and a probe number), not drawn at random: every attempt to
 * create the same name (in any letter case) proposes the same Client ID, so Keycloak's unique constraint
 * on `clientId` lets exactly one of many simultaneous creates win, with no lock of our own. Keycloak has
 * no constraint on a client's display name. When a slot is held by a client that no longer carries that
 * name (it was renamed), creation moves on to the next probe number, which all competing creates do
 * alike.
 */
import { createHash } from 'node:crypto';

export const CLIENT_ID_PREFIX = 'api-';
const SLUG_MAX_LENGTH = 24;
const CODE_LENGTH = 6;
// No 0/o, 1/l: the Client ID is read aloud and typed into vendor systems.
const ALPHABET = 'abcdefghijkmnpqrstuvwxyz23456789';

/**
 * Lower-case ASCII words of the name joined by dashes, at most 24 characters; `client` when none are left.
 * A leading word "api" is dropped: the prefix already says it ("API Eaglebe" → `api-eaglebe-…`).
 */
export function slug(name: string): string {
  const ascii = name
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .replace(/^api(-|$)/, '');
  const cut = ascii.slice(0, SLUG_MAX_LENGTH).replace(/-+$/g, '');
  return cut === '' ? 'client' : cut;
}

function code(key: string, probe: number): string {
  const digest = createHash('sha256').update(`${key}\n${probe}`).digest();
  let out = '';
  for (let i = 0; i < CODE_LENGTH; i++) out += ALPHABET[digest[i]! % ALPHABET.length];
  return out;
}

/** The Client ID proposed for a name key at a probe number (0 first). */
export function clientIdFor(name: string, key: string, probe = 0): string {
  return `${CLIENT_ID_PREFIX}${slug(name)}-${code(key, probe)}`;
}
