/** When a client last got a token, and its recent refusals, from Keycloak's events. */
import { requireManaged } from './api-client.js';
import type { UseCaseDeps } from './deps.js';
import type { EventRecord } from './gateway.js';
import type { Activity, Refusal, RefusalReason } from './model.js';

export const MAX_REFUSALS = 20;

/**
 * Maps a CLIENT_LOGIN_ERROR event to the reason an administrator understands. The IP-range executor's refusals
 * start with a stable word: `ip_not_allowed` (caller outside the ranges) and `ip_ranges_invalid` (the stored ranges
 * cannot be read: every caller is refused until they are corrected) are told apart; `ip_unknown` is "other".
 */
export function refusalReason(event: Pick<EventRecord, 'error' | 'details'>): RefusalReason {
  const detail = event.details.client_policy_error_detail ?? event.details.reason ?? '';
  if (detail.startsWith('ip_not_allowed')) return 'ip_not_allowed';
  if (detail.startsWith('ip_ranges_invalid')) return 'ip_ranges_invalid';
  switch (event.error) {
    case 'invalid_client_credentials':
      return 'bad_secret';
    case 'client_disabled':
      return 'disabled';
    default:
      return 'other';
  }
}

function refusal(event: EventRecord): Refusal {
  const detail = event.details.client_policy_error_detail ?? event.details.reason;
  return {
    time: new Date(event.time).toISOString(),
    ipAddress: event.ipAddress,
    reason: refusalReason(event),
    error: event.error,
    detail,
  };
}

export async function getActivity(deps: UseCaseDeps, ref: string, options: { byClientId?: boolean } = {}): Promise<Activity> {
  const client = await requireManaged(deps.gateway, ref, options);
  const [logins, errors] = await Promise.all([
    deps.gateway.findEvents({ clientId: client.clientId, type: 'CLIENT_LOGIN', max: 1 }),
    deps.gateway.findEvents({ clientId: client.clientId, type: 'CLIENT_LOGIN_ERROR', max: MAX_REFUSALS }),
  ]);
  const last = logins[0];
  return {
    lastTokenAt: last ? new Date(last.time).toISOString() : undefined,
    lastTokenIpAddress: last?.ipAddress,
    refusals: errors.map(refusal),
  };
}
