import { describe, expect, it } from '@jest/globals';
import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { ApiAccessPage } from '../src/ApiAccessPage.js';
import { en } from '../src/i18n/en.js';
import { fr } from '../src/i18n/fr.js';
import { LANGUAGES, languageFor } from '../src/i18n/index.js';
import { nl } from '../src/i18n/nl.js';
import { apiClient, fakeApi } from './support/fake-api.js';

function keys(tree: object, prefix = ''): string[] {
  return Object.entries(tree).flatMap(([key, value]) =>
    typeof value === 'string' ? [`${prefix}${key}`] : keys(value as object, `${prefix}${key}.`),
  );
}

describe('languages', () => {
  it('fr and en have exactly the Dutch keys', () => {
    expect(keys(fr).sort()).toEqual(keys(nl).sort());
    expect(keys(en).sort()).toEqual(keys(nl).sort());
  });

  it.each([
    ['nl', 'nl'],
    ['fr-BE', 'fr'],
    ['en_GB', 'en'],
    ['de', 'nl'],
    [undefined, 'nl'],
  ])('host locale %s shows %s', (locale, language) => {
    expect(languageFor(locale)).toBe(language);
  });

  it.each(LANGUAGES)('%s renders every screen without a missing key', async (language) => {
    const missing: string[] = [];
    const user = userEvent.setup();
    const api = fakeApi({ clients: [apiClient({ previousSecretValidUntil: '2026-11-03T10:00:00Z', ipRanges: ['192.0.2.0/24'] })] });
    api.activity.mockResolvedValue({
      lastUse: { time: '2026-11-02T10:00:00Z', ipAddress: '192.0.2.10' },
      addresses: [
        { ipAddress: '192.0.2.10', firstSeen: '2026-10-02T10:00:00Z', lastSeen: new Date().toISOString() },
        { ipAddress: '192.0.2.11', firstSeen: '2026-10-02T10:00:00Z', lastSeen: new Date().toISOString() },
      ],
      refusals: [
        { reason: 'ip_not_allowed', refusals: 3, sources: 1, lastAt: '2026-11-02T11:00:00Z' },
        { reason: 'other', refusals: 1, sources: 1, lastAt: '2026-11-02T11:00:00Z' },
      ],
    });
    api.refusals.mockImplementation(async (_id, { reason, first, max }) => ({
      reason,
      first,
      max,
      total: 1,
      items: [
        {
          ipAddress: '198.51.100.7',
          error: 'unauthorized_client',
          firstAt: '2026-11-02T10:00:00Z',
          lastAt: '2026-11-02T11:00:00Z',
          refusals: 3,
        },
      ],
    }));
    render(
      <ApiAccessPage
        apiBaseUrl=""
        getAccessToken={async () => 'token'}
        locale={language}
        client={api}
        onMissingTranslation={(key) => missing.push(key)}
      />,
    );
    // Overview with a row, its action menu, the detail page with activity, the form and both dialogs.
    await user.click(await screen.findByTestId('row-actions'));
    // The test id sits on the menu item; the menuitem role on the button inside it.
    await user.click(within(await screen.findByTestId('action-details')).getByRole('menuitem'));
    await screen.findByTestId('activity-refusals');
    await screen.findByTestId('activity-addresses');
    await user.click(screen.getByTestId('activity-refusal-group-other'));
    await screen.findByText('unauthorized_client');
    await user.click(screen.getByTestId('action-regenerate'));
    await user.click(within(screen.getByTestId('regenerate-dialog')).getByTestId('regenerate-dialog-confirm'));
    await user.click(await screen.findByTestId('credentials-ok'));
    await user.click(await screen.findByTestId('credentials-unconfirmed-confirm'));
    await user.click(screen.getByTestId('action-edit'));
    // Narrowing the range shuts out both recent addresses: the warning, its confirmation and its error.
    await user.clear(await screen.findByTestId('ip-range-0'));
    await user.type(screen.getByTestId('ip-range-0'), '203.0.113.0/24');
    await screen.findByTestId('ip-ranges-excluded');
    await user.click(screen.getByTestId('form-save'));
    await screen.findByTestId('ip-ranges-excluded-error');
    await user.click(await screen.findByTestId('add-service'));
    await screen.findByTestId('service-dialog');
    expect(missing).toEqual([]);
  });
});
