import { describe, expect, it, jest } from '@jest/globals';
import { act, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { I18nextProvider } from 'react-i18next';
import type { Credentials } from '../src/api/types.js';
import { CredentialsDialog } from '../src/credentials/CredentialsDialog.js';
import { createI18n } from '../src/i18n/index.js';
import { NavigationProvider } from '../src/navigation/NavigationProvider.js';
import { SECRET, TOKEN_ENDPOINT } from './support/fake-api.js';

const credentials: Credentials = {
  clientId: 'api-eaglebe-1a2b',
  clientSecret: SECRET,
  tokenEndpoint: TOKEN_ENDPOINT,
  scope: 'openhappening-eaglebe',
  previousSecretStatus: 'revoked',
};

function renderDialog(props: Partial<Parameters<typeof CredentialsDialog>[0]> = {}, basePath?: string) {
  const user = userEvent.setup();
  const onClose = jest.fn();
  render(
    <I18nextProvider i18n={createI18n('nl')}>
      <NavigationProvider basePath={basePath}>
        <CredentialsDialog credentials={credentials} onClose={onClose} {...props} />
      </NavigationProvider>
    </I18nextProvider>,
  );
  return { user, onClose, dialog: screen.getByRole('dialog', { name: 'Inloggegevens genereren' }) };
}

describe('Inloggegevens genereren dialog', () => {
  it('shows Client ID and Client Paswoord with copy buttons and the ATTENTIE text', () => {
    const { dialog } = renderDialog();
    expect(within(dialog).getByLabelText('Client ID')).toHaveValue('api-eaglebe-1a2b');
    expect(within(dialog).getByLabelText('Client Paswoord')).toHaveValue(SECRET);
    expect(within(dialog).getByRole('button', { name: 'Client ID kopiëren' })).toBeInTheDocument();
    expect(within(dialog).getByRole('button', { name: 'Client Paswoord kopiëren' })).toBeInTheDocument();
    expect(within(dialog).getByTestId('credentials-attention')).toHaveTextContent(
      '⚠ ATTENTIE: De inloggegevens kunnen niet opnieuw opgehaald worden in FOCUS. Verlies je de gegevens, dan moet je nieuwe gegevens genereren.',
    );
    expect(within(dialog).getByRole('button', { name: 'Ok' })).toBeInTheDocument();
  });

  it('copies each value to the clipboard and closes on Ok once both are copied', async () => {
    const { user, onClose, dialog } = renderDialog();
    await user.click(within(dialog).getByRole('button', { name: 'Client ID kopiëren' }));
    expect(await navigator.clipboard.readText()).toBe('api-eaglebe-1a2b');
    await user.click(within(dialog).getByRole('button', { name: 'Client Paswoord kopiëren' }));
    expect(await navigator.clipboard.readText()).toBe(SECRET);
    expect(within(dialog).getAllByText('Gekopieerd')).toHaveLength(2);
    await user.click(within(dialog).getByRole('button', { name: 'Ok' }));
    expect(onClose).toHaveBeenCalledTimes(1);
  });

  it('asks for confirmation when closed before copying, and can go back', async () => {
    const { user, onClose, dialog } = renderDialog();
    await user.click(within(dialog).getByRole('button', { name: 'Client ID kopiëren' }));
    await user.click(within(dialog).getByRole('button', { name: 'Ok' }));
    const confirm = screen.getByRole('dialog', { name: 'Inloggegevens niet gekopieerd' });
    expect(onClose).not.toHaveBeenCalled();
    await user.click(within(confirm).getByRole('button', { name: 'Annuleren' }));
    // Back in the credentials dialog, the values are still there.
    expect(screen.getByLabelText('Client Paswoord')).toHaveValue(SECRET);
    await user.keyboard('{Escape}');
    await user.click(
      within(screen.getByRole('dialog', { name: 'Inloggegevens niet gekopieerd' })).getByRole('button', { name: 'Toch sluiten' }),
    );
    expect(onClose).toHaveBeenCalledTimes(1);
  });

  it('offers the vendor hand-over text without the secret', async () => {
    const { user, dialog } = renderDialog();
    await user.click(within(dialog).getByRole('button', { name: 'Overdracht aan de leverancier' }));
    const text = within(dialog).getByTestId('credentials-handover').textContent ?? '';
    expect(text).toContain(`Token endpoint: ${TOKEN_ENDPOINT}`);
    expect(text).toContain('Scope: openhappening-eaglebe');
    expect(text).toContain('Client ID: api-eaglebe-1a2b');
    expect(text).toContain('Client Paswoord: wordt apart bezorgd.');
    expect(text).toContain('grant_type=client_credentials');
    expect(text).not.toContain(SECRET);
    await user.click(within(dialog).getByRole('button', { name: 'Overdrachtstekst kopiëren' }));
    expect(await navigator.clipboard.readText()).toBe(text);
  });

  it('says until when the previous credentials work after a regeneration', () => {
    const { dialog } = renderDialog({
      credentials: { ...credentials, previousSecretStatus: 'valid', previousSecretValidUntil: '2026-11-03T10:00:00Z' },
      regenerated: true,
    });
    expect(within(dialog).getByTestId('credentials-previous')).toHaveTextContent(/De vorige inloggegevens blijven geldig tot .*2026/);
  });

  it('says the previous credentials stopped working when the provisioner says they were revoked', () => {
    const { dialog } = renderDialog({
      credentials: { ...credentials, previousSecretStatus: 'revoked' },
      regenerated: true,
    });
    expect(within(dialog).getByTestId('credentials-previous')).toHaveTextContent('De vorige inloggegevens werken niet meer.');
  });

  it('says "not known" rather than "revoked" when the end of the previous credentials could not be read', () => {
    const { dialog } = renderDialog({
      credentials: { ...credentials, previousSecretStatus: 'unknown' },
      regenerated: true,
    });
    const previous = within(dialog).getByTestId('credentials-previous');
    expect(previous).toHaveTextContent('Het is niet bekend of de vorige inloggegevens nog werken.');
    expect(previous).not.toHaveTextContent('werken niet meer');
  });

  it('tells the administrator when the browser refused to copy', async () => {
    const { user, dialog } = renderDialog();
    jest.spyOn(navigator.clipboard, 'writeText').mockRejectedValueOnce(new Error('denied'));
    await user.click(within(dialog).getByRole('button', { name: 'Client Paswoord kopiëren' }));
    expect(within(dialog).getByText('Kopiëren lukte niet. Selecteer de tekst en kopieer hem zelf.')).toBeInTheDocument();
  });

  it('opens on the first copy button, and the confirmation on its way back', async () => {
    const { user, dialog } = renderDialog();
    // The focus trap moves the focus right after the dialog opens.
    await waitFor(() => expect(within(dialog).getByRole('button', { name: 'Client ID kopiëren' })).toHaveFocus());
    expect(within(dialog).getByRole('button', { name: 'Sluiten' })).toBeInTheDocument();
    await user.keyboard('{Escape}');
    const confirm = screen.getByRole('dialog', { name: 'Inloggegevens niet gekopieerd' });
    await waitFor(() => expect(within(confirm).getByRole('button', { name: 'Annuleren' })).toHaveFocus());
    await user.keyboard('{Enter}');
    await waitFor(() => expect(screen.getByRole('button', { name: 'Client ID kopiëren' })).toHaveFocus());
  });

  it("keeps the dialog on the browser's Back and asks first", async () => {
    window.history.replaceState(null, '', '/beheer/api-toegang/nieuw');
    window.history.pushState(null, '', '/beheer/api-toegang/nieuw');
    const { user, onClose } = renderDialog({}, '/beheer/api-toegang');
    window.history.replaceState(null, '', '/beheer/api-toegang');
    act(() => window.dispatchEvent(new PopStateEvent('popstate')));
    const confirm = screen.getByRole('dialog', { name: 'Inloggegevens niet gekopieerd' });
    // The screen's URL is back: nothing moved yet.
    expect(window.location.pathname).toBe('/beheer/api-toegang/nieuw');
    await user.click(within(confirm).getByRole('button', { name: 'Annuleren' }));
    expect(screen.getByLabelText('Client Paswoord')).toHaveValue(SECRET);
    expect(onClose).not.toHaveBeenCalled();
  });

  it('asks the browser to confirm a reload until both values were copied', async () => {
    const { user, dialog } = renderDialog();
    const reload = () => {
      const event = new Event('beforeunload', { cancelable: true });
      window.dispatchEvent(event);
      return event.defaultPrevented;
    };
    expect(reload()).toBe(true);
    await user.click(within(dialog).getByRole('button', { name: 'Client ID kopiëren' }));
    await user.click(within(dialog).getByRole('button', { name: 'Client Paswoord kopiëren' }));
    expect(reload()).toBe(false);
  });
});
