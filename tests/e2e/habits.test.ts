/**
 * The page under an administrator's habits, in Debian's Chromium against the real stack: Back and Reload while the
 * credentials are shown, paging through many clients and coming back from a detail page, a name of the maximum
 * length at desktop and phone width, and "Inloggegevens genereren" on the edit form cancelled. The page is mounted
 * in the provisioner's framework-free host page with a manager's token and its routes in the browser's history, on a
 * port of its own, so this file runs beside the other end-to-end tests. Each test makes its own clients.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomBytes } from 'node:crypto';
import { rmSync } from 'node:fs';
import { preparePage } from '@focus-api-access/admin-plugin/build';
import { contract, limits } from '@focus-api-access/contract';
import { startProvisioner, type RunningProvisioner } from '@focus-api-access/provisioner';
import type { Page, Request } from 'playwright-core';
import {
  createApiClient,
  deleteApiClient,
  generateCredentials,
  getApiClient,
  listApiClients,
  type ApiClient,
} from '../../provisioner/src/core/index.js';
import { deps, loginClients, passwordToken, SERVICE } from '../integration/provisioner/support.js';
import { TEST_AUTHORIZED_PARTIES } from '../support/login-client.js';
import { testStack } from '../support/stack.js';
import { byTestId, clientRow, openBrowser, rowAction, screenshot, seriousAxeFindings, type Browser } from './api-access.js';

const stack = testStack();
const tag = randomBytes(3).toString('hex');
const actor = { subject: 'e2e', username: 'e2e-habits' };
const d = deps();
const made: ApiClient[] = [];
const BASE_PATH = '/standalone.html';
let staticRoot: string;
let provisioner: RunningProvisioner;
let browser: Browser;
let logins: Awaited<ReturnType<typeof loginClients>>;
let managerToken: string;
let employeeToken: string;

/**
 * A fresh session with the page mounted on the overview, `query` in its URL, in `locale`. (The provisioner answers
 * deeper paths with the login host, not with this host page: the tests go there through the page.)
 */
async function openPage(query = '', locale = 'nl', token?: string): Promise<Page> {
  const page = await browser.session(provisioner.url);
  await page.goto(`${provisioner.url}${BASE_PATH}${query}`);
  await page.evaluate(
    async ({ bearer, basePath, language }) => {
      const g = globalThis as unknown as { document: { getElementById(id: string): unknown } };
      const plugin = (await import(`${'/plugin/focus-api-access.js'}`)) as {
        mount(
          element: unknown,
          options: { apiBaseUrl: string; getAccessToken(): Promise<string>; locale: string; basePath: string },
        ): unknown;
      };
      plugin.mount(g.document.getElementById('api-access'), {
        apiBaseUrl: '',
        getAccessToken: async () => bearer,
        locale: language,
        basePath,
      });
    },
    { bearer: token ?? managerToken, basePath: BASE_PATH, language: locale },
  );
  return page;
}

async function make(name: string, withCredentials = false): Promise<ApiClient> {
  const client = await createApiClient(d, actor, { name, services: [SERVICE] });
  made.push(client);
  if (withCredentials) await generateCredentials(d, actor, client.id);
  return client;
}

async function search(page: Page, text: string): Promise<void> {
  const answered = page.waitForResponse((r) => r.url().includes('/api/v1/clients?') && r.url().includes('search='));
  await byTestId(page, 'search').fill(text);
  await answered;
}

/** Whether the element lies inside the viewport, left to right (a row menu pushed off screen does not). */
async function withinViewportWidth(page: Page, testId: string): Promise<boolean> {
  const box = await byTestId(page, testId).first().boundingBox();
  const width = page.viewportSize()!.width;
  return box !== null && box.x >= 0 && box.x + box.width <= width;
}

beforeAll(async () => {
  staticRoot = preparePage({ config: { keycloakUrl: stack.keycloakUrl }, copy: true, log: (line) => process.stderr.write(`${line}\n`) });
  provisioner = await startProvisioner({
    keycloakUrl: stack.keycloakUrl,
    provisionerSecret: stack.provisionerSecret,
    port: 0,
    managementPort: 0,
    staticRoot,
    authorizedParties: TEST_AUTHORIZED_PARTIES,
    log: () => undefined,
  });
  logins = await loginClients();
  managerToken = await passwordToken(logins.withAudience, contract.demoUsers.manager);
  employeeToken = await passwordToken(logins.withAudience, contract.demoUsers.employee);
  browser = await openBrowser();
}, 180_000);

afterAll(async () => {
  expect(browser?.cspViolations).toEqual([]);
  await browser?.close();
  await provisioner?.stop();
  await logins?.remove();
  if (staticRoot) rmSync(staticRoot, { recursive: true, force: true });
  for (const client of made) await deleteApiClient(d, actor, client.id).catch(() => undefined);
});

describe('the page under an administrator’s habits', () => {
  it('keeps the once-shown credentials on Reload and Back until the administrator chooses to leave', async () => {
    const name = `Gewoonten ${tag} terug`;
    const page = await openPage();
    await byTestId(page, 'add-client').or(byTestId(page, 'add-client-empty')).first().click();
    await byTestId(page, 'client-name').fill(name);
    await byTestId(page, 'add-service-empty').click();
    await byTestId(page, 'service-select').selectOption(SERVICE);
    await byTestId(page, 'service-add').click();
    await byTestId(page, 'form-generate').click();
    const dialog = byTestId(page, 'credentials-dialog');
    await dialog.waitFor();
    made.push(...(await listApiClients(d, { search: name, first: 0, max: 1 })).items);
    const secret = await byTestId(page, 'credentials-client-secret-value').inputValue();
    const url = page.url();

    // Reload: the browser's leave-page prompt; dismissed, nothing changed.
    const prompts: string[] = [];
    page.once('dialog', (prompt) => {
      prompts.push(prompt.type());
      void prompt.dismiss();
    });
    await page.evaluate(() => (globalThis as unknown as { location: { reload(): void } }).location.reload());
    expect(prompts).toEqual(['beforeunload']);
    expect((await byTestId(page, 'credentials-client-secret-value').inputValue()) === secret).toBe(true);

    // Back: the dialog stays, the page asks, and the URL stays where it was.
    await page.evaluate(() => (globalThis as unknown as { history: { back(): void } }).history.back());
    const confirm = byTestId(page, 'credentials-unconfirmed');
    await confirm.waitFor();
    expect(page.url()).toBe(url);
    await screenshot(page, 'habits-back-during-credentials');
    await byTestId(page, 'credentials-unconfirmed-cancel').click();
    await dialog.waitFor();
    expect((await byTestId(page, 'credentials-client-secret-value').inputValue()) === secret).toBe(true);

    // Choosing to leave does leave.
    await page.evaluate(() => (globalThis as unknown as { history: { back(): void } }).history.back());
    await byTestId(page, 'credentials-unconfirmed-confirm').click();
    await byTestId(page, 'clients-table').or(byTestId(page, 'empty-state')).first().waitFor();
    expect(await dialog.count()).toBe(0);
    await page.context().close();
  });

  it('pages through 37 clients with the true total, and Back from a detail page returns to the same page and search', async () => {
    const prefix = `Paginering ${tag}`;
    for (let start = 1; start <= 37; start += 6) {
      const batch = Array.from({ length: Math.min(6, 38 - start) }, (_, i) => `${prefix} ${String(start + i).padStart(2, '0')}`);
      await Promise.all(batch.map((name) => make(name)));
    }
    const page = await openPage();
    await byTestId(page, 'clients-table').or(byTestId(page, 'empty-state')).first().waitFor();
    await search(page, prefix);
    await byTestId(page, 'pagination-bottom').filter({ hasText: '1 - 10 van 37' }).waitFor();
    await byTestId(page, 'pagination-bottom').getByRole('button', { name: 'Naar de laatste pagina' }).click();
    await byTestId(page, 'pagination-bottom').filter({ hasText: '31 - 37 van 37' }).waitFor();
    await clientRow(page, `${prefix} 37`).waitFor();
    expect(await page.getByTestId('client-row').count()).toBe(7);
    await screenshot(page, 'habits-paging-last-page');

    await clientRow(page, `${prefix} 35`).getByTestId('client-link').click();
    await page.getByRole('heading', { name: `${prefix} 35`, level: 1 }).waitFor();
    await page.goBack();
    await byTestId(page, 'pagination-bottom').filter({ hasText: '31 - 37 van 37' }).waitFor();
    expect(await byTestId(page, 'search').inputValue()).toBe(prefix);
    expect(await page.getByTestId('client-row').count()).toBe(7);

    // The page and search are in the URL: the same address opened again shows them.
    const again = await openPage(new URL(page.url()).search);
    await byTestId(again, 'pagination-bottom').filter({ hasText: '31 - 37 van 37' }).waitFor();
    expect(await byTestId(again, 'search').inputValue()).toBe(prefix);
    await again.context().close();
    await page.context().close();
  });

  it('keeps every column and the row menu on screen with a name of the maximum length, at 1280 px and on a phone', async () => {
    const name = `${tag}${'x'.repeat(limits.nameMaxCharacters - tag.length)}`;
    await make(name);
    const page = await openPage(`?zoeken=${tag}xxxx`);
    await page.setViewportSize({ width: 1280, height: 800 });
    await clientRow(page, name).waitFor();
    const overflow = await byTestId(page, 'clients-table').evaluate((table) => {
      const t = table as unknown as { scrollWidth: number; parentElement: { clientWidth: number } };
      return { table: t.scrollWidth, container: t.parentElement.clientWidth };
    });
    expect(overflow.table).toBeLessThanOrEqual(overflow.container);
    for (const column of ['client-status', 'client-last-used', 'row-actions']) {
      expect([column, await withinViewportWidth(page, column)]).toEqual([column, true]);
    }
    await screenshot(page, 'habits-long-name-1280');

    await page.setViewportSize({ width: 390, height: 844 });
    for (const column of ['client-link', 'client-status', 'client-last-used', 'row-actions']) {
      expect([column, await withinViewportWidth(page, column)]).toEqual([column, true]);
    }
    const pageWidth = await page.evaluate(
      () => (globalThis as unknown as { document: { documentElement: { scrollWidth: number } } }).document.documentElement.scrollWidth,
    );
    expect(pageWidth).toBeLessThanOrEqual(390);
    await screenshot(page, 'habits-long-name-phone');
    await page.context().close();
  });

  it('saves nothing when "Inloggegevens genereren" on the edit form is cancelled', async () => {
    const client = await make(`Gewoonten ${tag} bewerken`, true);
    const page = await openPage(`?zoeken=${encodeURIComponent(client.name)}`);
    const patches: string[] = [];
    page.on('request', (request: Request) => {
      if (request.method() === 'PATCH') patches.push(request.url());
    });
    await rowAction(page, client.name, 'action-edit');
    await page.getByRole('heading', { name: 'API-Client definitie' }).waitFor();
    await byTestId(page, 'add-ip-range').click();
    await byTestId(page, 'ip-range-0').fill('198.51.100.0/24');
    await byTestId(page, 'form-generate').click();
    const confirm = byTestId(page, 'regenerate-dialog');
    await confirm.waitFor();
    expect(await byTestId(page, 'regenerate-saves-changes').textContent()).toBe('Je wijzigingen aan deze client worden eerst opgeslagen.');
    await screenshot(page, 'habits-edit-generate-confirm');
    await byTestId(page, 'regenerate-dialog-cancel').click();
    await confirm.waitFor({ state: 'detached' });
    expect(patches).toEqual([]);
    expect((await getApiClient(d, client.id)).ipRanges).toEqual([]);
    expect(await byTestId(page, 'ip-range-0').inputValue()).toBe('198.51.100.0/24');
    await page.context().close();
  });
});

/**
 * What PatternFly says in English unless the page passes its own words (close buttons, the kind of an alert or status
 * text, label groups, paging, search reset, breadcrumb), and the page's own English.
 */
const ENGLISH =
  /\b(Close|(Danger|Success|Warning|Info|Custom) alert|(error|success|warning) status|Label group category|Show Less|\d+ more|Reset|Breadcrumb|Current page|Items per page|per page|Go to (first|previous|next|last) page|Copy to clipboard|Loading|Search|Clear input)\b|\((top|bottom)\)/;

/** The screen's axe findings (serious and critical) and the lines of its accessibility tree that are in English. */
async function accessibilityProblems(page: Page, screen: string): Promise<{ axe: string[]; english: string[] }> {
  await screenshot(page, screen);
  const axe = (await seriousAxeFindings(page, screen)).map((finding) => `${finding.id}: ${finding.where.join(' | ')}`);
  const tree = await page.locator('body').ariaSnapshot();
  return { axe, english: tree.split('\n').filter((line) => ENGLISH.test(line)) };
}

describe.each(['nl', 'fr'])('every screen in %s', (locale) => {
  it('has no serious or critical axe findings and no English accessible names', async () => {
    const client = await make(`Toegankelijk ${tag} ${locale}`, true);
    const page = await openPage(`?zoeken=${encodeURIComponent(client.name)}`, locale);
    const problems: Record<string, { axe: string[]; english: string[] }> = {};
    const check = async (screen: string) => {
      problems[screen] = await accessibilityProblems(page, `a11y-${locale}-${screen}`);
    };

    await clientRow(page, client.name).waitFor();
    await check('overview');
    await clientRow(page, client.name).getByTestId('row-actions').click();
    await byTestId(page, 'action-delete').waitFor();
    await check('row-menu');
    await page.keyboard.press('Escape');
    await rowAction(page, client.name, 'action-delete');
    await byTestId(page, 'delete-dialog').waitFor();
    await check('delete-dialog');
    await byTestId(page, 'delete-dialog-cancel').click();

    await rowAction(page, client.name, 'action-regenerate');
    await byTestId(page, 'regenerate-dialog').waitFor();
    await check('regenerate-dialog');
    await byTestId(page, 'regenerate-dialog-confirm').click();
    await byTestId(page, 'credentials-dialog').waitFor();
    await check('credentials-dialog');
    await byTestId(page, 'credentials-ok').click();
    await byTestId(page, 'credentials-unconfirmed').waitFor();
    await check('credentials-unconfirmed');
    await byTestId(page, 'credentials-unconfirmed-confirm').click();
    await byTestId(page, 'alert-success').or(byTestId(page, 'clients-table')).first().waitFor();

    await search(page, `${client.name} ontbreekt`);
    await byTestId(page, 'no-match').waitFor();
    await check('no-match');
    await byTestId(page, 'clear-search').click();

    await byTestId(page, 'search').fill(client.name);
    await clientRow(page, client.name).getByTestId('client-link').click();
    await byTestId(page, 'detail-client-id').waitFor();
    await check('detail');

    await byTestId(page, 'action-edit').click();
    await byTestId(page, 'client-name').waitFor();
    await byTestId(page, 'client-name').fill('');
    await byTestId(page, 'add-ip-range').click();
    await byTestId(page, 'ip-range-0').fill('10.0.0.300');
    await byTestId(page, 'form-save').click();
    await byTestId(page, 'form-error').waitFor();
    await check('form-errors');
    await byTestId(page, 'add-service').click();
    await byTestId(page, 'service-dialog').waitFor();
    await check('service-dialog');
    await page.context().close();

    const noRight = await openPage('', locale, employeeToken);
    await noRight.getByTestId('no-access').waitFor();
    problems['no-access'] = await accessibilityProblems(noRight, `a11y-${locale}-no-access`);
    await noRight.context().close();

    const empty = { axe: [], english: [] };
    expect(problems).toEqual(Object.fromEntries(Object.keys(problems).map((screen) => [screen, empty])));
  });
});
