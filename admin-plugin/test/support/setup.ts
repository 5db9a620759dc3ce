/**
 * jsdom lacks what the page checks for in a browser (secure context, Clipboard API, Web Crypto): give every test
 * a current browser, which a test can then take parts away from.
 */
import '@testing-library/jest-dom/jest-globals';
import { webcrypto } from 'node:crypto';
import { deserialize, serialize } from 'node:v8';
import { afterEach, jest } from '@jest/globals';
import { cleanup } from '@testing-library/react';

export const clipboard = { text: '' };

export function installModernBrowser(): void {
  Object.defineProperty(window, 'isSecureContext', { configurable: true, value: true });
  Object.defineProperty(window.navigator, 'clipboard', {
    configurable: true,
    value: {
      writeText: jest.fn(async (text: string) => {
        clipboard.text = text;
      }),
      readText: jest.fn(async () => clipboard.text),
    },
  });
  Object.defineProperty(window, 'crypto', { configurable: true, value: webcrypto });
  if (typeof window.structuredClone !== 'function') {
    Object.defineProperty(window, 'structuredClone', { configurable: true, value: (value: unknown) => deserialize(serialize(value)) });
  }
}

installModernBrowser();

// Rendering PatternFly in jsdom on a shared 2-core machine is slow, and user-event types key by key.
// (testTimeout in a Jest project entry is ignored: it is a global option.)
jest.setTimeout(30_000);

afterEach(() => {
  cleanup();
  clipboard.text = '';
  installModernBrowser();

  // Rendering PatternFly in jsdom on a shared 2-core machine is slow, and user-event types key by key.
  // (testTimeout in a Jest project entry is ignored: it is a global option.)
  jest.setTimeout(30_000);
});
