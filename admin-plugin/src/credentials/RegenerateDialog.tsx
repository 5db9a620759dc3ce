import { Checkbox, Form } from '@patternfly/react-core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiClient } from '../api/types.js';
import { ConfirmDialog } from '../shared/ConfirmDialog.js';
import { LifetimeChoice } from './LifetimeChoice.js';

/**
 * Confirms generating credentials. A client that has them gets the grace period explained and the offer to revoke
 * the old secret at once; a client without them gets a first generation. Both ask how long the new secret works.
 * `unsavedChanges`: the form's changes are saved first, and the dialog says so.
 */
export function RegenerateDialog({
  client,
  unsavedChanges,
  onConfirm,
  onCancel,
}: {
  client: Pick<ApiClient, 'name' | 'credentialsGeneratedAt'>;
  unsavedChanges?: boolean;
  onConfirm: (revokePrevious: boolean, expiresInDays: number | undefined) => Promise<void>;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const [revoke, setRevoke] = useState(false);
  const first = client.credentialsGeneratedAt === undefined;
  const [lifetime, setLifetime] = useState<number | undefined>();
  return (
    <ConfirmDialog
      title={t(first ? 'confirm.generateTitle' : 'confirm.regenerateTitle')}
      confirmLabel={t(unsavedChanges ? 'confirm.saveAndGenerateConfirm' : 'confirm.regenerateConfirm')}
      testId="regenerate-dialog"
      onConfirm={() => onConfirm(!first && revoke, lifetime)}
      onCancel={onCancel}
    >
      <p>{t(first ? 'confirm.generateBody' : 'confirm.regenerateBody', { name: client.name })}</p>
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
