/**
 * The host's screen: React, PatternFly, the API Toegang page and their styles. `main.tsx` loads this chunk while it
 * logs in, so neither waits for the other.
 */
import '@patternfly/react-core/dist/styles/base.css';
import '@focus-api-access/admin-plugin/external/style.css';
import './host.css';
import type Keycloak from 'keycloak-js';
import { StrictMode } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { Host, Unsupported } from './Host.js';
import type { HostConfig } from './config.js';

let root: Root | undefined;
const rootElement = () => (root ??= createRoot(document.getElementById('root')!));

export function showHost(keycloak: Keycloak, config: HostConfig): void {
  rootElement().render(
    <StrictMode>
      <Host keycloak={keycloak} config={config} />
    </StrictMode>,
  );
}

export function showUnsupported(): void {
  rootElement().render(<Unsupported />);
}
