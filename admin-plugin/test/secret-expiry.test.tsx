import { describe, expect, it } from '@jest/globals';
import { screen, waitFor, within } from '@testing-library/react';
import { apiClient, fakeApi } from './support/fake-api.js';
import { renderPage } from './support/render.js';

const withCredentials = { credentialsGeneratedAt: '2026-11-01T10:00:00Z' };

describe('when secrets expire', () => {
  it('shows in the overview: a date while far off, marked when near, and expired once past', async () => {
    const api = fakeApi({
      clients: [
        apiClient({
          ...withCredentials,
          id: 'id-1',
          clientId: 'api-far',
          name: 'Far',
          secretExpiry: 'valid',
          secretExpiresAt: '2027-11-01T10:00:00Z',
        }),
        apiClient({
          ...withCredentials,
          id: 'id-2',
          clientId: 'api-near',
          name: 'Near',
          secretExpiry: 'expiring',
          secretExpiresAt: '2026-11-20T10:00:00Z',
        }),
        apiClient({
          ...withCredentials,
          id: 'id-3',
          clientId: 'api-past',
          name: 'Past',
          secretExpiry: 'expired',
          secretExpiresAt: '2026-10-01T10:00:00Z',
        }),
        apiClient({ ...withCredentials, id: 'id-4', clientId: 'api-never', name: 'Never' }),
      ],
    });
    renderPage(api);
    const rows = await screen.findAllByTestId('client-row');
    const expiry = (index: number) => within(rows[index]!).queryByTestId('client-secret-expiry');
    expect(expiry(0)).toHaveTextContent(/^Paswoord geldig tot .*2027/);
    expect(expiry(1)).toHaveTextContent(/^Paswoord verloopt op .*2026/);
    expect(expiry(2)).toHaveTextContent('Paswoord verlopen');
    expect(expiry(3)).toBeNull();
  });

  it('warns on the detail page, whose action asks for new credentials', async () => {
    const api = fakeApi({
      clients: [apiClient({ ...withCredentials, secretExpiry: 'expiring', secretExpiresAt: '2026-11-20T10:00:00Z' })],
    });
    const { user } = renderPage(api);
    await user.click(await screen.findByTestId('client-link'));
    const alert = await screen.findByTestId('secret-expiry-alert');
    expect(alert).toHaveTextContent(/Het Client Paswoord verloopt op .*2026/);
    expect(screen.getByTestId('detail-secret-expires')).toHaveTextContent(/2026.*verloopt binnenkort/);
    await user.click(within(alert).getByTestId('expiry-regenerate'));
    expect(await screen.findByRole('dialog', { name: 'Nieuwe inloggegevens genereren?' })).toBeInTheDocument();
  });

  it('says so on the detail page once expired, and "onbeperkt" for a secret without expiry', async () => {
    const api = fakeApi({
      clients: [
        apiClient({ ...withCredentials, id: 'id-1', secretExpiry: 'expired', secretExpiresAt: '2026-10-01T10:00:00Z' }),
        apiClient({ ...withCredentials, id: 'id-2', clientId: 'api-never', name: 'Never' }),
      ],
    });
    const { user } = renderPage(api);
    await user.click((await screen.findAllByTestId('client-link'))[0]!);
    expect(await screen.findByTestId('secret-expiry-alert')).toHaveTextContent('Het Client Paswoord is verlopen');
    await user.click(screen.getByTestId('breadcrumb-overview'));
    await user.click((await screen.findAllByTestId('client-link'))[1]!);
    expect(await screen.findByTestId('detail-secret-expires')).toHaveTextContent('onbeperkt');
    expect(screen.queryByTestId('secret-expiry-alert')).toBeNull();
  });

  it('says there are no credentials yet, not "onbeperkt", before the first generation', async () => {
    const api = fakeApi({ clients: [apiClient({ credentialsGeneratedAt: undefined })] });
    const { user } = renderPage(api);
    await user.click(await screen.findByTestId('client-link'));
    expect(await screen.findByTestId('detail-secret-expires')).toHaveTextContent(/^Nog geen inloggegevens$/);
    expect(screen.getByTestId('detail-credentials-generated')).toHaveTextContent('nog niet');
  });

  it('is chosen when regenerating, and the credentials say until when they work', async () => {
    const api = fakeApi({ clients: [apiClient(withCredentials)] });
    const { user } = renderPage(api);
    await user.click(await screen.findByTestId('row-actions'));
    await user.click(await screen.findByRole('menuitem', { name: 'Nieuwe inloggegevens genereren' }));
    const confirm = screen.getByRole('dialog', { name: 'Nieuwe inloggegevens genereren?' });
    const choice = within(confirm).getByLabelText('Geldigheid van het Client Paswoord');
    expect(choice).toHaveDisplayValue('Onbeperkt');
    expect([...(choice as HTMLSelectElement).options].map((o) => o.text)).toEqual([
      'Onbeperkt',
      '90 dagen',
      '180 dagen',
      '1 jaar',
      '2 jaar',
    ]);
    await user.selectOptions(choice, '1 jaar');
    await user.click(within(confirm).getByRole('button', { name: 'Inloggegevens genereren' }));
    expect(api.generateCredentials).toHaveBeenCalledWith('id-1', {
      revokePrevious: false,
      requestKey: expect.any(String),
      expiresInDays: 365,
    });
    expect(await screen.findByTestId('credentials-expiry')).toHaveTextContent(/^Het Client Paswoord is geldig tot .*2027.*\.$/);
    expect(screen.getByTestId('credentials-handover')).toHaveTextContent(/Het Client Paswoord werkt tot .*2027/);
  });

  it('never expires unless chosen otherwise, and the credentials say so', async () => {
    const api = fakeApi({ clients: [apiClient(withCredentials)] });
    const { user } = renderPage(api);
    await user.click(await screen.findByTestId('row-actions'));
    await user.click(await screen.findByRole('menuitem', { name: 'Nieuwe inloggegevens genereren' }));
    await user.click(
      within(screen.getByRole('dialog', { name: 'Nieuwe inloggegevens genereren?' })).getByRole('button', {
        name: 'Inloggegevens genereren',
      }),
    );
    expect(await screen.findByTestId('credentials-expiry')).toHaveTextContent('Het Client Paswoord verloopt niet.');
    expect(api.generateCredentials.mock.calls[0]![1].expiresInDays).toBeUndefined();
    expect(screen.getByTestId('credentials-handover')).not.toHaveTextContent('werkt tot');
  });

  it('is chosen in the form for the first credentials, and not offered there once a client has them', async () => {
    const api = fakeApi({ clients: [apiClient(withCredentials)] });
    const { user } = renderPage(api);
    await user.click(await screen.findByTestId('add-client'));
    await user.type(await screen.findByLabelText(/Naam client/), 'API Expiring');
    await user.click(screen.getByTestId('add-service-empty'));
    const services = await screen.findByRole('dialog', { name: 'Service toevoegen' });
    await user.selectOptions(within(services).getByLabelText(/Client software kiezen/), 'openhappening-eaglebe');
    await user.click(within(services).getByRole('button', { name: 'Toevoegen' }));
    await user.selectOptions(screen.getByLabelText('Geldigheid van het Client Paswoord'), '90 dagen');
    await user.click(screen.getByRole('button', { name: 'Inloggegevens genereren' }));
    await screen.findByRole('dialog', { name: 'Inloggegevens genereren' });
    expect(api.generateCredentials).toHaveBeenCalledWith('id-2', {
      revokePrevious: false,
      requestKey: expect.any(String),
      expiresInDays: 90,
    });
    await user.click(screen.getByTestId('credentials-ok'));
    await user.click(await screen.findByTestId('credentials-unconfirmed-confirm'));

    await user.click((await screen.findAllByTestId('row-actions'))[0]!);
    await user.click(await screen.findByRole('menuitem', { name: 'Bewerken' }));
    await screen.findByLabelText(/Naam client/);
    await waitFor(() => expect(screen.queryByLabelText('Geldigheid van het Client Paswoord')).toBeNull());
  });

  it('names an expired secret as the reason of a refusal', async () => {
    const api = fakeApi({ clients: [apiClient(withCredentials)] });
    api.activity.mockResolvedValue({
      addresses: [],
      refusals: [{ reason: 'expired', refusals: 2, sources: 1, lastAt: '2026-11-02T10:00:00Z' }],
    });
    const { user } = renderPage(api);
    await user.click(await screen.findByTestId('client-link'));
    expect(await screen.findByTestId('activity-refusal-group-expired')).toHaveTextContent('Client Paswoord verlopen (2)');
  });
});
