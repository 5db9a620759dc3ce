import {
  Card,
  CardBody,
  CardTitle,
  Content,
  DescriptionList,
  DescriptionListDescription,
  DescriptionListGroup,
  DescriptionListTerm,
  Spinner,
  Title,
} from '@patternfly/react-core';
import { Table, Tbody, Td, Th, Thead, Tr } from '@patternfly/react-table';
import { useTranslation } from 'react-i18next';
import { useApiClient } from '../api/context.js';
import type { Refusal } from '../api/types.js';
import { ErrorState } from '../shared/ErrorState.js';
import { useFormat } from '../shared/format.js';
import { useLoad } from '../shared/useLoad.js';

const REASON_KEYS: Record<Refusal['reason'], string | undefined> = {
  ip_not_allowed: 'activity.reasons.ipNotAllowed',
  ip_ranges_invalid: 'activity.reasons.ipRangesInvalid',
  other: undefined,
  bad_secret: 'activity.reasons.invalidSecret',
  expired: 'activity.reasons.expired',
  disabled: 'activity.reasons.disabled',
};

/** When the vendor last got a token, and what was refused recently (time, address, reason). */
export function ActivityPanel({ clientId, refreshKey }: { clientId: string; refreshKey?: number }) {
  const { t } = useTranslation();
  const api = useApiClient();
  const { dateTime } = useFormat();
  const [load, reload] = useLoad(() => api.activity(clientId), [api, clientId, refreshKey]);
  const reason = (refusal: Refusal) => {
    const key = REASON_KEYS[refusal.reason];
    return key ? t(key) : t('activity.reasons.other', { error: refusal.detail ?? refusal.error ?? refusal.reason });
  };

  let body;
  if (load.state === 'loading') body = <Spinner size="md" aria-label={t('common.loading')} />;
  else if (load.state === 'failed') body = <ErrorState title={t('activity.loadFailed')} error={load.error} onRetry={reload} />;
  else {
    const { lastTokenAt, lastTokenIpAddress, refusals } = load.value;
    body = (
      <>
        <DescriptionList isHorizontal>
          <DescriptionListGroup>
            <DescriptionListTerm>{t('activity.lastUsed')}</DescriptionListTerm>
            <DescriptionListDescription data-testid="activity-last-used">
              {lastTokenAt ? dateTime(lastTokenAt) : t('overview.neverUsed')}
              {lastTokenAt && lastTokenIpAddress ? ` ${t('activity.from', { address: lastTokenIpAddress })}` : ''}
            </DescriptionListDescription>
          </DescriptionListGroup>
        </DescriptionList>
        <Title headingLevel="h3" size="md" className="focus-api-access__spaced">
          {t('activity.refusals')}
        </Title>
        {refusals.length === 0 ? (
          <Content component="p" data-testid="activity-no-refusals">
            {t('activity.noRefusals')}
          </Content>
        ) : (
          <Table variant="compact" aria-label={t('activity.refusals')} data-testid="activity-refusals">
            <Thead>
              <Tr>
                <Th>{t('activity.time')}</Th>
                <Th>{t('activity.address')}</Th>
                <Th>{t('activity.reason')}</Th>
              </Tr>
            </Thead>
            <Tbody>
              {refusals.map((refusal, index) => (
                <Tr key={`${refusal.time}-${index}`}>
                  <Td dataLabel={t('activity.time')}>{dateTime(refusal.time)}</Td>
                  <Td dataLabel={t('activity.address')}>{refusal.ipAddress ?? t('activity.unknownAddress')}</Td>
                  <Td dataLabel={t('activity.reason')}>{reason(refusal)}</Td>
                </Tr>
              ))}
            </Tbody>
          </Table>
        )}
      </>
    );
  }
  return (
    <Card data-testid="activity">
      <CardTitle component="h2">{t('activity.title')}</CardTitle>
      <CardBody>{body}</CardBody>
    </Card>
  );
}
