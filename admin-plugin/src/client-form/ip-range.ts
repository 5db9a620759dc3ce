/**
 * Checks one IP range as the administrator types it: an IPv4 or IPv6 address, optionally with a CIDR prefix.
 * Literals only (no host names). The provisioner normalises and checks again; this is for early, specific feedback.
 */
export type IpRangeProblem = 'empty' | 'invalid' | 'octet' | 'prefix4' | 'prefix6' | 'duplicate';

function ipv4(text: string): 'ok' | 'invalid' | 'octet' {
  const parts = text.split('.');
  if (parts.length !== 4 || parts.some((p) => !/^\d{1,3}$/.test(p))) return 'invalid';
  return parts.every((p) => Number(p) <= 255) ? 'ok' : 'octet';
}

function ipv6(text: string): boolean {
  if (!/^[0-9a-fA-F:.]+$/.test(text) || text.includes(':::')) return false;
  const halves = text.split('::');
  if (halves.length > 2) return false;
  const groups = (half: string) => (half === '' ? [] : half.split(':'));
  const head = groups(halves[0] ?? '');
  const tail = halves.length === 2 ? groups(halves[1] ?? '') : [];
  const all = [...head, ...tail];
  // An embedded IPv4 address (::ffff:192.0.2.1) takes the place of the last two groups.
  const last = all[all.length - 1] ?? '';
  let count = all.length;
  if (last.includes('.')) {
    if (ipv4(last) !== 'ok') return false;
    all.pop();
    count += 1;
  }
  if (!all.every((g) => /^[0-9a-fA-F]{1,4}$/.test(g))) return false;
  return halves.length === 2 ? count <= 7 : count === 8;
}

/** The problem with one range, or undefined when it is fine. */
export function ipRangeProblem(raw: string): IpRangeProblem | undefined {
  const text = raw.trim();
  if (text === '') return 'empty';
  const [address = '', prefix, ...rest] = text.split('/');
  if (rest.length > 0) return 'invalid';
  const isV6 = address.includes(':');
  if (isV6 ? !ipv6(address) : ipv4(address) !== 'ok') {
    return !isV6 && ipv4(address) === 'octet' ? 'octet' : 'invalid';
  }
  if (prefix === undefined) return undefined;
  const max = isV6 ? 128 : 32;
  if (!/^\d{1,3}$/.test(prefix) || Number(prefix) > max) return isV6 ? 'prefix6' : 'prefix4';
  return undefined;
}

/** Problems per line of a list of ranges, including repeats of an earlier line. */
export function ipRangeProblems(ranges: readonly string[]): (IpRangeProblem | undefined)[] {
  const seen = new Set<string>();
  return ranges.map((range) => {
    const problem = ipRangeProblem(range);
    if (problem) return problem;
    const key = range.trim().toLowerCase();
    if (seen.has(key)) return 'duplicate';
    seen.add(key);
    return undefined;
  });
}
