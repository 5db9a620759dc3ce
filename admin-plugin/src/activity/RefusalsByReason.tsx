import { Button, Content, Pagination, Spinner } from '@patternfly/react-core';
import { Table, Tbody, Td, Th, Thead, Tr } from '../shared/table.js';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useApiClient } from '../api/context.js';
import type { RefusalGroup } from '../api/types.js';
import { ErrorState } from '../shared/ErrorState.js';
import { useFormat } from '../shared/format.js';
import { useLoad } from '../shared/useLoad.js';
import { REASON_KEYS } from './reasons.js';

const PER_PAGE = 10;

/** One reason's refusals, one row per source address, most recent first, with paging. */
function RefusalSources({ clientId, group, refreshKey }: { clientId: string; group: RefusalGroup; refreshKey?: number }) {
  const { t } = useTranslation();
  const api = useApiClient();
  const { dateTime } = useFormat();
  const [page, setPage] = useState(1);
  const [load, reload] = useLoad(
    () => api.refusals(clientId, { reason: group.reason, first: (page - 1) * PER_PAGE, max: PER_PAGE }),
    [api, clientId, group.reason, page, refreshKey],
  );
  if (load.state === 'loading') return <Spinner size="md" aria-label={t('common.loading')} />;
  if (load.state === 'failed') return <ErrorState title={t('activity.loadFailed')} error={load.error} onRetry={reload} />;
  const { items, total } = load.value;
  return (
    <>
      <Table variant="compact" aria-label={t(REASON_KEYS[group.reason])} data-testid="activity-refusals">
        <Thead>
          <Tr>
            <Th>{t('activity.address')}</Th>
            <Th>{t('activity.count')}</Th>
            <Th>{t('activity.firstAt')}</Th>
            <Th>{t('activity.lastAt')}</Th>
            {group.reason === 'other' && <Th>{t('activity.error')}</Th>}
          </Tr>
        </Thead>
        <Tbody>
          {items.map((source) => (
            <Tr key={source.ipAddress ?? '*'} data-testid="activity-refusal-row">
              <Td dataLabel={t('activity.address')}>{source.ipAddress ?? t('activity.otherAddresses')}</Td>
              <Td dataLabel={t('activity.count')}>{source.refusals}</Td>
              <Td dataLabel={t('activity.firstAt')}>{dateTime(source.firstAt)}</Td>
              <Td dataLabel={t('activity.lastAt')}>{dateTime(source.lastAt)}</Td>
              {group.reason === 'other' && <Td dataLabel={t('activity.error')}>{source.error ?? ''}</Td>}
            </Tr>
          ))}
        </Tbody>
      </Table>
      {total > PER_PAGE && (
        <Pagination
          itemCount={total}
          perPage={PER_PAGE}
          page={page}
          perPageOptions={[]}
          onSetPage={(_event, next) => setPage(next)}
          isCompact
          data-testid="activity-refusals-pagination"
          titles={{
            paginationAriaLabel: t('pagination.label'),
            ofWord: t('pagination.of'),
            items: t('pagination.items'),
            page: t('pagination.page'),
            pages: t('pagination.pages'),
            toFirstPageAriaLabel: t('pagination.first'),
            toPreviousPageAriaLabel: t('pagination.previous'),
            toNextPageAriaLabel: t('pagination.next'),
            toLastPageAriaLabel: t('pagination.last'),
            currPageAriaLabel: t('pagination.current'),
          }}
        />
      )}
    </>
  );
}

/**
 * Refused token requests grouped by reason, an IP address outside the ranges apart from a wrong secret: one button
 * per reason with its count, and the chosen reason's sources.
 */
export function RefusalsByReason({
  clientId,
  groups,
  refreshKey,
}: {
  clientId: string;
  groups: readonly RefusalGroup[];
  refreshKey?: number;
}) {
  const { t } = useTranslation();
  const [chosen, setChosen] = useState<RefusalGroup['reason'] | undefined>();
  if (groups.length === 0) {
    return (
      <Content component="p" data-testid="activity-no-refusals">
        {t('activity.noRefusals')}
      </Content>
    );
  }
  const group = groups.find((g) => g.reason === chosen) ?? groups[0]!;
  return (
    <>
      <div
        role="group"
        aria-label={t('activity.refusalGroups')}
        className="focus-api-access__actions"
        data-testid="activity-refusal-groups"
      >
        {groups.map((g) => (
          <Button
            key={g.reason}
            variant={g.reason === group.reason ? 'primary' : 'secondary'}
            size="sm"
            aria-pressed={g.reason === group.reason}
            onClick={() => setChosen(g.reason)}
            data-testid={`activity-refusal-group-${g.reason}`}
          >
            {t('activity.group', { reason: t(REASON_KEYS[g.reason]), count: g.refusals })}
          </Button>
        ))}
      </div>
      {group.reason === 'ip_ranges_invalid' && <Content component="p">{t('activity.rangesInvalidHelp')}</Content>}
      <RefusalSources key={group.reason} clientId={clientId} group={group} {...(refreshKey === undefined ? {} : { refreshKey })} />
    </>
  );
}
