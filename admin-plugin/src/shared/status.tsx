import { Alert, HelperTextItem, type AlertProps, type HelperTextItemProps } from '@patternfly/react-core';
import { useTranslation } from 'react-i18next';

/*
 * PatternFly tells screen readers what kind of message they hear in English ("Danger alert:", ": error status;").
 * These wrappers say it in the page's language; every alert and status text of the page goes through them.
 */

/** An alert (toast or inline) whose kind is named in the page's language. */
export function Notice({ variant = 'info', ...props }: AlertProps & { variant: 'success' | 'danger' | 'warning' | 'info' }) {
  const { t } = useTranslation();
  return <Alert variant={variant} variantLabel={t(`status.alert.${variant}`)} {...props} />;
}

/** A helper text line whose kind (error, warning, success) is named in the page's language. */
export function StatusText({ variant = 'default', ...props }: HelperTextItemProps) {
  const { t } = useTranslation();
  const label = variant === 'default' ? undefined : t(`status.text.${variant}`);
  return <HelperTextItem variant={variant} {...(label ? { screenReaderText: label } : {})} {...props} />;
}
