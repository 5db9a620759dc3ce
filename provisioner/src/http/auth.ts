/**
 * Verifies bearer tokens of realm `focus` against its JWKS (from any Keycloak node that answers): signature
 * (asymmetric algorithms only), issuer, audience (the provisioner's client), expiry with a small clock tolerance, and
 * that it is an access token (`typ` Bearer) issued to an allowed client (`azp`, by default the admin page).
 */
import { contract } from '@focus-api-access/contract';
import { errors as joseErrors, jwtVerify, type JWTPayload } from 'jose';
import { UnauthorizedError, UnavailableError } from '../core/errors.js';
import type { Actor } from '../core/model.js';
import { signingKeysFromNodes, SigningKeysUnavailableError } from './signing-keys.js';

export const ALLOWED_ALGORITHMS = ['RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512', 'ES256', 'ES384', 'ES512'];

export interface Principal extends Actor {
  readonly roles: readonly string[];
  readonly mayManage: boolean;
  /** How strongly the user logged in (Keycloak's level of authentication), when the token says. */
  readonly acr: string | undefined;
}

export interface TokenVerifier {
  verify(token: string): Promise<Principal>;
}

export interface VerifierOptions {
  /** `<public Keycloak URL>/realms/focus` */
  readonly issuer: string;
  /** Where the JWKS is fetched (the provisioner's routes to Keycloak): one URL per node, in order of preference. */
  readonly jwksUrls: readonly string[];
  readonly audience?: string;
  /**
   * Clients whose tokens are accepted (the token's `azp`): by default only the admin page's `focus-admin`, so a token
   * another client of the realm obtained for a user, even with the provisioner's audience, is refused.
   */
  readonly authorizedParties?: readonly string[];
  readonly clockToleranceSeconds?: number;
  readonly timeoutMs?: number;
  /** The clock, for tests. */
  readonly now?: () => Date;
}

/**
 * How many verified tokens are remembered. The page sends the same token with each request until keycloak-js renews
 * it, and a signature check is the largest part of the provisioner's own time per request. Only a token's expiry
 * depends on the time of use, so that alone is checked again; everything else about the exact same token string was
 * decided once. (A signing key Keycloak drops is honoured until the tokens it signed expire, as the JWKS cache
 * already honours it for up to ten minutes.)
 */
export const REMEMBERED_TOKENS = 1000;

function realmRoles(payload: JWTPayload): string[] {
  const access = payload.realm_access as { roles?: unknown } | undefined;
  return Array.isArray(access?.roles) ? access.roles.filter((r): r is string => typeof r === 'string') : [];
}

/**
 * @example
 * const verifier = createTokenVerifier({ issuer: 'http://localhost:8080/realms/focus', jwksUrls: ['…/protocol/openid-connect/certs'] });
 * const principal = await verifier.verify(bearer);
 */
export function createTokenVerifier(options: VerifierOptions): TokenVerifier {
  const jwks = signingKeysFromNodes(options.jwksUrls, {
    timeoutDuration: options.timeoutMs ?? 5000,
    cooldownDuration: 30_000,
    cacheMaxAge: 10 * 60_000,
  });
  const authorizedParties = options.authorizedParties ?? [contract.clients.adminSpa];
  const clockTolerance = options.clockToleranceSeconds ?? 30;
  const remembered = new Map<string, { readonly principal: Principal; readonly expiresAt: number }>();
  return {
    async verify(token) {
      const known = remembered.get(token);
      if (known) {
        // As jose judges `exp`: expired once now − tolerance reaches it.
        if ((options.now?.() ?? new Date()).getTime() / 1000 - clockTolerance < known.expiresAt) return known.principal;
        remembered.delete(token);
      }
      let payload: JWTPayload;
      try {
        ({ payload } = await jwtVerify(token, jwks, {
          issuer: options.issuer,
          audience: options.audience ?? contract.clients.provisioner,
          algorithms: ALLOWED_ALGORITHMS,
          clockTolerance,
          requiredClaims: ['exp', 'sub'],
          ...(options.now ? { currentDate: options.now() } : {}),
        }));
      } catch (error) {
        if (error instanceof SigningKeysUnavailableError) {
          throw new UnavailableError('The signing keys of realm focus cannot be fetched from Keycloak', { cause: error });
        }
        if (error instanceof joseErrors.JWTExpired) throw new UnauthorizedError('The bearer token has expired');
        throw new UnauthorizedError('The bearer token is not valid for this API');
      }
      // An access token (not an ID or refresh token) issued to the admin page.
      if (payload.typ !== 'Bearer') throw new UnauthorizedError('The bearer token is not an access token');
      if (typeof payload.azp !== 'string' || !authorizedParties.includes(payload.azp)) {
        throw new UnauthorizedError('The bearer token was not issued to a client that may use this API');
      }
      const roles = realmRoles(payload);
      const username = typeof payload.preferred_username === 'string' ? payload.preferred_username : String(payload.sub);
      const principal: Principal = {
        subject: String(payload.sub),
        username,
        roles,
        mayManage: roles.includes(contract.manageRight.role),
        acr: typeof payload.acr === 'string' ? payload.acr : undefined,
      };
      // The oldest goes first (a Map keeps insertion order).
      if (remembered.size >= REMEMBERED_TOKENS) remembered.delete(remembered.keys().next().value!);
      remembered.set(token, { principal, expiresAt: payload.exp! });
      return principal;
    },
  };
}
