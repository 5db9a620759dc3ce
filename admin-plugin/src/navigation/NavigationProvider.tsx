import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { normaliseBasePath, parseRoute, routePath, type Route } from './routes.js';

interface Navigation {
  readonly route: Route;
  navigate(route: Route): void;
  /** The URL of a route, for links. */
  href(route: Route): string;
}

const NavigationContext = createContext<Navigation | undefined>(undefined);

function currentRoute(basePath: string): Route {
  const path = window.location.pathname;
  return parseRoute(path.startsWith(basePath) ? path.slice(basePath.length) : '');
}

/**
 * Routes in the browser's history below `basePath`, so that back/forward and deep links work inside the host.
 * Without a base path (tests, hosts that route themselves) the page keeps its route in memory.
 */
export function NavigationProvider({ basePath, children }: { basePath: string | undefined; children: ReactNode }) {
  const base = normaliseBasePath(basePath);
  const inHistory = basePath !== undefined;
  const [route, setRoute] = useState<Route>(() => (inHistory ? currentRoute(base) : { name: 'overview' }));

  useEffect(() => {
    if (!inHistory) return undefined;
    const onPop = () => setRoute(currentRoute(base));
    window.addEventListener('popstate', onPop);
    return () => window.removeEventListener('popstate', onPop);
  }, [base, inHistory]);

  const href = useCallback((to: Route) => `${base}${routePath(to)}` || '/', [base]);
  const navigate = useCallback(
    (to: Route) => {
      if (inHistory) window.history.pushState(null, '', href(to));
      setRoute(to);
    },
    [href, inHistory],
  );
  const value = useMemo(() => ({ route, navigate, href }), [route, navigate, href]);
  return <NavigationContext.Provider value={value}>{children}</NavigationContext.Provider>;
}

export function useNavigation(): Navigation {
  const navigation = useContext(NavigationContext);
  if (!navigation) throw new Error('useNavigation must be used inside <NavigationProvider>');
  return navigation;
}
