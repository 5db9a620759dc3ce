import { Label } from '@patternfly/react-core';
import { Table, Tbody, Td, Th, Thead, Tr } from '../shared/table.js';
import { useTranslation } from 'react-i18next';
import type { HistoryEntry } from '../api/types.js';
import { useFormat } from '../shared/format.js';
import { describeChange } from './describe.js';

/** History entries, most recent first: when, what, (which client,) who, and what changed or failed to. */
export function HistoryTable({ entries, showClient, label }: { entries: readonly HistoryEntry[]; showClient: boolean; label: string }) {
  const { t } = useTranslation();
  const { dateTime } = useFormat();
  return (
    <Table variant="compact" aria-label={label} data-testid="history-table">
      <Thead>
        <Tr>
          <Th>{t('history.columns.when')}</Th>
          <Th>{t('history.columns.action')}</Th>
          {showClient && <Th>{t('history.columns.client')}</Th>}
          <Th>{t('history.columns.person')}</Th>
          <Th>{t('history.columns.change')}</Th>
        </Tr>
      </Thead>
      <Tbody>
        {entries.map((entry) => (
          <Tr key={entry.id} data-testid="history-row">
            <Td dataLabel={t('history.columns.when')}>{dateTime(entry.time)}</Td>
            <Td dataLabel={t('history.columns.action')} data-testid="history-action">
              {t(`history.actions.${entry.action}`)}
              {entry.outcome === 'failure' && (
                <div>
                  <Label color="red" isCompact data-testid="history-failed">
                    {t('history.failed')}
                  </Label>{' '}
                  <span className="focus-api-access__hint">{t('history.failedBecause', { error: entry.error ?? '' })}</span>
                </div>
              )}
            </Td>
            {showClient && (
              <Td dataLabel={t('history.columns.client')} className="focus-api-access__wrap">
                {entry.client.name}
                <div className="focus-api-access__hint">{entry.client.clientId}</div>
              </Td>
            )}
            <Td dataLabel={t('history.columns.person')} data-testid="history-person">
              {entry.actor.username}
              {entry.actor.via && <div className="focus-api-access__hint">{t('history.via', { account: entry.actor.via })}</div>}
            </Td>
            <Td dataLabel={t('history.columns.change')} className="focus-api-access__wrap">
              {describeChange(t, dateTime, entry).map((line) => (
                <div key={line}>{line}</div>
              ))}
            </Td>
          </Tr>
        ))}
      </Tbody>
    </Table>
  );
}
