import { FormGroup, FormHelperText, FormSelect, FormSelectOption, HelperText, HelperTextItem } from '@patternfly/react-core';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { LIFETIME_CHOICES, lifetimeLabel } from './lifetime.js';

/** How long a new Client Paswoord works: never expires (the default), or one of the contract's choices. */
export function LifetimeChoice({ value, onChange }: { value: number | undefined; onChange: (days: number | undefined) => void }) {
  const { t } = useTranslation();
  const id = useId();
  return (
    <FormGroup label={t('lifetime.label')} fieldId={id}>
      <FormSelect
        id={id}
        value={value === undefined ? '' : String(value)}
        onChange={(_event, selected) => onChange(selected === '' ? undefined : Number(selected))}
        data-testid="secret-lifetime"
      >
        {LIFETIME_CHOICES.map((days) => (
          <FormSelectOption key={days ?? 'never'} value={days === undefined ? '' : String(days)} label={lifetimeLabel(t, days)} />
        ))}
      </FormSelect>
      <FormHelperText>
        <HelperText>
          <HelperTextItem>{t('lifetime.help')}</HelperTextItem>
        </HelperText>
      </FormHelperText>
    </FormGroup>
  );
}
