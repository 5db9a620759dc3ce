import { Button, Checkbox, FormGroup, FormHelperText, HelperText, InputGroup, InputGroupItem, TextInput } from '@patternfly/react-core';
import { StatusText, Notice } from '../shared/status.js';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { contract, limits } from '@focus-api-access/contract';
import { useFormat } from '../shared/format.js';
import { MinusCircleIcon, PlusCircleIcon } from '../shared/icons.js';
import type { ExcludedAddress, IpRangeDraft, RangeProblem } from './validation.js';

export interface IpRangesFieldProps {
  readonly ranges: readonly IpRangeDraft[];
  readonly problems: readonly (RangeProblem | undefined)[];
  /** Per line: the number of addresses of a wide range, which the administrator must confirm. */
  readonly wide: readonly (bigint | undefined)[];
  /** Which lines to show problems for (touched, or all after a submit attempt). */
  readonly showProblem: (index: number) => boolean;
  /** A save was tried: an unconfirmed wide range is now an error, not only a warning. */
  readonly submitted: boolean;
  readonly listProblem?: string;
  /** Addresses the vendor used recently that these ranges would shut out (and the saved ones let in). */
  readonly excluded: readonly ExcludedAddress[];
  /** The administrator confirmed shutting them out; saving needs it. */
  readonly excludedConfirmed: boolean;
  readonly onConfirmExcluded: (confirmed: boolean) => void;
  readonly onChange: (ranges: IpRangeDraft[]) => void;
  readonly onBlur: (index: number) => void;
}

/**
 * The IP ranges of "Beveiliging (optioneel)", each checked as it is typed: a likely typo is shown with what was
 * probably meant (one click applies it), a wide range with its size and a confirmation it cannot be saved without.
 * When the ranges would shut out addresses the vendor used recently, they are listed, and saving needs a confirmation.
 */
export function IpRangesField({
  ranges,
  problems,
  wide,
  showProblem,
  submitted,
  listProblem,
  excluded,
  excludedConfirmed,
  onConfirmExcluded,
  onChange,
  onBlur,
}: IpRangesFieldProps) {
  const { t } = useTranslation();
  const format = useFormat();
  const inputs = useRef<(HTMLInputElement | null)[]>([]);
  const focusIndex = useRef<number | undefined>(undefined);

  useEffect(() => {
    if (focusIndex.current !== undefined) {
      inputs.current[focusIndex.current]?.focus();
      focusIndex.current = undefined;
    }
  }, [ranges.length]);

  const set = (index: number, change: Partial<IpRangeDraft>) => onChange(ranges.map((r, i) => (i === index ? { ...r, ...change } : r)));
  const remove = (index: number) => {
    focusIndex.current = Math.max(0, Math.min(index, ranges.length - 2));
    onChange(ranges.filter((_r, i) => i !== index));
  };
  const add = () => {
    focusIndex.current = ranges.length;
    onChange([...ranges, { text: '', confirmWide: false }]);
  };

  return (
    <>
      {ranges.map((range, index) => {
        // An unconfirmed wide range is shown by its warning and checkbox until a save is tried.
        const shown = showProblem(index) ? problems[index] : undefined;
        const problem = shown?.problem === 'wide_unconfirmed' && !submitted ? undefined : shown;
        const addresses = wide[index];
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
                  value={range.text}
                  onChange={(_event, value) => set(index, { text: value, confirmWide: false })}
                  onBlur={() => onBlur(index)}
                  validated={problem ? 'error' : 'default'}
                  aria-describedby={`${id}-helper`}
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
                  <StatusText variant="error" data-testid={`ip-range-${index}-error`}>
                    {t(`form.ipErrors.${problem.problem}`, { suggestion: problem.suggestion, max: limits.ipRangesPerClient })}
                  </StatusText>
                )}
                {addresses !== undefined && (
                  <StatusText variant="warning" data-testid={`ip-range-${index}-wide`}>
                    {t('form.wideRange', { addresses: format.addresses(addresses) })}
                  </StatusText>
                )}
              </HelperText>
            </FormHelperText>
            {problem?.suggestion && (
              <Button
                variant="link"
                isInline
                onClick={() => set(index, { text: problem.suggestion!, confirmWide: false })}
                data-testid={`ip-range-${index}-use-suggestion`}
              >
                {t('form.useSuggestion', { suggestion: problem.suggestion })}
              </Button>
            )}
            {addresses !== undefined && (
              <Checkbox
                id={`${id}-confirm-wide`}
                label={t('form.confirmWide', { range: range.text.trim() })}
                isChecked={range.confirmWide}
                onChange={(_event, checked) => set(index, { confirmWide: checked })}
                data-testid={`ip-range-${index}-confirm-wide`}
              />
            )}
          </FormGroup>
        );
      })}
      {excluded.length > 0 && (
        <Notice
          variant="warning"
          isInline
          title={t('form.excluded', {
            count: excluded.length,
            days: contract.activity.lockoutWarningDays,
            addresses: excluded.map((e) => e.ipAddress).join(', '),
          })}
          data-testid="ip-ranges-excluded"
        >
          <ul>
            {excluded.map((e) => (
              <li key={e.ipAddress} data-testid="ip-ranges-excluded-address">
                {t('form.excludedAddress', { address: e.ipAddress, date: format.dateTime(e.lastSeen) })}
              </li>
            ))}
          </ul>
          <Checkbox
            id="focus-api-access-confirm-excluded"
            label={t('form.confirmExcluded')}
            isChecked={excludedConfirmed}
            onChange={(_event, checked) => onConfirmExcluded(checked)}
            data-testid="ip-ranges-excluded-confirm"
          />
          {submitted && !excludedConfirmed && (
            <HelperText isLiveRegion>
              <StatusText variant="error" data-testid="ip-ranges-excluded-error">
                {t('form.excludedUnconfirmed')}
              </StatusText>
            </HelperText>
          )}
        </Notice>
      )}
      {listProblem && (
        <HelperText>
          <StatusText variant="error" data-testid="ip-ranges-error">
            {listProblem}
          </StatusText>
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
