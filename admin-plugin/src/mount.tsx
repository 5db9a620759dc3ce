import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { ApiAccessPage } from './ApiAccessPage.js';
import type { ApiAccessOptions, MountedPage } from './host-contract.js';

/**
 * Renders the page into `element` without the host needing React. Returns a function that unmounts it, with an
 * `update` method for new options (a changed locale, say).
 *
 * @example
 * const unmount = mount(document.getElementById('api-access')!, {
 *   apiBaseUrl: '',
 *   getAccessToken: async () => { await keycloak.updateToken(30); return keycloak.token!; },
 *   locale: 'nl',
 *   basePath: '/beheer/api-toegang',
 * });
 */
export function mount(element: Element, options: ApiAccessOptions): MountedPage {
  const root = createRoot(element);
  let current = options;
  const render = () =>
    root.render(
      <StrictMode>
        <ApiAccessPage {...current} />
      </StrictMode>,
    );
  render();
  const unmount = (() => root.unmount()) as MountedPage;
  unmount.update = (changes) => {
    current = { ...current, ...changes };
    render();
  };
  return unmount;
}
