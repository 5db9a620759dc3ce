import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useApiClient } from '../api/context.js';
import type { ApiClient, Credentials } from '../api/types.js';
import { CredentialsDialog } from '../credentials/CredentialsDialog.js';
import { RegenerateDialog } from '../credentials/RegenerateDialog.js';
import { newRequestKey } from '../credentials/request-key.js';
import { toClient, toEditClient } from '../navigation/routes.js';
import { useNavigation } from '../navigation/NavigationProvider.js';
import { useAlerts } from '../shared/alerts.js';
import { ConfirmDialog } from '../shared/ConfirmDialog.js';
import { errorText } from '../shared/errors.js';

export interface ClientAction {
  readonly key: string;
  readonly label: string;
  readonly testId: string;
  readonly danger?: boolean;
  run(): void;
}

type Pending =
  | { readonly kind: 'delete' | 'disable' | 'endGrace' | 'regenerate'; readonly client: ApiClient }
  | { readonly kind: 'credentials'; readonly credentials: Credentials; readonly regenerated: boolean };

/**
 * The per-client actions of the overview and the detail page. Destructive ones go confirm → call → alert.
 * `onChanged` runs after any change so the caller can reload.
 */
export function useClientActions(onChanged: (change: 'updated' | 'deleted', client: ApiClient) => void): {
  actions(client: ApiClient): ClientAction[];
  dialogs: ReactNode;
} {
  const { t } = useTranslation();
  const api = useApiClient();
  const alert = useAlerts();
  const { navigate } = useNavigation();
  const [pending, setPending] = useState<Pending | undefined>();

  async function attempt(action: () => Promise<void>): Promise<void> {
    try {
      await action();
    } catch (error) {
      alert('danger', errorText(t, error));
    }
  }

  const remove = (client: ApiClient) =>
    attempt(async () => {
      await api.deleteClient(client.id);
      setPending(undefined);
      alert('success', t('alerts.deleted', { name: client.name }));
      onChanged('deleted', client);
    }).finally(() => setPending(undefined));

  const setEnabled = (client: ApiClient, enabled: boolean) =>
    attempt(async () => {
      await api.updateClient(client.id, { enabled });
      alert('success', t(enabled ? 'alerts.enabled' : 'alerts.disabled', { name: client.name }));
      onChanged('updated', client);
    }).finally(() => setPending(undefined));

  const endGrace = (client: ApiClient) =>
    attempt(async () => {
      await api.endGracePeriod(client.id);
      alert('success', t('alerts.graceEnded', { name: client.name }));
      onChanged('updated', client);
    }).finally(() => setPending(undefined));

  const regenerate = (client: ApiClient, revokePrevious: boolean, expiresInDays: number | undefined) =>
    attempt(async () => {
      const credentials = await api.generateCredentials(client.id, { revokePrevious, requestKey: newRequestKey(), expiresInDays });
      setPending({ kind: 'credentials', credentials, regenerated: client.credentialsGeneratedAt !== undefined });
      onChanged('updated', client);
    });

  const actions = (client: ApiClient): ClientAction[] => {
    const list: ClientAction[] = [
      { key: 'edit', label: t('actions.edit'), testId: 'action-edit', run: () => navigate(toEditClient(client.id)) },
      { key: 'details', label: t('actions.details'), testId: 'action-details', run: () => navigate(toClient(client.id)) },
      {
        key: 'regenerate',
        label: t('actions.regenerate'),
        testId: 'action-regenerate',
        run: () => setPending({ kind: 'regenerate', client }),
      },
    ];
    if (client.previousSecretValidUntil) {
      list.push({
        key: 'endGrace',
        label: t('actions.endGrace'),
        testId: 'action-end-grace',
        run: () => setPending({ kind: 'endGrace', client }),
      });
    }
    list.push(
      client.enabled
        ? { key: 'disable', label: t('actions.disable'), testId: 'action-disable', run: () => setPending({ kind: 'disable', client }) }
        : { key: 'enable', label: t('actions.enable'), testId: 'action-enable', run: () => void setEnabled(client, true) },
      {
        key: 'delete',
        label: t('actions.delete'),
        testId: 'action-delete',
        danger: true,
        run: () => setPending({ kind: 'delete', client }),
      },
    );
    return list;
  };

  const cancel = () => setPending(undefined);
  let dialogs: ReactNode = null;
  switch (pending?.kind) {
    case 'delete':
      dialogs = (
        <ConfirmDialog
          title={t('confirm.deleteTitle')}
          confirmLabel={t('confirm.deleteConfirm')}
          danger
          testId="delete-dialog"
          onConfirm={() => remove(pending.client)}
          onCancel={cancel}
        >
          {t('confirm.deleteBody', { name: pending.client.name })}
        </ConfirmDialog>
      );
      break;
    case 'disable':
      dialogs = (
        <ConfirmDialog
          title={t('confirm.disableTitle')}
          confirmLabel={t('confirm.disableConfirm')}
          danger
          testId="disable-dialog"
          onConfirm={() => setEnabled(pending.client, false)}
          onCancel={cancel}
        >
          {t('confirm.disableBody', { name: pending.client.name })}
        </ConfirmDialog>
      );
      break;
    case 'endGrace':
      dialogs = (
        <ConfirmDialog
          title={t('confirm.endGraceTitle')}
          confirmLabel={t('confirm.endGraceConfirm')}
          danger
          testId="end-grace-dialog"
          onConfirm={() => endGrace(pending.client)}
          onCancel={cancel}
        >
          {t('confirm.endGraceBody', { name: pending.client.name })}
        </ConfirmDialog>
      );
      break;
    case 'regenerate':
      dialogs = (
        <RegenerateDialog
          client={pending.client}
          onConfirm={(revoke, lifetime) => regenerate(pending.client, revoke, lifetime)}
          onCancel={cancel}
        />
      );
      break;
    case 'credentials':
      dialogs = <CredentialsDialog credentials={pending.credentials} regenerated={pending.regenerated} onClose={cancel} />;
      break;
    default:
      break;
  }
  return { actions, dialogs };
}
