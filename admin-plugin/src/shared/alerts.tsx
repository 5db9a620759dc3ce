import { AlertActionCloseButton, AlertGroup } from '@patternfly/react-core';
import { Notice } from './status.js';
import { createContext, useCallback, useContext, useMemo, useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

type Variant = 'success' | 'danger' | 'warning' | 'info';
interface Toast {
  readonly key: number;
  readonly variant: Variant;
  readonly title: string;
}

const AlertsContext = createContext<((variant: Variant, title: string) => void) | undefined>(undefined);

const TIMEOUT_MS = 8000;

/** Toasts for the outcome of an action; screen readers hear them through the group's live region. */
export function AlertsProvider({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  const [toasts, setToasts] = useState<readonly Toast[]>([]);
  const next = useRef(0);
  const remove = useCallback((key: number) => setToasts((all) => all.filter((a) => a.key !== key)), []);
  const add = useCallback((variant: Variant, title: string) => {
    next.current += 1;
    const key = next.current;
    setToasts((all) => [...all, { key, variant, title }]);
  }, []);
  const value = useMemo(() => add, [add]);
  return (
    <AlertsContext.Provider value={value}>
      <AlertGroup isToast isLiveRegion className="focus-api-access__toasts">
        {toasts.map((toast) => (
          <Notice
            key={toast.key}
            variant={toast.variant}
            title={toast.title}
            timeout={TIMEOUT_MS}
            onTimeout={() => remove(toast.key)}
            data-testid={`alert-${toast.variant}`}
            actionClose={<AlertActionCloseButton aria-label={t('alerts.close')} onClose={() => remove(toast.key)} />}
          />
        ))}
      </AlertGroup>
      {children}
    </AlertsContext.Provider>
  );
}

export function useAlerts(): (variant: Variant, title: string) => void {
  const add = useContext(AlertsContext);
  if (!add) throw new Error('useAlerts must be used inside <AlertsProvider>');
  return add;
}
