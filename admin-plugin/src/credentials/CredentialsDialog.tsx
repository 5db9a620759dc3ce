import {
  Button,
  CodeBlock,
  CodeBlockAction,
  CodeBlockCode,
  Content,
  ExpandableSection,
  Form,
  ModalBody,
  ModalFooter,
  ModalHeader,
} from '@patternfly/react-core';
import { CopyIcon } from '../shared/icons.js';
import { useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Credentials } from '../api/types.js';
import { useLeaveGuard } from '../navigation/NavigationProvider.js';
import { ConfirmDialog } from '../shared/ConfirmDialog.js';
import { Dialog } from '../shared/Dialog.js';
import { useFormat } from '../shared/format.js';
import { copyText } from './clipboard.js';
import { CopyField } from './CopyField.js';
import { handoverText } from './handover.js';

export interface CredentialsDialogProps {
  readonly credentials: Credentials;
  /** After a regeneration (not the first generation): say what became of the previous secret. */
  readonly regenerated?: boolean;
  readonly onClose: () => void;
}

/**
 * Shows the Client ID and Client Paswoord the one time they exist outside Keycloak. Closing before both were
 * copied asks for confirmation, because they cannot be retrieved again: whether by the dialog's own buttons, Escape,
 * the browser's Back (the dialog stays and asks) or a reload (the browser's leave-page prompt).
 */
export function CredentialsDialog({ credentials, regenerated, onClose }: CredentialsDialogProps) {
  const { t } = useTranslation();
  const { dateTime } = useFormat();
  const titleId = useId();
  const [copiedId, setCopiedId] = useState(false);
  const [copiedSecret, setCopiedSecret] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const [handoverCopied, setHandoverCopied] = useState(false);
  const handover = handoverText(t, {
    ...credentials,
    ...(credentials.secretExpiresAt ? { secretExpiresAt: dateTime(credentials.secretExpiresAt) } : {}),
  });

  /** Where the administrator was going (Back, a link) when the confirmation was asked for. */
  const pendingLeave = useRef<(() => void) | undefined>(undefined);
  /** Set once the administrator chose to close: the closing itself may navigate. */
  const closing = useRef(false);
  const copiedBoth = copiedId && copiedSecret;
  useLeaveGuard(!copiedBoth, (leave) => {
    if (closing.current) {
      leave();
      return;
    }
    pendingLeave.current = leave;
    setConfirming(true);
  });

  const close = () => {
    closing.current = true;
    const leave = pendingLeave.current;
    onClose();
    leave?.();
  };
  const requestClose = () => (copiedBoth ? close() : setConfirming(true));

  // "Revoked" only when the provisioner says so: a previous secret whose end could not be read may still work.
  const previousText = () => {
    const status = credentials.previousSecretStatus;
    if (status === 'valid' && credentials.previousSecretValidUntil) {
      return t('credentials.previousValidUntil', { date: dateTime(credentials.previousSecretValidUntil) });
    }
    return status === 'revoked' ? t('credentials.previousRevoked') : t('credentials.previousUnknown');
  };

  if (confirming) {
    return (
      <ConfirmDialog
        title={t('credentials.unconfirmedTitle')}
        confirmLabel={t('credentials.closeAnyway')}
        danger
        testId="credentials-unconfirmed"
        onConfirm={close}
        onCancel={() => {
          pendingLeave.current = undefined;
          setConfirming(false);
        }}
      >
        {t('credentials.unconfirmedBody')}
      </ConfirmDialog>
    );
  }

  return (
    <Dialog variant="medium" onDismiss={requestClose} aria-labelledby={titleId} testId="credentials-dialog">
      <ModalHeader title={t('credentials.title')} labelId={titleId} />
      <ModalBody>
        <Content component="p">{t('credentials.intro')}</Content>
        {/* Before the values: with large text or zoom it must be read before "Ok" can be reached. */}
        <p className="focus-api-access__attention" data-testid="credentials-attention">
          <strong>{t('credentials.attentionLabel')}</strong> {t('credentials.attention')}
        </p>
        <Form onSubmit={(event) => event.preventDefault()}>
          <CopyField
            label={t('credentials.clientId')}
            value={credentials.clientId}
            testId="credentials-client-id"
            onCopied={() => setCopiedId(true)}
            focusFirst
          />
          <CopyField
            label={t('credentials.clientSecret')}
            value={credentials.clientSecret}
            testId="credentials-client-secret"
            onCopied={() => setCopiedSecret(true)}
          />
        </Form>
        <Content component="p" data-testid="credentials-expiry">
          {credentials.secretExpiresAt
            ? t('credentials.expiresAt', { date: dateTime(credentials.secretExpiresAt) })
            : t('credentials.neverExpires')}
        </Content>
        {regenerated && (
          <Content component="p" data-testid="credentials-previous">
            {previousText()}
          </Content>
        )}
        <ExpandableSection toggleText={t('credentials.handoverTitle')} data-testid="credentials-handover-toggle">
          <Content component="p">{t('credentials.handoverIntro')}</Content>
          <CodeBlock
            actions={
              <CodeBlockAction>
                <Button
                  variant="plain"
                  icon={<CopyIcon />}
                  aria-label={t('credentials.handoverCopy')}
                  onClick={async () => setHandoverCopied(await copyText(handover))}
                  data-testid="credentials-handover-copy"
                />
              </CodeBlockAction>
            }
          >
            <CodeBlockCode data-testid="credentials-handover">{handover}</CodeBlockCode>
          </CodeBlock>
          <p aria-live="polite" className="focus-api-access__status">
            {handoverCopied ? t('credentials.copied') : ''}
          </p>
        </ExpandableSection>
      </ModalBody>
      <ModalFooter>
        <Button variant="primary" onClick={requestClose} data-testid="credentials-ok">
          {t('credentials.ok')}
        </Button>
      </ModalFooter>
    </Dialog>
  );
}
