import { describe, expect, it } from '@jest/globals';
import { act, screen, waitFor, within } from '@testing-library/react';
import { ApiError } from '../src/api/errors.js';
import { apiClient, fakeApi } from './support/fake-api.js';
import { renderPage } from './support/render.js';

describe('overview of API clients', () => {
  it('shows an empty state with Client toevoegen', async () => {
    renderPage(fakeApi());
    const empty = await screen.findByTestId('empty-state');
    expect(within(empty).getByRole('button', { name: 'Client toevoegen' })).toBeInTheDocument();
  });

  it('lists name, Client ID, services by label, IP ranges, status, creator and last use from the one list request', async () => {
    const api = fakeApi({
      clients: [
        apiClient({ ipRanges: ['192.0.2.0/24'], services: ['openhappening-eaglebe'] }),
        apiClient({
          id: 'id-2',
          clientId: 'api-other-9f8e',
          name: 'API Other',
          enabled: false,
          lastUse: { time: '2026-11-02T10:00:00Z', ipAddress: '198.51.100.7' },
        }),
      ],
    });
    renderPage(api);
    const rows = await screen.findAllByTestId('client-row');
    expect(rows).toHaveLength(2);
    const first = within(rows[0]!);
    expect(first.getByText('API Eaglebe')).toBeInTheDocument();
    expect(first.getByText('api-eaglebe-1a2b')).toBeInTheDocument();
    expect(await first.findByText('OpenHappening integration Eaglebe')).toBeInTheDocument();
    expect(first.getByText('192.0.2.0/24')).toBeInTheDocument();
    expect(first.getByTestId('client-status')).toHaveTextContent('Actief');
    expect(first.getByText(/door beheerder/)).toBeInTheDocument();
    expect(first.getByTestId('client-last-used')).toHaveTextContent('nog nooit gebruikt');
    expect(within(rows[1]!).getByTestId('client-status')).toHaveTextContent('Uitgeschakeld');
    expect(within(rows[1]!).getByTestId('client-last-used')).toHaveTextContent(/2026.*vanaf 198\.51\.100\.7/);
    expect(api.listClients).toHaveBeenCalledTimes(1);
    expect(api.activity).not.toHaveBeenCalled();
    expect(api.getClient).not.toHaveBeenCalled();
  });

  it('pages by the total the API gives', async () => {
    const clients = Array.from({ length: 23 }, (_, i) =>
      apiClient({ id: `id-${i}`, clientId: `api-c-${String(i).padStart(2, '0')}`, name: `Client ${String(i).padStart(2, '0')}` }),
    );
    const api = fakeApi({ clients });
    const { user } = renderPage(api);
    expect(await screen.findAllByTestId('client-row')).toHaveLength(10);
    expect(screen.getByTestId('pagination-bottom')).toHaveTextContent('1 - 10 van 23');
    await user.click(within(screen.getByTestId('pagination-bottom')).getByRole('button', { name: 'Naar de laatste pagina' }));
    await waitFor(() => expect(screen.getAllByTestId('client-row')).toHaveLength(3));
    expect(api.listClients).toHaveBeenLastCalledWith({ search: '', first: 20, max: 10 });
  });

  it('searches by name on the server', async () => {
    const api = fakeApi({ clients: [apiClient(), apiClient({ id: 'id-2', clientId: 'api-other-7x8y', name: 'Other' })] });
    const { user } = renderPage(api);
    await screen.findAllByTestId('client-row');
    await user.type(screen.getByRole('textbox', { name: 'Zoeken op naam of Client ID' }), 'eagle');
    await waitFor(() => expect(screen.getAllByTestId('client-row')).toHaveLength(1));
    expect(api.listClients).toHaveBeenLastCalledWith({ search: 'eagle', first: 0, max: 10 });
    await user.clear(screen.getByRole('textbox', { name: 'Zoeken op naam of Client ID' }));
    await user.type(screen.getByRole('textbox', { name: 'Zoeken op naam of Client ID' }), 'nothing');
    expect(await screen.findByTestId('no-match')).toHaveTextContent('nothing');
  });

  it('deletes a client: confirm naming it, call, alert', async () => {
    const api = fakeApi({ clients: [apiClient()] });
    const { user } = renderPage(api);
    await user.click(await screen.findByRole('button', { name: 'Acties voor API Eaglebe' }));
    await user.click(await screen.findByRole('menuitem', { name: 'Verwijderen' }));
    const dialog = screen.getByRole('dialog', { name: 'API client verwijderen?' });
    expect(dialog).toHaveTextContent('"API Eaglebe"');
    expect(api.deleteClient).not.toHaveBeenCalled();
    await user.click(within(dialog).getByRole('button', { name: 'Verwijderen' }));
    expect(api.deleteClient).toHaveBeenCalledWith('id-1');
    expect(await screen.findByTestId('alert-success')).toHaveTextContent('API client "API Eaglebe" werd verwijderd.');
    expect(await screen.findByTestId('empty-state')).toBeInTheDocument();
  });

  it('disables after confirmation and enables at once', async () => {
    const api = fakeApi({ clients: [apiClient()] });
    const { user } = renderPage(api);
    await user.click(await screen.findByTestId('row-actions'));
    await user.click(await screen.findByRole('menuitem', { name: 'Uitschakelen' }));
    await user.click(
      within(screen.getByRole('dialog', { name: 'API client uitschakelen?' })).getByRole('button', { name: 'Uitschakelen' }),
    );
    expect(api.updateClient).toHaveBeenCalledWith('id-1', { enabled: false });
    await waitFor(() => expect(screen.getByTestId('client-status')).toHaveTextContent('Uitgeschakeld'));
    await user.click(screen.getByTestId('row-actions'));
    await user.click(await screen.findByRole('menuitem', { name: 'Inschakelen' }));
    expect(api.updateClient).toHaveBeenLastCalledWith('id-1', { enabled: true });
  });

  it('regenerates with the grace period, or revokes the old secret at once when asked', async () => {
    const api = fakeApi({ clients: [apiClient({ credentialsGeneratedAt: '2026-11-01T10:00:00Z' })] });
    const { user } = renderPage(api);
    await user.click(await screen.findByTestId('row-actions'));
    await user.click(await screen.findByRole('menuitem', { name: 'Nieuwe inloggegevens genereren' }));
    const confirm = screen.getByRole('dialog', { name: 'Nieuwe inloggegevens genereren?' });
    expect(confirm).toHaveTextContent('overgangsperiode');
    await user.click(within(confirm).getByRole('checkbox', { name: /Vorige inloggegevens meteen intrekken/ }));
    await user.click(within(confirm).getByRole('button', { name: 'Inloggegevens genereren' }));
    expect(api.generateCredentials).toHaveBeenCalledWith('id-1', { revokePrevious: true, requestKey: expect.any(String) });
    expect(await screen.findByTestId('credentials-previous')).toHaveTextContent('De vorige inloggegevens werken niet meer.');
  });

  it('says how long the previous secret keeps working, from the realm, before the generation', async () => {
    const api = fakeApi({ clients: [apiClient({ credentialsGeneratedAt: '2026-11-01T10:00:00Z' })], secretGraceSeconds: 2 * 86_400 });
    const { user } = renderPage(api);
    await user.click(await screen.findByTestId('row-actions'));
    await user.click(await screen.findByRole('menuitem', { name: 'Nieuwe inloggegevens genereren' }));
    const confirm = screen.getByRole('dialog', { name: 'Nieuwe inloggegevens genereren?' });
    expect(await within(confirm).findByTestId('regenerate-grace')).toHaveTextContent(
      'Het vorige Client Paswoord blijft na het genereren nog 2 dagen werken.',
    );
  });

  it('says the previous secret works until its own expiry when that comes before the end of the grace period', async () => {
    const soon = new Date(Date.now() + 3_600_000).toISOString();
    const api = fakeApi({
      clients: [apiClient({ credentialsGeneratedAt: '2026-11-01T10:00:00Z', secretExpiresAt: soon, secretExpiry: 'expiring' })],
      secretGraceSeconds: 86_400,
    });
    const { user } = renderPage(api);
    await user.click(await screen.findByTestId('row-actions'));
    await user.click(await screen.findByRole('menuitem', { name: 'Nieuwe inloggegevens genereren' }));
    const confirm = screen.getByRole('dialog', { name: 'Nieuwe inloggegevens genereren?' });
    expect(await within(confirm).findByTestId('regenerate-grace')).toHaveTextContent(/werken tot het verloopt, op /);
  });

  it('a first generation says nothing of a previous secret', async () => {
    const api = fakeApi({ clients: [apiClient({ credentialsGeneratedAt: undefined })] });
    const { user } = renderPage(api);
    await user.click(await screen.findByTestId('row-actions'));
    await user.click(await screen.findByRole('menuitem', { name: 'Nieuwe inloggegevens genereren' }));
    const confirm = await screen.findByRole('dialog', { name: 'Inloggegevens genereren?' });
    expect(within(confirm).queryByTestId('regenerate-grace')).toBeNull();
    expect(api.settings).not.toHaveBeenCalled();
  });

  it('sends a new request key with each click on generate, and the same key never twice', async () => {
    const api = fakeApi({ clients: [apiClient({ credentialsGeneratedAt: '2026-11-01T10:00:00Z' })] });
    const { user } = renderPage(api);
    for (let click = 0; click < 2; click++) {
      await user.click(await screen.findByTestId('row-actions'));
      await user.click(await screen.findByRole('menuitem', { name: 'Nieuwe inloggegevens genereren' }));
      await user.click(
        within(screen.getByRole('dialog', { name: 'Nieuwe inloggegevens genereren?' })).getByRole('button', {
          name: 'Inloggegevens genereren',
        }),
      );
      await user.click(await screen.findByTestId('credentials-ok'));
      await user.click(await screen.findByTestId('credentials-unconfirmed-confirm'));
    }
    const keys = api.generateCredentials.mock.calls.map(([, options]) => options.requestKey);
    expect(keys).toHaveLength(2);
    expect(keys[0]).toMatch(/^[0-9a-f-]{36}$/);
    expect(keys[1]).not.toBe(keys[0]);
  });

  it('says that credentials were made but not delivered, and until when the previous ones work', async () => {
    const api = fakeApi({ clients: [apiClient({ credentialsGeneratedAt: '2026-11-01T10:00:00Z' })] });
    api.generateCredentials.mockRejectedValueOnce(
      new ApiError('not-delivered', 'lost', {}, 409, { status: 'valid', validUntil: '2026-11-03T10:00:00Z' }),
    );
    const { user } = renderPage(api);
    await user.click(await screen.findByTestId('row-actions'));
    await user.click(await screen.findByRole('menuitem', { name: 'Nieuwe inloggegevens genereren' }));
    await user.click(
      within(screen.getByRole('dialog', { name: 'Nieuwe inloggegevens genereren?' })).getByRole('button', {
        name: 'Inloggegevens genereren',
      }),
    );
    const alert = await screen.findByTestId('alert-danger');
    expect(alert).toHaveTextContent('Er werden nieuwe inloggegevens aangemaakt, maar ze gingen onderweg verloren');
    expect(alert).toHaveTextContent(/De vorige inloggegevens blijven geldig tot .*2026/);
    expect(screen.queryByTestId('credentials-dialog')).toBeNull();
  });

  it('shows an error in words with a retry when the list cannot be loaded', async () => {
    const api = fakeApi({ clients: [apiClient()] });
    api.listClients.mockRejectedValueOnce(new ApiError('unavailable', 'Keycloak unavailable', {}, 503));
    const { user } = renderPage(api);
    expect(await screen.findByTestId('load-error')).toHaveTextContent('De dienst is tijdelijk niet beschikbaar.');
    await user.click(screen.getByRole('button', { name: 'Opnieuw proberen' }));
    expect(await screen.findAllByTestId('client-row')).toHaveLength(1);
  });

  it('detail: last use, recent addresses and refusals grouped by reason, each with its own pages', async () => {
    const api = fakeApi({ clients: [apiClient()] });
    api.activity.mockResolvedValue({
      lastUse: { time: '2026-11-02T10:00:00Z', ipAddress: '203.0.113.9' },
      addresses: [{ ipAddress: '203.0.113.9', firstSeen: '2026-10-01T08:00:00Z', lastSeen: '2026-11-02T10:00:00Z' }],
      refusals: [
        { reason: 'ip_not_allowed', refusals: 40, sources: 25, lastAt: '2026-11-02T11:00:00Z' },
        { reason: 'bad_secret', refusals: 7, sources: 1, lastAt: '2026-11-01T11:00:00Z' },
      ],
    });
    api.refusals.mockImplementation(async (_id, { reason, first, max }) => ({
      reason,
      first,
      max,
      total: reason === 'ip_not_allowed' ? 25 : 1,
      items: Array.from({ length: reason === 'ip_not_allowed' ? Math.min(max, 25 - first) : 1 }, (_, i) => ({
        ipAddress: reason === 'ip_not_allowed' ? `198.51.100.${first + i}` : '192.0.2.66',
        error: reason === 'ip_not_allowed' ? 'unauthorized_client' : 'invalid_client_credentials',
        firstAt: '2026-11-01T09:00:00Z',
        lastAt: '2026-11-02T11:00:00Z',
        refusals: 1,
      })),
    }));
    const { user } = renderPage(api);
    await user.click(await screen.findByTestId('client-link'));
    expect(await screen.findByTestId('activity-last-used')).toHaveTextContent(/2026.*vanaf 203\.0\.113\.9/);
    expect(screen.getAllByTestId('activity-address-row')).toHaveLength(1);
    expect(screen.getByTestId('activity-refusal-group-ip_not_allowed')).toHaveTextContent('IP-adres niet toegelaten (40)');
    expect(screen.getByTestId('activity-refusal-group-bad_secret')).toHaveTextContent('Verkeerd Client Paswoord (7)');
    await waitFor(() => expect(screen.getAllByTestId('activity-refusal-row')).toHaveLength(10));
    expect(api.refusals).toHaveBeenLastCalledWith('id-1', { reason: 'ip_not_allowed', first: 0, max: 10 });

    await user.click(within(screen.getByTestId('activity-refusals-pagination')).getByRole('button', { name: 'Naar de volgende pagina' }));
    await waitFor(() => expect(api.refusals).toHaveBeenLastCalledWith('id-1', { reason: 'ip_not_allowed', first: 10, max: 10 }));
    expect(await screen.findByText('198.51.100.10')).toBeInTheDocument();

    await user.click(screen.getByTestId('activity-refusal-group-bad_secret'));
    expect(await screen.findByText('192.0.2.66')).toBeInTheDocument();
    expect(api.refusals).toHaveBeenLastCalledWith('id-1', { reason: 'bad_secret', first: 0, max: 10 });
    expect(screen.getAllByTestId('activity-refusal-row')).toHaveLength(1);
  });

  it('marks the clients that have no credentials yet', async () => {
    const api = fakeApi({
      clients: [
        apiClient({ id: 'id-1', name: 'API Zonder' }),
        apiClient({ id: 'id-2', clientId: 'api-met-1', name: 'API Met', credentialsGeneratedAt: '2026-11-01T10:00:00Z' }),
      ],
    });
    renderPage(api);
    const rows = await screen.findAllByTestId('client-row');
    const without = rows.find((row) => row.textContent?.includes('API Zonder'))!;
    const withCredentials = rows.find((row) => row.textContent?.includes('API Met'))!;
    expect(within(without).getByTestId('client-no-credentials')).toHaveTextContent('Nog geen inloggegevens');
    expect(within(withCredentials).queryByTestId('client-no-credentials')).toBeNull();
  });

  it('says a linked client does not exist, offers the way back instead of a retry, and keeps the search on the way', async () => {
    window.history.replaceState(null, '', '/beheer/api-toegang?zoeken=eagle');
    const api = fakeApi({ clients: [apiClient()] });
    const { user } = renderPage(api, 'nl', '/beheer/api-toegang');
    await screen.findAllByTestId('client-row');
    window.history.pushState(null, '', '/beheer/api-toegang/bestaat-niet');
    act(() => window.dispatchEvent(new PopStateEvent('popstate')));
    const missing = await screen.findByTestId('client-missing');
    expect(missing).toHaveTextContent('Deze API client bestaat niet');
    expect(screen.queryByTestId('retry')).toBeNull();
    await user.click(within(missing).getByTestId('client-missing-overview'));
    await screen.findAllByTestId('client-row');
    expect(window.location.search).toBe('?zoeken=eagle');
    expect(screen.getByTestId('search')).toHaveValue('eagle');
  });
});
