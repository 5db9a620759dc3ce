import { AlertActionLink } from '@patternfly/react-core';
import { Notice } from './status.js';
import { useTranslation } from 'react-i18next';
import { errorText } from './errors.js';

/** A load that failed, in words, with a way to try again. */
export function ErrorState({ title, error, onRetry }: { title: string; error: unknown; onRetry?: () => void }) {
  const { t } = useTranslation();
  return (
    <Notice
      variant="danger"
      isInline
      title={title}
      data-testid="load-error"
      actionLinks={
        onRetry ? (
          <AlertActionLink onClick={onRetry} data-testid="retry">
            {t('common.retry')}
          </AlertActionLink>
        ) : undefined
      }
    >
      {errorText(t, error)}
    </Notice>
  );
}
