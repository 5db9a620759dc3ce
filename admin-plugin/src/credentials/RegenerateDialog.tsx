import { Checkbox, Form } from '@patternfly/react-core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiClient } from '../api/types.js';
import { ConfirmDialog } from '../shared/ConfirmDialog.js';
import { LifetimeChoice } from './LifetimeChoice.js';

/**
 * Confirms a regeneration, explaining the grace period, offering to revoke the old secret at once, and asking how long
 * the new one works.
 */
export function RegenerateDialog({
  client,
  onConfirm,
  onCancel,
}: {
  client: Pick<ApiClient, 'name'>;
  onConfirm: (revokePrevious: boolean, expiresInDays: number | undefined) => Promise<void>;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const [revoke, setRevoke] = useState(false);
  const [lifetime, setLifetime] = useState<number | undefined>();
  return (
    <ConfirmDialog
      title={t('confirm.regenerateTitle')}
      confirmLabel={t('confirm.regenerateConfirm')}
      testId="regenerate-dialog"
      onConfirm={() => onConfirm(revoke, lifetime)}
      onCancel={onCancel}
    >
      <p>{t('confirm.regenerateBody', { name: client.name })}</p>
      <Checkbox
        id="focus-api-access-revoke-previous"
        className="focus-api-access__spaced"
        label={t('confirm.regenerateRevoke')}
        description={t('confirm.regenerateRevokeHelp')}
        isChecked={revoke}
        onChange={(_event, checked) => setRevoke(checked)}
        data-testid="regenerate-revoke"
      />
      <Form className="focus-api-access__spaced" onSubmit={(event) => event.preventDefault()}>
        <LifetimeChoice value={lifetime} onChange={setLifetime} />
      </Form>
    </ConfirmDialog>
  );
}
