/** An entry's change in words: "Naam: "A" → "B"", with values as the page shows them elsewhere. */
import type { TFunction } from 'i18next';
import type { HistoryEntry } from '../api/types.js';

const FIELDS = ['name', 'services', 'ipRanges', 'enabled'] as const;
type Field = (typeof FIELDS)[number];

function value(t: TFunction, field: Field, raw: unknown): string {
  if (field === 'enabled') return raw === true ? t('history.values.enabled') : t('history.values.disabled');
  if (field === 'services') return Array.isArray(raw) && raw.length > 0 ? raw.join(', ') : t('history.values.none');
  if (field === 'ipRanges') return typeof raw === 'string' && raw !== '' ? raw : t('history.values.anyAddress');
  return typeof raw === 'string' ? `"${raw}"` : String(raw);
}

/**
 * One line per field the change touched; a create or delete lists the whole client as it was after or before. A
 * failed change lists what it attempted: its entry holds the whole client as it stayed, and the values it would have set.
 */
export function describeChange(t: TFunction, entry: HistoryEntry): string[] {
  const before = entry.before ?? {};
  const after = entry.after ?? {};
  const failed = entry.outcome === 'failure';
  const whole = failed ? undefined : entry.action === 'create' ? after : entry.action === 'delete' ? before : undefined;
  const lines: string[] = [];
  for (const field of FIELDS) {
    const label = t(`history.fields.${field}`);
    if (whole) {
      if (field in whole) lines.push(`${label}: ${value(t, field, whole[field])}`);
    } else if (failed ? field in after : field in before || field in after) {
      lines.push(`${label}: ${value(t, field, before[field])} → ${value(t, field, after[field])}`);
    }
  }
  return lines;
}
