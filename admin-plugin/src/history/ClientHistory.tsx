import { useState } from 'react';
import { Button, Card, CardBody, CardTitle, Content, Spinner } from '@patternfly/react-core';
import { useTranslation } from 'react-i18next';
import { useApiClient } from '../api/context.js';
import { ErrorState } from '../shared/ErrorState.js';
import { useLoad } from '../shared/useLoad.js';
import { HistoryTable } from './HistoryTable.js';

const STEP = 10;

/** "Geschiedenis" on a client's page: every change to it, most recent first, ten more at a time. */
export function ClientHistory({ clientId, refreshKey }: { clientId: string; refreshKey?: number }) {
  const { t } = useTranslation();
  const api = useApiClient();
  const [shown, setShown] = useState(STEP);
  const [load, reload] = useLoad(() => api.clientHistory(clientId, { first: 0, max: shown }), [api, clientId, shown, refreshKey]);

  let body;
  if (load.state === 'loading') body = <Spinner size="md" aria-label={t('common.loading')} />;
  else if (load.state === 'failed') body = <ErrorState title={t('history.loadFailed')} error={load.error} onRetry={reload} />;
  else if (load.value.items.length === 0) body = <Content component="p">{t('history.empty')}</Content>;
  else
    body = (
      <>
        <HistoryTable entries={load.value.items} showClient={false} label={t('history.title')} />
        {load.value.hasMore && (
          <Button variant="link" onClick={() => setShown((n) => n + STEP)} data-testid="history-more">
            {t('history.more')}
          </Button>
        )}
      </>
    );
  return (
    <Card data-testid="client-history">
      <CardTitle component="h2">{t('history.title')}</CardTitle>
      <CardBody>{body}</CardBody>
    </Card>
  );
}
