import {
  Button,
  Content,
  FormSelect,
  FormSelectOption,
  Masthead,
  MastheadBrand,
  MastheadContent,
  MastheadLogo,
  MastheadMain,
  MastheadToggle,
  Nav,
  NavExpandable,
  NavItem,
  NavList,
  Page,
  PageSection,
  PageSidebar,
  PageSidebarBody,
  PageToggleButton,
  SkipToContent,
  Title,
  Toolbar,
  ToolbarContent,
  ToolbarGroup,
  ToolbarItem,
} from '@patternfly/react-core';
import { ApiAccessPage } from '@focus-api-access/admin-plugin/external';
import type Keycloak from 'keycloak-js';
import { useCallback, useEffect, useState } from 'react';
import type { HostConfig } from './config.js';
import { hostLocales, hostMessages, type HostLocale } from './messages.js';
import { forgetSession } from './session.js';

const API_ACCESS_PATH = '/beheer/api-toegang';
const LOCALE_KEY = 'focus.locale';

function initialLocale(keycloak?: Keycloak): HostLocale {
  const stored = localStorage.getItem(LOCALE_KEY);
  const fromToken = (keycloak?.tokenParsed as { locale?: string } | undefined)?.locale;
  const candidate = (stored ?? fromToken ?? 'nl').slice(0, 2) as HostLocale;
  return hostLocales.includes(candidate) ? candidate : 'nl';
}

function usePath(): [string, (path: string) => void] {
  const [path, setPath] = useState(window.location.pathname);
  useEffect(() => {
    const onPop = () => setPath(window.location.pathname);
    window.addEventListener('popstate', onPop);
    return () => window.removeEventListener('popstate', onPop);
  }, []);
  // Told like the browser's own moves, so that the page follows too (from a client's screen back to the overview) and
  // its leave guard can keep unsaved changes.
  const go = useCallback((to: string) => {
    window.history.pushState(null, '', to);
    window.dispatchEvent(new PopStateEvent('popstate'));
  }, []);
  return [path, go];
}

export function Host({ keycloak, config }: { keycloak: Keycloak; config: HostConfig }) {
  const [locale, setLocale] = useState<HostLocale>(() => initialLocale(keycloak));
  const [path, go] = usePath();
  const m = hostMessages[locale];
  const inApiAccess = path === API_ACCESS_PATH || path.startsWith(`${API_ACCESS_PATH}/`);
  const [adminExpanded, setAdminExpanded] = useState(inApiAccess);

  useEffect(() => {
    document.documentElement.lang = locale;
    localStorage.setItem(LOCALE_KEY, locale);
  }, [locale]);

  const getAccessToken = useCallback(async () => {
    try {
      await keycloak.updateToken(30);
    } catch {
      await keycloak.login();
    }
    return keycloak.token ?? '';
  }, [keycloak]);

  const link = (to: string) => (event: { preventDefault(): void }) => {
    event.preventDefault();
    go(to);
  };
  const user = (keycloak.tokenParsed as { preferred_username?: string; name?: string } | undefined) ?? {};

  const masthead = (
    <Masthead>
      <MastheadMain>
        <MastheadToggle>
          <PageToggleButton isHamburgerButton aria-label={m.toggleNav} />
        </MastheadToggle>
        <MastheadBrand>
          <MastheadLogo href="/" onClick={link('/')} data-testid="host-brand" className="focus-host__brand">
            FOCUS
          </MastheadLogo>
        </MastheadBrand>
      </MastheadMain>
      <MastheadContent>
        <Toolbar isFullHeight isStatic>
          <ToolbarContent>
            <ToolbarGroup align={{ default: 'alignEnd' }} alignItems="center">
              <ToolbarItem>
                <FormSelect
                  value={locale}
                  onChange={(_event, value) => setLocale(value as HostLocale)}
                  aria-label={m.language}
                  className="focus-host__language"
                  data-testid="host-language"
                >
                  {hostLocales.map((l) => (
                    <FormSelectOption key={l} value={l} label={l.toUpperCase()} />
                  ))}
                </FormSelect>
              </ToolbarItem>
              <ToolbarItem alignSelf="center">
                <span data-testid="host-user">{m.signedInAs.replace('{user}', user.name ?? user.preferred_username ?? '')}</span>
              </ToolbarItem>
              <ToolbarItem>
                <Button
                  variant="secondary"
                  onClick={() => {
                    forgetSession();
                    void keycloak.logout({ redirectUri: `${window.location.origin}/` });
                  }}
                  data-testid="host-logout"
                >
                  {m.logout}
                </Button>
              </ToolbarItem>
            </ToolbarGroup>
          </ToolbarContent>
        </Toolbar>
      </MastheadContent>
    </Masthead>
  );

  const sidebar = (
    <PageSidebar>
      <PageSidebarBody>
        <Nav aria-label={m.navigation}>
          <NavList>
            <NavItem to="/" isActive={path === '/'} onClick={link('/')} data-testid="nav-home">
              {m.home}
            </NavItem>
            <NavExpandable
              title={m.admin}
              isExpanded={adminExpanded}
              isActive={inApiAccess}
              onExpand={(_event, expanded) => setAdminExpanded(expanded)}
              buttonProps={{ 'data-testid': 'nav-admin' }}
            >
              <NavItem to={API_ACCESS_PATH} isActive={inApiAccess} onClick={link(API_ACCESS_PATH)} data-testid="nav-api-access">
                {m.apiAccess}
              </NavItem>
            </NavExpandable>
          </NavList>
        </Nav>
      </PageSidebarBody>
    </PageSidebar>
  );

  return (
    <Page
      masthead={masthead}
      sidebar={sidebar}
      isManagedSidebar
      skipToContent={<SkipToContent href="#focus-main">{m.skip}</SkipToContent>}
      mainContainerId="focus-main"
    >
      {inApiAccess ? (
        <ApiAccessPage apiBaseUrl={config.apiBaseUrl} getAccessToken={getAccessToken} locale={locale} basePath={API_ACCESS_PATH} />
      ) : (
        <PageSection>
          <Title headingLevel="h1">{m.welcome}</Title>
          <Content component="p">{m.welcomeBody}</Content>
        </PageSection>
      )}
    </Page>
  );
}

/** For browsers the page cannot work in: the page's own advice, without logging in. */
export function Unsupported() {
  return (
    <Page
      masthead={
        <Masthead>
          <MastheadMain>
            <MastheadBrand>
              <MastheadLogo>FOCUS</MastheadLogo>
            </MastheadBrand>
          </MastheadMain>
        </Masthead>
      }
    >
      <ApiAccessPage apiBaseUrl="" getAccessToken={() => Promise.reject(new Error('unsupported browser'))} locale={initialLocale()} />
    </Page>
  );
}
