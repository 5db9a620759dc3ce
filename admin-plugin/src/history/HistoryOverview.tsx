import { useState, type FormEvent } from 'react';
import {
  ActionGroup,
  Button,
  Content,
  Form,
  FormGroup,
  FormSelect,
  FormSelectOption,
  Grid,
  GridItem,
  PageSection,
  Spinner,
  TextInput,
  Title,
} from '@patternfly/react-core';
import { useTranslation } from 'react-i18next';
import { contract } from '@focus-api-access/contract';
import { useApiClient } from '../api/context.js';
import type { HistoryAction, HistoryQuery } from '../api/types.js';
import { useNavigation } from '../navigation/NavigationProvider.js';
import { toOverview } from '../navigation/routes.js';
import { ErrorState } from '../shared/ErrorState.js';
import { useLoad } from '../shared/useLoad.js';
import { HistoryTable } from './HistoryTable.js';

const PAGE = 20;

interface Filters {
  readonly person: string;
  readonly client: string;
  readonly action: HistoryAction | '';
  /** yyyy-mm-dd as the date fields give them; both days included. */
  readonly from: string;
  readonly to: string;
}

const NO_FILTERS: Filters = { person: '', client: '', action: '', from: '', to: '' };

/** The start of a local calendar day as an ISO time; `nextDay` for the end of an inclusive period. */
function dayStart(day: string, nextDay = false): string | undefined {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  if (!match) return undefined;
  return new Date(Number(match[1]), Number(match[2]) - 1, Number(match[3]) + (nextDay ? 1 : 0)).toISOString();
}

function queryOf(filters: Filters, first: number): HistoryQuery {
  const from = dayStart(filters.from);
  const to = dayStart(filters.to, true);
  return {
    person: filters.person,
    client: filters.client,
    action: filters.action,
    ...(from ? { from } : {}),
    ...(to ? { to } : {}),
    first,
    max: PAGE,
  };
}

/** Every change to every API client, most recent first, filtered by person, client, kind of change and period. */
export function HistoryOverview() {
  const { t } = useTranslation();
  const api = useApiClient();
  const { navigate } = useNavigation();
  const [draft, setDraft] = useState<Filters>(NO_FILTERS);
  const [applied, setApplied] = useState<Filters>(NO_FILTERS);
  const [first, setFirst] = useState(0);
  const [load, reload] = useLoad(() => api.history(queryOf(applied, first)), [api, applied, first]);

  const apply = (event: FormEvent) => {
    event.preventDefault();
    setApplied(draft);
    setFirst(0);
  };
  const clear = () => {
    setDraft(NO_FILTERS);
    setApplied(NO_FILTERS);
    setFirst(0);
  };
  const field = (name: keyof Filters) => ({
    id: `history-filter-${name}`,
    value: draft[name],
    'data-testid': `history-filter-${name}`,
  });

  let body;
  if (load.state === 'loading') body = <Spinner aria-label={t('common.loading')} />;
  else if (load.state === 'failed') body = <ErrorState title={t('history.loadFailed')} error={load.error} onRetry={reload} />;
  else if (load.value.items.length === 0)
    body = (
      <Content component="p" data-testid="history-empty">
        {t('history.emptyFiltered')}
      </Content>
    );
  else {
    const page = load.value;
    body = (
      <>
        <HistoryTable entries={page.items} showClient label={t('history.overviewTitle')} />
        <Content component="p" aria-live="polite" data-testid="history-shown">
          {t('history.shown', { from: page.first + 1, to: page.first + page.items.length, total: page.total })}
        </Content>
        <ActionGroup>
          <Button variant="secondary" isDisabled={page.first === 0} onClick={() => setFirst(Math.max(0, page.first - PAGE))}>
            {t('history.previous')}
          </Button>
          <Button variant="secondary" isDisabled={!page.hasMore} onClick={() => setFirst(page.first + PAGE)} data-testid="history-next">
            {t('history.next')}
          </Button>
        </ActionGroup>
      </>
    );
  }

  return (
    <>
      <PageSection>
        <Button variant="link" isInline onClick={() => navigate(toOverview())} data-testid="history-back">
          {t('common.back')}
        </Button>
        <Title headingLevel="h1">{t('history.overviewTitle')}</Title>
        <Content component="p">{t('history.overviewHelp', { days: contract.history.retentionDays })}</Content>
      </PageSection>
      <PageSection>
        <Form onSubmit={apply} aria-label={t('history.filters.label')} data-testid="history-filters">
          <Grid hasGutter md={4}>
            <GridItem>
              <FormGroup label={t('history.filters.person')} fieldId="history-filter-person">
                <TextInput {...field('person')} type="text" onChange={(_e, person) => setDraft({ ...draft, person })} />
              </FormGroup>
            </GridItem>
            <GridItem>
              <FormGroup label={t('history.filters.client')} fieldId="history-filter-client">
                <TextInput {...field('client')} type="text" onChange={(_e, client) => setDraft({ ...draft, client })} />
              </FormGroup>
            </GridItem>
            <GridItem>
              <FormGroup label={t('history.filters.action')} fieldId="history-filter-action">
                <FormSelect {...field('action')} onChange={(_e, action) => setDraft({ ...draft, action: action as HistoryAction | '' })}>
                  <FormSelectOption value="" label={t('history.filters.anyAction')} />
                  {contract.history.actions.map((action) => (
                    <FormSelectOption key={action} value={action} label={t(`history.actions.${action}`)} />
                  ))}
                </FormSelect>
              </FormGroup>
            </GridItem>
            <GridItem>
              <FormGroup label={t('history.filters.from')} fieldId="history-filter-from">
                <TextInput {...field('from')} type="date" onChange={(_e, from) => setDraft({ ...draft, from })} />
              </FormGroup>
            </GridItem>
            <GridItem>
              <FormGroup label={t('history.filters.to')} fieldId="history-filter-to">
                <TextInput {...field('to')} type="date" onChange={(_e, to) => setDraft({ ...draft, to })} />
              </FormGroup>
            </GridItem>
          </Grid>
          <ActionGroup>
            <Button type="submit" variant="primary" data-testid="history-apply">
              {t('history.filters.apply')}
            </Button>
            <Button variant="link" onClick={clear}>
              {t('history.filters.clear')}
            </Button>
          </ActionGroup>
        </Form>
      </PageSection>
      <PageSection>{body}</PageSection>
    </>
  );
}
