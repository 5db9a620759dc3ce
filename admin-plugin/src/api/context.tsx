import { createContext, useContext, type ReactNode } from 'react';
import type { ApiAccessClient } from './client.js';

const ApiClientContext = createContext<ApiAccessClient | undefined>(undefined);

export function ApiClientProvider({ client, children }: { client: ApiAccessClient; children: ReactNode }) {
  return <ApiClientContext.Provider value={client}>{children}</ApiClientContext.Provider>;
}

/** The data client of the page the component sits in. */
export function useApiClient(): ApiAccessClient {
  const client = useContext(ApiClientContext);
  if (!client) throw new Error('useApiClient must be used inside <ApiClientProvider>');
  return client;
}
