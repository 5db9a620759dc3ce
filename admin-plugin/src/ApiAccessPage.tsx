import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { I18nextProvider, useTranslation } from 'react-i18next';
import { NoAccess } from './access/NoAccess.js';
import { httpClient, type ApiAccessClient } from './api/client.js';
import { CatalogueProvider } from './api/catalogue.js';
import { ApiClientProvider, useApiClient } from './api/context.js';
import { ApiError } from './api/errors.js';
import { missingFeatures } from './browser/support.js';
import { UnsupportedBrowser } from './browser/UnsupportedBrowser.js';
import { ClientForm } from './client-form/ClientForm.js';
import { HistoryOverview } from './history/HistoryOverview.js';
import { ClientDetail } from './clients/ClientDetail.js';
import { ClientsOverview } from './clients/ClientsOverview.js';
import { askEarly, EarlyPageProvider, pageQuery } from './clients/early-page.js';
import type { ApiAccessOptions } from './host-contract.js';
import { createI18n, languageFor } from './i18n/index.js';
import { NavigationProvider, useNavigation } from './navigation/NavigationProvider.js';
import { DEFAULT_OVERVIEW_QUERY, routePath } from './navigation/routes.js';
import { AlertsProvider } from './shared/alerts.js';
import { ErrorState } from './shared/ErrorState.js';
import { PageSection, Spinner } from '@patternfly/react-core';
import { useLoad } from './shared/useLoad.js';

export interface ApiAccessPageProps extends ApiAccessOptions {
  /** Replaces the HTTP data client (tests, or a host with its own transport). */
  readonly client?: ApiAccessClient;
  /** Told about every text key the page's language lacks (tests, development). */
  readonly onMissingTranslation?: (key: string, language: string) => void;
}

/**
 * After a route change, keyboard and screen-reader users continue at the new screen's heading, unless the screen
 * already put the focus somewhere inside the page (the form starts in its name field).
 */
function useFocusOnRouteChange(screen: string): void {
  const first = useRef(true);
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    const root = document.querySelector('.focus-api-access');
    if (!root || (document.activeElement && document.activeElement !== document.body && root.contains(document.activeElement))) return;
    const heading = root.querySelector<HTMLElement>('h1');
    if (heading) {
      heading.tabIndex = -1;
      heading.focus();
    }
  }, [screen]);
}

function Routes() {
  const { route } = useNavigation();
  // The overview's page and search change its URL too, but not the screen.
  useFocusOnRouteChange(route.name === 'overview' ? route.name : routePath(route));
  switch (route.name) {
    case 'overview':
      return <ClientsOverview query={route.query ?? DEFAULT_OVERVIEW_QUERY} highlight={route.highlight} />;
    case 'new':
      return <ClientForm />;
    case 'edit':
      return <ClientForm id={route.id} />;
    case 'detail':
      return <ClientDetail id={route.id} />;
    case 'history':
      return <HistoryOverview />;
  }
}

/**
 * Shows the page only to users who hold the right; others get the message naming it. When the token already says the
 * user holds it, the overview's first page is asked for at once and the overview mounted (hidden) while the API
 * confirms, so that its one list request runs beside that check and that render instead of after them; a user whose
 * token lacks the right asks nothing else.
 */
function AccessGate() {
  const { t } = useTranslation();
  const api = useApiClient();
  const { route } = useNavigation();
  const [me, reload] = useLoad(() => api.me(), [api]);
  const [hint] = useLoad(async () => {
    const holdsRight = await api.rightInToken();
    const firstPage =
      holdsRight === true && route.name === 'overview' ? askEarly(api, pageQuery(route.query ?? DEFAULT_OVERVIEW_QUERY)) : undefined;
    return { holdsRight, firstPage };
  }, [api]);
  if (me.state === 'failed') {
    if (me.error instanceof ApiError && me.error.code === 'forbidden') return <NoAccess />;
    return (
      <PageSection>
        <ErrorState title={t('page.title')} error={me.error} onRetry={reload} />
      </PageSection>
    );
  }
  if (me.state === 'loaded' && !me.value.mayManage) return <NoAccess />;
  const checking = me.state === 'loading';
  // Other screens focus a field when they mount: they wait until they can be seen.
  const early = route.name === 'overview' && hint.state === 'loaded' && hint.value.holdsRight === true;
  return (
    <>
      {checking && (
        <PageSection>
          <Spinner aria-label={t('common.loading')} data-testid="loading" />
        </PageSection>
      )}
      {(!checking || early) && (
        <div hidden={checking}>
          <CatalogueProvider>
            <EarlyPageProvider value={hint.state === 'loaded' ? hint.value.firstPage : undefined}>
              <Routes />
            </EarlyPageProvider>
          </CatalogueProvider>
        </div>
      )}
    </>
  );
}

/** The API Toegang page as a React component. */
export function ApiAccessPage({ apiBaseUrl, getAccessToken, locale, basePath, client, onMissingTranslation }: ApiAccessPageProps) {
  const [i18n] = useState(() => createI18n(locale, onMissingTranslation));
  useEffect(() => {
    const language = languageFor(locale);
    if (i18n.language !== language) void i18n.changeLanguage(language);
  }, [i18n, locale]);

  // The token function may be a new closure on every host render; the client only needs the latest one.
  const tokenRef = useRef(getAccessToken);
  useLayoutEffect(() => {
    tokenRef.current = getAccessToken;
  }, [getAccessToken]);
  const latestToken = useCallback(() => tokenRef.current(), []);
  // httpClient keeps the function and calls it before each request, never while rendering.
  // eslint-disable-next-line react-hooks/refs
  const api = useMemo(() => client ?? httpClient({ apiBaseUrl, getAccessToken: latestToken }), [client, apiBaseUrl, latestToken]);
  const [missing] = useState(() => missingFeatures());

  return (
    <I18nextProvider i18n={i18n}>
      <div className="focus-api-access" lang={languageFor(locale)}>
        {missing.length > 0 ? (
          <UnsupportedBrowser missing={missing} />
        ) : (
          <ApiClientProvider client={api}>
            <NavigationProvider basePath={basePath}>
              <AlertsProvider>
                <AccessGate />
              </AlertsProvider>
            </NavigationProvider>
          </ApiClientProvider>
        )}
      </div>
    </I18nextProvider>
  );
}
