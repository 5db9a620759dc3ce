import { refusalReason } from '../../src/core/activity.js';

describe('refusalReason', () => {
  test.each([
    [{ error: 'invalid_client_credentials', details: {} }, 'bad_secret'],
    [{ error: 'client_disabled', details: {} }, 'disabled'],
    [
      {
        error: 'client_policy_error',
        details: { reason: 'client_policy_error', client_policy_error_detail: 'ip_not_allowed: 10.1.1.1 is not in the IP ranges' },
      },
      'ip_not_allowed',
    ],
    [
      { error: 'unauthorized_client', details: { client_policy_error_detail: 'ip_ranges_invalid: the IP ranges … cannot be read' } },
      'ip_ranges_invalid',
    ],
    [{ error: 'unauthorized_client', details: { client_policy_error_detail: 'ip_unknown: the caller address …' } }, 'other'],
    // The digest authenticator: every refusal is invalid_client_credentials (or client_disabled); the reason says why.
    [{ error: 'invalid_client_credentials', details: { reason: 'ip_not_allowed: 10.1.1.1 is not in the IP ranges' } }, 'ip_not_allowed'],
    [{ error: 'invalid_client_credentials', details: { reason: 'invalid_secret: the secret is not this client’s' } }, 'bad_secret'],
    [{ error: 'invalid_client_credentials', details: { reason: 'expired: the secret expired at 2026-01-01T00:00:00Z' } }, 'expired'],
    [{ error: 'client_disabled', details: { reason: 'disabled: the client is disabled' } }, 'disabled'],
    [
      { error: 'invalid_client_credentials', details: { reason: 'ip_ranges_invalid: the IP ranges … cannot be read' } },
      'ip_ranges_invalid',
    ],
    [{ error: 'invalid_client_credentials', details: { reason: 'expiredish without a colon' } }, 'bad_secret'],
    [{ error: 'client_not_found', details: {} }, 'other'],
    [{ error: undefined, details: {} }, 'other'],
  ])('%j → %s', (event, reason) => {
    expect(refusalReason(event)).toBe(reason);
  });
});
