import { Checkbox, Form } from '@patternfly/react-core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiClient } from '../api/types.js';
import { useApiClient } from '../api/context.js';
import { ConfirmDialog } from '../shared/ConfirmDialog.js';
import { useFormat } from '../shared/format.js';
import { useLoad } from '../shared/useLoad.js';
import { LifetimeChoice } from './LifetimeChoice.js';

/**
 * Confirms generating credentials. A client that has them gets the grace period explained (how long, from the
 * realm's setting, and until when when the old secret's own expiry comes first) and the offer to revoke the old secret at once; a client without them gets a first generation. Both ask how long the new secret works.
 * `unsavedChanges`: the form's changes are saved first, and the dialog says so.
 */
export function RegenerateDialog({
  client,
  unsavedChanges,
  onConfirm,
  onCancel,
}: {
  client: Pick<ApiClient, 'name' | 'credentialsGeneratedAt' | 'secretExpiresAt'>;
  unsavedChanges?: boolean;
  onConfirm: (revokePrevious: boolean, expiresInDays: number | undefined) => Promise<void>;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const [revoke, setRevoke] = useState(false);
  const first = client.credentialsGeneratedAt === undefined;
  const [lifetime, setLifetime] = useState<number | undefined>();
  const api = useApiClient();
  const { dateTime, duration } = useFormat();
  // The grace period as the realm sets it, and when it would end if the secret were generated now.
  const [settings] = useLoad(
    () =>
      first ? Promise.resolve(undefined) : api.settings().then(({ secretGraceSeconds }) => ({ secretGraceSeconds, askedAt: Date.now() })),
    [api, first],
  );
  const grace = settings.state === 'loaded' ? settings.value : undefined;
  const expiresFirst =
    grace !== undefined &&
    client.secretExpiresAt !== undefined &&
    Date.parse(client.secretExpiresAt) < grace.askedAt + grace.secretGraceSeconds * 1000;
  return (
    <ConfirmDialog
      title={t(first ? 'confirm.generateTitle' : 'confirm.regenerateTitle')}
      confirmLabel={t(unsavedChanges ? 'confirm.saveAndGenerateConfirm' : 'confirm.regenerateConfirm')}
      testId="regenerate-dialog"
      onConfirm={() => onConfirm(!first && revoke, lifetime)}
      onCancel={onCancel}
    >
      <p>{t(first ? 'confirm.generateBody' : 'confirm.regenerateBody', { name: client.name })}</p>
      {grace !== undefined && (
        <p className="focus-api-access__spaced" data-testid="regenerate-grace">
          {expiresFirst
            ? t('confirm.regenerateGraceUntilExpiry', { date: dateTime(client.secretExpiresAt) })
            : t('confirm.regenerateGrace', { duration: duration(grace.secretGraceSeconds) })}
        </p>
      )}
      {unsavedChanges && (
        <p className="focus-api-access__spaced" data-testid="regenerate-saves-changes">
          {t('confirm.generateSavesChanges')}
        </p>
      )}
      {!first && (
        <Checkbox
          id="focus-api-access-revoke-previous"
          className="focus-api-access__spaced"
          label={t('confirm.regenerateRevoke')}
          description={t('confirm.regenerateRevokeHelp')}
          isChecked={revoke}
          onChange={(_event, checked) => setRevoke(checked)}
          data-testid="regenerate-revoke"
        />
      )}
      <Form className="focus-api-access__spaced" onSubmit={(event) => event.preventDefault()}>
        <LifetimeChoice value={lifetime} onChange={setLifetime} />
      </Form>
    </ConfirmDialog>
  );
}
