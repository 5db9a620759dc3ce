import { describe, expect, it } from '@jest/globals';
import { screen, waitFor, within } from '@testing-library/react';
import { apiClient, fakeApi, historyEntry } from './support/fake-api.js';
import { renderPage } from './support/render.js';

const entries = [
  historyEntry({ id: 'h-3', time: '2026-11-03T10:00:00Z', action: 'disable', before: { enabled: true }, after: { enabled: false } }),
  historyEntry({
    id: 'h-2',
    time: '2026-11-02T10:00:00Z',
    action: 'ip-ranges',
    actor: { subject: 'sub-other', username: 'collega' },
    before: { ipRanges: '' },
    after: { ipRanges: '192.0.2.0/24' },
  }),
  historyEntry({
    id: 'h-1',
    time: '2026-11-01T10:00:00Z',
    action: 'create',
    before: undefined,
    after: { clientId: 'api-eaglebe-1a2b', name: 'API Eaglebe', enabled: true, ipRanges: '', services: ['openhappening-eaglebe'] },
  }),
];

describe('history', () => {
  it("shows the client's history on its page: kind, person, and what changed before and after", async () => {
    const api = fakeApi({ clients: [apiClient()], history: entries });
    const { user } = renderPage(api);
    await user.click(await screen.findByRole('link', { name: 'API Eaglebe' }));
    const card = await screen.findByTestId('client-history');
    expect(within(card).getByRole('heading', { name: 'Geschiedenis' })).toBeInTheDocument();
    const rows = await within(card).findAllByTestId('history-row');
    expect(rows.map((r) => within(r).getByTestId('history-action').textContent)).toEqual([
      'Uitgeschakeld',
      'IP ranges gewijzigd',
      'Aangemaakt',
    ]);
    expect(rows[0]).toHaveTextContent('Status: ingeschakeld → uitgeschakeld');
    expect(rows[1]).toHaveTextContent('IP ranges: alle adressen → 192.0.2.0/24');
    expect(within(rows[1]!).getByTestId('history-person')).toHaveTextContent('collega');
    expect(within(rows[0]!).getByTestId('history-person')).toHaveTextContent('beheerdervia service-account-api-access-provisioner');
    expect(rows[2]).toHaveTextContent('Services: openhappening-eaglebe');
    expect(api.clientHistory).toHaveBeenCalledWith('id-1', { first: 0, max: 10 });
  });

  it('says until when the new and the previous secret work, and what a grace period or an expiry became', async () => {
    const at = (iso: string) => Date.parse(iso);
    const secretEntries = [
      historyEntry({
        id: 's-3',
        time: '2026-11-08T10:00:00Z',
        action: 'expiry-changed',
        before: { secretExpiresAt: at('2027-02-01T10:00:00Z') },
        after: {},
      }),
      historyEntry({
        id: 's-2',
        time: '2026-11-07T10:00:00Z',
        action: 'grace-ended',
        before: { previousSecretValidUntil: at('2026-11-08T09:00:00Z') },
        after: {},
      }),
      historyEntry({
        id: 's-1',
        time: '2026-11-06T10:00:00Z',
        action: 'credentials-generated',
        before: undefined,
        after: { secretExpiresAt: at('2027-02-01T10:00:00Z'), previousSecretValidUntil: at('2026-11-08T09:00:00Z') },
      }),
      historyEntry({ id: 's-0', time: '2026-11-05T10:00:00Z', action: 'credentials-generated', before: undefined, after: {} }),
    ];
    const { user } = renderPage(fakeApi({ clients: [apiClient()], history: secretEntries }));
    await user.click(await screen.findByRole('link', { name: 'API Eaglebe' }));
    const rows = await within(await screen.findByTestId('client-history')).findAllByTestId('history-row');
    const what = (index: number) => [...rows[index]!.querySelectorAll('td:last-child div')].map((line) => line.textContent);
    expect(what(3)).toEqual(['Client Paswoord geldig tot: onbeperkt', 'Vorig paswoord: niet meer geldig']);
    expect(what(2)).toEqual([
      expect.stringMatching(/^Client Paswoord geldig tot: .*2027/),
      expect.stringMatching(/^Vorig paswoord: geldig tot .*2026/),
    ]);
    expect(what(1)).toEqual([expect.stringMatching(/^Vorig paswoord: geldig tot .*2026.* → niet meer geldig$/)]);
    expect(what(0)).toEqual([expect.stringMatching(/^Client Paswoord geldig tot: .*2027.* → onbeperkt$/)]);
  });

  it('a failed change is marked as such, with its error and only what it would have set', async () => {
    const failed = historyEntry({
      id: 'h-4',
      time: '2026-11-04T10:00:00Z',
      action: 'rename',
      outcome: 'failure',
      error: 'conflict',
      before: { clientId: 'api-eaglebe-1a2b', name: 'API Eaglebe', enabled: true, ipRanges: '', services: ['openhappening-eaglebe'] },
      after: { name: 'API Andere' },
    });
    const { user } = renderPage(fakeApi({ clients: [apiClient()], history: [failed, ...entries] }));
    await user.click(await screen.findByRole('link', { name: 'API Eaglebe' }));
    const rows = await within(await screen.findByTestId('client-history')).findAllByTestId('history-row');
    expect(within(rows[0]!).getByTestId('history-action')).toHaveTextContent('Naam gewijzigdMislukt niet uitgevoerd: conflict');
    expect(rows[0]).toHaveTextContent('Naam: "API Eaglebe" → "API Andere"');
    expect(rows[0]).not.toHaveTextContent('Services');
    expect(within(rows[1]!).queryByTestId('history-failed')).toBeNull();
  });

  it('the overview of all changes filters by person, kind and period, and pages', async () => {
    const many = Array.from({ length: 25 }, (_, i) =>
      historyEntry({ id: `m-${i}`, time: `2026-10-${String(i + 1).padStart(2, '0')}T10:00:00Z`, action: 'rename' }),
    ).reverse();
    const api = fakeApi({ clients: [apiClient()], history: [...entries, ...many] });
    const { user } = renderPage(api);
    await user.click(await screen.findByTestId('open-history'));
    expect(await screen.findByRole('heading', { level: 1, name: 'Geschiedenis van alle API clients' })).toBeInTheDocument();
    expect(await screen.findAllByTestId('history-row')).toHaveLength(20);
    expect(screen.getByTestId('history-shown')).toHaveTextContent('1 - 20 van 28');
    await user.click(screen.getByTestId('history-next'));
    await waitFor(() => expect(screen.getByTestId('history-shown')).toHaveTextContent('21 - 28 van 28'));

    await user.type(screen.getByLabelText('Persoon (gebruikersnaam)'), 'collega');
    await user.selectOptions(screen.getByLabelText('Soort wijziging'), 'ip-ranges');
    await user.click(screen.getByRole('button', { name: 'Filteren' }));
    await waitFor(() => expect(screen.getAllByTestId('history-row')).toHaveLength(1));
    expect(api.history).toHaveBeenLastCalledWith(expect.objectContaining({ person: 'collega', action: 'ip-ranges', first: 0, max: 20 }));

    await user.click(screen.getByRole('button', { name: 'Filters wissen' }));
    await user.type(screen.getByLabelText('Van (datum)'), '2026-11-02');
    await user.type(screen.getByLabelText('Tot en met (datum)'), '2026-11-02');
    await user.click(screen.getByRole('button', { name: 'Filteren' }));
    await waitFor(() => expect(screen.getAllByTestId('history-row')).toHaveLength(1));
    const last = api.history.mock.calls.at(-1)![0];
    expect(Date.parse(last.to!) - Date.parse(last.from!)).toBe(24 * 60 * 60 * 1000);

    await user.type(screen.getByLabelText('Persoon (gebruikersnaam)'), 'niemand');
    await user.click(screen.getByRole('button', { name: 'Filteren' }));
    expect(await screen.findByTestId('history-empty')).toHaveTextContent('Geen wijzigingen gevonden');
  });

  it('speaks French', async () => {
    const { user } = renderPage(fakeApi({ clients: [apiClient()], history: entries }), 'fr');
    await user.click(await screen.findByTestId('open-history'));
    expect(await screen.findByRole('heading', { level: 1, name: 'Historique de tous les clients API' })).toBeInTheDocument();
    expect((await screen.findAllByTestId('history-action'))[0]).toHaveTextContent('Désactivé');
    // With French typography's space before the colon.
    expect((await screen.findAllByTestId('history-row'))[0]).toHaveTextContent('Statut\u202f: activé → désactivé', {
      normalizeWhitespace: false,
    });
  });
});
