/**
 * A small FOCUS-like host for development and end-to-end tests: keycloak-js login on the SPA client, a masthead
 * "FOCUS", navigation "Beheer > API Toegang", and the API Toegang page from the build that leaves React and
 * PatternFly to the host.
 *
 * This entry holds only the login. The screen (`app.tsx`: React, PatternFly, the page, their styles) is its own chunk,
 * fetched only by the load that will show it: the load that comes back from Keycloak's login, or that has the tab's
 * kept login to renew (session.ts), asks for it at once, so it arrives beside the token; the load that only leaves
 * for the login neither fetches nor parses it, which would hold up the redirect on a busy machine.
 */
import Keycloak from 'keycloak-js';
// The page's own check, from its source: importing it from the page's bundle would pull React and PatternFly in here.
import { missingFeatures } from '../src/browser/support.js';
import { comesBackFromLogin, loadConfig } from './config.js';
import { forgetSession, keepSession, keptSession } from './session.js';

const loadScreen = () => import('./app.js');
const kept = comesBackFromLogin() ? undefined : keptSession();
const screen = comesBackFromLogin() || kept ? loadScreen() : undefined;

async function start(): Promise<void> {
  // keycloak-js itself needs Web Crypto and a secure context: show the page's advice before trying to log in.
  if (missingFeatures().length > 0) {
    (await loadScreen()).showUnsupported();
    return;
  }
  const config = await loadConfig(kept !== undefined);
  const keycloak = new Keycloak({ url: config.keycloakUrl, realm: config.realm, clientId: config.clientId });
  keycloak.onTokenExpired = () => {
    keycloak.updateToken(30).catch(() => keycloak.login());
  };
  keycloak.onAuthSuccess = () => keepSession(keycloak);
  keycloak.onAuthRefreshSuccess = () => keepSession(keycloak);
  // keycloak-js drops its tokens when Keycloak no longer renews them (then leaves for the login page): so do we.
  keycloak.onAuthLogout = forgetSession;
  // With a kept login, keycloak-js renews it first (`updateToken(-1)`) and falls back to the login when it cannot.
  await keycloak.init({ onLoad: 'login-required', pkceMethod: 'S256', checkLoginIframe: false, ...kept });
  (await (screen ?? loadScreen())).showHost(keycloak, config);
}

start().catch((error: unknown) => {
  console.error(error);
  // A kept login keycloak-js cannot even read (a damaged session storage): forget it and start over with the login.
  if (kept) {
    forgetSession();
    window.location.reload();
    return;
  }
  document.getElementById('root')!.textContent = 'Aanmelden is mislukt. Herlaad de pagina om opnieuw te proberen.';
});
