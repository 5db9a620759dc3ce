import type { TFunction } from 'i18next';

export interface Handover {
  readonly tokenEndpoint: string;
  readonly scope: string;
  readonly clientId: string;
  /** When the secret stops working, as the reader should see it; absent when it never does. */
  readonly secretExpiresAt?: string | undefined;
}

/** Quotes a value for a POSIX shell. */
function shellQuote(value: string): string {
  return `'${value.replace(/'/g, `'\\''`)}'`;
}

/**
 * The text an administrator sends the vendor: where and how to get a token. The secret is never part of it: it
 * goes separately, and the example reads it from an environment variable.
 */
export function handoverText(t: TFunction, h: Handover): string {
  const lines = [
    t('credentials.handoverText.heading'),
    '',
    `${t('credentials.handoverText.tokenEndpoint')}: ${h.tokenEndpoint}`,
    `${t('credentials.handoverText.scope')}: ${h.scope}`,
    `${t('credentials.handoverText.clientId')}: ${h.clientId}`,
    t('credentials.handoverText.secret'),
    ...(h.secretExpiresAt ? [t('credentials.handoverText.expires', { date: h.secretExpiresAt })] : []),
    '',
    t('credentials.handoverText.grant'),
    '',
    `curl -s -X POST ${shellQuote(h.tokenEndpoint)} \\`,
    `  -d grant_type=client_credentials \\`,
    `  --data-urlencode client_id=${shellQuote(h.clientId)} \\`,
    `  --data-urlencode "client_secret=$CLIENT_SECRET"${h.scope ? ' \\' : ''}`,
  ];
  if (h.scope) lines.push(`  --data-urlencode scope=${shellQuote(h.scope)}`);
  return lines.join('\n');
}
