import { describe, expect, it } from '@jest/globals';
import { screen, within, waitFor } from '@testing-library/react';
import { ApiError } from '../src/api/errors.js';
import type { Me } from '../src/api/types.js';
import { apiClient, fakeApi, RIGHT } from './support/fake-api.js';
import { renderPage } from './support/render.js';

describe('a user without the right', () => {
  it('sees a message naming "API toegang beheren" and oauthclient.OAUTH_MANAGE_all', async () => {
    const api = fakeApi({ me: { subject: 'sub-2', username: 'medewerker', mayManage: false, right: RIGHT } });
    renderPage(api);
    const message = await screen.findByTestId('no-access');
    expect(message).toHaveTextContent('API toegang beheren');
    // Set apart, as in the manual.
    expect(within(message).getByTestId('no-access-right').tagName).toBe('STRONG');
    expect(within(message).getByTestId('no-access-right')).toHaveTextContent(/^API toegang beheren$/);
    expect(message).toHaveTextContent('PolBACC');
    expect(message).toHaveTextContent('oauthclient.OAUTH_MANAGE_all');
    expect(within(message).getByText('oauthclient.OAUTH_MANAGE_all').tagName).toBe('CODE');
    // The sentence reads whole, its tags gone.
    expect(message).toHaveTextContent(
      'heb je het recht API toegang beheren nodig. Dit recht wordt beheerd in PolBACC, waar je het vindt onder de naam oauthclient.OAUTH_MANAGE_all.',
    );
    expect(api.listClients).not.toHaveBeenCalled();
  });

  it('whose token says so asks nothing but who they are', async () => {
    const api = fakeApi({ me: { subject: 'sub-2', username: 'medewerker', mayManage: false, right: RIGHT } });
    api.rightInToken.mockResolvedValue(false);
    renderPage(api);
    await screen.findByTestId('no-access');
    expect(api.listClients).not.toHaveBeenCalled();
    expect(api.services).not.toHaveBeenCalled();
  });

  it('sees the same message when the API answers 403', async () => {
    const api = fakeApi();
    api.me.mockRejectedValue(new ApiError('forbidden', 'missing right', {}, 403));
    renderPage(api);
    expect(await screen.findByTestId('no-access')).toHaveTextContent('API toegang beheren');
  });

  it('gets a lost connection in words, with a retry that works', async () => {
    const api = fakeApi();
    api.me.mockRejectedValueOnce(new ApiError('network', 'Failed to fetch'));
    const { user } = renderPage(api);
    expect(await screen.findByTestId('load-error')).toHaveTextContent('Geen verbinding met de server.');
    await user.click(screen.getByRole('button', { name: 'Opnieuw proberen' }));
    expect(await screen.findByRole('heading', { name: 'API Toegang' })).toBeInTheDocument();
  });
});

describe('a manager whose token carries the right', () => {
  it('gets the list requested beside the check of the right, and shown once the API confirmed it', async () => {
    const api = fakeApi({ clients: [apiClient()] });
    api.rightInToken.mockResolvedValue(true);
    let confirm: (me: Me) => void = () => undefined;
    api.me.mockReturnValue(new Promise<Me>((resolve) => (confirm = resolve)));
    renderPage(api);
    await waitFor(() => expect(api.listClients).toHaveBeenCalledTimes(1));
    const [row] = await screen.findAllByTestId('client-row');
    expect(row).not.toBeVisible();
    confirm({ subject: 'sub-1', username: 'beheerder', mayManage: true, right: RIGHT });
    await waitFor(() => expect(row).toBeVisible());
    expect(api.listClients).toHaveBeenCalledTimes(1);
  });

  it('gets the list requested before the overview has rendered, and asked for once', async () => {
    const api = fakeApi({ clients: [apiClient()] });
    api.rightInToken.mockResolvedValue(true);
    const overviewRendered: boolean[] = [];
    const list = api.listClients.getMockImplementation()!;
    api.listClients.mockImplementation(async (query) => {
      overviewRendered.push(document.querySelector('[data-testid="search"]') !== null);
      return list(query);
    });
    renderPage(api);
    expect(await screen.findAllByTestId('client-row')).toHaveLength(1);
    expect(overviewRendered).toEqual([false]);
    expect(api.listClients).toHaveBeenCalledWith({ search: '', first: 0, max: 10 });
  });

  it('still sees the message when the API says otherwise', async () => {
    const api = fakeApi({ me: { subject: 'sub-2', username: 'medewerker', mayManage: false, right: RIGHT }, clients: [apiClient()] });
    api.rightInToken.mockResolvedValue(true);
    renderPage(api);
    expect(await screen.findByTestId('no-access')).toBeInTheDocument();
    expect(screen.queryByTestId('client-row')).not.toBeInTheDocument();
  });
});
