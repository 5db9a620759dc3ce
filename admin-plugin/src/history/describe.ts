/** An entry's change in words: "Naam: "A" → "B"", with values as the page shows them elsewhere. */
import type { TFunction } from 'i18next';
import type { HistoryEntry } from '../api/types.js';

const FIELDS = ['name', 'services', 'ipRanges', 'enabled', 'secretExpiresAt', 'previousSecretValidUntil'] as const;
type Field = (typeof FIELDS)[number];
/** The secret's times, which an entry holds in epoch milliseconds and leaves out when there is none. */
const SECRET_TIMES: readonly Field[] = ['secretExpiresAt', 'previousSecretValidUntil'];

/** Formats an instant (ISO 8601) as the page shows dates elsewhere. */
export type DateTimeFormat = (iso: string) => string;

function value(t: TFunction, dateTime: DateTimeFormat, field: Field, raw: unknown): string {
  if (field === 'enabled') return raw === true ? t('history.values.enabled') : t('history.values.disabled');
  if (field === 'services') return Array.isArray(raw) && raw.length > 0 ? raw.join(', ') : t('history.values.none');
  if (field === 'ipRanges') return typeof raw === 'string' && raw !== '' ? raw : t('history.values.anyAddress');
  if (field === 'secretExpiresAt') {
    // No expiry: the secret works until it is replaced.
    return typeof raw === 'number' ? dateTime(new Date(raw).toISOString()) : t('history.values.noExpiry');
  }
  if (field === 'previousSecretValidUntil') {
    // No grace period: the previous secret works no more.
    return typeof raw === 'number'
      ? t('history.values.validUntil', { date: dateTime(new Date(raw).toISOString()) })
      : t('history.values.previousEnded');
  }
  return typeof raw === 'string' ? `"${raw}"` : String(raw);
}

/**
 * One line per field the change touched; a create or delete lists the whole client as it was after or before, and a
 * generation of credentials until when the new secret and the previous one work. A failed change lists what it
 * attempted: its entry holds the whole client as it stayed, and the values it would have set.
 */
export function describeChange(t: TFunction, dateTime: DateTimeFormat, entry: HistoryEntry): string[] {
  const before = entry.before ?? {};
  const after = entry.after ?? {};
  const failed = entry.outcome === 'failure';
  const generated = !failed && entry.action === 'credentials-generated';
  const whole = failed ? undefined : entry.action === 'create' || generated ? after : entry.action === 'delete' ? before : undefined;
  const lines: string[] = [];
  for (const field of FIELDS) {
    const label = t(`history.fields.${field}`);
    if (whole) {
      // A generation leaves a time out when there is none, which is itself what happened to the secret.
      if (field in whole || (generated && SECRET_TIMES.includes(field))) {
        lines.push(t('history.state', { field: label, value: value(t, dateTime, field, whole[field]) }));
      }
    } else if (failed ? field in after : field in before || field in after) {
      const [from, to] = [before[field], after[field]].map((raw) => value(t, dateTime, field, raw));
      lines.push(t('history.change', { field: label, before: from, after: to }));
    }
  }
  return lines;
}
