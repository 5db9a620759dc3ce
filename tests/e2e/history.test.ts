/**
 * The history in Debian's Chromium against the real stack, keyboard only: from the overview to the history of all
 * changes, a filter by client, and the "Geschiedenis" section of a client's page, each screen without serious or
 * critical axe findings. The changes are made through the provisioner's gateway acting for the manager, as the HTTP
 * API does, so the page shows that person.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomBytes } from 'node:crypto';
import { rmSync } from 'node:fs';
import { preparePage } from '@focus-api-access/admin-plugin/build';
import { contract } from '@focus-api-access/contract';
import { startProvisioner, type RunningProvisioner } from '@focus-api-access/provisioner';
import type { Page } from 'playwright-core';
import { createApiClient, deleteApiClient, updateApiClient, type ApiClient, type UseCaseDeps } from '../../provisioner/src/core/index.js';
import { deps, loginClients, passwordToken, SERVICE } from '../integration/provisioner/support.js';
import { TEST_AUTHORIZED_PARTIES } from '../support/login-client.js';
import { testStack } from '../support/stack.js';
import { byTestId, focusedText, openBrowser, screenshot, seriousAxeFindings, mountStandalone, tabTo, type Browser } from './api-access.js';

const stack = testStack();
const tag = randomBytes(3).toString('hex');
const actor = { subject: 'e2e', username: 'e2e-history' };
const plain = deps();
let acting: UseCaseDeps;
let client: ApiClient;
let staticRoot: string;
let provisioner: RunningProvisioner;
let browser: Browser;
let page: Page;
let logins: Awaited<ReturnType<typeof loginClients>>;
let managerToken: string;

async function mountPage(): Promise<void> {
  await mountStandalone(page, provisioner.url, managerToken);
}

beforeAll(async () => {
  logins = await loginClients();
  managerToken = await passwordToken(logins.withAudience, contract.demoUsers.manager);
  const subject = JSON.parse(Buffer.from(managerToken.split('.')[1]!, 'base64url').toString()).sub as string;
  acting = { ...plain, gateway: plain.gateway.actingFor!({ subject, username: contract.demoUsers.manager }) };
  client = await createApiClient(acting, actor, { name: `Geschiedenis ${tag}`, services: [SERVICE] });
  await updateApiClient(acting, actor, client.id, { ipRanges: ['198.51.100.0/24'] });

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
  browser = await openBrowser();
  page = await browser.session(provisioner.url);
}, 180_000);

afterAll(async () => {
  expect(browser?.cspViolations).toEqual([]);
  await browser?.close();
  await provisioner?.stop();
  await logins?.remove();
  if (staticRoot) rmSync(staticRoot, { recursive: true, force: true });
  if (client) await deleteApiClient(plain, actor, client.id).catch(() => undefined);
});

describe('the history, keyboard only', () => {
  it('opens the history of all changes from the overview and filters it by client', async () => {
    await mountPage();
    await page.getByRole('heading', { name: 'API Toegang', level: 1 }).waitFor();
    await page.locator('[data-testid="clients-table"], [data-testid="empty-state"]').first().waitFor();
    await tabTo(page, 'open-history');
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: 'Geschiedenis van alle API clients', level: 1 }).waitFor();
    await byTestId(page, 'history-table').waitFor();

    await tabTo(page, 'history-filter-client');
    await page.keyboard.type(client.clientId);
    await tabTo(page, 'history-apply');
    await page.keyboard.press('Enter');
    await byTestId(page, 'history-shown').filter({ hasText: '1 - 2 van 2' }).waitFor();
    const rows = page.getByTestId('history-row');
    expect(await rows.getByTestId('history-action').allTextContents()).toEqual(['IP ranges gewijzigd', 'Aangemaakt']);
    expect(await rows.first().getByTestId('history-person').textContent()).toContain(contract.demoUsers.manager);
    expect(await rows.first().textContent()).toContain('IP ranges: alle adressen → 198.51.100.0/24');
    await screenshot(page, 'history-overview');
    expect(await seriousAxeFindings(page, 'history-overview')).toEqual([]);
  });

  it("shows Geschiedenis on the client's page", async () => {
    await tabTo(page, 'history-back', { backwards: true });
    expect(await focusedText(page)).toBe('Terug naar het overzicht');
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: 'API Toegang', level: 1 }).waitFor();
    await byTestId(page, 'search').focus();
    await page.keyboard.type(client.clientId);
    await page.getByTestId('client-row').filter({ hasText: client.name }).waitFor();
    await tabTo(page, 'client-link', { rowText: client.name });
    await page.keyboard.press('Enter');
    const card = byTestId(page, 'client-history');
    await card.getByTestId('history-row').first().waitFor();
    expect(await card.getByTestId('history-action').allTextContents()).toEqual(['IP ranges gewijzigd', 'Aangemaakt']);
    await screenshot(page, 'history-client');
    expect(await seriousAxeFindings(page, 'history-client')).toEqual([]);
  });
});
