import { Button, ModalBody, ModalFooter, ModalHeader } from '@patternfly/react-core';
import { useId, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Dialog, DIALOG_START } from './Dialog.js';

export interface ConfirmDialogProps {
  readonly title: string;
  readonly confirmLabel: string;
  readonly children: ReactNode;
  readonly danger?: boolean;
  readonly testId: string;
  /** Runs the action; the dialog shows progress and stays open until it settles. */
  readonly onConfirm: () => Promise<void> | void;
  readonly onCancel: () => void;
}

/** The "confirm" of confirm → call → alert. */
export function ConfirmDialog({ title, confirmLabel, children, danger, testId, onConfirm, onCancel }: ConfirmDialogProps) {
  const { t } = useTranslation();
  const [busy, setBusy] = useState(false);
  const titleId = useId();
  const bodyId = useId();
  const confirm = async () => {
    setBusy(true);
    try {
      await onConfirm();
    } finally {
      setBusy(false);
    }
  };
  return (
    <Dialog variant="small" onDismiss={busy ? undefined : onCancel} aria-labelledby={titleId} aria-describedby={bodyId} testId={testId}>
      <ModalHeader title={title} labelId={titleId} />
      <ModalBody id={bodyId}>{children}</ModalBody>
      <ModalFooter>
        <Button
          variant={danger ? 'danger' : 'primary'}
          onClick={confirm}
          isLoading={busy}
          isDisabled={busy}
          data-testid={`${testId}-confirm`}
        >
          {confirmLabel}
        </Button>
        <Button variant="link" onClick={onCancel} isDisabled={busy} data-testid={`${testId}-cancel`} {...DIALOG_START}>
          {t('common.cancel')}
        </Button>
      </ModalFooter>
    </Dialog>
  );
}
