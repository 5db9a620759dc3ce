/** When a client last got a token, and its recent refusals, from Keycloak's events. */
import { requireManaged } from './api-client.js';
import type { UseCaseDeps } from './deps.js';
import type { EventRecord } from './gateway.js';
import type { Activity, Refusal, RefusalReason } from './model.js';

export const MAX_REFUSALS = 20;

/** Leading words of the refusal descriptions of Keycloak's extension (its digest authenticator and IP-range executor). */
const DESCRIBED: ReadonlyArray<[string, RefusalReason]> = [
  ['ip_not_allowed', 'ip_not_allowed'],
  ['ip_ranges_invalid', 'ip_ranges_invalid'],
  ['invalid_secret', 'bad_secret'],
  ['expired', 'expired'],
  ['disabled', 'disabled'],
];

/**
 * Maps a CLIENT_LOGIN_ERROR event to the reason an administrator understands. The extension's refusals start with a
 * stable word (in `client_policy_error_detail` from the IP-range executor, in `reason` from the digest authenticator):
 * `ip_not_allowed` (caller outside the ranges), `ip_ranges_invalid` (the stored ranges cannot be read: every caller is
 * refused until they are corrected), `invalid_secret`, `expired` (the secret's expiry has passed), `disabled`;
 * `ip_unknown` is "other". Refusals of clients still on a secret in clear carry Keycloak's own error codes.
 */
export function refusalReason(event: Pick<EventRecord, 'error' | 'details'>): RefusalReason {
  const detail = event.details.client_policy_error_detail ?? event.details.reason ?? '';
  const described = DESCRIBED.find(([word]) => detail.startsWith(`${word}:`));
  if (described) return described[1];
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
