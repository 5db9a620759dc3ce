/** The page's own routes, below the host's base path. Typed helpers build them; {@link parseRoute} reads them. */
export type Route =
  | { readonly name: 'overview' }
  | { readonly name: 'history' }
  | { readonly name: 'new' }
  | { readonly name: 'edit'; readonly id: string }
  | { readonly name: 'detail'; readonly id: string };

export const toOverview = (): Route => ({ name: 'overview' });
export const toNewClient = (): Route => ({ name: 'new' });
export const toHistory = (): Route => ({ name: 'history' });
export const toEditClient = (id: string): Route => ({ name: 'edit', id });
export const toClient = (id: string): Route => ({ name: 'detail', id });

/** Path of a route relative to the base path ("" for the overview). */
export function routePath(route: Route): string {
  switch (route.name) {
    case 'overview':
      return '';
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

export function parseRoute(relativePath: string): Route {
  const parts = relativePath
    .split('/')
    .filter((p) => p !== '')
    .map(decodeURIComponent);
  if (parts.length === 0) return toOverview();
  if (parts.length === 1 && parts[0] === 'nieuw') return toNewClient();
  if (parts.length === 1 && parts[0] === 'geschiedenis') return toHistory();
  if (parts.length === 1) return toClient(parts[0]!);
  if (parts.length === 2 && parts[1] === 'bewerken') return toEditClient(parts[0]!);
  return toOverview();
}

export function normaliseBasePath(basePath: string | undefined): string {
  if (!basePath) return '';
  return `/${basePath.replace(/^\/+|\/+$/g, '')}`.replace(/^\/$/, '');
}
