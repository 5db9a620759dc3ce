/**
 * Which of a client's recently seen source addresses a list of IP ranges would shut out: what the page warns about
 * while the administrator edits the ranges, what the API refuses to save without a confirmation, and what the CLI
 * prints. One function, so that all three say the same. It matches as the extension's check at the token endpoint
 * does (`contract/ip-range-match-cases.json` runs through both): an IPv4 caller is also matched by IPv6 ranges
 * through the IPv4-mapped block (`::/0` lets every IPv4 address in), an IPv4 range never matches an IPv6 caller, and
 * a caller whose address cannot be read is shut out by any restriction.
 */
import ipaddr from 'ipaddr.js';
import { contract } from './contract.js';
import { checkIpRange } from './ip-ranges.js';

/** A source address a client was seen using, and when last (ISO 8601). */
export interface SeenAddress {
  readonly address: string;
  readonly lastSeen: string;
}

type Address = ipaddr.IPv4 | ipaddr.IPv6;

function parseCaller(text: string): Address | undefined {
  const bare = text
    .trim()
    .replace(/^\[|\]$/g, '')
    .split('%')[0]!;
  if (!ipaddr.isValid(bare)) return undefined;
  const address = ipaddr.parse(bare);
  return address.kind() === 'ipv6' && (address as ipaddr.IPv6).isIPv4MappedAddress() ? (address as ipaddr.IPv6).toIPv4Address() : address;
}

function contains(range: string, caller: Address): boolean {
  const [network, prefix] = ipaddr.parseCIDR(range.includes('/') ? range : `${range}/${range.includes(':') ? 128 : 32}`);
  if (network.kind() === caller.kind()) return caller.match(network, prefix);
  // An IPv4 caller is also the IPv4-mapped IPv6 address; an IPv6 caller never falls in an IPv4 range.
  return caller.kind() === 'ipv4' && (caller as ipaddr.IPv4).toIPv4MappedAddress().match(network, prefix);
}

/**
 * Whether ranges let an address through. `ranges` are entries as typed or stored: an entry that is not a valid range
 * lets nothing through; an empty list is no restriction.
 *
 * @example
 * rangesAllow(['203.0.113.0/24'], '203.0.113.9'); // true
 * rangesAllow(['::/0'], '192.0.2.1');              // true: IPv4 through the IPv4-mapped block
 */
export function rangesAllow(ranges: readonly string[], address: string): boolean {
  if (ranges.length === 0) return true;
  const caller = parseCaller(address);
  if (caller === undefined) return false;
  return ranges.some((entry) => {
    const check = checkIpRange(entry);
    return check.ok && contains(check.range, caller);
  });
}

export interface ExclusionOptions {
  readonly now: Date;
  /** How far back an address counts as recently used; default the contract's `activity.lockoutWarningDays`. */
  readonly days?: number;
  /** The ranges in force now: an address they already shut out is no news of this change. */
  readonly before?: readonly string[];
}

/**
 * The recently seen addresses that `ranges` would shut out (and the ranges `before`, when given, let in), most recently
 * seen first.
 *
 * @example
 * excludedAddresses(['198.51.100.0/24'], [{ address: '203.0.113.9', lastSeen: '2026-11-30T10:00:00Z' }], { now });
 * // [{ address: '203.0.113.9', lastSeen: '2026-11-30T10:00:00Z' }]
 */
export function excludedAddresses(ranges: readonly string[], seen: readonly SeenAddress[], options: ExclusionOptions): SeenAddress[] {
  const days = options.days ?? contract.activity.lockoutWarningDays;
  const since = options.now.getTime() - days * 24 * 3600 * 1000;
  const before = options.before ?? [];
  return seen
    .filter((s) => Date.parse(s.lastSeen) >= since && !rangesAllow(ranges, s.address) && rangesAllow(before, s.address))
    .sort((a, b) => Date.parse(b.lastSeen) - Date.parse(a.lastSeen));
}
