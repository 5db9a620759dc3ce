/**
 * The tab's login, kept across page loads: keycloak-js's tokens in this tab's session storage. A reload, or a
 * navigation into the page from elsewhere, then renews them with one request to Keycloak's token endpoint instead of
 * leaving for Keycloak's login and coming back (a redirect, a second page load and a code exchange). Microsoft's
 * MSAL.js keeps its tokens in session storage by default for the same reason.
 *
 * What it costs: a script running in this origin could read them, as it could use them in memory. What bounds it:
 * the page's Content-Security-Policy runs no script but its own files; the storage dies with the tab; kept tokens are
 * renewed before the page uses them, so a session ended at Keycloak (signed out elsewhere, ended by an administrator,
 * expired) sends the tab to the login page; and signing out forgets them before it leaves.
 */
import type Keycloak from 'keycloak-js';

const KEY = 'focus.host-session';

export interface KeptSession {
  readonly token: string;
  readonly refreshToken: string;
  readonly idToken?: string;
}

export function keptSession(): KeptSession | undefined {
  try {
    const kept = JSON.parse(sessionStorage.getItem(KEY) ?? 'null') as Partial<KeptSession> | null;
    if (typeof kept?.token !== 'string' || typeof kept.refreshToken !== 'string') return undefined;
    return { token: kept.token, refreshToken: kept.refreshToken, ...(typeof kept.idToken === 'string' ? { idToken: kept.idToken } : {}) };
  } catch {
    return undefined;
  }
}

/** Keeps keycloak-js's current tokens (after the login and after every renewal). */
export function keepSession(keycloak: Keycloak): void {
  if (!keycloak.token || !keycloak.refreshToken) return;
  const kept: KeptSession = {
    token: keycloak.token,
    refreshToken: keycloak.refreshToken,
    ...(keycloak.idToken ? { idToken: keycloak.idToken } : {}),
  };
  sessionStorage.setItem(KEY, JSON.stringify(kept));
}

export function forgetSession(): void {
  sessionStorage.removeItem(KEY);
}
