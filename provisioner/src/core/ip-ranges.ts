/**
 * IP ranges an API client may call the token endpoint from: IPv4/IPv6 CIDRs or single addresses, parsed as
 * literals (never resolved), normalised (network address, compact IPv6, single addresses without prefix)
 * and de-duplicated. The Keycloak extension enforces what is stored here.
 */
import ipaddr from 'ipaddr.js';
import type { FieldError } from './errors.js';

export const MAX_IP_RANGES = 50;

type Parsed = { ok: true; value: string } | { ok: false; reason: string; message: string };

function parseAddress(text: string): ipaddr.IPv4 | ipaddr.IPv6 | undefined {
  if (ipaddr.IPv4.isValidFourPartDecimal(text)) return ipaddr.IPv4.parse(text);
  // Zone ids (fe80::1%eth0) name an interface of one host: meaningless for a remote caller.
  if (!text.includes('%') && text.includes(':') && ipaddr.IPv6.isValid(text)) return ipaddr.IPv6.parse(text);
  return undefined;
}

/** Normalises one range, or says what is wrong with it. */
export function normaliseIpRange(raw: string): Parsed {
  const text = raw.trim();
  if (text === '') return { ok: false, reason: 'required', message: 'must not be empty' };
  const [addressText, prefixText, extra] = text.split('/');
  if (extra !== undefined) return { ok: false, reason: 'malformed', message: `"${text}" is not an IP address or CIDR range` };
  const address = parseAddress(addressText ?? '');
  if (!address) return { ok: false, reason: 'malformed', message: `"${text}" is not an IP address or CIDR range` };
  const bits = address.kind() === 'ipv4' ? 32 : 128;
  if (prefixText === undefined) return { ok: true, value: address.toString() };
  if (!/^\d{1,3}$/.test(prefixText) || Number(prefixText) > bits) {
    return { ok: false, reason: 'prefix_out_of_range', message: `prefix length of "${text}" must be between 0 and ${bits}` };
  }
  const prefix = Number(prefixText);
  if (prefix === bits) return { ok: true, value: address.toString() };
  const network =
    address.kind() === 'ipv4'
      ? ipaddr.IPv4.networkAddressFromCIDR(`${address.toString()}/${prefix}`)
      : ipaddr.IPv6.networkAddressFromCIDR(`${address.toString()}/${prefix}`);
  return { ok: true, value: `${network.toString()}/${prefix}` };
}

/** Normalises a list of ranges; all problems are reported at once, each with its index. */
export function normaliseIpRanges(raw: unknown, field = 'ipRanges'): { ranges: string[] } | { errors: FieldError[] } {
  if (raw === undefined || raw === null) return { ranges: [] };
  if (!Array.isArray(raw)) return { errors: [{ field, reason: 'type', message: 'must be a list of IP ranges' }] };
  const errors: FieldError[] = [];
  const ranges: string[] = [];
  raw.forEach((entry, index) => {
    if (typeof entry !== 'string') {
      errors.push({ field: `${field}[${index}]`, reason: 'type', message: 'must be a text' });
      return;
    }
    const parsed = normaliseIpRange(entry);
    if (!parsed.ok) errors.push({ field: `${field}[${index}]`, reason: parsed.reason, message: parsed.message });
    else if (!ranges.includes(parsed.value)) ranges.push(parsed.value);
  });
  if (errors.length === 0 && ranges.length > MAX_IP_RANGES) {
    errors.push({ field, reason: 'too_many', message: `at most ${MAX_IP_RANGES} IP ranges` });
  }
  return errors.length > 0 ? { errors } : { ranges };
}

/** The stored form: comma-separated (the extension also accepts semicolons and white space). */
export function formatIpRanges(ranges: readonly string[]): string {
  return ranges.join(',');
}

export function parseStoredIpRanges(stored: string | undefined): string[] {
  if (!stored) return [];
  return stored.split(/[\s,;]+/).filter((s) => s !== '');
}
