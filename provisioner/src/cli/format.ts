/** Human-readable tables and records for the terminal. */
import type { HistoryEntry, HistoryPage } from '../core/history.js';
import type { Activity, ApiClient, ApiClientPage, Credentials, ExpiringSecret, IpRangeCheck, RefusalPage, Service } from '../core/model.js';

export function table(headers: readonly string[], rows: readonly (readonly string[])[]): string {
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: readonly string[]) =>
    cells
      .map((c, i) => c.padEnd(widths[i]!))
      .join('  ')
      .trimEnd();
  return [line(headers), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
}

function record(pairs: ReadonlyArray<readonly [string, string | undefined]>): string {
  const width = Math.max(...pairs.map(([k]) => k.length));
  return pairs.map(([k, v]) => `${k.padEnd(width)}  ${v ?? '-'}`).join('\n');
}

export function services(items: readonly Service[]): string {
  return table(
    ['SERVICE', 'LABEL'],
    items.map((s) => [s.id, s.label]),
  );
}

/** When the current secret expires, and a word when that is near or past; nothing before the first generation. */
function secretExpiry(c: Pick<ApiClient, 'secretExpiresAt' | 'secretExpiry' | 'credentialsGeneratedAt'>): string {
  if (!c.credentialsGeneratedAt) return '- (no credentials yet)';
  switch (c.secretExpiry) {
    case 'none':
      return 'never';
    case 'valid':
      return c.secretExpiresAt ?? '?';
    case 'expiring':
      return `${c.secretExpiresAt ?? '?'} (soon)`;
    case 'expired':
      return c.secretExpiresAt ? `${c.secretExpiresAt} (expired)` : 'expired (unreadable expiry)';
  }
}

export function clientPage(page: ApiClientPage): string {
  const rows = page.items.map((c) => [
    c.clientId,
    c.name,
    c.enabled ? 'enabled' : 'disabled',
    secretExpiry(c),
    c.services.join(','),
    c.lastUse ? `${c.lastUse.time} from ${c.lastUse.ipAddress}` : 'never',
    c.id,
  ]);
  const shown = page.items.length === 0 ? `0 of ${page.total}` : `${page.first + 1}-${page.first + page.items.length} of ${page.total}`;
  const more = page.hasMore ? `; more: --first ${page.first + page.max}` : '';
  return `${table(['CLIENT ID', 'NAME', 'STATUS', 'SECRET EXPIRES', 'SERVICES', 'LAST USED', 'ID'], rows)}\n(${shown}${more})`;
}

export function expiringSecrets(items: readonly ExpiringSecret[]): string {
  if (items.length === 0) return 'No secret expires within the warning window.';
  return table(
    ['EXPIRES', 'STATE', 'CLIENT ID', 'NAME', 'ID'],
    items.map((s) => [s.secretExpiresAt, s.secretExpiry, s.clientId, s.name, s.id]),
  );
}

export function client(c: ApiClient): string {
  return record([
    ['Client ID', c.clientId],
    ['Name', c.name],
    ['Id', c.id],
    ['Status', c.enabled ? 'enabled' : 'disabled'],
    ['Services', c.services.join(', ')],
    ['IP ranges', c.ipRanges.length > 0 ? c.ipRanges.join(', ') : 'any'],
    ['Created', c.createdAt ? `${c.createdAt} by ${c.createdBy ?? '?'}` : undefined],
    ['Credentials', c.credentialsGeneratedAt ? `${c.credentialsGeneratedAt} by ${c.credentialsGeneratedBy ?? '?'}` : 'never generated'],
    ['Secret expires', secretExpiry(c)],
    ['Previous secret valid until', c.previousSecretValidUntil],
  ]);
}

function previousSecret(c: Pick<Credentials, 'previousSecretStatus' | 'previousSecretValidUntil'>): string {
  switch (c.previousSecretStatus) {
    case 'valid':
      return `valid until ${c.previousSecretValidUntil}`;
    case 'revoked':
      return 'no longer valid';
    case 'unknown':
      return 'unknown (it may still work; end it with credentials end-grace)';
  }
}

export function credentials(c: Credentials): string {
  return record([
    ['Client ID', c.clientId],
    ['Client secret', c.clientSecret],
    ['Token endpoint', c.tokenEndpoint],
    ['Scope', c.scope],
    ['Expires', c.secretExpiresAt ?? 'never'],
    ['Previous secret', previousSecret(c)],
  ]);
}

/** The answer of a generation whose secret went to a file: everything but the secret, and where it is. */
export function credentialsWritten(c: Omit<Credentials, 'clientSecret'>, path: string): string {
  return record([
    ['Client ID', c.clientId],
    ['Client secret', `written to ${path} (mode 0600)`],
    ['Token endpoint', c.tokenEndpoint],
    ['Scope', c.scope],
    ['Expires', c.secretExpiresAt ?? 'never'],
    ['Previous secret valid until', c.previousSecretValidUntil ?? 'revoked (no longer valid)'],
  ]);
}

const REASONS: Readonly<Record<string, string>> = {
  ip_not_allowed: 'IP address not allowed',
  ip_ranges_invalid: 'IP ranges unreadable',
  bad_secret: 'wrong secret',
  disabled: 'client disabled',
  other: 'other',
};

export function activity(a: Activity): string {
  const head = record([['Last used', a.lastUse ? `${a.lastUse.time} from ${a.lastUse.ipAddress}` : 'never (as far as recorded)']]);
  const addresses =
    a.addresses.length === 0
      ? 'No source addresses recorded.'
      : table(
          ['ADDRESS', 'FIRST SEEN', 'LAST SEEN'],
          a.addresses.map((s) => [s.ipAddress, s.firstSeen, s.lastSeen]),
        );
  const refusals =
    a.refusals.length === 0
      ? 'No refused token requests recorded.'
      : table(
          ['REFUSED BECAUSE', 'REQUESTS', 'ADDRESSES', 'LAST'],
          a.refusals.map((r) => [`${REASONS[r.reason] ?? r.reason} (${r.reason})`, String(r.refusals), String(r.sources), r.lastAt]),
        ) + '\n(per address: activity <client> --reason <reason>)';
  return `${head}\n\n${addresses}\n\n${refusals}`;
}

export function refusalPage(page: RefusalPage): string {
  const rows = page.items.map((r) => [r.ipAddress ?? '(other addresses)', String(r.refusals), r.firstAt, r.lastAt, r.error ?? '']);
  const shown = page.items.length === 0 ? `0 of ${page.total}` : `${page.first + 1}-${page.first + page.items.length} of ${page.total}`;
  const more = page.first + page.items.length < page.total ? `; more: --first ${page.first + page.max}` : '';
  return `Refused because: ${REASONS[page.reason] ?? page.reason}\n\n${table(['ADDRESS', 'REQUESTS', 'FIRST', 'LAST', 'ERROR'], rows)}\n(${shown}${more})`;
}

export function ipRangeCheck(check: IpRangeCheck): string {
  if (check.excludedAddresses.length === 0) {
    return `These IP ranges shut out none of the addresses used in the last ${check.sinceDays} days.`;
  }
  return `These IP ranges would shut out ${check.excludedAddresses.length} address(es) used in the last ${check.sinceDays} days:\n\n${table(
    ['ADDRESS', 'LAST SEEN'],
    check.excludedAddresses.map((e) => [e.ipAddress, e.lastSeen]),
  )}`;
}

/** The secret's times, which an entry leaves out when there is none: no expiry, or no previous secret that works. */
const SECRET_TIMES: Readonly<Record<string, string>> = { secretExpiresAt: 'never', previousSecretValidUntil: 'no longer valid' };

/**
 * What an entry changed, in one line: `name: "A" → "B"`; a create or delete shows the whole state after or before,
 * a generation of credentials until when the new secret and the previous one work.
 */
export function historyChange(entry: HistoryEntry): string {
  // Times are kept in epoch milliseconds: shown as every other time, ISO 8601.
  const value = (v: unknown, key = '') =>
    v === undefined && key in SECRET_TIMES
      ? SECRET_TIMES[key]!
      : Array.isArray(v)
        ? `[${v.join(', ')}]`
        : typeof v === 'number' && /(At|Until)$/.test(key)
          ? new Date(v).toISOString()
          : JSON.stringify(v);
  const before = entry.before ?? {};
  const after = entry.after ?? {};
  if (entry.outcome !== 'failure' && entry.action === 'credentials-generated') {
    return Object.keys(SECRET_TIMES)
      .map((k) => `${k}: ${value(after[k], k)}`)
      .join('; ');
  }
  if (entry.outcome === 'failure') {
    // The entry holds the whole client as it stayed: what the change would have set is what tells.
    const attempted = Object.keys(after).map((k) => `${k}: ${k in before ? value(before[k], k) : '-'} → ${value(after[k], k)}`);
    return [`FAILED (${entry.error ?? 'unknown'}), nothing changed`, ...attempted].join('; ');
  }
  if (entry.action === 'create' || entry.action === 'delete') {
    const state = entry.action === 'create' ? after : before;
    return Object.entries(state)
      .map(([k, v]) => `${k}: ${value(v, k)}`)
      .join('; ');
  }
  const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])];
  const side = (state: Readonly<Record<string, unknown>>, k: string) => (k in state || k in SECRET_TIMES ? value(state[k], k) : '-');
  return keys.map((k) => `${k}: ${side(before, k)} → ${side(after, k)}`).join('; ');
}

export function historyPage(page: HistoryPage): string {
  const rows = page.items.map((e) => [
    e.time,
    e.action,
    e.client.clientId,
    e.actor.via ? `${e.actor.username} (via ${e.actor.via})` : e.actor.username,
    historyChange(e),
  ]);
  const shown = page.items.length === 0 ? `0 of ${page.total}` : `${page.first + 1}-${page.first + page.items.length} of ${page.total}`;
  const more = page.hasMore ? `; more: --first ${page.first + page.max}` : '';
  return `${table(['TIME', 'ACTION', 'CLIENT ID', 'BY', 'CHANGE'], rows)}\n(${shown}${more})`;
}

/**
 * RFC 4180 CSV with a header line, for spreadsheets: every cell quoted, and a cell that a spreadsheet would run as a
 * formula (starting with =, +, -, @, tab or carriage return) prefixed with an apostrophe.
 */
export function historyCsv(items: readonly HistoryEntry[]): string {
  const cell = (text: string) => `"${(/^[=+\-@\t\r]/.test(text) ? `'${text}` : text).replaceAll('"', '""')}"`;
  const header = [
    'time',
    'action',
    'client_id',
    'client_name',
    'client_uuid',
    'username',
    'subject',
    'via',
    'before',
    'after',
    'outcome',
    'error',
    'request_id',
  ];
  const rows = items.map((e) => [
    e.time,
    e.action,
    e.client.clientId,
    e.client.name,
    e.client.id,
    e.actor.username,
    e.actor.subject,
    e.actor.via ?? '',
    e.before ? JSON.stringify(e.before) : '',
    e.after ? JSON.stringify(e.after) : '',
    e.outcome,
    e.error ?? '',
    e.requestId ?? '',
  ]);
  return [header, ...rows].map((r) => r.map(cell).join(',')).join('\r\n') + '\r\n';
}
