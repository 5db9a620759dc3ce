/**
 * Page helpers for the API Toegang end-to-end test: the browser, the login page, the host's navigation, the
 * page's controls by their data-testid, axe scans and screenshots. The spec beside it reads like the manual.
 */
import { appendFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { AxeBuilder } from '@axe-core/playwright';
import { chromium, type Locator, type Page } from 'playwright-core';
import { CHROMIUM_PATH, repoRoot } from '@focus-api-access/stack';

export const artifactsDir = join(repoRoot, 'test-artifacts', 'e2e');

/** Chromium flags for this machine's closed network (no background connections, no GPU). */
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export interface Browser {
  /** A fresh session (its own cookies and storage): a new context and page, with clipboard access for `origin`. */
  session(origin: string): Promise<Page>;
  /** What a page's Content-Security-Policy blocked, over every session (the page must need nothing it forbids). */
  readonly cspViolations: readonly string[];
  close(): Promise<void>;
}

/** Debian's Chromium; the browser's own complaints go to test-artifacts/e2e/browser-console.log. */
export async function openBrowser(): Promise<Browser> {
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: CHROMIUM_ARGS });
  mkdirSync(artifactsDir, { recursive: true });
  const consoleLog = join(artifactsDir, 'browser-console.log');
  writeFileSync(consoleLog, '');
  const note = (line: string) => appendFileSync(consoleLog, `${line}\n`);
  const cspViolations: string[] = [];
  return {
    cspViolations,
    async session(origin) {
      const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'nl-BE' });
      await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin });
      const page = await context.newPage();
      page.setDefaultTimeout(30_000);
      // The page never logs a secret; these lines are for diagnosing a failed run.
      page.on('console', (message) => {
        if (message.type() === 'error' || message.type() === 'warning') note(`[${message.type()}] ${message.text()}`);
        if (/Content Security Policy/i.test(message.text())) cspViolations.push(message.text());
      });
      page.on('pageerror', (error) => note(`[pageerror] ${error.message}`));
      page.on('requestfailed', (request) =>
        note(`[requestfailed] ${request.method()} ${request.url().split('?')[0]} ${request.failure()?.errorText ?? ''}`),
      );
      return page;
    },
    close: () => browser.close(),
  };
}

/** Logs in on the FOCUS login page (Keycloak theme). */
export async function logIn(page: Page, username: string, password: string): Promise<void> {
  await page.locator('#username').fill(username);
  await page.locator('#password').fill(password);
  await page.locator('#kc-login').click();
}

/** Step 1: "Ga naar Beheer > API Toegang". */
export async function goToApiAccess(page: Page): Promise<void> {
  await page.getByTestId('nav-admin').click();
  await page.getByTestId('nav-api-access').click();
}

export const byTestId = (page: Page, id: string): Locator => page.getByTestId(id);

/** The row of an API client in the overview. */
export const clientRow = (page: Page, name: string): Locator => page.getByTestId('client-row').filter({ hasText: name });

/** Opens a row's action menu and picks an action by its test id. */
export async function rowAction(page: Page, name: string, action: string): Promise<void> {
  await clientRow(page, name).getByTestId('row-actions').click();
  await page.getByTestId(action).getByRole('menuitem').click();
}

/** Mounts the page's self-contained bundle in the provisioner's standalone.html, as a host without React would. */
export async function mountStandalone(page: Page, provisionerUrl: string, token: string): Promise<void> {
  await page.goto(`${provisionerUrl}/standalone.html`);
  // Runs in the page; the test's TypeScript has no DOM types, hence the casts.
  await page.evaluate(async (bearer) => {
    const g = globalThis as unknown as { document: { getElementById(id: string): unknown } };
    const plugin = (await import(`${'/plugin/focus-api-access.js'}`)) as {
      mount(element: unknown, options: { apiBaseUrl: string; getAccessToken(): Promise<string>; locale: string }): unknown;
    };
    plugin.mount(g.document.getElementById('api-access'), { apiBaseUrl: '', getAccessToken: async () => bearer, locale: 'nl' });
  }, token);
}

/**
 * How the overview's table is drawn: whether PatternFly's table styles apply (a custom property only they declare),
 * and whether the actions column's header text is for screen readers only (clipped away by PatternFly's utility,
 * yet the column's name).
 */
export function overviewTableLook(page: Page): Promise<{ tableStyled: boolean; actionsHeader: string; actionsHeaderHidden: boolean }> {
  // Runs in the page; the test's TypeScript has no DOM types, hence the casts.
  return page.getByTestId('clients-table').evaluate((table) => {
    type El = { textContent: string; querySelectorAll(s: string): El[] };
    const g = globalThis as unknown as { getComputedStyle(el: unknown): { getPropertyValue(name: string): string } };
    const headers = (table as unknown as El).querySelectorAll('thead th');
    const actions = headers[headers.length - 1]!;
    const text = actions.querySelectorAll('span')[0];
    return {
      tableStyled: g.getComputedStyle(table).getPropertyValue('--pf-v6-c-table--BackgroundColor').trim() !== '',
      actionsHeader: actions.textContent,
      actionsHeaderHidden: text !== undefined && g.getComputedStyle(text).getPropertyValue('clip-path') !== 'none',
    };
  });
}

/** Reads what the page last put on the clipboard. */
export function readClipboard(page: Page): Promise<string> {
  // Runs in the page; the test's TypeScript has no DOM types, hence the cast.
  return page.evaluate(() =>
    (globalThis as unknown as { navigator: { clipboard: { readText(): Promise<string> } } }).navigator.clipboard.readText(),
  );
}

export interface AxeFinding {
  readonly id: string;
  readonly impact: string | null;
  readonly help: string;
  readonly nodes: number;
  readonly where: string[];
}

/** Runs axe-core (WCAG 2.1 A/AA and best practices) on the current screen; its serious and critical findings. */
export async function seriousAxeFindings(page: Page, screen: string): Promise<AxeFinding[]> {
  await settled(page);
  const { violations } = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']).analyze();
  const results: AxeFinding[] = violations.map((v) => ({
    id: v.id,
    impact: v.impact ?? null,
    help: v.help,
    nodes: v.nodes.length,
    where: v.nodes.map((n) => `${n.target.join(' ')}: ${n.html.slice(0, 200)}`),
  }));
  mkdirSync(artifactsDir, { recursive: true });
  writeFileSync(join(artifactsDir, `axe-${screen}.json`), `${JSON.stringify(results, null, 2)}\n`);
  return results.filter((v) => v.impact === 'serious' || v.impact === 'critical');
}

/**
 * Waits until no animation or transition runs: a menu or dialog that is still fading in has colours between its
 * final ones, which axe would report as too little contrast.
 */
export async function settled(page: Page): Promise<void> {
  interface Running {
    readonly playState: string;
    readonly effect: { getComputedTiming(): { endTime?: number | string } } | null;
  }
  for (let tries = 0; tries < 100; tries++) {
    // Runs in the page; the test's TypeScript has no DOM types, hence the cast. Endless animations (a spinner) never
    // settle and change no colour that matters here.
    const running = await page.evaluate(
      () =>
        (globalThis as unknown as { document: { getAnimations(): Running[] } }).document
          .getAnimations()
          .filter((a) => a.playState === 'running' && a.effect?.getComputedTiming().endTime !== Infinity).length,
    );
    if (running === 0) return;
    await page.waitForTimeout(50);
  }
}

/** Saves a screenshot of the step; `mask` hides secrets (they are never written anywhere). */
export async function screenshot(page: Page, name: string, mask: Locator[] = []): Promise<void> {
  mkdirSync(artifactsDir, { recursive: true });
  await page.screenshot({ path: join(artifactsDir, `${name}.png`), fullPage: true, mask });
}

/** The data-testid of the focused element (and whether it sits in a row showing `rowText`). */
async function focused(page: Page, rowText?: string): Promise<string | null> {
  return page.evaluate((text) => {
    const doc = (
      globalThis as unknown as {
        document: {
          activeElement: { getAttribute(n: string): string | null; closest(s: string): { textContent: string | null } | null } | null;
        };
      }
    ).document;
    const element = doc.activeElement;
    if (!element) return null;
    if (text !== undefined && !(element.closest('[data-testid="client-row"]')?.textContent ?? '').includes(text)) return null;
    return element.getAttribute('data-testid');
  }, rowText);
}

/** Tag and test id of the focused element, for a failure message (never its value). */
function describeFocus(page: Page): Promise<string> {
  return page.evaluate(() => {
    const element = (
      globalThis as unknown as { document: { activeElement: { tagName: string; getAttribute(n: string): string | null } | null } }
    ).document.activeElement;
    return element
      ? `${element.tagName.toLowerCase()}[${element.getAttribute('data-testid') ?? element.getAttribute('aria-label') ?? ''}]`
      : 'none';
  });
}

/** Presses Tab (or Shift+Tab) until the element with `testId` has focus: proof it is reachable by keyboard. */
export async function tabTo(
  page: Page,
  testId: string,
  options: { backwards?: boolean; rowText?: string; max?: number } = {},
): Promise<void> {
  const seen: string[] = [];
  for (let i = 0; i < (options.max ?? 60); i += 1) {
    await page.keyboard.press(options.backwards ? 'Shift+Tab' : 'Tab');
    if ((await focused(page, options.rowText)) === testId) return;
    seen.push(await describeFocus(page));
  }
  throw new Error(`"${testId}" cannot be reached with the Tab key; focus went through: ${seen.join(' → ')}`);
}

/** The text of the focused element. */
export function focusedText(page: Page): Promise<string> {
  return page.evaluate(() => {
    const doc = (globalThis as unknown as { document: { body: unknown; activeElement: { textContent: string | null } | null } }).document;
    return doc.activeElement && doc.activeElement !== doc.body ? (doc.activeElement.textContent ?? '') : '';
  });
}
