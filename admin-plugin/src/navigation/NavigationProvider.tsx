import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { normaliseBasePath, parseRoute, routePath, toOverview, type OverviewQuery, type Route } from './routes.js';

/**
 * Asked before the page leaves a screen that holds something the administrator would lose (credentials shown once,
 * a filled form): call `leave` to go on, or nothing to stay.
 */
export type LeaveGuard = (leave: () => void) => void;

interface Navigation {
  readonly route: Route;
  /** The route shown before this one, if any (a form returns there). */
  readonly previous: Route | undefined;
  /** Goes to a route; a screen's leave guard is asked first. */
  navigate(route: Route): void;
  /** Replaces the current route's URL without a new history entry (the overview's page and search). */
  replace(route: Route): void;
  /** The URL of a route, for links. */
  href(route: Route): string;
  /** Registers a leave guard; the returned function removes it. */
  guard(ask: LeaveGuard): () => void;
}

const NavigationContext = createContext<Navigation | undefined>(undefined);

function currentRoute(basePath: string): Route {
  const path = window.location.pathname;
  return parseRoute(path.startsWith(basePath) ? path.slice(basePath.length) : '', window.location.search);
}

/**
 * Routes in the browser's history below `basePath`, so that back/forward and deep links work inside the host.
 * Without a base path (tests, hosts that route themselves) the page keeps its route in memory.
 */
export function NavigationProvider({ basePath, children }: { basePath: string | undefined; children: ReactNode }) {
  const base = normaliseBasePath(basePath);
  const inHistory = basePath !== undefined;
  const [{ route, previous }, setRoutes] = useState<{ route: Route; previous: Route | undefined }>(() => ({
    route: inHistory ? currentRoute(base) : toOverview(),
    previous: undefined,
  }));
  const guards = useRef<LeaveGuard[]>([]);
  const shown = useRef(route);
  /** The overview's page and search when the administrator left it, for a way back that keeps them. */
  const lastOverview = useRef<OverviewQuery | undefined>(route.name === 'overview' ? route.query : undefined);

  const href = useCallback((to: Route) => `${base}${routePath(to)}` || '/', [base]);
  const show = useCallback((to: Route) => {
    const target = to.name === 'overview' && !to.query && lastOverview.current ? toOverview(lastOverview.current, to.highlight) : to;
    if (target.name === 'overview') lastOverview.current = target.query;
    const before = shown.current;
    shown.current = target;
    setRoutes({ route: target, previous: before });
    return target;
  }, []);

  useEffect(() => {
    if (!inHistory) return undefined;
    const onPop = () => {
      const target = currentRoute(base);
      const ask = guards.current.at(-1);
      if (!ask) {
        show(target);
        return;
      }
      // The browser already moved: put the shown screen's URL back, and move on only when the administrator agrees.
      window.history.pushState(null, '', href(shown.current));
      ask(() => {
        window.history.pushState(null, '', href(target));
        show(target);
      });
    };
    window.addEventListener('popstate', onPop);
    return () => window.removeEventListener('popstate', onPop);
  }, [base, inHistory, href, show]);

  const navigate = useCallback(
    (to: Route) => {
      const go = () => {
        const target = show(to);
        if (inHistory) window.history.pushState(null, '', href(target));
      };
      const ask = guards.current.at(-1);
      if (ask) ask(go);
      else go();
    },
    [href, inHistory, show],
  );
  const replace = useCallback(
    (to: Route) => {
      const target = show(to);
      if (inHistory) window.history.replaceState(null, '', href(target));
    },
    [href, inHistory, show],
  );
  const guard = useCallback((ask: LeaveGuard) => {
    guards.current.push(ask);
    return () => {
      guards.current = guards.current.filter((g) => g !== ask);
    };
  }, []);
  // One set of listeners for every guard: the latest registered one is asked.
  useEffect(() => {
    const onBeforeUnload = (event: BeforeUnloadEvent) => {
      if (guards.current.length === 0) return;
      event.preventDefault();
      // Older engines show the prompt only when a return value is set.
      event.returnValue = '';
    };
    /** A link of the host (its navigation) leaves the page too: it is followed once the administrator agrees. */
    let following = false;
    const onClick = (event: MouseEvent) => {
      const ask = guards.current.at(-1);
      if (
        !ask ||
        following ||
        event.defaultPrevented ||
        event.button !== 0 ||
        event.metaKey ||
        event.ctrlKey ||
        event.shiftKey ||
        event.altKey
      )
        return;
      const link = event.target instanceof Element ? event.target.closest<HTMLElement>('a[href]') : null;
      if (!link || link.closest('.focus-api-access')) return;
      event.preventDefault();
      event.stopPropagation();
      ask(() => {
        following = true;
        try {
          link.click();
        } finally {
          following = false;
        }
      });
    };
    window.addEventListener('beforeunload', onBeforeUnload);
    document.addEventListener('click', onClick, true);
    return () => {
      window.removeEventListener('beforeunload', onBeforeUnload);
      document.removeEventListener('click', onClick, true);
    };
  }, []);

  const value = useMemo(() => ({ route, previous, navigate, replace, href, guard }), [route, previous, navigate, replace, href, guard]);
  return <NavigationContext.Provider value={value}>{children}</NavigationContext.Provider>;
}

export function useNavigation(): Navigation {
  const navigation = useContext(NavigationContext);
  if (!navigation) throw new Error('useNavigation must be used inside <NavigationProvider>');
  return navigation;
}

/**
 * While `active`, leaving the screen asks first: a reload or closing the tab gets the browser's own prompt, and Back,
 * Forward, a link in the page or one of the host's links call `ask`. The latest `ask` is used, so it may close over fresh state.
 */
export function useLeaveGuard(active: boolean, ask: LeaveGuard): void {
  const { guard } = useNavigation();
  const latest = useRef(ask);
  useEffect(() => {
    latest.current = ask;
  });
  useEffect(() => {
    if (!active) return undefined;
    return guard((leave) => latest.current(leave));
  }, [active, guard]);
}
