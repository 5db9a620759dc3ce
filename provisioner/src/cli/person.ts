/**
 * The signed-in person's session as the commands use it: read from the session file, the access token renewed
 * (refresh token grant) shortly before it expires and the new tokens saved again.
 */
import { readSession, writeSession, type Session } from './session-file.js';
import { checkTransport, refreshSession, SIGN_IN_EXPIRED_MESSAGE, SignInError } from './sign-in.js';

export const NOT_SIGNED_IN_MESSAGE = 'Not signed in: run `focus-api-access login --url <provisioner URL>` (automation: --service-account)';

/** An access token this close to its expiry is renewed first: it must outlive the request it goes with. */
const RENEW_BEFORE_MS = 30_000;

export interface PersonSession {
  /** The stored session as it is now (after any renewal). */
  current(): Session;
  /** A valid access token, renewed and saved when due. */
  accessToken(): Promise<string>;
}

export function openPersonSession(options: { dir: string; timeoutMs: number; now?: () => number }): PersonSession {
  const now = options.now ?? Date.now;
  let session = readSession(options.dir);
  if (!session) throw new SignInError('not_signed_in', NOT_SIGNED_IN_MESSAGE);
  // The rule of login holds for every use of the tokens, whatever the file says since: no token in clear off this machine.
  checkTransport(new URL(session.provisionerUrl), 'The provisioner');
  checkTransport(new URL(session.issuer), 'Keycloak');
  if (session.refreshTokenExpiresAt !== undefined && session.refreshTokenExpiresAt <= now()) {
    throw new SignInError('sign_in_expired', SIGN_IN_EXPIRED_MESSAGE);
  }
  return {
    current: () => session!,
    async accessToken() {
      if (session!.accessTokenExpiresAt - now() < RENEW_BEFORE_MS) {
        session = await refreshSession(session!, options.timeoutMs, now);
        writeSession(options.dir, session);
      }
      return session!.accessToken;
    },
  };
}
