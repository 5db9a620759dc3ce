/**
 * Before IP ranges change: which addresses the vendor used in the last days would be shut out. The rule is the
 * contract's (`excludedAddresses`), the same the page applies while the administrator types and the extension applies
 * to the update itself (`contract/address-exclusion-cases.json` runs through both); the addresses come from the
 * client's activity.
 */
import { contract, excludedAddresses } from '@focus-api-access/contract';
import { iso } from './activity.js';
import { targetOf } from './api-client.js';
import { nowOf, type UseCaseDeps } from './deps.js';
import { NotFoundError, ValidationError } from './errors.js';
import { normaliseIpRanges, parseStoredIpRanges } from './ip-ranges.js';
import type { ActivityRecord } from './gateway.js';
import type { ExcludedAddress, IpRangeCheck } from './model.js';

/** The recently used addresses of `activity` that `ranges` would shut out and the client's current ranges let in. */
function shutOutBy(deps: UseCaseDeps, activity: ActivityRecord, ranges: readonly string[]): ExcludedAddress[] {
  if (ranges.length === 0) return [];
  const seen = activity.addresses.map((a) => ({ address: a.address, lastSeen: iso(a.lastSeen) }));
  const before = parseStoredIpRanges(activity.ipRanges);
  return excludedAddresses(ranges, seen, { now: nowOf(deps), before }).map((s) => ({ ipAddress: s.address, lastSeen: s.lastSeen }));
}

/**
 * The refusal of new ranges that shut out these recently used addresses without the administrator's confirmation.
 * Keycloak makes the check itself, in the update's own transaction (the extension's `focus-address-exclusion`, the
 * same rule); the gateway turns its refusal into this error. How to confirm is each interface's to say (the API's
 * `confirmExcludedAddresses`, the CLI's `--confirm-excluded-addresses`, the page's check box).
 */
export function excludesRecentAddresses(addresses: readonly string[]): ValidationError {
  const days = contract.activity.lockoutWarningDays;
  const some = addresses.length === 1 ? '1 address' : `${addresses.length} addresses`;
  return new ValidationError([
    {
      field: 'ipRanges',
      reason: 'excludes_recent_addresses',
      message: `these ranges shut out ${some} used in the last ${days} days (${addresses.join(', ')}); they are saved only when that is confirmed`,
    },
  ]);
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
