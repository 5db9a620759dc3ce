/**
 * The rule for the IP ranges an API client may call from, as the page checks them while the administrator types and
 * as the provisioner enforces them: IPv4/IPv6 addresses or CIDR ranges written as literals (never resolved).
 *
 * A likely typo is refused rather than silently widened, and the message shows what was probably meant:
 * - bits set after the prefix (`203.0.113.10/3` would be `192.0.0.0/3`, `203.0.113.10/24` is `203.0.113.0/24`);
 * - leading zeros in an address or a prefix (`010.0.0.1`, some systems read it as octal; `/08`);
 * - an IPv6 zone (`fe80::1%eth0`) or brackets.
 * A very wide range (IPv4 shorter than `/16`, IPv6 shorter than `/32`, or one that holds every IPv4 address through
 * the IPv4-mapped block, such as `::/0` or `::ffff:0:0/96`) is valid but must be confirmed entry by entry.
 * The Keycloak extension applies the same syntax to the stored value (`contract/ip-range-cases.json` runs through
 * both).
 */
import ipaddr from 'ipaddr.js';
import { limits } from './contract.js';

export type IpRangeProblem =
  'required' | 'malformed' | 'number_out_of_range' | 'leading_zero' | 'zone' | 'prefix_out_of_range' | 'host_bits';

export type IpRangeCheck =
  | {
      readonly ok: true;
      /** The stored form: network address, compact IPv6, IPv4-mapped written as IPv4, no prefix for one address. */
      readonly range: string;
      readonly wide: boolean;
      readonly addresses: bigint;
    }
  | {
      readonly ok: false;
      readonly problem: IpRangeProblem;
      readonly message: string;
      /** What the administrator most likely meant, when that can be told (the network, the address without zeros). */
      readonly suggestion?: string;
    };

/** One entry of a request: the range, or the range with the confirmation a wide range needs. */
export type IpRangeEntry = string | { readonly range: string; readonly confirmWide?: boolean };

export interface IpRangeListProblem {
  /** The entry at fault; undefined for the list as a whole. */
  readonly index: number | undefined;
  readonly problem: IpRangeProblem | 'type' | 'duplicate' | 'wide_unconfirmed' | 'too_many';
  readonly message: string;
  readonly suggestion?: string;
}

export interface IpRangeListCheck {
  /** Each entry's own check, in order (undefined for an entry that is not a text). */
  readonly entries: readonly (IpRangeCheck | undefined)[];
  /** Every problem; empty when the list is accepted. */
  readonly problems: readonly IpRangeListProblem[];
  /** The ranges to store, in order, when there is no problem. */
  readonly ranges: readonly string[];
}

type Address = ipaddr.IPv4 | ipaddr.IPv6;

const MAPPED_IPV4 = ipaddr.IPv6.parse('::ffff:0:0');
const DOTTED = /^\d+(\.\d+){3}$/;

function refuse(problem: IpRangeProblem, message: string, suggestion?: string): IpRangeCheck {
  return { ok: false, problem, message, ...(suggestion === undefined ? {} : { suggestion }) };
}

function hasLeadingZero(part: string): boolean {
  return part.length > 1 && part.startsWith('0');
}

/** An IPv4 dotted quad with its leading zeros removed, when that makes it valid. */
function withoutLeadingZeros(dotted: string): string | undefined {
  const fixed = dotted
    .split('.')
    .map((part) => String(Number(part)))
    .join('.');
  return ipaddr.IPv4.isValidFourPartDecimal(fixed) ? fixed : undefined;
}

function parseAddress(text: string, entry: string): Address | IpRangeCheck {
  if (text.includes('%')) {
    return refuse('zone', `"${entry}" has a zone ("%…"), which names an interface of one host: leave it out`, text.split('%')[0]);
  }
  if (/[[\]]/.test(text)) return refuse('malformed', `"${entry}": write the IPv6 address without brackets`, text.replace(/[[\]]/g, ''));
  if (text.includes(':')) {
    // ipaddr.js accepts an embedded IPv4 tail with leading zeros (::ffff:010.0.0.1); the rule does not.
    const tail = /(\d+(\.\d+){3})$/.exec(text)?.[1];
    const fixedTail = tail && tail.split('.').some(hasLeadingZero) ? withoutLeadingZeros(tail) : undefined;
    if (tail && fixedTail) {
      const fixed = text.slice(0, -tail.length) + fixedTail;
      return refuse('leading_zero', `"${entry}" has a leading zero in its IPv4 part: write ${fixed}`, fixed);
    }
    return ipaddr.IPv6.isValid(text) ? ipaddr.IPv6.parse(text) : refuse('malformed', `"${entry}" is not an IPv6 address`);
  }
  const fixed = DOTTED.test(text) && text.split('.').some(hasLeadingZero) ? withoutLeadingZeros(text) : undefined;
  if (fixed) return refuse('leading_zero', `"${entry}" has a leading zero, which some systems read as octal: write ${fixed}`, fixed);
  if (ipaddr.IPv4.isValidFourPartDecimal(text)) return ipaddr.IPv4.parse(text);
  if (DOTTED.test(text)) return refuse('number_out_of_range', `"${entry}": each of the four numbers must be from 0 to 255`);
  return refuse('malformed', `"${entry}" is not an IP address or CIDR range`);
}

function networkOf(address: Address, prefix: number): Address {
  return address.kind() === 'ipv4'
    ? ipaddr.IPv4.networkAddressFromCIDR(`${address.toString()}/${prefix}`)
    : ipaddr.IPv6.networkAddressFromCIDR(`${address.toString()}/${prefix}`);
}

function written(address: Address, prefix: number): string {
  return prefix === (address.kind() === 'ipv4' ? 32 : 128) ? address.toString() : `${address.toString()}/${prefix}`;
}

/** Whether a valid range must be confirmed: few prefix bits, or every IPv4 address through the mapped block. */
function isWide(address: Address, prefix: number): boolean {
  if (address.kind() === 'ipv4') return prefix < limits.wideIpv4PrefixBelow;
  return prefix < limits.wideIpv6PrefixBelow || (prefix <= 96 && MAPPED_IPV4.match(address as ipaddr.IPv6, prefix));
}

/** How many addresses a range holds. */
export function addressCount(range: string): bigint {
  const [address, prefix] = range.split('/');
  const bits = address!.includes(':') ? 128 : 32;
  return 1n << BigInt(bits - (prefix === undefined ? bits : Number(prefix)));
}

/** A count of addresses for a message: in full up to IPv4's whole space, as a power of two beyond. */
function addressesText(count: bigint): string {
  return count <= 1n << 32n ? count.toLocaleString('en') : `2^${count.toString(2).length - 1}`;
}

/**
 * Checks and normalises one range.
 *
 * @example
 * checkIpRange('203.0.113.0/24');  // { ok: true, range: '203.0.113.0/24', wide: false, addresses: 256n }
 * checkIpRange('203.0.113.10/3');  // { ok: false, problem: 'host_bits', suggestion: '192.0.0.0/3', … }
 */
export function checkIpRange(raw: string): IpRangeCheck {
  const entry = raw.trim();
  if (entry === '') return refuse('required', 'must not be empty');
  if ([...entry].length > limits.ipRangeMaxCharacters)
    return refuse('malformed', `must be at most ${limits.ipRangeMaxCharacters} characters`);
  const parts = entry.split('/');
  if (parts.length > 2) return refuse('malformed', `"${entry}" has more than one "/"`);
  const [addressText = '', prefixText] = parts;
  const parsed = parseAddress(addressText, entry);
  if (!('kind' in parsed)) {
    // A corrected address keeps the prefix that was typed with it.
    return parsed.ok || parsed.suggestion === undefined || prefixText === undefined
      ? parsed
      : { ...parsed, suggestion: `${parsed.suggestion}/${prefixText}` };
  }
  let address: Address = parsed;
  let bits = address.kind() === 'ipv4' ? 32 : 128;
  let prefix = bits;
  if (prefixText !== undefined) {
    if (!/^\d{1,3}$/.test(prefixText) || Number(prefixText) > bits) {
      return refuse('prefix_out_of_range', `the prefix length of "${entry}" must be a number from 0 to ${bits}`);
    }
    prefix = Number(prefixText);
  }
  const prefixZero = prefixText !== undefined && hasLeadingZero(prefixText);
  // An IPv4-mapped IPv6 range is the IPv4 range (the extension matches them alike): store it as IPv4.
  if (address.kind() === 'ipv6' && (address as ipaddr.IPv6).isIPv4MappedAddress() && prefix >= 96) {
    address = (address as ipaddr.IPv6).toIPv4Address();
    prefix -= 96;
    bits = 32;
  }
  const network = networkOf(address, prefix);
  if (prefixZero) {
    const meant = written(network, prefix);
    return refuse('leading_zero', `"${entry}" has a leading zero in its prefix: the range is ${meant}`, meant);
  }
  if (network.toString() !== address.toString()) {
    const meant = written(network, prefix);
    return refuse(
      'host_bits',
      `"${entry}" has bits set after the /${prefix} prefix: the network is ${meant}` +
        (prefix < bits ? ` (for the one address, write ${address.toString()})` : ''),
      meant,
    );
  }
  const range = written(network, prefix);
  return { ok: true, range, wide: isWide(network, prefix), addresses: addressCount(range) };
}

/**
 * Checks a list of ranges as one request sends it: each entry, repeats of an earlier network, wide ranges without
 * their confirmation, and the number of entries.
 *
 * @example
 * checkIpRanges(['10.0.0.0/8']).problems;                          // [{ index: 0, problem: 'wide_unconfirmed', … }]
 * checkIpRanges([{ range: '10.0.0.0/8', confirmWide: true }]).ranges; // ['10.0.0.0/8']
 */
export function checkIpRanges(entries: readonly unknown[]): IpRangeListCheck {
  const problems: IpRangeListProblem[] = [];
  const checks: (IpRangeCheck | undefined)[] = [];
  const firstIndex = new Map<string, number>();
  entries.forEach((entry, index) => {
    const text = typeof entry === 'string' ? entry : (entry as { range?: unknown } | null)?.range;
    if (typeof text !== 'string') {
      checks.push(undefined);
      problems.push({ index, problem: 'type', message: 'must be an IP range, or an object with "range" and "confirmWide"' });
      return;
    }
    const check = checkIpRange(text);
    checks.push(check);
    if (!check.ok) {
      problems.push({
        index,
        problem: check.problem,
        message: check.message,
        ...(check.suggestion ? { suggestion: check.suggestion } : {}),
      });
      return;
    }
    const earlier = firstIndex.get(check.range);
    if (earlier !== undefined) {
      problems.push({ index, problem: 'duplicate', message: `${check.range} is already listed (entry ${earlier + 1})` });
      return;
    }
    firstIndex.set(check.range, index);
    const confirmed = typeof entry === 'object' && (entry as { confirmWide?: unknown }).confirmWide === true;
    if (check.wide && !confirmed) {
      problems.push({
        index,
        problem: 'wide_unconfirmed',
        message: `${check.range} is a wide range (${addressesText(check.addresses)} addresses): it needs a confirmation that it is meant`,
      });
    }
  });
  if (entries.length > limits.ipRangesPerClient) {
    problems.push({ index: undefined, problem: 'too_many', message: `at most ${limits.ipRangesPerClient} IP ranges` });
  }
  const ranges = problems.length === 0 ? checks.map((c) => (c as Extract<IpRangeCheck, { ok: true }>).range) : [];
  return { entries: checks, problems, ranges };
}
