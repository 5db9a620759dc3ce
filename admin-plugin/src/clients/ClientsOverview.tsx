import {
  Button,
  Content,
  EmptyState,
  EmptyStateActions,
  EmptyStateBody,
  EmptyStateFooter,
  Label,
  LabelGroup,
  PageSection,
  Pagination,
  SearchInput,
  Spinner,
  Title,
  Toolbar,
  ToolbarContent,
  ToolbarItem,
} from '@patternfly/react-core';
import { CubesIcon, SearchIcon } from '../shared/icons.js';
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useApiClient } from '../api/context.js';
import { useServiceLabel } from '../api/catalogue.js';
import type { ApiClient, ApiClientSummary } from '../api/types.js';
import { PER_PAGE_OPTIONS, toClient, toHistory, toNewClient, toOverview, type OverviewQuery } from '../navigation/routes.js';
import { useNavigation } from '../navigation/NavigationProvider.js';
import { ErrorState } from '../shared/ErrorState.js';
import { useFormat } from '../shared/format.js';
import { Table, Tbody, Td, Th, Thead, Tr } from '../shared/table.js';
import { useLoad } from '../shared/useLoad.js';
import { pageQuery, useEarlyPage } from './early-page.js';
import { SecretExpiryHint } from './SecretExpiry.js';
import { RowActions } from './RowActions.js';
import { useClientActions } from './useClientActions.js';

const SEARCH_DELAY_MS = 300;

function ServicesCell({ client }: { client: ApiClient }) {
  const { t } = useTranslation();
  const label = useServiceLabel();
  return (
    <LabelGroup
      numLabels={3}
      className="focus-api-access__services"
      aria-label={t('overview.columns.services')}
      collapsedText={t('labels.more', { remaining: '${remaining}' })}
      expandedText={t('labels.less')}
    >
      {client.services.map((service) => (
        <Label key={service} isCompact>
          {label(service)}
        </Label>
      ))}
    </LabelGroup>
  );
}

/** Last use, as the list carries it: no request of its own. */
function LastUsedCell({ client }: { client: ApiClientSummary }) {
  const { t } = useTranslation();
  const { dateTime } = useFormat();
  if (!client.lastUse) return <>{t('overview.neverUsed')}</>;
  return (
    <>
      {dateTime(client.lastUse.time)}
      <div className="focus-api-access__hint">{t('activity.from', { address: client.lastUse.ipAddress })}</div>
    </>
  );
}

/** The overview of API clients: search, paging, status and per-row actions. */
export function ClientsOverview({ query, highlight }: { query: OverviewQuery; highlight?: string | undefined }) {
  const { t } = useTranslation();
  const api = useApiClient();
  const { navigate, replace, href } = useNavigation();
  const { dateTime } = useFormat();
  const { page, perPage, search } = query;
  const [searchInput, setSearchInput] = useState(search);
  const show = useCallback((change: Partial<OverviewQuery>) => replace(toOverview({ ...query, ...change })), [query, replace]);

  useEffect(() => {
    // Only a changed search goes back to page 1 (not the first render: a page chosen meanwhile stays).
    if (searchInput === search) return;
    const timer = setTimeout(() => show({ search: searchInput, page: 1 }), SEARCH_DELAY_MS);
    return () => clearTimeout(timer);
  }, [searchInput, search, show]);

  const early = useEarlyPage();
  const [load, reload] = useLoad(() => {
    const wanted = pageQuery(query);
    return early?.take(wanted) ?? api.listClients(wanted);
  }, [api, search, page, perPage]);
  const { actions, dialogs } = useClientActions(() => reload());
  // A page past the end (a link kept from before a deletion, the last row deleted): show the last one instead.
  const lastPage = load.state === 'loaded' ? Math.max(1, Math.ceil(load.value.total / perPage)) : page;
  useEffect(() => {
    if (page > lastPage) show({ page: lastPage });
  }, [page, lastPage, show]);

  const header = (
    <PageSection>
      <Title headingLevel="h1">{t('page.title')}</Title>
      <Content component="p">{t('page.description')}</Content>
    </PageSection>
  );

  if (load.state === 'failed') {
    return (
      <>
        {header}
        <PageSection>
          <ErrorState title={t('overview.loadFailed')} error={load.error} onRetry={reload} />
        </PageSection>
      </>
    );
  }

  const items = load.state === 'loaded' ? load.value.items : [];
  const first = (page - 1) * perPage;
  const itemCount = load.state === 'loaded' ? load.value.total : first + items.length;
  const addButton = (testId: string) => (
    <Button variant="primary" onClick={() => navigate(toNewClient())} data-testid={testId}>
      {t('overview.add')}
    </Button>
  );

  const pagination = (variant: 'top' | 'bottom') => (
    <Pagination
      itemCount={itemCount}
      perPage={perPage}
      page={page}
      perPageOptions={PER_PAGE_OPTIONS.map((value) => ({ title: String(value), value }))}
      onSetPage={(_event, next) => show({ page: next })}
      onPerPageSelect={(_event, next) => show({ perPage: next, page: 1 })}
      variant={variant}
      isCompact={variant === 'top'}
      data-testid={`pagination-${variant}`}
      titles={{
        paginationAriaLabel: t(variant === 'top' ? 'pagination.labelTop' : 'pagination.labelBottom'),
        perPageSuffix: t('pagination.perPageSuffix'),
        itemsPerPage: t('pagination.perPage'),
        // The toggle shows "1 - 10 van 25": its accessible name must contain that text (WCAG 2.5.3).
        optionsToggleAriaLabel: `${itemCount === 0 ? 0 : first + 1} - ${Math.min(first + perPage, itemCount)} ${t('pagination.of')} ${itemCount}, ${t('pagination.perPage')}`,
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
  );

  let body;
  if (load.state === 'loading') {
    body = <Spinner aria-label={t('common.loading')} data-testid="loading" />;
  } else if (items.length === 0 && search === '' && page === 1) {
    body = (
      <EmptyState titleText={t('overview.emptyTitle')} headingLevel="h2" icon={CubesIcon} data-testid="empty-state">
        <EmptyStateBody>{t('overview.emptyBody')}</EmptyStateBody>
        <EmptyStateFooter>
          <EmptyStateActions>{addButton('add-client-empty')}</EmptyStateActions>
        </EmptyStateFooter>
      </EmptyState>
    );
  } else if (items.length === 0) {
    body = (
      <EmptyState titleText={t('overview.noMatchTitle')} headingLevel="h2" icon={SearchIcon} data-testid="no-match">
        <EmptyStateBody>{t('overview.noMatchBody', { search })}</EmptyStateBody>
        <EmptyStateFooter>
          <EmptyStateActions>
            <Button variant="link" onClick={() => setSearchInput('')} data-testid="clear-search">
              {t('overview.clearSearch')}
            </Button>
          </EmptyStateActions>
        </EmptyStateFooter>
      </EmptyState>
    );
  } else {
    body = (
      <>
        <Table aria-label={t('page.title')} variant="compact" data-testid="clients-table">
          <Thead>
            <Tr>
              <Th modifier="wrap">{t('overview.columns.name')}</Th>
              <Th modifier="wrap">{t('overview.columns.clientId')}</Th>
              <Th modifier="wrap">{t('overview.columns.services')}</Th>
              <Th modifier="wrap">{t('overview.columns.ipRanges')}</Th>
              <Th modifier="wrap">{t('overview.columns.status')}</Th>
              <Th modifier="wrap">{t('overview.columns.created')}</Th>
              <Th modifier="wrap">{t('overview.columns.lastUsed')}</Th>
              <Th screenReaderText={t('overview.columns.actions')} />
            </Tr>
          </Thead>
          <Tbody>
            {items.map((client) => (
              <Tr
                key={client.id}
                data-testid="client-row"
                data-client-id={client.clientId}
                // The client just saved or given credentials stands out, so the administrator sees where it went.
                isRowSelected={client.id === highlight}
                {...(client.id === highlight ? { 'data-highlighted': '' } : {})}
              >
                <Td dataLabel={t('overview.columns.name')} modifier="breakWord" className="focus-api-access__name">
                  <a
                    href={href(toClient(client.id))}
                    onClick={(event) => {
                      event.preventDefault();
                      navigate(toClient(client.id));
                    }}
                    data-testid="client-link"
                  >
                    {client.name}
                  </a>
                </Td>
                <Td dataLabel={t('overview.columns.clientId')} modifier="breakWord">
                  <code data-testid="client-id">{client.clientId}</code>
                </Td>
                <Td dataLabel={t('overview.columns.services')}>
                  <ServicesCell client={client} />
                </Td>
                <Td dataLabel={t('overview.columns.ipRanges')}>
                  {client.ipRanges.length === 0 ? t('overview.anyAddress') : client.ipRanges.join(', ')}
                </Td>
                <Td dataLabel={t('overview.columns.status')}>
                  <Label color={client.enabled ? 'green' : 'grey'} isCompact data-testid="client-status">
                    {client.enabled ? t('overview.enabled') : t('overview.disabled')}
                  </Label>
                  {!client.credentialsGeneratedAt && (
                    <div className="focus-api-access__hint" data-testid="client-no-credentials">
                      {t('overview.noCredentials')}
                    </div>
                  )}
                  {client.previousSecretValidUntil && (
                    <div className="focus-api-access__hint">
                      {t('overview.graceUntil', { date: dateTime(client.previousSecretValidUntil) })}
                    </div>
                  )}
                  <SecretExpiryHint client={client} />
                </Td>
                <Td dataLabel={t('overview.columns.created')}>
                  {client.createdBy
                    ? t('overview.createdByAt', { date: dateTime(client.createdAt), user: client.createdBy })
                    : dateTime(client.createdAt)}
                </Td>
                <Td dataLabel={t('overview.columns.lastUsed')} data-testid="client-last-used">
                  <LastUsedCell client={client} />
                </Td>
                <Td isActionCell>
                  <RowActions actions={actions(client)} label={t('actions.menu', { name: client.name })} />
                </Td>
              </Tr>
            ))}
          </Tbody>
        </Table>
        {pagination('bottom')}
      </>
    );
  }

  return (
    <>
      {header}
      <PageSection>
        <Toolbar>
          <ToolbarContent>
            <ToolbarItem className="focus-api-access__search">
              <SearchInput
                aria-label={t('overview.search')}
                placeholder={t('overview.search')}
                value={searchInput}
                onChange={(_event, value) => setSearchInput(value)}
                onClear={() => setSearchInput('')}
                resetButtonLabel={t('overview.clearSearch')}
                inputProps={{ 'data-testid': 'search' }}
              />
            </ToolbarItem>
            <ToolbarItem>{addButton('add-client')}</ToolbarItem>
            <ToolbarItem>
              <Button variant="secondary" onClick={() => navigate(toHistory())} data-testid="open-history">
                {t('history.open')}
              </Button>
            </ToolbarItem>
            {items.length > 0 && <ToolbarItem variant="pagination">{pagination('top')}</ToolbarItem>}
          </ToolbarContent>
        </Toolbar>
        {body}
      </PageSection>
      {dialogs}
    </>
  );
}
