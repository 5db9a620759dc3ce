import { describe, expect, it } from '@jest/globals';
import { render, screen } from '@testing-library/react';
import { ApiAccessPage } from '../src/ApiAccessPage.js';
import { webcrypto } from 'node:crypto';
import { missingFeatures, type BrowserEnvironment } from '../src/browser/support.js';
import { fakeApi } from './support/fake-api.js';

const modern: BrowserEnvironment = {
  isSecureContext: true,
  navigator: { clipboard: { writeText: () => undefined } },
  crypto: webcrypto,
  structuredClone: () => undefined,
  Array,
  Object,
};

describe('browser support', () => {
  it.each<[string, BrowserEnvironment, string[]]>([
    ['a current browser', modern, []],
    ['a page over plain http', { ...modern, isSecureContext: false }, ['secureContext']],
    ['no Clipboard API', { ...modern, navigator: {} }, ['clipboard']],
    ['no Web Crypto', { ...modern, crypto: undefined }, ['crypto', 'engine']],
    ['an outdated engine', { ...modern, structuredClone: undefined }, ['engine']],
    ['an old browser on Windows 7', {}, ['secureContext', 'clipboard', 'crypto', 'engine']],
  ])('%s', (_name, env, missing) => {
    expect(missingFeatures(env)).toEqual(missing);
  });

  it('shows plain advice instead of the page when the Clipboard API is missing', async () => {
    Object.defineProperty(window.navigator, 'clipboard', { configurable: true, value: undefined });
    const api = fakeApi();
    // Rendered without user-event, whose setup() would put a clipboard stub back.
    render(<ApiAccessPage apiBaseUrl="" getAccessToken={async () => 'token'} client={api} />);
    const message = await screen.findByTestId('unsupported-browser');
    expect(message).toHaveTextContent('Deze browser wordt niet ondersteund');
    expect(message).toHaveTextContent('Gebruik Windows 10 en de meest recente versie van je browser.');
    expect(message).toHaveTextContent('toegang tot het klembord');
    expect(api.me).not.toHaveBeenCalled();
  });

  it('shows it outside a secure context too', async () => {
    Object.defineProperty(window, 'isSecureContext', { configurable: true, value: false });
    render(<ApiAccessPage apiBaseUrl="" getAccessToken={async () => 'token'} client={fakeApi()} locale="fr" />);
    expect(await screen.findByTestId('unsupported-browser')).toHaveTextContent('Utilisez Windows 10');
  });
});
