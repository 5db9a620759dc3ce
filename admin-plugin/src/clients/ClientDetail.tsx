import {
  Breadcrumb,
  BreadcrumbItem,
  Button,
  Card,
  CardBody,
  DescriptionList,
  DescriptionListDescription,
  DescriptionListGroup,
  DescriptionListTerm,
  Label,
  PageSection,
  Spinner,
  Title,
} from '@patternfly/react-core';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ActivityPanel } from '../activity/ActivityPanel.js';
import { ClientHistory } from '../history/ClientHistory.js';
import { useServiceLabel } from '../api/catalogue.js';
import { useApiClient } from '../api/context.js';
import { ApiError } from '../api/errors.js';
import { Notice } from '../shared/status.js';
import { toOverview } from '../navigation/routes.js';
import { useNavigation } from '../navigation/NavigationProvider.js';
import { ErrorState } from '../shared/ErrorState.js';
import { useFormat } from '../shared/format.js';
import { useLoad } from '../shared/useLoad.js';
import { SecretExpiryAlert, SecretExpiryDate } from './SecretExpiry.js';
import { useClientActions } from './useClientActions.js';

/** One API client: its settings, its activity, and the same actions as the overview's row menu. */
export function ClientDetail({ id }: { id: string }) {
  const { t } = useTranslation();
  const api = useApiClient();
  const { navigate, href } = useNavigation();
  const { dateTime } = useFormat();
  const serviceLabel = useServiceLabel();
  const [load, reload] = useLoad(() => api.getClient(id), [api, id]);
  const [refreshKey, setRefreshKey] = useState(0);
  const { actions, dialogs } = useClientActions((change) => {
    if (change === 'deleted') navigate(toOverview());
    else {
      reload();
      setRefreshKey((k) => k + 1);
    }
  });

  const breadcrumb = (
    <Breadcrumb aria-label={t('detail.breadcrumb')}>
      <BreadcrumbItem
        to={href(toOverview())}
        onClick={(event) => {
          event.preventDefault();
          navigate(toOverview());
        }}
        data-testid="breadcrumb-overview"
      >
        {t('page.title')}
      </BreadcrumbItem>
    </Breadcrumb>
  );

  if (load.state === 'loading') {
    return (
      <PageSection>
        {breadcrumb}
        <Spinner aria-label={t('common.loading')} data-testid="loading" />
      </PageSection>
    );
  }
  if (load.state === 'failed') {
    // A client that does not exist (a deleted one, an old link) comes back with no retry: say so and lead back.
    const missing = load.error instanceof ApiError && load.error.code === 'not-found';
    return (
      <PageSection>
        {breadcrumb}
        {missing ? (
          <Notice variant="warning" isInline title={t('detail.missingTitle')} data-testid="client-missing">
            <p>{t('detail.missingBody')}</p>
            <a
              href={href(toOverview())}
              onClick={(event) => {
                event.preventDefault();
                navigate(toOverview());
              }}
              data-testid="client-missing-overview"
            >
              {t('common.back')}
            </a>
          </Notice>
        ) : (
          <ErrorState title={t('detail.loadFailed')} error={load.error} onRetry={reload} />
        )}
      </PageSection>
    );
  }
  const client = load.value;
  const item = (term: string, description: ReactNode, testId: string) => (
    <DescriptionListGroup>
      <DescriptionListTerm>{term}</DescriptionListTerm>
      <DescriptionListDescription data-testid={testId}>{description}</DescriptionListDescription>
    </DescriptionListGroup>
  );
  return (
    <>
      <PageSection>
        {breadcrumb}
        <Title headingLevel="h1" className="focus-api-access__spaced focus-api-access__long">
          {client.name}
        </Title>
        <SecretExpiryAlert
          client={client}
          onRegenerate={() =>
            actions(client)
              .find((a) => a.key === 'regenerate')
              ?.run()
          }
        />
        <div className="focus-api-access__spaced focus-api-access__actions">
          {actions(client)
            .filter((action) => action.key !== 'details')
            .map((action) => (
              <Button
                key={action.key}
                variant={action.danger ? 'danger' : action.key === 'regenerate' ? 'primary' : 'secondary'}
                onClick={action.run}
                data-testid={action.testId}
              >
                {action.label}
              </Button>
            ))}
        </div>
      </PageSection>
      <PageSection>
        <Card>
          <CardBody>
            <DescriptionList isHorizontal>
              {item(t('detail.clientId'), <code>{client.clientId}</code>, 'detail-client-id')}
              {item(t('detail.services'), client.services.map(serviceLabel).join(', '), 'detail-services')}
              {item(
                t('detail.ipRanges'),
                client.ipRanges.length === 0 ? t('overview.anyAddress') : client.ipRanges.join(', '),
                'detail-ip-ranges',
              )}
              {item(
                t('detail.status'),
                <>
                  <Label color={client.enabled ? 'green' : 'grey'} isCompact>
                    {client.enabled ? t('overview.enabled') : t('overview.disabled')}
                  </Label>
                  {client.previousSecretValidUntil && (
                    <span className="focus-api-access__hint">
                      {' '}
                      {t('overview.graceUntil', { date: dateTime(client.previousSecretValidUntil) })}
                    </span>
                  )}
                </>,
                'detail-status',
              )}
              {item(t('detail.secretExpires'), <SecretExpiryDate client={client} />, 'detail-secret-expires')}
              {item(
                t('detail.created'),
                client.createdBy
                  ? t('overview.createdByAt', { date: dateTime(client.createdAt), user: client.createdBy })
                  : dateTime(client.createdAt),
                'detail-created',
              )}
              {item(
                t('detail.credentialsGenerated'),
                client.credentialsGeneratedAt
                  ? client.credentialsGeneratedBy
                    ? t('overview.createdByAt', { date: dateTime(client.credentialsGeneratedAt), user: client.credentialsGeneratedBy })
                    : dateTime(client.credentialsGeneratedAt)
                  : t('detail.notYet'),
                'detail-credentials-generated',
              )}
            </DescriptionList>
          </CardBody>
        </Card>
      </PageSection>
      <PageSection>
        <ActivityPanel clientId={client.id} refreshKey={refreshKey} />
      </PageSection>
      <PageSection>
        <ClientHistory clientId={client.id} refreshKey={refreshKey} />
      </PageSection>
      {dialogs}
    </>
  );
}
