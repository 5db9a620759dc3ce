import type { TFunction } from 'i18next';
import { contract } from '../contract.js';

/** The lifetimes a new secret can be given, in days; `undefined` (never expires) comes first, as the default. */
export const LIFETIME_CHOICES: ReadonlyArray<number | undefined> = [undefined, ...contract.secretLifetimeChoicesDays];

/** "Onbeperkt", "90 dagen", "1 jaar": whole years read as years. */
export function lifetimeLabel(t: TFunction, days: number | undefined): string {
  if (days === undefined) return t('lifetime.never');
  return days % 365 === 0 ? t('lifetime.years', { count: days / 365 }) : t('lifetime.days', { count: days });
}
