import type { RefusalGroup } from '../api/types.js';

/** The administrator's words for each refusal reason (keys under activity.reasons). */
export const REASON_KEYS: Record<RefusalGroup['reason'], string> = {
  ip_not_allowed: 'activity.reasons.ipNotAllowed',
  ip_ranges_invalid: 'activity.reasons.ipRangesInvalid',
  bad_secret: 'activity.reasons.invalidSecret',
  expired: 'activity.reasons.expired',
  disabled: 'activity.reasons.disabled',
  other: 'activity.reasons.other',
};
