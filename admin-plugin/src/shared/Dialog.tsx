import { Button, Modal, type ModalProps } from '@patternfly/react-core';
import { useTranslation } from 'react-i18next';
import { CloseIcon } from './icons.js';

/** Marks the element a dialog puts the focus on when it opens. */
export const DIALOG_START = { 'data-dialog-start': '' } as const;

export interface DialogProps extends Omit<ModalProps, 'onClose' | 'isOpen' | 'elementToFocus' | 'ref'> {
  readonly testId: string;
  /** The X, Escape: what closing without a choice means. Without it the dialog cannot be dismissed. */
  readonly onDismiss?: () => void;
}

/**
 * PatternFly's modal with its close button named in the page's language (the modal's own says "Close" in every
 * language) and the focus on the dialog's first real choice ({@link DIALOG_START}) instead of that button.
 */
export function Dialog({ testId, onDismiss, children, ...props }: DialogProps) {
  const { t } = useTranslation();
  return (
    <Modal
      {...props}
      isOpen
      data-testid={testId}
      onEscapePress={() => onDismiss?.()}
      elementToFocus={`[data-testid="${testId}"] [data-dialog-start]`}
    >
      {onDismiss && (
        <div className="pf-v6-c-modal-box__close">
          <Button variant="plain" aria-label={t('common.close')} onClick={onDismiss} icon={<CloseIcon />} data-testid={`${testId}-close`} />
        </div>
      )}
      {children}
    </Modal>
  );
}
