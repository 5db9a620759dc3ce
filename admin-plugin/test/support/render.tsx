import { render } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { ApiAccessPage } from '../../src/ApiAccessPage.js';
import type { ApiAccessClient } from '../../src/api/client.js';
import { schemaChecked } from './fake-api.js';

/** Renders the page as a host would, with a fake data client whose traffic is checked against the API's schemas. */
export function renderPage(client: ApiAccessClient, locale = 'nl', basePath?: string) {
  const user = userEvent.setup();
  const view = render(
    <ApiAccessPage
      apiBaseUrl=""
      getAccessToken={async () => 'token'}
      locale={locale}
      client={schemaChecked(client)}
      {...(basePath === undefined ? {} : { basePath })}
    />,
  );
  return { user, ...view };
}
