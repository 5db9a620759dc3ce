import { describe, expect, it } from '@jest/globals';
import { screen, waitFor, within } from '@testing-library/react';
import { apiClient, fakeApi } from './support/fake-api.js';
import { renderPage } from './support/render.js';

async function openForm() {
  const api = fakeApi();
  const view = renderPage(api);
  await view.user.click(await screen.findByTestId('add-client'));
  await screen.findByRole('heading', { name: 'API-Client definitie' });
  return { api, ...view };
}

describe('API-Client definitie form', () => {
  it("has the manual's labels and buttons", async () => {
    await openForm();
    expect(screen.getByLabelText(/Naam client/)).toBeRequired();
    expect(screen.getByRole('heading', { name: /Services/ })).toBeInTheDocument();
    expect(screen.getByText('Er werden nog geen services toegevoegd')).toBeInTheDocument();
    expect(screen.getByRole('heading', { name: 'Beveiliging (optioneel)' })).toBeInTheDocument();
    expect(screen.getByText('Beperk het gebruik van deze api client tot de volgende IP range(s)')).toBeInTheDocument();
    for (const name of [
      'Annuleren',
      'Client toevoegen',
      'Inloggegevens genereren',
      'Toevoegen',
      'Service toevoegen',
      'IP ranges toevoegen',
    ]) {
      expect(screen.getByRole('button', { name })).toBeInTheDocument();
    }
  });

  it('refuses to save without a name or a service, and says why', async () => {
    const { api, user } = await openForm();
    await user.click(screen.getByTestId('form-save'));
    expect(await screen.findByTestId('client-name-error')).toHaveTextContent('Geef een naam in.');
    expect(screen.getByTestId('services-error')).toHaveTextContent('Voeg minstens één service toe.');
    expect(screen.getByTestId('form-error')).toBeInTheDocument();
    expect(screen.getByLabelText(/Naam client/)).toHaveAttribute('aria-invalid', 'true');
    expect(api.createClient).not.toHaveBeenCalled();
  });

  it('flags a name that is too long or holds control characters', async () => {
    const { user } = await openForm();
    const name = screen.getByLabelText(/Naam client/);
    await user.click(name);
    await user.paste('x'.repeat(101));
    await user.tab();
    expect(screen.getByTestId('client-name-error')).toHaveTextContent('hoogstens 100 tekens');
    await user.clear(name);
    await user.type(name, 'API\tEaglebe');
    expect(screen.getByTestId('client-name-error')).toHaveTextContent('stuurtekens');
  });

  it('checks each IP range as it is typed, with the reason', async () => {
    const { user } = await openForm();
    await user.click(screen.getByRole('button', { name: 'IP ranges toevoegen' }));
    const first = screen.getByLabelText('IP range 1');
    expect(first).toHaveFocus();
    await user.type(first, '10.0.0.300/24');
    expect(first).toHaveValue('10.0.0.300/24');
    expect(screen.getByTestId('ip-range-0-error')).toHaveTextContent('tussen 0 en 255');
    await user.clear(first);
    await user.type(first, '10.0.0.0/33');
    expect(screen.getByTestId('ip-range-0-error')).toHaveTextContent('van 0 tot 32');
    await user.clear(first);
    await user.type(first, '2001:db8::/48');
    expect(screen.queryByTestId('ip-range-0-error')).not.toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'IP ranges toevoegen' }));
    await user.type(screen.getByLabelText('IP range 2'), '2001:DB8::/48');
    expect(screen.getByTestId('ip-range-1-error')).toHaveTextContent('staat er al');
    await user.click(screen.getByRole('button', { name: 'IP range 2 verwijderen' }));
    expect(screen.queryByLabelText('IP range 2')).not.toBeInTheDocument();
  });

  it('shows what a likely typo probably meant, and applies it on request', async () => {
    const { user } = await openForm();
    await user.click(screen.getByRole('button', { name: 'IP ranges toevoegen' }));
    const first = screen.getByLabelText('IP range 1');
    await user.type(first, '203.0.113.10/3');
    expect(screen.getByTestId('ip-range-0-error')).toHaveTextContent('de range is 192.0.0.0/3');
    await user.clear(first);
    await user.type(first, '010.1.2.3');
    expect(screen.getByTestId('ip-range-0-error')).toHaveTextContent('octaal');
    await user.click(screen.getByRole('button', { name: '10.1.2.3 gebruiken' }));
    expect(first).toHaveValue('10.1.2.3');
    expect(screen.queryByTestId('ip-range-0-error')).not.toBeInTheDocument();
  });

  it('warns about a wide range and saves it only once confirmed, sending the confirmation', async () => {
    const { api, user } = await openForm();
    await user.type(screen.getByLabelText(/Naam client/), 'API Eaglebe');
    await user.click(screen.getByTestId('add-service-empty'));
    const dialog = await screen.findByRole('dialog', { name: 'Service toevoegen' });
    await user.selectOptions(within(dialog).getByLabelText(/Client software kiezen/), 'openhappening-eaglebe');
    await user.click(within(dialog).getByRole('button', { name: 'Toevoegen' }));
    await user.click(screen.getByRole('button', { name: 'IP ranges toevoegen' }));
    await user.type(screen.getByLabelText('IP range 1'), '10.0.0.0/8');
    expect(screen.getByTestId('ip-range-0-wide')).toHaveTextContent('16.777.216 adressen');
    expect(screen.queryByTestId('ip-range-0-error')).not.toBeInTheDocument();

    await user.click(screen.getByTestId('form-save'));
    expect(await screen.findByTestId('ip-range-0-error')).toHaveTextContent('Bevestig deze brede range');
    expect(api.createClient).not.toHaveBeenCalled();

    await user.click(screen.getByLabelText('Ik wil 10.0.0.0/8 toch toelaten'));
    await user.click(screen.getByTestId('form-save'));
    await waitFor(() =>
      expect(api.createClient).toHaveBeenCalledWith({
        name: 'API Eaglebe',
        services: ['openhappening-eaglebe'],
        ipRanges: [{ range: '10.0.0.0/8', confirmWide: true }],
      }),
    );
  });

  describe('a change of IP ranges that shuts out addresses the vendor used recently', () => {
    const daysAgo = (days: number) => new Date(Date.now() - days * 24 * 3600 * 1000).toISOString();
    async function editWithActivity(ipRanges: string[] = []) {
      const api = fakeApi({ clients: [apiClient({ ipRanges })] });
      api.activity.mockResolvedValue({
        lastUse: { time: daysAgo(1), ipAddress: '203.0.113.9' },
        addresses: [
          { ipAddress: '203.0.113.9', firstSeen: daysAgo(60), lastSeen: daysAgo(1) },
          { ipAddress: '198.51.100.7', firstSeen: daysAgo(60), lastSeen: daysAgo(2) },
          { ipAddress: '192.0.2.1', firstSeen: daysAgo(80), lastSeen: daysAgo(40) },
        ],
        refusals: [],
      });
      const view = renderPage(api);
      await view.user.click(await screen.findByTestId('client-link'));
      await view.user.click(await screen.findByTestId('action-edit'));
      await screen.findByRole('heading', { name: 'API-Client definitie' });
      return { api, ...view };
    }

    it('lists the addresses of the last 30 days it shuts out, and saves only once confirmed, sending the confirmation', async () => {
      const { api, user } = await editWithActivity();
      await user.click(screen.getByRole('button', { name: 'IP ranges toevoegen' }));
      await user.type(screen.getByLabelText('IP range 1'), '203.0.113.0/24');
      const warning = await screen.findByTestId('ip-ranges-excluded');
      expect(warning).toHaveTextContent('Deze wijziging sluit 1 adres uit dat de afgelopen 30 dagen gebruikt werd: 198.51.100.7');
      expect(
        within(warning)
          .getAllByTestId('ip-ranges-excluded-address')
          .map((e) => e.textContent),
      ).toEqual([expect.stringMatching(/^198\.51\.100\.7, laatst gezien op /)]);

      await user.click(screen.getByTestId('form-save'));
      expect(await screen.findByTestId('ip-ranges-excluded-error')).toHaveTextContent(
        'Bevestig dat deze adressen geen toegang meer krijgen',
      );
      expect(api.updateClient).not.toHaveBeenCalled();

      await user.click(screen.getByTestId('ip-ranges-excluded-confirm'));
      await user.click(screen.getByTestId('form-save'));
      await waitFor(() =>
        expect(api.updateClient).toHaveBeenCalledWith('id-1', { ipRanges: ['203.0.113.0/24'], confirmExcludedAddresses: true }),
      );
    });

    it('asks again when the ranges change what they shut out', async () => {
      const { user } = await editWithActivity();
      await user.click(screen.getByRole('button', { name: 'IP ranges toevoegen' }));
      await user.type(screen.getByLabelText('IP range 1'), '203.0.113.0/24');
      await user.click(await screen.findByTestId('ip-ranges-excluded-confirm'));
      expect(screen.getByTestId('ip-ranges-excluded-confirm')).toBeChecked();
      await user.clear(screen.getByLabelText('IP range 1'));
      await user.type(screen.getByLabelText('IP range 1'), '192.0.2.0/24');
      expect(screen.getByTestId('ip-ranges-excluded')).toHaveTextContent(
        'sluit 2 adressen uit die de afgelopen 30 dagen gebruikt werden: 203.0.113.9, 198.51.100.7',
      );
      expect(screen.getByTestId('ip-ranges-excluded-confirm')).not.toBeChecked();
    });

    it('says nothing when the ranges keep every recent address, or when they already shut one out', async () => {
      const { api, user } = await editWithActivity(['203.0.113.0/24']);
      expect(screen.queryByTestId('ip-ranges-excluded')).not.toBeInTheDocument();
      await user.click(screen.getByRole('button', { name: 'IP ranges toevoegen' }));
      await user.type(screen.getByLabelText('IP range 2'), '192.0.2.0/24');
      expect(screen.queryByTestId('ip-ranges-excluded')).not.toBeInTheDocument();
      await user.click(screen.getByTestId('form-save'));
      await waitFor(() =>
        // Only what changed; ranges that are not wide go without a wide-range confirmation.
        expect(api.updateClient).toHaveBeenCalledWith('id-1', { ipRanges: ['203.0.113.0/24', '192.0.2.0/24'] }),
      );
    });
  });

  it('sends only what the edit changed, so that a change made meanwhile elsewhere stays', async () => {
    const api = fakeApi({ clients: [apiClient({ ipRanges: ['10.0.0.0/8', '192.0.2.0/24'] })] });
    const { user } = renderPage(api);
    await user.click(await screen.findByTestId('client-link'));
    await user.click(await screen.findByTestId('action-edit'));
    await user.type(await screen.findByLabelText(/Naam client/), ' 2');
    await user.click(screen.getByTestId('form-save'));
    await waitFor(() => expect(api.updateClient).toHaveBeenCalledWith('id-1', { name: 'API Eaglebe 2' }));
  });

  it('sends a stored wide range back with its confirmation when the ranges change', async () => {
    const api = fakeApi({ clients: [apiClient({ ipRanges: ['10.0.0.0/8'] })] });
    const { user } = renderPage(api);
    await user.click(await screen.findByTestId('client-link'));
    await user.click(await screen.findByTestId('action-edit'));
    await user.click(await screen.findByRole('button', { name: 'IP ranges toevoegen' }));
    await user.type(screen.getByLabelText('IP range 2'), '192.0.2.0/24');
    await user.click(screen.getByTestId('form-save'));
    await waitFor(() =>
      expect(api.updateClient).toHaveBeenCalledWith('id-1', { ipRanges: [{ range: '10.0.0.0/8', confirmWide: true }, '192.0.2.0/24'] }),
    );
  });

  it('keeps a stored wide range confirmed until it is edited', async () => {
    const api = fakeApi({ clients: [apiClient({ ipRanges: ['10.0.0.0/8'] })] });
    const { user } = renderPage(api);
    await user.click(await screen.findByTestId('client-link'));
    await user.click(await screen.findByTestId('action-edit'));
    expect(await screen.findByLabelText('Ik wil 10.0.0.0/8 toch toelaten')).toBeChecked();
    await user.type(screen.getByLabelText('IP range 1'), '{Backspace}7');
    expect(screen.getByLabelText('Ik wil 10.0.0.0/7 toch toelaten')).not.toBeChecked();
  });

  it('adds a service through the "Service toevoegen" dialog and removes it again', async () => {
    const { user } = await openForm();
    await user.click(screen.getByTestId('add-service'));
    const dialog = await screen.findByRole('dialog', { name: 'Service toevoegen' });
    // Toevoegen without a choice says what is missing instead of doing nothing.
    await user.click(within(dialog).getByRole('button', { name: 'Toevoegen' }));
    expect(within(dialog).getByText('Kies een client software.')).toBeInTheDocument();
    await user.selectOptions(within(dialog).getByLabelText(/Client software kiezen/), 'OpenHappening integration Eaglebe');
    await user.click(within(dialog).getByRole('button', { name: 'Toevoegen' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
    expect(screen.getByText('OpenHappening integration Eaglebe')).toBeInTheDocument();
    expect(screen.queryByText('Er werden nog geen services toegevoegd')).not.toBeInTheDocument();

    // An added service is no longer offered.
    await user.click(screen.getByTestId('add-service'));
    const again = await screen.findByRole('dialog', { name: 'Service toevoegen' });
    expect(within(again).queryByRole('option', { name: 'OpenHappening integration Eaglebe' })).not.toBeInTheDocument();
    await user.click(within(again).getByRole('button', { name: 'Annuleren' }));

    await user.click(screen.getByRole('button', { name: 'OpenHappening integration Eaglebe verwijderen' }));
    expect(screen.getByText('Er werden nog geen services toegevoegd')).toBeInTheDocument();
  });

  it('follows the manual: name, service, Inloggegevens genereren saves and shows the credentials', async () => {
    const { api, user } = await openForm();
    await user.type(screen.getByLabelText(/Naam client/), '  API Eaglebe ');
    await user.click(screen.getByTestId('add-service'));
    const dialog = await screen.findByRole('dialog', { name: 'Service toevoegen' });
    await user.selectOptions(within(dialog).getByLabelText(/Client software kiezen/), 'openhappening-eaglebe');
    await user.click(within(dialog).getByRole('button', { name: 'Toevoegen' }));
    await user.click(screen.getByRole('button', { name: 'Inloggegevens genereren' }));

    const credentials = await screen.findByRole('dialog', { name: 'Inloggegevens genereren' });
    expect(api.createClient).toHaveBeenCalledWith({ name: 'API Eaglebe', services: ['openhappening-eaglebe'], ipRanges: [] });
    expect(api.generateCredentials).toHaveBeenCalledWith('id-1', { revokePrevious: false, requestKey: expect.any(String) });
    expect(within(credentials).getByLabelText('Client ID')).toHaveValue('api-client-1');
  });

  it('shows a name conflict from the API on the name field', async () => {
    const api = fakeApi({ clients: [apiClient({ name: 'API Eaglebe' })] });
    const { user } = renderPage(api);
    await user.click(await screen.findByTestId('add-client'));
    await user.type(await screen.findByLabelText(/Naam client/), 'api eaglebe');
    await user.click(screen.getByTestId('add-service-empty'));
    const dialog = await screen.findByRole('dialog', { name: 'Service toevoegen' });
    await user.selectOptions(within(dialog).getByLabelText(/Client software kiezen/), 'openhappening-eaglebe');
    await user.click(within(dialog).getByRole('button', { name: 'Toevoegen' }));
    await user.click(screen.getByTestId('form-save'));
    expect(await screen.findByTestId('client-name-error')).toHaveTextContent('Er bestaat al een API client met deze naam.');
    expect(screen.getByLabelText(/Naam client/)).toHaveFocus();
  });

  describe('Inloggegevens genereren on the edit form', () => {
    async function edit(overrides: Parameters<typeof apiClient>[0]) {
      const api = fakeApi({ clients: [apiClient(overrides)] });
      const view = renderPage(api);
      await view.user.click(await screen.findByTestId('client-link'));
      await view.user.click(await screen.findByTestId('action-edit'));
      await screen.findByRole('heading', { name: 'API-Client definitie' });
      await view.user.click(screen.getByRole('button', { name: 'IP ranges toevoegen' }));
      await view.user.type(screen.getByTestId('ip-range-0'), '198.51.100.0/24');
      return { api, ...view };
    }

    it('saves nothing before the confirmation, and nothing when it is cancelled', async () => {
      const { api, user } = await edit({ credentialsGeneratedAt: '2026-11-01T10:00:00Z' });
      await user.click(screen.getByTestId('form-generate'));
      const confirm = await screen.findByRole('dialog', { name: 'Nieuwe inloggegevens genereren?' });
      expect(within(confirm).getByTestId('regenerate-saves-changes')).toHaveTextContent(
        'Je wijzigingen aan deze client worden eerst opgeslagen.',
      );
      expect(api.updateClient).not.toHaveBeenCalled();
      await user.click(within(confirm).getByRole('button', { name: 'Annuleren' }));
      expect(api.updateClient).not.toHaveBeenCalled();
      expect(api.generateCredentials).not.toHaveBeenCalled();
      expect(screen.getByTestId('ip-range-0')).toHaveValue('198.51.100.0/24');
    });

    it('saves, then generates, once confirmed', async () => {
      const { api, user } = await edit({ credentialsGeneratedAt: '2026-11-01T10:00:00Z' });
      await user.click(screen.getByTestId('form-generate'));
      const confirm = await screen.findByRole('dialog', { name: 'Nieuwe inloggegevens genereren?' });
      await user.click(within(confirm).getByRole('button', { name: 'Opslaan en genereren' }));
      await screen.findByRole('dialog', { name: 'Inloggegevens genereren' });
      expect(api.updateClient).toHaveBeenCalledWith('id-1', expect.objectContaining({ ipRanges: ['198.51.100.0/24'] }));
      expect(api.updateClient.mock.invocationCallOrder[0]!).toBeLessThan(api.generateCredentials.mock.invocationCallOrder[0]!);
    });

    it('offers a first generation, without grace period or revocation, to a client that never had credentials', async () => {
      const { user } = await edit({});
      await user.click(screen.getByTestId('form-generate'));
      const confirm = await screen.findByRole('dialog', { name: 'Inloggegevens genereren?' });
      expect(confirm).toHaveTextContent('"API Eaglebe" heeft nog geen inloggegevens.');
      expect(confirm).not.toHaveTextContent(/vorige|overgangsperiode/);
      expect(within(confirm).queryByTestId('regenerate-revoke')).toBeNull();
    });
  });

  it('puts the focus on the first wrong IP range after a refused save', async () => {
    const { user } = await openForm();
    await user.type(screen.getByLabelText(/Naam client/), 'API Eaglebe');
    await user.click(screen.getByRole('button', { name: 'IP ranges toevoegen' }));
    // An empty field looks empty: the example sits in the help text, not in a placeholder that reads like a value.
    expect(screen.getByTestId('ip-range-0')).not.toHaveAttribute('placeholder');
    await user.type(screen.getByTestId('ip-range-0'), '10.0.0.300');
    await user.click(screen.getByTestId('form-save'));
    expect(screen.getByTestId('ip-range-0')).toHaveFocus();
  });

  describe('errors that no longer hold', () => {
    it('drops "Controleer de gemarkeerde velden." once the fields are fixed', async () => {
      const { user } = await openForm();
      await user.click(screen.getByTestId('form-save'));
      expect(screen.getByTestId('form-error')).toHaveTextContent('Controleer de gemarkeerde velden.');
      await user.type(screen.getByLabelText(/Naam client/), 'API Eaglebe');
      await user.click(screen.getByTestId('add-service-empty'));
      const dialog = await screen.findByRole('dialog', { name: 'Service toevoegen' });
      await user.selectOptions(within(dialog).getByLabelText(/Client software kiezen/), 'openhappening-eaglebe');
      await user.click(within(dialog).getByRole('button', { name: 'Toevoegen' }));
      expect(screen.queryByTestId('form-error')).toBeNull();
    });

    it('clears the name conflict from banner and field together once the name changes', async () => {
      const api = fakeApi({ clients: [apiClient({ name: 'API Eaglebe' })] });
      const { user } = renderPage(api);
      await user.click(await screen.findByTestId('add-client'));
      await user.type(await screen.findByLabelText(/Naam client/), 'api eaglebe');
      await user.click(screen.getByTestId('add-service-empty'));
      const dialog = await screen.findByRole('dialog', { name: 'Service toevoegen' });
      await user.selectOptions(within(dialog).getByLabelText(/Client software kiezen/), 'openhappening-eaglebe');
      await user.click(within(dialog).getByRole('button', { name: 'Toevoegen' }));
      await user.click(screen.getByTestId('form-save'));
      expect(await screen.findByTestId('client-name-error')).toBeInTheDocument();
      expect(screen.getByTestId('form-error')).toHaveTextContent('Er bestaat al een API client met deze naam.');
      await user.type(screen.getByLabelText(/Naam client/), ' 2');
      expect(screen.queryByTestId('client-name-error')).toBeNull();
      expect(screen.queryByTestId('form-error')).toBeNull();
    });

    it('does not flag an IP range line added after a refused save until it is used', async () => {
      const { user } = await openForm();
      await user.click(screen.getByRole('button', { name: 'IP ranges toevoegen' }));
      await user.click(screen.getByTestId('form-save'));
      expect(screen.getByTestId('ip-range-0-error')).toBeInTheDocument();
      await user.click(screen.getByRole('button', { name: 'IP ranges toevoegen' }));
      expect(screen.queryByTestId('ip-range-1-error')).toBeNull();
    });
  });

  it('asks before a filled form is left, and stays when asked to', async () => {
    const { user } = await openForm();
    await user.type(screen.getByLabelText(/Naam client/), 'API Eaglebe');
    await user.click(screen.getByTestId('form-cancel'));
    const confirm = await screen.findByRole('dialog', { name: 'Wijzigingen verwerpen?' });
    await user.click(within(confirm).getByRole('button', { name: 'Annuleren' }));
    expect(screen.getByLabelText(/Naam client/)).toHaveValue('API Eaglebe');
    await user.click(screen.getByTestId('form-cancel'));
    await user.click(
      within(await screen.findByRole('dialog', { name: 'Wijzigingen verwerpen?' })).getByRole('button', { name: 'Verwerpen' }),
    );
    await screen.findByTestId('empty-state');
  });

  it('returns an edit started on the detail page to that page', async () => {
    const api = fakeApi({ clients: [apiClient()] });
    const { user } = renderPage(api);
    await user.click(await screen.findByTestId('client-link'));
    await user.click(await screen.findByTestId('action-edit'));
    await screen.findByRole('heading', { name: 'API-Client definitie' });
    await user.type(screen.getByLabelText(/Naam client/), ' 2');
    await user.click(screen.getByTestId('form-save'));
    expect(await screen.findByRole('heading', { name: 'API Eaglebe 2', level: 1 })).toBeInTheDocument();
    expect(await screen.findByTestId('alert-success')).toHaveTextContent('De wijzigingen aan "API Eaglebe 2" werden opgeslagen.');
  });

  it('after Ok on the credentials, shows the overview with a message and the new client marked', async () => {
    const { user } = await openForm();
    await user.type(screen.getByLabelText(/Naam client/), 'API Eaglebe');
    await user.click(screen.getByTestId('add-service'));
    const dialog = await screen.findByRole('dialog', { name: 'Service toevoegen' });
    await user.selectOptions(within(dialog).getByLabelText(/Client software kiezen/), 'openhappening-eaglebe');
    await user.click(within(dialog).getByRole('button', { name: 'Toevoegen' }));
    await user.click(screen.getByTestId('form-generate'));
    const credentials = await screen.findByRole('dialog', { name: 'Inloggegevens genereren' });
    await user.click(within(credentials).getByRole('button', { name: 'Client ID kopiëren' }));
    await user.click(within(credentials).getByRole('button', { name: 'Client Paswoord kopiëren' }));
    await user.click(within(credentials).getByRole('button', { name: 'Ok' }));
    const row = await screen.findByTestId('client-row');
    expect(row).toHaveAttribute('data-highlighted');
    expect(screen.getByTestId('alert-success')).toHaveTextContent('Inloggegevens voor "API Eaglebe" werden gegenereerd.');
  });

  it("asks before a link of the host's navigation leaves a filled form, and follows it once agreed", async () => {
    const { user } = await openForm();
    const followed: string[] = [];
    const hostLink = document.createElement('a');
    hostLink.href = '/beheer/andere-pagina';
    hostLink.textContent = 'Andere pagina';
    hostLink.addEventListener('click', (event) => {
      event.preventDefault();
      followed.push(hostLink.pathname);
    });
    document.body.append(hostLink);
    try {
      await user.type(screen.getByLabelText(/Naam client/), 'API Eaglebe');
      await user.click(hostLink);
      const confirm = await screen.findByRole('dialog', { name: 'Wijzigingen verwerpen?' });
      expect(followed).toEqual([]);
      await user.click(within(confirm).getByRole('button', { name: 'Verwerpen' }));
      expect(followed).toEqual(['/beheer/andere-pagina']);
    } finally {
      hostLink.remove();
    }
  });
});
