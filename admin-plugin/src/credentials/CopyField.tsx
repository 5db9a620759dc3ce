import { Button, FormGroup, FormHelperText, HelperText, InputGroup, InputGroupItem, TextArea } from '@patternfly/react-core';
import { StatusText } from '../shared/status.js';
import { CheckIcon, CopyIcon } from '../shared/icons.js';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DIALOG_START } from '../shared/Dialog.js';
import { copyText } from './clipboard.js';

export interface CopyFieldProps {
  readonly label: string;
  readonly value: string;
  readonly testId: string;
  readonly onCopied: () => void;
  /** The dialog's first stop: its copy button. */
  readonly focusFirst?: boolean;
}

/** A read-only value with a copy button that says whether copying worked. */
export function CopyField({ label, value, testId, onCopied, focusFirst }: CopyFieldProps) {
  const { t } = useTranslation();
  const id = useId();
  const [state, setState] = useState<'idle' | 'copied' | 'failed'>('idle');
  const copy = async () => {
    const ok = await copyText(value);
    setState(ok ? 'copied' : 'failed');
    if (ok) onCopied();
  };
  return (
    <FormGroup label={label} fieldId={id}>
      <InputGroup>
        <InputGroupItem isFill>
          {/* A text area, so that a long Client ID wraps on a phone instead of being cut off. */}
          <TextArea
            id={id}
            value={value}
            readOnlyVariant="default"
            autoResize
            rows={1}
            resizeOrientation="vertical"
            className="focus-api-access__secret"
            data-testid={`${testId}-value`}
            onFocus={(event) => event.currentTarget.select()}
          />
        </InputGroupItem>
        <InputGroupItem>
          <Button
            variant="control"
            icon={state === 'copied' ? <CheckIcon /> : <CopyIcon />}
            aria-label={t('credentials.copy', { field: label })}
            onClick={copy}
            data-testid={`${testId}-copy`}
            {...(focusFirst ? DIALOG_START : {})}
          />
        </InputGroupItem>
      </InputGroup>
      <FormHelperText>
        <HelperText isLiveRegion>
          {state === 'copied' && <StatusText variant="success">{t('credentials.copied')}</StatusText>}
          {state === 'failed' && <StatusText variant="error">{t('credentials.copyFailed')}</StatusText>}
        </HelperText>
      </FormHelperText>
    </FormGroup>
  );
}
