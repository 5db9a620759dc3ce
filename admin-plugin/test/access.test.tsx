import { describe, expect, it } from '@jest/globals';
import { screen } from '@testing-library/react';
import { ApiError } from '../src/api/errors.js';
import { fakeApi, RIGHT } from './support/fake-api.js';
import { renderPage } from './support/render.js';

describe('a user without the right', () => {
  it('sees a message naming "API toegang beheren" and oauthclient.OAUTH_MANAGE_all', async () => {
    const api = fakeApi({ me: { subject: 'sub-2', username: 'medewerker', mayManage: false, right: RIGHT } });
    renderPage(api);
    const message = await screen.findByTestId('no-access');
    expect(message).toHaveTextContent('API toegang beheren');
    expect(message).toHaveTextContent('PolBACC');
    expect(message).toHaveTextContent('oauthclient.OAUTH_MANAGE_all');
    expect(api.listClients).not.toHaveBeenCalled();
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
