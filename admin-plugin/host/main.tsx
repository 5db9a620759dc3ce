/**
 * A small FOCUS-like host for development and end-to-end tests: keycloak-js login on the SPA client, a masthead
 * "FOCUS", navigation "Beheer > API Toegang", and the API Toegang page from the build that leaves React and
 * PatternFly to the host.
 *
 * This entry holds only the login. The screen (`app.tsx`: React, PatternFly, the page, their styles) loads in its own
 * chunk from the start, beside the login: the first load leaves for Keycloak without parsing it, and the load that
 * comes back with the code renders as soon as the token is in instead of after the whole bundle.
 */
import Keycloak from 'keycloak-js';
// The page's own check, from its source: importing it from the page's bundle would pull React and PatternFly in here.
import { missingFeatures } from '../src/browser/support.js';
import { loadConfig } from './config.js';

const screen = import('./app.js');

async function start(): Promise<void> {
  // keycloak-js itself needs Web Crypto and a secure context: show the page's advice before trying to log in.
  if (missingFeatures().length > 0) {
    (await screen).showUnsupported();
    return;
  }
  const config = await loadConfig();
  const keycloak = new Keycloak({ url: config.keycloakUrl, realm: config.realm, clientId: config.clientId });
  keycloak.onTokenExpired = () => {
    keycloak.updateToken(30).catch(() => keycloak.login());
  };
  await keycloak.init({ onLoad: 'login-required', pkceMethod: 'S256', checkLoginIframe: false });
  (await screen).showHost(keycloak, config);
}

start().catch((error: unknown) => {
  console.error(error);
  document.getElementById('root')!.textContent = 'Aanmelden is mislukt. Herlaad de pagina om opnieuw te proberen.';
});
