import { createContext, useContext } from 'react';
import type { ApiAccessClient } from '../api/client.js';
import type { ClientPage, ClientQuery } from '../api/types.js';
import type { OverviewQuery } from '../navigation/routes.js';

/** The overview's request for one page of its query. */
export function pageQuery({ page, perPage, search }: OverviewQuery): ClientQuery {
  return { search, first: (page - 1) * perPage, max: perPage };
}

/**
 * The overview's first page, asked for as soon as the token shows the right rather than once the overview has
 * rendered, so that its request runs beside `me` and that render instead of after them. It is handed out once, to
 * the overview that opens with the same query; every later load asks the API itself.
 */
export interface EarlyPage {
  take(query: ClientQuery): Promise<ClientPage> | undefined;
}

export function askEarly(api: ApiAccessClient, query: ClientQuery): EarlyPage {
  let answer: Promise<ClientPage> | undefined = api.listClients(query);
  // A failure is the overview's to show once it takes the answer; unclaimed, it is nobody's.
  answer.catch(() => undefined);
  return {
    take(wanted) {
      const taken = answer;
      answer = undefined;
      const same = wanted.search === query.search && wanted.first === query.first && wanted.max === query.max;
      return same ? taken : undefined;
    },
  };
}

const EarlyPageContext = createContext<EarlyPage | undefined>(undefined);
export const EarlyPageProvider = EarlyPageContext.Provider;
export const useEarlyPage = (): EarlyPage | undefined => useContext(EarlyPageContext);
