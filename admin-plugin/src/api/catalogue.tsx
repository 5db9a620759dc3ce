import { createContext, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { useApiClient } from './context.js';
import type { Service } from './types.js';

const CatalogueContext = createContext<readonly Service[]>([]);

/** Loads the services catalogue once for the labels in lists; until it arrives (or if it fails) ids are shown. */
export function CatalogueProvider({ children }: { children: ReactNode }) {
  const api = useApiClient();
  const [services, setServices] = useState<readonly Service[]>([]);
  useEffect(() => {
    let current = true;
    api.services().then(
      (list) => current && setServices(list),
      () => undefined,
    );
    return () => {
      current = false;
    };
  }, [api]);
  return <CatalogueContext.Provider value={services}>{children}</CatalogueContext.Provider>;
}

/** The human label of a client's service (the API lists a client's services by id). */
export function useServiceLabel(): (serviceId: string) => string {
  const services = useContext(CatalogueContext);
  return useMemo(() => (serviceId: string) => services.find((s) => s.id === serviceId)?.label ?? serviceId, [services]);
}
