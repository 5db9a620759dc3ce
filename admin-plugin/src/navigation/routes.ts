/** The page's own routes, below the host's base path. Typed helpers build them; {@link parseRoute} reads them. */
export interface OverviewQuery {
  /** 1-based. */
  readonly page: number;
  readonly perPage: number;
  readonly search: string;
}

export const DEFAULT_OVERVIEW_QUERY: OverviewQuery = { page: 1, perPage: 10, search: '' };
export const PER_PAGE_OPTIONS: readonly number[] = [10, 20, 50, 100];

export type Route =
  /** `highlight`: the id of a client just changed, marked in the list (never part of the URL). */
  | { readonly name: 'overview'; readonly query?: OverviewQuery; readonly highlight?: string }
  | { readonly name: 'history' }
  | { readonly name: 'new' }
  | { readonly name: 'edit'; readonly id: string }
  | { readonly name: 'detail'; readonly id: string };

/** The overview; without a query, the page and search the administrator last had there. */
export const toOverview = (query?: OverviewQuery, highlight?: string): Route => ({
  name: 'overview',
  ...(query ? { query } : {}),
  ...(highlight ? { highlight } : {}),
});
export const toNewClient = (): Route => ({ name: 'new' });
export const toHistory = (): Route => ({ name: 'history' });
export const toEditClient = (id: string): Route => ({ name: 'edit', id });
export const toClient = (id: string): Route => ({ name: 'detail', id });

// The overview's page, page size and search live in the URL, so that Back, Reload and a shared link keep them.
const PAGE_PARAM = 'pagina';
const PER_PAGE_PARAM = 'aantal';
const SEARCH_PARAM = 'zoeken';

function queryString(query: OverviewQuery | undefined): string {
  if (!query) return '';
  const params = new URLSearchParams();
  if (query.search !== '') params.set(SEARCH_PARAM, query.search);
  if (query.page !== DEFAULT_OVERVIEW_QUERY.page) params.set(PAGE_PARAM, String(query.page));
  if (query.perPage !== DEFAULT_OVERVIEW_QUERY.perPage) params.set(PER_PAGE_PARAM, String(query.perPage));
  const text = params.toString();
  return text === '' ? '' : `?${text}`;
}

/** Reads the overview's query; anything unreadable falls back to the default. */
export function parseOverviewQuery(search: string): OverviewQuery {
  const params = new URLSearchParams(search);
  const page = Number(params.get(PAGE_PARAM));
  const perPage = Number(params.get(PER_PAGE_PARAM));
  return {
    page: Number.isSafeInteger(page) && page >= 1 ? page : DEFAULT_OVERVIEW_QUERY.page,
    perPage: PER_PAGE_OPTIONS.includes(perPage) ? perPage : DEFAULT_OVERVIEW_QUERY.perPage,
    search: params.get(SEARCH_PARAM) ?? DEFAULT_OVERVIEW_QUERY.search,
  };
}

/** Path (and query) of a route relative to the base path ("" for the overview without a query). */
export function routePath(route: Route): string {
  switch (route.name) {
    case 'overview':
      return queryString(route.query);
    case 'new':
      return '/nieuw';
    case 'history':
      return '/geschiedenis';
    case 'edit':
      return `/${encodeURIComponent(route.id)}/bewerken`;
    case 'detail':
      return `/${encodeURIComponent(route.id)}`;
  }
}

export function parseRoute(relativePath: string, search = ''): Route {
  const parts = relativePath
    .split('/')
    .filter((p) => p !== '')
    .map(decodeURIComponent);
  if (parts.length === 0) return toOverview(parseOverviewQuery(search));
  if (parts.length === 1 && parts[0] === 'nieuw') return toNewClient();
  if (parts.length === 1 && parts[0] === 'geschiedenis') return toHistory();
  if (parts.length === 1) return toClient(parts[0]!);
  if (parts.length === 2 && parts[1] === 'bewerken') return toEditClient(parts[0]!);
  return toOverview(parseOverviewQuery(search));
}

export function normaliseBasePath(basePath: string | undefined): string {
  if (!basePath) return '';
  return `/${basePath.replace(/^\/+|\/+$/g, '')}`.replace(/^\/$/, '');
}
