/**
 * Before IP ranges change: which addresses the vendor used in the last days would be shut out. The rule is the
 * contract's (`excludedAddresses`), the same the page applies while the administrator types; the addresses come from
 * the client's activity.
 */
import { contract, excludedAddresses } from '@focus-api-access/contract';
import { iso } from './activity.js';
import { targetOf } from './api-client.js';
import { nowOf, type UseCaseDeps } from './deps.js';
import { NotFoundError, ValidationError } from './errors.js';
import { normaliseIpRanges, parseStoredIpRanges } from './ip-ranges.js';
import type { ActivityRecord, ClientRecord } from './gateway.js';
import type { ExcludedAddress, IpRangeCheck } from './model.js';

/** The recently used addresses of `activity` that `ranges` would shut out and the client's current ranges let in. */
function shutOutBy(deps: UseCaseDeps, activity: ActivityRecord, ranges: readonly string[]): ExcludedAddress[] {
  if (ranges.length === 0) return [];
  const seen = activity.addresses.map((a) => ({ address: a.address, lastSeen: iso(a.lastSeen) }));
  const before = parseStoredIpRanges(activity.ipRanges);
  return excludedAddresses(ranges, seen, { now: nowOf(deps), before }).map((s) => ({ ipAddress: s.address, lastSeen: s.lastSeen }));
}

/** The refusal of a change that shuts out recently used addresses without the administrator's confirmation. */
function shutOutUnconfirmed(excluded: readonly ExcludedAddress[]): ValidationError {
  const days = contract.activity.lockoutWarningDays;
  const list = excluded.map((e) => e.ipAddress).join(', ');
  const some = excluded.length === 1 ? '1 address' : `${excluded.length} addresses`;
  return new ValidationError([
    {
      field: 'ipRanges',
      reason: 'excludes_recent_addresses',
      message: `these ranges shut out ${some} used in the last ${days} days (${list}): send confirmExcludedAddresses: true to save them anyway`,
    },
  ]);
}

/**
 * Before new ranges are saved: refused when they shut out recently used addresses and `confirmed` is not true. The
 * check reads the client together with its activity, in one request; that record is returned, so that the change
 * needs no second read (undefined when nothing was read, or no managed client has this id: the change itself then
 * fails as "not found").
 */
export async function refuseUnconfirmedShutOut(
  deps: UseCaseDeps,
  id: string,
  ranges: readonly string[],
  confirmed: unknown,
): Promise<ClientRecord | undefined> {
  // Confirmed, or no ranges at all (every address let in): nothing to check.
  if (confirmed === true || ranges.length === 0) return undefined;
  const activity = await deps.gateway.clientActivity(id);
  if (!activity) return undefined;
  const excluded = shutOutBy(deps, activity, ranges);
  if (excluded.length > 0) throw shutOutUnconfirmed(excluded);
  return activity.client;
}

/**
 * What a change to these IP ranges would do, without changing anything.
 *
 * @example
 * await checkIpRangeChange(deps, id, { ipRanges: ['198.51.100.0/24'] });
 * // { excludedAddresses: [{ ipAddress: '203.0.113.9', lastSeen: '2026-11-30T09:12:00.000Z' }], sinceDays: 30 }
 */
export async function checkIpRangeChange(
  deps: UseCaseDeps,
  ref: string,
  input: { readonly ipRanges?: unknown },
  options: { byClientId?: boolean } = {},
): Promise<IpRangeCheck> {
  const checked = normaliseIpRanges(input.ipRanges ?? []);
  if ('errors' in checked) throw new ValidationError(checked.errors);
  const target = await targetOf(deps.gateway, ref, options);
  // The activity answers for managed clients only.
  const activity = await deps.gateway.clientActivity(target.id);
  if (!activity) throw new NotFoundError(`No API client "${ref}"`);
  return { excludedAddresses: shutOutBy(deps, activity, checked.ranges), sinceDays: contract.activity.lockoutWarningDays };
}
