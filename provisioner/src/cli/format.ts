/** Human-readable tables and records for the terminal. */
import type { Activity, ApiClient, ApiClientPage, Credentials, Service } from '../core/model.js';

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

export function clientPage(page: ApiClientPage): string {
  const rows = page.items.map((c) => [c.clientId, c.name, c.enabled ? 'enabled' : 'disabled', c.services.join(','), c.id]);
  const more = page.hasMore ? `\n(more: --first ${page.first + page.max})` : '';
  return `${table(['CLIENT ID', 'NAME', 'STATUS', 'SERVICES', 'ID'], rows)}${more}`;
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
    ['Previous secret valid until', c.previousSecretValidUntil ?? 'revoked (no longer valid)'],
  ]);
}

export function activity(a: Activity): string {
  const head = record([
    ['Last token', a.lastTokenAt ? `${a.lastTokenAt} from ${a.lastTokenIpAddress ?? '?'}` : 'never'],
    ['Recent refusals', String(a.refusals.length)],
  ]);
  if (a.refusals.length === 0) return head;
  return `${head}\n\n${table(
    ['TIME', 'ADDRESS', 'REASON', 'DETAIL'],
    a.refusals.map((r) => [r.time, r.ipAddress ?? '-', r.reason, r.detail ?? r.error ?? '']),
  )}`;
}
