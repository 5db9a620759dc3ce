/**
 * The administrator's job end to end, in Debian's Chromium against the real stack: log in on the FOCUS login
 * page, follow the manual "Koppeling Eaglebe" steps 1–7, hand the credentials to a "vendor" that gets a token at
 * Keycloak's token endpoint, regenerate (both secrets work during the grace period), disable (token refused),
 * and a user without the right. Every screen gets an axe scan and a screenshot in test-artifacts/e2e/.
 * Secrets are only ever compared, never printed: assertions on them are booleans.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomBytes } from 'node:crypto';
import { rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import KcAdminClient from '@keycloak/keycloak-admin-client';
import { preparePage } from '@focus-api-access/admin-plugin/build';
import { contract } from '@focus-api-access/contract';
import { startProvisioner, type RunningProvisioner } from '@focus-api-access/provisioner';
import type { Page } from 'playwright-core';
import { testStack } from '../support/stack.js';
import {
  artifactsDir,
  audienceOf,
  byTestId,
  clientCredentialsToken,
  clientRow,
  goToApiAccess,
  logIn,
  openBrowser,
  readClipboard,
  rowAction,
  screenshot,
  seriousAxeFindings,
  focusedText,
  tabTo,
  type Browser,
} from './api-access.js';

const stack = testStack();
const clientName = `API Eaglebe e2e ${randomBytes(3).toString('hex')}`;
const keyboardTag = randomBytes(3).toString('hex');
const keyboardClientName = `API Eaglebe keyboard ${keyboardTag}`;
/** Client IDs this test made, removed in afterAll whatever happened. */
const madeClientIds: string[] = [];
const logs: string[] = [];
const secrets: string[] = [];
let staticRoot: string;
let provisioner: RunningProvisioner;
let browser: Browser;
let page: Page;
let clientId = '';
let firstSecret = '';
let secondSecret = '';

/** Copies Client ID and Client Paswoord with the dialog's buttons and checks the clipboard got exactly them. */
async function copyCredentials(): Promise<{ clientId: string; secret: string }> {
  const dialog = byTestId(page, 'credentials-dialog');
  await dialog.getByTestId('credentials-client-id-copy').click();
  const copiedId = await readClipboard(page);
  expect(copiedId).toBe(await dialog.getByTestId('credentials-client-id-value').inputValue());
  await dialog.getByTestId('credentials-client-secret-copy').click();
  const copiedSecret = await readClipboard(page);
  const shownSecret = await dialog.getByTestId('credentials-client-secret-value').inputValue();
  expect(copiedSecret.length >= 16 && copiedSecret === shownSecret).toBe(true);
  secrets.push(copiedSecret);
  return { clientId: copiedId, secret: copiedSecret };
}

async function expectAccessible(screen: string): Promise<void> {
  expect(await seriousAxeFindings(page, screen)).toEqual([]);
}

beforeAll(async () => {
  rmSync(artifactsDir, { recursive: true, force: true });
  staticRoot = preparePage({ config: { keycloakUrl: stack.keycloakUrl }, copy: true, log: (line) => process.stderr.write(`${line}\n`) });
  provisioner = await startProvisioner({
    keycloakUrl: stack.keycloakUrl,
    provisionerSecret: stack.provisionerSecret,
    port: stack.adminPagePort,
    staticRoot,
    log: (line) => logs.push(line),
  });
  browser = await openBrowser(stack.adminPageUrl);
  page = browser.page;
}, 180_000);

afterAll(async () => {
  expect(browser?.cspViolations).toEqual([]);
  await browser?.close();
  await provisioner?.stop();
  if (staticRoot) rmSync(staticRoot, { recursive: true, force: true });
  // Whatever the outcome, leave no API client behind.
  if (madeClientIds.length > 0) {
    const admin = new KcAdminClient({ baseUrl: stack.keycloakUrl, realmName: 'master' });
    await admin.auth({ grantType: 'password', clientId: 'admin-cli', ...stack.bootstrapAdmin });
    for (const made of madeClientIds) {
      for (const client of await admin.clients.find({ realm: contract.realm, clientId: made })) {
        await admin.clients.del({ realm: contract.realm, id: client.id! });
      }
    }
  }
});

describe('API Toegang in a real browser', () => {
  it('lands a newcomer on the FOCUS login page, and beheerder logs in', async () => {
    await page.goto(`${stack.adminPageUrl}/`);
    await page.locator('#username').waitFor();
    expect(page.url().startsWith(`${stack.keycloakUrl}/realms/${contract.realm}/`)).toBe(true);
    await screenshot(page, '00-login');
    await expectAccessible('login');
    await logIn(page, contract.demoUsers.manager, stack.demoPassword);
    await byTestId(page, 'host-user').waitFor();
    await expect(page.locator('.pf-v6-c-masthead')).toBeTruthy();
    expect(await page.getByTestId('host-brand').textContent()).toBe('FOCUS');
    await screenshot(page, '01-host-home');
    await expectAccessible('host-home');
  });

  it('follows the manual, steps 1–7, and the vendor gets a token with the copied credentials', async () => {
    // 1 Ga naar Beheer > API Toegang.
    await goToApiAccess(page);
    await page.getByRole('heading', { name: 'API Toegang', level: 1 }).waitFor();
    expect(page.url()).toBe(`${stack.adminPageUrl}/beheer/api-toegang`);
    await page.locator('[data-testid="clients-table"], [data-testid="empty-state"]').first().waitFor();
    await screenshot(page, '02-overview');
    await expectAccessible('overview');

    // 2 Klik op Client toevoegen.
    await byTestId(page, 'add-client').click();
    await page.getByRole('heading', { name: 'API-Client definitie' }).waitFor();
    await page.getByText('Er werden nog geen services toegevoegd').waitFor();
    await screenshot(page, '03-form-empty');
    await expectAccessible('form');

    // 3 In het veld Naam client, geef een duidelijk naam in.
    await page.getByLabel('Naam client').fill(clientName);

    // 4 Bij Services, klik op Toevoegen.
    await byTestId(page, 'add-service').click();

    // 5 In het dialoogvenster Service toevoegen: a) Client software kiezen: OpenHappening integration Eaglebe, b) Toevoegen.
    const serviceDialog = page.getByRole('dialog', { name: 'Service toevoegen' });
    await serviceDialog.getByLabel('Client software kiezen').selectOption({ label: 'OpenHappening integration Eaglebe' });
    await screenshot(page, '04-service-dialog');
    await expectAccessible('service-dialog');
    await serviceDialog.getByRole('button', { name: 'Toevoegen' }).click();
    await serviceDialog.waitFor({ state: 'detached' });
    await page.getByTestId('services').getByText('OpenHappening integration Eaglebe').waitFor();
    await screenshot(page, '05-form-filled');

    // 6 Klik op Inloggegevens genereren.
    await byTestId(page, 'form-generate').click();

    // 7 In het dialoogvenster Inloggegevens genereren: a) kopieer Client ID en Client Paswoord, b) Ok.
    const dialog = page.getByRole('dialog', { name: 'Inloggegevens genereren' });
    await dialog.waitFor();
    expect(await dialog.getByTestId('credentials-attention').textContent()).toContain(
      'De inloggegevens kunnen niet opnieuw opgehaald worden in FOCUS.',
    );
    const copied = await copyCredentials();
    clientId = copied.clientId;
    madeClientIds.push(clientId);
    firstSecret = copied.secret;
    await dialog.getByTestId('credentials-handover-toggle').getByRole('button').click();
    const handover = (await dialog.getByTestId('credentials-handover').textContent()) ?? '';
    expect(handover).toContain(stack.tokenEndpoint);
    expect(handover).toContain(clientId);
    expect(handover.includes(firstSecret)).toBe(false);
    await screenshot(page, '06-credentials', [dialog.getByTestId('credentials-client-secret-value')]);
    await expectAccessible('credentials-dialog');
    await dialog.getByRole('button', { name: 'Ok' }).click();
    await dialog.waitFor({ state: 'detached' });
    await clientRow(page, clientName).waitFor();
    await clientRow(page, clientName).getByTestId('client-last-used').getByText('nog nooit gebruikt').waitFor();

    // 8 The vendor sets up the integration: a client_credentials token for the OpenHappening API.
    const token = await clientCredentialsToken(stack.tokenEndpoint, clientId, firstSecret);
    expect(token.status).toBe(200);
    expect(audienceOf(token.accessToken!)).toContain(contract.clients.resourceServer);

    await page.reload();
    await clientRow(page, clientName).waitFor();
    // After the vendor's token request, "Laatst gebruikt" shows a date.
    await clientRow(page, clientName).getByTestId('client-last-used').filter({ hasText: /\d{4}/ }).waitFor();
    await screenshot(page, '07-overview-with-client');
  });

  it('regenerates: the new and the previous secret both work during the grace period', async () => {
    await rowAction(page, clientName, 'action-regenerate');
    const confirm = byTestId(page, 'regenerate-dialog');
    expect(await confirm.textContent()).toContain('overgangsperiode');
    await screenshot(page, '08-regenerate-confirm');
    await expectAccessible('regenerate-dialog');
    await confirm.getByTestId('regenerate-dialog-confirm').click();
    await byTestId(page, 'credentials-dialog').waitFor();
    expect(await byTestId(page, 'credentials-previous').textContent()).toMatch(/^De vorige inloggegevens blijven geldig tot /);
    const copied = await copyCredentials();
    expect(copied.clientId).toBe(clientId);
    secondSecret = copied.secret;
    expect(secondSecret !== firstSecret).toBe(true);
    await byTestId(page, 'credentials-ok').click();

    expect((await clientCredentialsToken(stack.tokenEndpoint, clientId, secondSecret)).status).toBe(200);
    expect((await clientCredentialsToken(stack.tokenEndpoint, clientId, firstSecret)).status).toBe(200);
    await expect(clientRow(page, clientName).textContent()).resolves.toContain('Vorige inloggegevens geldig tot');
  });

  it('disables the client after confirmation, and its token is refused', async () => {
    await rowAction(page, clientName, 'action-disable');
    const confirm = byTestId(page, 'disable-dialog');
    expect(await confirm.textContent()).toContain(clientName);
    await expectAccessible('disable-dialog');
    await confirm.getByTestId('disable-dialog-confirm').click();
    await byTestId(page, 'alert-success').filter({ hasText: 'werd uitgeschakeld' }).waitFor();
    await clientRow(page, clientName).getByText('Uitgeschakeld').waitFor();
    await screenshot(page, '09-disabled');

    const refused = await clientCredentialsToken(stack.tokenEndpoint, clientId, secondSecret);
    expect(refused.status).toBeGreaterThanOrEqual(400);
    expect(refused.accessToken).toBeUndefined();
  });

  it('shows the activity: last token and the refused request', async () => {
    await clientRow(page, clientName).getByTestId('client-link').click();
    await page.getByRole('heading', { name: clientName, level: 1 }).waitFor();
    await byTestId(page, 'activity-last-used').filter({ hasNotText: 'nog nooit gebruikt' }).waitFor();
    await byTestId(page, 'activity-refusals').waitFor();
    await screenshot(page, '10-detail-activity');
    await expectAccessible('detail');
  });

  it('deletes the client after a confirmation naming it', async () => {
    await byTestId(page, 'action-delete').click();
    const confirm = byTestId(page, 'delete-dialog');
    expect(await confirm.textContent()).toContain(clientName);
    await screenshot(page, '11-delete-confirm');
    await confirm.getByTestId('delete-dialog-confirm').click();
    await byTestId(page, 'alert-success').filter({ hasText: 'werd verwijderd' }).waitFor();
    expect(page.url()).toBe(`${stack.adminPageUrl}/beheer/api-toegang`);
    await clientRow(page, clientName).waitFor({ state: 'detached' });
  });

  it('works with the keyboard alone: add a client, generate and copy credentials, delete it', async () => {
    await page.goto(`${stack.adminPageUrl}/beheer/api-toegang`);
    await page.getByRole('heading', { name: 'API Toegang', level: 1 }).waitFor();
    await tabTo(page, 'add-client');
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: 'API-Client definitie' }).waitFor();
    // The form starts in Naam client.
    await page.keyboard.type(keyboardClientName);
    expect(await page.getByLabel('Naam client').inputValue()).toBe(keyboardClientName);
    await tabTo(page, 'add-service');
    await page.keyboard.press('Enter');
    await byTestId(page, 'service-dialog').waitFor();
    await tabTo(page, 'service-select');
    await page.keyboard.press('ArrowDown');
    expect(await byTestId(page, 'service-select').inputValue()).toBe('openhappening-eaglebe');
    await tabTo(page, 'service-add');
    await page.keyboard.press('Enter');
    await byTestId(page, 'service-dialog').waitFor({ state: 'detached' });
    await tabTo(page, 'form-generate', { backwards: true });
    await page.keyboard.press('Enter');
    const dialog = byTestId(page, 'credentials-dialog');
    await dialog.waitFor();
    await tabTo(page, 'credentials-client-id-copy');
    await page.keyboard.press('Enter');
    const copiedId = await readClipboard(page);
    expect(copiedId).toBe(await dialog.getByTestId('credentials-client-id-value').inputValue());
    madeClientIds.push(copiedId);
    await tabTo(page, 'credentials-client-secret-copy');
    await page.keyboard.press('Enter');
    const copiedSecret = await readClipboard(page);
    expect(copiedSecret === (await dialog.getByTestId('credentials-client-secret-value').inputValue())).toBe(true);
    secrets.push(copiedSecret);
    await tabTo(page, 'credentials-ok');
    await page.keyboard.press('Enter');
    await dialog.waitFor({ state: 'detached' });

    // Back on the overview, the focus is on its heading.
    await tabTo(page, 'search');
    // The search matches Client IDs, which embed the name given at creation.
    const searched = page.waitForResponse((response) => response.url().includes(`search=${encodeURIComponent(copiedId)}`));
    await page.keyboard.type(copiedId);
    await searched;
    await page.getByTestId('client-row').filter({ hasText: keyboardClientName }).waitFor();
    await tabTo(page, 'row-actions', { rowText: keyboardClientName });
    await page.keyboard.press('Enter');
    for (let i = 0; i < 10 && (await focusedText(page)) !== 'Verwijderen'; i += 1) await page.keyboard.press('ArrowDown');
    expect(await focusedText(page)).toBe('Verwijderen');
    await page.keyboard.press('Enter');
    await byTestId(page, 'delete-dialog').waitFor();
    await tabTo(page, 'delete-dialog-confirm');
    await page.keyboard.press('Enter');
    await byTestId(page, 'alert-success').filter({ hasText: keyboardClientName }).waitFor();
    await page.getByTestId('client-row').filter({ hasText: keyboardClientName }).waitFor({ state: 'detached' });
  });

  it('mounts the self-contained bundle with mount() in a page without React, and follows a locale change', async () => {
    // The host's own API calls carry the signed-in user's token; a framework-free host would get it the same way.
    const token = new Promise<string>((resolve) => {
      page.on('request', (request) => {
        const authorization = request.headers().authorization;
        if (request.url().includes('/api/v1/') && authorization?.startsWith('Bearer ')) resolve(authorization.slice(7));
      });
    });
    await page.goto(`${stack.adminPageUrl}/beheer/api-toegang`);
    const accessToken = await token;
    await page.goto(`${stack.adminPageUrl}/standalone.html`);
    await page.evaluate(async (bearer) => {
      const g = globalThis as unknown as { document: { getElementById(id: string): unknown }; unmountApiAccess: unknown };
      const plugin = (await import(`${'/plugin/focus-api-access.js'}`)) as {
        mount(element: unknown, options: { apiBaseUrl: string; getAccessToken(): Promise<string>; locale: string }): unknown;
      };
      g.unmountApiAccess = plugin.mount(g.document.getElementById('api-access'), {
        apiBaseUrl: '',
        getAccessToken: async () => bearer,
        locale: 'fr',
      });
    }, accessToken);
    await page.getByRole('heading', { name: 'Accès API', level: 1 }).waitFor();
    await page.locator('[data-testid="clients-table"], [data-testid="empty-state"]').first().waitFor();
    await screenshot(page, '13-standalone-fr');
    await expectAccessible('standalone');
    await page.evaluate(() => {
      const g = globalThis as unknown as { unmountApiAccess: { update(options: { locale: string }): void } };
      g.unmountApiAccess.update({ locale: 'en' });
    });
    await page.getByRole('heading', { name: 'API Access', level: 1 }).waitFor();
    const emptied = await page.evaluate(() => {
      const g = globalThis as unknown as {
        unmountApiAccess: () => void;
        document: { getElementById(id: string): { childElementCount: number } };
      };
      g.unmountApiAccess();
      return g.document.getElementById('api-access').childElementCount;
    });
    expect(emptied).toBe(0);
  });

  it('shows medewerker, who lacks the right, a message naming "API toegang beheren"', async () => {
    await page.goto(`${stack.adminPageUrl}/`);
    await byTestId(page, 'host-logout').click();
    await page.locator('#username').waitFor();
    await logIn(page, contract.demoUsers.employee, stack.demoPassword);
    await byTestId(page, 'host-user').waitFor();
    await goToApiAccess(page);
    const message = byTestId(page, 'no-access');
    await message.waitFor();
    const text = (await message.textContent()) ?? '';
    expect(text).toContain(contract.manageRight.label);
    expect(text).toContain(contract.manageRight.role);
    await screenshot(page, '12-no-access');
    await expectAccessible('no-access');
  });

  it('measures the time from navigation to an interactive overview', async () => {
    await page.goto(`${stack.adminPageUrl}/`);
    await byTestId(page, 'host-logout').click();
    await page.locator('#username').waitFor();
    await logIn(page, contract.demoUsers.manager, stack.demoPassword);
    await byTestId(page, 'host-user').waitFor();
    const timings: number[] = [];
    for (let run = 0; run < 3; run += 1) {
      const started = Date.now();
      await page.goto(`${stack.adminPageUrl}/beheer/api-toegang`);
      await page.locator('[data-testid="clients-table"], [data-testid="empty-state"]').first().waitFor();
      await byTestId(page, 'add-client').click({ trial: true });
      timings.push(Date.now() - started);
    }
    mkdirSync(artifactsDir, { recursive: true });
    writeFileSync(join(artifactsDir, 'timings.json'), `${JSON.stringify({ navigationToInteractiveOverviewMs: timings }, null, 2)}\n`);
    process.stderr.write(`Navigation to interactive overview: ${timings.join(' ms, ')} ms\n`);
    expect(Math.min(...timings)).toBeLessThan(10_000);
  });

  it('never wrote a secret into the provisioner log', () => {
    expect(secrets.length).toBe(3);
    expect(logs.length).toBeGreaterThan(0);
    expect(logs.some((line) => secrets.some((secret) => line.includes(secret)))).toBe(false);
  });
});
