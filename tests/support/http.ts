/**
 * HTTP(S) calls as outside callers make them: over TLS with the test's own certificate authority, from a chosen local
 * address, with whatever headers a caller chooses to send (a spoofed X-Forwarded-For included), which fetch would
 * not let a test set freely.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { join } from 'node:path';

export interface Answer {
  readonly status: number;
  readonly headers: Readonly<Record<string, string | string[] | undefined>>;
  readonly text: string;
  json(): any;
}

export interface CallOptions {
  readonly method?: string;
  readonly headers?: Readonly<Record<string, string>>;
  /** A form body (application/x-www-form-urlencoded) or JSON. */
  readonly form?: Readonly<Record<string, string>>;
  readonly json?: unknown;
  /** PEM of the certificate authority to trust for https. */
  readonly ca?: string;
  /** The caller's own address (127.0.0.2, 127.0.0.3, … are this machine's too). */
  readonly localAddress?: string;
}

export function call(url: string, options: CallOptions = {}): Promise<Answer> {
  const target = new URL(url);
  const body = options.form
    ? new URLSearchParams(options.form).toString()
    : options.json === undefined
      ? undefined
      : JSON.stringify(options.json);
  const headers: Record<string, string> = { ...options.headers };
  if (options.form) headers['content-type'] = 'application/x-www-form-urlencoded';
  if (options.json !== undefined) headers['content-type'] = 'application/json';
  const request = target.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise((resolve, reject) => {
    const req = request(
      target,
      {
        method: options.method ?? (body === undefined ? 'GET' : 'POST'),
        headers,
        ...(options.ca ? { ca: options.ca } : {}),
        ...(options.localAddress ? { localAddress: options.localAddress } : {}),
        timeout: 60_000,
      },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk) => (text += chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, text, json: () => JSON.parse(text) }));
      },
    );
    req.on('timeout', () => req.destroy(new Error(`${url}: no answer within 60 s`)));
    req.on('error', reject);
    req.end(body);
  });
}

/** A throw-away self-signed certificate for `localhost` and 127.0.0.1, as the proxy's tls.crt and tls.key. */
export function throwAwayCertificate(dir: string): { cert: string; key: string } {
  execFileSync(
    'openssl',
    [
      'req',
      '-x509',
      '-newkey',
      'ec',
      '-pkeyopt',
      'ec_paramgen_curve:P-256',
      '-nodes',
      '-days',
      '1',
      '-subj',
      '/CN=localhost',
      '-addext',
      'subjectAltName=DNS:localhost,IP:127.0.0.1',
      '-keyout',
      join(dir, 'tls.key'),
      '-out',
      join(dir, 'tls.crt'),
    ],
    { stdio: 'ignore' },
  );
  return { cert: readFileSync(join(dir, 'tls.crt'), 'utf8'), key: join(dir, 'tls.key') };
}
