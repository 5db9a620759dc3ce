import { AlertActionLink, Label } from '@patternfly/react-core';
import { Notice } from '../shared/status.js';
import { useTranslation } from 'react-i18next';
import type { ApiClient } from '../api/types.js';
import { useFormat } from '../shared/format.js';

/** The overview's word on the current secret's expiry: a date, or a label when it is near or past. */
export function SecretExpiryHint({ client }: { client: Pick<ApiClient, 'secretExpiry' | 'secretExpiresAt'> }) {
  const { t } = useTranslation();
  const { dateTime } = useFormat();
  const date = dateTime(client.secretExpiresAt);
  switch (client.secretExpiry) {
    case 'none':
      return null;
    case 'valid':
      return (
        <div className="focus-api-access__hint" data-testid="client-secret-expiry">
          {t('overview.secretValidUntil', { date })}
        </div>
      );
    case 'expiring':
      return (
        <div data-testid="client-secret-expiry">
          <Label color="orange" isCompact>
            {t('overview.secretExpiring', { date })}
          </Label>
        </div>
      );
    case 'expired':
      return (
        <div data-testid="client-secret-expiry">
          <Label color="red" isCompact>
            {t('overview.secretExpired')}
          </Label>
        </div>
      );
  }
}

/**
 * The detail page's entry: the date the current secret expires ("onbeperkt" when never), marked when near or past.
 * A client whose credentials were never generated has no secret anyone knows: nothing expires, nothing is unlimited.
 */
export function SecretExpiryDate({ client }: { client: Pick<ApiClient, 'secretExpiry' | 'secretExpiresAt' | 'credentialsGeneratedAt'> }) {
  const { t } = useTranslation();
  const { dateTime } = useFormat();
  if (!client.credentialsGeneratedAt) return <>{t('overview.noCredentials')}</>;
  if (client.secretExpiry === 'none') return <>{t('detail.secretNeverExpires')}</>;
  const mark =
    client.secretExpiry === 'expiring' ? (
      <Label color="orange" isCompact>
        {t('detail.expiresSoon')}
      </Label>
    ) : client.secretExpiry === 'expired' ? (
      <Label color="red" isCompact>
        {t('detail.expired')}
      </Label>
    ) : null;
  return (
    <>
      {client.secretExpiresAt ? dateTime(client.secretExpiresAt) : t('detail.unreadableExpiry')} {mark}
    </>
  );
}

/** The detail page's warning: the secret expires soon, or has expired, and what to do. */
export function SecretExpiryAlert({
  client,
  onRegenerate,
}: {
  client: Pick<ApiClient, 'secretExpiry' | 'secretExpiresAt'>;
  onRegenerate: () => void;
}) {
  const { t } = useTranslation();
  const { dateTime } = useFormat();
  if (client.secretExpiry !== 'expiring' && client.secretExpiry !== 'expired') return null;
  const expired = client.secretExpiry === 'expired';
  return (
    <Notice
      isInline
      variant={expired ? 'danger' : 'warning'}
      className="focus-api-access__spaced"
      title={expired ? t('detail.expiredTitle') : t('detail.expiringTitle', { date: dateTime(client.secretExpiresAt) })}
      actionLinks={
        <AlertActionLink onClick={onRegenerate} data-testid="expiry-regenerate">
          {t('actions.regenerate')}
        </AlertActionLink>
      }
      data-testid="secret-expiry-alert"
    >
      {expired ? t('detail.expiredBody') : t('detail.expiringBody')}
    </Notice>
  );
}
