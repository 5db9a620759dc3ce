/**
 * A person's sign-in to realm focus for the CLI, through openid-client: the device authorization grant (RFC 8628,
 * with PKCE so that only this process can redeem the code the person approves), the refresh token grant and
 * revocation at logout. Keycloak's answers are turned into {@link SignInError}s whose messages never carry a token.
 */
import * as oidc from 'openid-client';
import { networkReason } from './provisioner-api.js';
import type { Session } from './session-file.js';

export type SignInErrorCode = 'not_signed_in' | 'sign_in_expired' | 'sign_in_refused' | 'sign_in_unavailable';

/** Signing in or staying signed in failed; `code` tells the CLI which exit code and advice to give. */
export class SignInError extends Error {
  override readonly name = 'SignInError';
  constructor(
    readonly code: SignInErrorCode,
    message: string,
  ) {
    super(message);
  }
}

export const SIGN_IN_EXPIRED_MESSAGE = 'Your sign-in has expired: run `focus-api-access login` again';

/** What the provisioner tells the CLI about signing in (`GET /api/v1/cli-login`). */
export interface SignInTarget {
  readonly issuer: string;
  readonly clientId: string;
}

/** Loopback addresses may be plain http (a developer's own machine); anything else needs https. */
export function isLoopback(url: URL): boolean {
  const host = url.hostname.replace(/^\[|\]$/g, '');
  return host === 'localhost' || host === '::1' || /^127(\.\d{1,3}){3}$/.test(host);
}

/** Refuses a plain-http URL that is not on this machine: tokens must not cross a network in clear. */
export function checkTransport(url: URL, what: string): void {
  if (url.protocol === 'https:') return;
  if (url.protocol === 'http:' && isLoopback(url)) return;
  throw new SignInError('sign_in_refused', `${what} ${url.origin} must use https (plain http only on this machine's loopback)`);
}

async function configurationOf(target: SignInTarget, timeoutMs: number): Promise<oidc.Configuration> {
  const issuer = new URL(target.issuer);
  checkTransport(issuer, 'Keycloak');
  try {
    return await oidc.discovery(issuer, target.clientId, undefined, oidc.None(), {
      ...(issuer.protocol === 'http:' ? { execute: [oidc.allowInsecureRequests] } : {}),
      timeout: Math.ceil(timeoutMs / 1000),
    });
  } catch (error) {
    throw new SignInError('sign_in_unavailable', `Keycloak at ${issuer.origin} cannot be reached (${describe(error)})`);
  }
}

/** A short reason from an error of openid-client or fetch: the OAuth error code or the network failure, never a body. */
function describe(error: unknown): string {
  if (error instanceof oidc.ResponseBodyError) return `${error.error}${error.error_description ? `: ${error.error_description}` : ''}`;
  return networkReason(error);
}

interface TokenAnswer {
  readonly access_token: string;
  readonly refresh_token?: string;
  readonly expires_in?: number;
  readonly refresh_expires_in?: unknown;
}

function sessionFrom(
  target: SignInTarget,
  provisionerUrl: string,
  tokens: TokenAnswer,
  person: { username: string; name?: string | undefined },
  now: number,
): Session {
  if (!tokens.refresh_token) throw new SignInError('sign_in_refused', 'Keycloak issued no refresh token: the CLI client is misconfigured');
  const refreshIn = typeof tokens.refresh_expires_in === 'number' && tokens.refresh_expires_in > 0 ? tokens.refresh_expires_in : undefined;
  return {
    provisionerUrl,
    issuer: target.issuer,
    clientId: target.clientId,
    username: person.username,
    ...(person.name === undefined ? {} : { name: person.name }),
    accessToken: tokens.access_token,
    accessTokenExpiresAt: now + (tokens.expires_in ?? 60) * 1000,
    refreshToken: tokens.refresh_token,
    ...(refreshIn === undefined ? {} : { refreshTokenExpiresAt: now + refreshIn * 1000 }),
  };
}

export interface DevicePrompt {
  readonly verificationUri: string;
  readonly verificationUriComplete: string | undefined;
  readonly userCode: string;
  readonly expiresInSeconds: number;
}

/**
 * Signs a person in with the device grant: `prompt` shows where to go and which code to confirm; the poll follows
 * Keycloak's interval and its `slow_down`. Resolves with the new session once the person approved.
 */
export async function signInWithDevice(options: {
  readonly target: SignInTarget;
  readonly provisionerUrl: string;
  readonly timeoutMs: number;
  readonly prompt: (prompt: DevicePrompt) => void;
  readonly now?: () => number;
}): Promise<Session> {
  const config = await configurationOf(options.target, options.timeoutMs);
  const verifier = oidc.randomPKCECodeVerifier();
  let device: oidc.DeviceAuthorizationResponse;
  try {
    device = await oidc.initiateDeviceAuthorization(config, {
      scope: 'openid profile',
      code_challenge: await oidc.calculatePKCECodeChallenge(verifier),
      code_challenge_method: 'S256',
    });
  } catch (error) {
    const unknownClient = error instanceof oidc.ResponseBodyError && ['invalid_client', 'unauthorized_client'].includes(error.error);
    // A realm imported before the CLI had its client lacks it: `realm apply` adds it.
    const hint = unknownClient ? `; a realm administrator adds the client with \`focus-api-access realm apply\`` : '';
    throw new SignInError(
      'sign_in_refused',
      `Keycloak refused to start a sign-in for ${options.target.clientId} (${describe(error)})${hint}`,
    );
  }
  options.prompt({
    verificationUri: device.verification_uri,
    verificationUriComplete: device.verification_uri_complete,
    userCode: device.user_code,
    expiresInSeconds: device.expires_in,
  });
  let tokens;
  try {
    tokens = await oidc.pollDeviceAuthorizationGrant(config, device, { code_verifier: verifier });
  } catch (error) {
    if (error instanceof oidc.ResponseBodyError && error.error === 'access_denied') {
      throw new SignInError('sign_in_refused', 'The sign-in was denied in the browser: nothing changed');
    }
    if (error instanceof oidc.ResponseBodyError && error.error === 'expired_token') {
      throw new SignInError('sign_in_refused', 'The code expired before it was confirmed: run `focus-api-access login` again');
    }
    throw new SignInError('sign_in_unavailable', `The sign-in did not complete (${describe(error)})`);
  }
  const claims = tokens.claims();
  const username = typeof claims?.preferred_username === 'string' ? claims.preferred_username : String(claims?.sub ?? 'unknown');
  const name = typeof claims?.name === 'string' ? claims.name : undefined;
  return sessionFrom(options.target, options.provisionerUrl, tokens, { username, name }, (options.now ?? Date.now)());
}

/** New tokens for a stored session; a refresh token Keycloak no longer honours means signing in again. */
export async function refreshSession(session: Session, timeoutMs: number, now: () => number = Date.now): Promise<Session> {
  const config = await configurationOf(session, timeoutMs);
  try {
    const tokens = await oidc.refreshTokenGrant(config, session.refreshToken);
    return sessionFrom(session, session.provisionerUrl, { refresh_token: session.refreshToken, ...tokens }, session, now());
  } catch (error) {
    if (error instanceof oidc.ResponseBodyError && (error.error === 'invalid_grant' || error.error === 'unauthorized_client')) {
      throw new SignInError('sign_in_expired', SIGN_IN_EXPIRED_MESSAGE);
    }
    throw new SignInError('sign_in_unavailable', `Keycloak did not renew the sign-in (${describe(error)})`);
  }
}

/** Ends the session at Keycloak (its refresh token and the session behind it). */
export async function revokeSession(session: Session, timeoutMs: number): Promise<void> {
  const config = await configurationOf(session, timeoutMs);
  try {
    await oidc.tokenRevocation(config, session.refreshToken, { token_type_hint: 'refresh_token' });
  } catch (error) {
    throw new SignInError('sign_in_unavailable', `Keycloak did not confirm the revocation (${describe(error)})`);
  }
}
