/**
 * Realm `focus`'s signing keys, fetched from whichever Keycloak node answers. The nodes share the realm's keys
 * through the database, so every node serves the same JWKS: one jose remote key set per node, used in turn, starting
 * with the one that answered last. A failure to fetch moves on to the next node; a token whose key no node has is
 * the token's fault and goes back to the caller at once.
 */
import { createRemoteJWKSet, errors as joseErrors, type JWTVerifyGetKey, type RemoteJWKSetOptions } from 'jose';
import { isNetworkFailure } from '../keycloak/failures.js';

/** No node could hand out the signing keys. */
export class SigningKeysUnavailableError extends Error {
  override readonly name = 'SigningKeysUnavailableError';
}

/** Fetching the key set failed, as opposed to the key set not holding the token's key. */
function isFetchFailure(error: unknown): boolean {
  if (error instanceof joseErrors.JWKSTimeout || error instanceof joseErrors.JWKSInvalid) return true;
  // jose reports a non-200 answer or an unreadable body with its generic error class.
  if (error instanceof joseErrors.JOSEError && error.code === joseErrors.JOSEError.code) return true;
  return isNetworkFailure(error);
}

/**
 * @example
 * const keys = signingKeysFromNodes(['http://kc-1:8080/realms/focus/protocol/openid-connect/certs', '…kc-2…']);
 * await jwtVerify(token, keys, { issuer, audience });
 */
export function signingKeysFromNodes(jwksUrls: readonly string[], options: RemoteJWKSetOptions = {}): JWTVerifyGetKey {
  if (jwksUrls.length === 0) throw new TypeError('at least one JWKS URL');
  const keySets = jwksUrls.map((url) => createRemoteJWKSet(new URL(url), options));
  let preferred = 0;
  return async (protectedHeader, token) => {
    let lastFailure: unknown;
    for (let step = 0; step < keySets.length; step++) {
      const index = (preferred + step) % keySets.length;
      try {
        const key = await keySets[index]!(protectedHeader, token);
        preferred = index;
        return key;
      } catch (error) {
        if (!isFetchFailure(error)) throw error;
        lastFailure = error;
      }
    }
    throw new SigningKeysUnavailableError('The signing keys of realm focus cannot be fetched from any Keycloak node', {
      cause: lastFailure,
    });
  };
}
