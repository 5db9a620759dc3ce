/**
 * A small FOCUS-like host for development and end-to-end tests: keycloak-js login on the SPA client, a masthead
 * "FOCUS", navigation "Beheer > API Toegang", and the API Toegang page from the build that leaves React and
 * PatternFly to the host.
 */
import '@patternfly/react-core/dist/styles/base.css';
import '@focus-api-access/admin-plugin/external/style.css';
import './host.css';
import { missingFeatures } from '@focus-api-access/admin-plugin/external';
import Keycloak from 'keycloak-js';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { Host, Unsupported } from './Host.js';
import { loadConfig } from './config.js';

const root = createRoot(document.getElementById('root')!);

async function start(): Promise<void> {
  // keycloak-js itself needs Web Crypto and a secure context: show the page's advice before trying to log in.
  if (missingFeatures().length > 0) {
    root.render(<Unsupported />);
    return;
  }
  const config = await loadConfig();
  const keycloak = new Keycloak({ url: config.keycloakUrl, realm: config.realm, clientId: config.clientId });
  keycloak.onTokenExpired = () => {
    keycloak.updateToken(30).catch(() => keycloak.login());
  };
  await keycloak.init({ onLoad: 'login-required', pkceMethod: 'S256', checkLoginIframe: false });
  root.render(
    <StrictMode>
      <Host keycloak={keycloak} config={config} />
    </StrictMode>,
  );
}

start().catch((error: unknown) => {
  console.error(error);
  document.getElementById('root')!.textContent = 'Aanmelden is mislukt. Herlaad de pagina om opnieuw te proberen.';
});
