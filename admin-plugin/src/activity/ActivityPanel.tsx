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
import { Table, Tbody, Td, Th, Thead, Tr } from '../shared/table.js';
import { useTranslation } from 'react-i18next';
import { contract } from '@focus-api-access/contract';
import { useApiClient } from '../api/context.js';
import { ErrorState } from '../shared/ErrorState.js';
import { useFormat } from '../shared/format.js';
import { useLoad } from '../shared/useLoad.js';
import { RefusalsByReason } from './RefusalsByReason.js';

/** When the vendor last got a token and from where, the addresses it used recently, and what was refused, by reason. */
export function ActivityPanel({ clientId, refreshKey }: { clientId: string; refreshKey?: number }) {
  const { t } = useTranslation();
  const api = useApiClient();
  const { dateTime } = useFormat();
  const [load, reload] = useLoad(() => api.activity(clientId), [api, clientId, refreshKey]);

  let body;
  if (load.state === 'loading') body = <Spinner size="md" aria-label={t('common.loading')} />;
  else if (load.state === 'failed') body = <ErrorState title={t('activity.loadFailed')} error={load.error} onRetry={reload} />;
  else {
    const { lastUse, addresses, refusals } = load.value;
    body = (
      <>
        <DescriptionList isHorizontal>
          <DescriptionListGroup>
            <DescriptionListTerm>{t('activity.lastUsed')}</DescriptionListTerm>
            <DescriptionListDescription data-testid="activity-last-used">
              {lastUse ? `${dateTime(lastUse.time)} ${t('activity.from', { address: lastUse.ipAddress })}` : t('overview.neverUsed')}
              <div className="focus-api-access__hint">{t('activity.recordedEvery')}</div>
            </DescriptionListDescription>
          </DescriptionListGroup>
        </DescriptionList>

        <Title headingLevel="h3" size="md" className="focus-api-access__spaced">
          {t('activity.addresses')}
        </Title>
        {addresses.length === 0 ? (
          <Content component="p" data-testid="activity-no-addresses">
            {t('activity.noAddresses')}
          </Content>
        ) : (
          <>
            <Content component="p" className="focus-api-access__hint">
              {t('activity.addressesHelp', { days: contract.activity.retentionDays, max: contract.activity.recentAddresses })}
            </Content>
            <Table variant="compact" aria-label={t('activity.addresses')} data-testid="activity-addresses">
              <Thead>
                <Tr>
                  <Th>{t('activity.address')}</Th>
                  <Th>{t('activity.firstSeen')}</Th>
                  <Th>{t('activity.lastSeen')}</Th>
                </Tr>
              </Thead>
              <Tbody>
                {addresses.map((address) => (
                  <Tr key={address.ipAddress} data-testid="activity-address-row">
                    <Td dataLabel={t('activity.address')}>{address.ipAddress}</Td>
                    <Td dataLabel={t('activity.firstSeen')}>{dateTime(address.firstSeen)}</Td>
                    <Td dataLabel={t('activity.lastSeen')}>{dateTime(address.lastSeen)}</Td>
                  </Tr>
                ))}
              </Tbody>
            </Table>
          </>
        )}

        <Title headingLevel="h3" size="md" className="focus-api-access__spaced">
          {t('activity.refusals')}
        </Title>
        <RefusalsByReason clientId={clientId} groups={refusals} {...(refreshKey === undefined ? {} : { refreshKey })} />
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
