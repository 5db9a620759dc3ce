import {
  Button,
  FormGroup,
  FormHelperText,
  HelperText,
  HelperTextItem,
  InputGroup,
  InputGroupItem,
  TextInput,
} from '@patternfly/react-core';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { MinusCircleIcon, PlusCircleIcon } from '../shared/icons.js';
import type { IpRangeProblem } from './ip-range.js';

export interface IpRangesFieldProps {
  readonly ranges: readonly string[];
  readonly problems: readonly (IpRangeProblem | undefined)[];
  /** Which lines to show problems for (touched, or all after a submit attempt). */
  readonly showProblem: (index: number) => boolean;
  readonly listProblem?: string;
  readonly onChange: (ranges: string[]) => void;
  readonly onBlur: (index: number) => void;
}

/** The IP ranges of "Beveiliging (optioneel)", each checked as it is typed. */
export function IpRangesField({ ranges, problems, showProblem, listProblem, onChange, onBlur }: IpRangesFieldProps) {
  const { t } = useTranslation();
  const inputs = useRef<(HTMLInputElement | null)[]>([]);
  const focusIndex = useRef<number | undefined>(undefined);

  useEffect(() => {
    if (focusIndex.current !== undefined) {
      inputs.current[focusIndex.current]?.focus();
      focusIndex.current = undefined;
    }
  }, [ranges.length]);

  const set = (index: number, value: string) => onChange(ranges.map((r, i) => (i === index ? value : r)));
  const remove = (index: number) => {
    focusIndex.current = Math.max(0, Math.min(index, ranges.length - 2));
    onChange(ranges.filter((_r, i) => i !== index));
  };
  const add = () => {
    focusIndex.current = ranges.length;
    onChange([...ranges, '']);
  };

  return (
    <>
      {ranges.map((range, index) => {
        const problem = showProblem(index) ? problems[index] : undefined;
        const id = `focus-api-access-ip-range-${index}`;
        const label = t('form.ipRange', { n: index + 1 });
        return (
          <FormGroup key={index} label={label} fieldId={id} className="focus-api-access__ip-range">
            <InputGroup>
              <InputGroupItem isFill>
                <TextInput
                  id={id}
                  ref={(element) => {
                    inputs.current[index] = element;
                  }}
                  value={range}
                  onChange={(_event, value) => set(index, value)}
                  onBlur={() => onBlur(index)}
                  validated={problem ? 'error' : 'default'}
                  aria-describedby={`${id}-helper`}
                  placeholder="192.0.2.0/24"
                  spellCheck={false}
                  autoComplete="off"
                  data-testid={`ip-range-${index}`}
                />
              </InputGroupItem>
              <InputGroupItem>
                <Button
                  variant="plain"
                  icon={<MinusCircleIcon />}
                  aria-label={t('form.removeIpRange', { n: index + 1 })}
                  onClick={() => remove(index)}
                  data-testid={`ip-range-${index}-remove`}
                />
              </InputGroupItem>
            </InputGroup>
            <FormHelperText>
              <HelperText id={`${id}-helper`} isLiveRegion>
                {problem && (
                  <HelperTextItem variant="error" data-testid={`ip-range-${index}-error`}>
                    {t(`form.ipErrors.${problem}`)}
                  </HelperTextItem>
                )}
              </HelperText>
            </FormHelperText>
          </FormGroup>
        );
      })}
      {listProblem && (
        <HelperText>
          <HelperTextItem variant="error" data-testid="ip-ranges-error">
            {listProblem}
          </HelperTextItem>
        </HelperText>
      )}
      <div>
        <Button variant="link" isInline icon={<PlusCircleIcon />} onClick={add} data-testid="add-ip-range">
          {t('form.addIpRanges')}
        </Button>
      </div>
    </>
  );
}
