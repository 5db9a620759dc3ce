import {
  Button,
  Form,
  FormGroup,
  FormHelperText,
  FormSelect,
  FormSelectOption,
  HelperText,
  ModalBody,
  ModalFooter,
  ModalHeader,
} from '@patternfly/react-core';
import { StatusText } from '../shared/status.js';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Dialog, DIALOG_START } from '../shared/Dialog.js';
import type { Service } from '../api/types.js';

export interface ServiceDialogProps {
  /** The services not yet on the client. */
  readonly available: readonly Service[];
  readonly onAdd: (service: Service) => void;
  readonly onCancel: () => void;
}

/** "Service toevoegen": pick the client software from the catalogue. */
export function ServiceDialog({ available, onAdd, onCancel }: ServiceDialogProps) {
  const { t } = useTranslation();
  const titleId = useId();
  const selectId = useId();
  const [choice, setChoice] = useState('');
  const [showRequired, setShowRequired] = useState(false);
  const add = () => {
    const service = available.find((s) => s.id === choice);
    if (!service) {
      setShowRequired(true);
      return;
    }
    onAdd(service);
  };
  return (
    <Dialog variant="small" onDismiss={onCancel} aria-labelledby={titleId} testId="service-dialog">
      <ModalHeader title={t('serviceDialog.title')} labelId={titleId} />
      <ModalBody>
        <Form
          onSubmit={(event) => {
            event.preventDefault();
            add();
          }}
        >
          <FormGroup label={t('serviceDialog.software')} fieldId={selectId} isRequired>
            <FormSelect
              id={selectId}
              value={choice}
              onChange={(_event, value) => {
                setChoice(value);
                setShowRequired(false);
              }}
              validated={showRequired ? 'error' : 'default'}
              isDisabled={available.length === 0}
              data-testid="service-select"
              {...DIALOG_START}
            >
              <FormSelectOption value="" label={t('serviceDialog.choose')} isPlaceholder />
              {available.map((service) => (
                <FormSelectOption key={service.id} value={service.id} label={service.label} />
              ))}
            </FormSelect>
            <FormHelperText>
              <HelperText>
                {available.length === 0 && <StatusText>{t('serviceDialog.allAdded')}</StatusText>}
                {showRequired && <StatusText variant="error">{t('serviceDialog.required')}</StatusText>}
              </HelperText>
            </FormHelperText>
          </FormGroup>
        </Form>
      </ModalBody>
      <ModalFooter>
        <Button variant="primary" onClick={add} isDisabled={available.length === 0} data-testid="service-add">
          {t('serviceDialog.add')}
        </Button>
        <Button variant="link" onClick={onCancel} data-testid="service-cancel">
          {t('common.cancel')}
        </Button>
      </ModalFooter>
    </Dialog>
  );
}
