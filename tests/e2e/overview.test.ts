/**
 * The overview and the IP-range warning in Debian's Chromium against the real stack: the page shows every row with
 * its last use after one list request (no request per row), and an edit of the IP ranges that would shut out an
 * address the vendor used lists it and cannot be saved until the administrator confirms. The page is mounted in the
 * provisioner's framework-free host page with a manager's token, on a port of its own, so this file needs no login
 * redirect and runs beside the other end-to-end tests.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomBytes } from 'node:crypto';
import { rmSync } from 'node:fs';
import { preparePage } from '@focus-api-access/admin-plugin/build';
import { contract } from '@focus-api-access/contract';
import { startProvisioner, type RunningProvisioner } from '@focus-api-access/provisioner';
import type { Page, Request } from 'playwright-core';
import { createApiClient, deleteApiClient, generateCredentials, getActivity, type ApiClient } from '../../provisioner/src/core/index.js';
import { eventually } from '../integration/extension/activity-support.js';
import { deps, loginClients, passwordToken, SERVICE } from '../integration/provisioner/support.js';
import { TEST_AUTHORIZED_PARTIES } from '../support/login-client.js';
import { testStack } from '../support/stack.js';
import { vendorToken } from '../support/keycloak.js';
import {
  byTestId,
  clientRow,
  mountStandalone,
  openBrowser,
  overviewTableLook,
  screenshot,
  seriousAxeFindings,
  type Browser,
} from './api-access.js';

const stack = testStack();
const tag = randomBytes(3).toString('hex');
const actor = { subject: 'e2e', username: 'e2e-overview' };
const d = deps();
const made: ApiClient[] = [];
let used: ApiClient;
let staticRoot: string;
let provisioner: RunningProvisioner;
let browser: Browser;
let page: Page;
let logins: Awaited<ReturnType<typeof loginClients>>;
let managerToken: string;
/** Every request the page sent to the API, in order: method and path with query. */
const apiRequests: Array<{ method: string; path: string; body: string | null }> = [];

function recordApiRequests(request: Request): void {
  const url = new URL(request.url());
  if (url.pathname.startsWith('/api/v1/'))
    apiRequests.push({ method: request.method(), path: `${url.pathname}${url.search}`, body: request.postData() });
}

async function mountPage(): Promise<void> {
  await mountStandalone(page, provisioner.url, managerToken);
}

beforeAll(async () => {
  for (const name of [`Overzicht ${tag} gebruikt`, `Overzicht ${tag} nieuw`]) {
    made.push(await createApiClient(d, actor, { name, services: [SERVICE] }));
  }
  used = made[0]!;
  const credentials = await generateCredentials(d, actor, used.id);
  expect((await vendorToken(used.clientId, credentials.clientSecret)).status).toBe(200);
  await eventually(
    () => getActivity(d, used.id),
    (activity) => activity.lastUse !== undefined,
  );

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
  browser = await openBrowser();
  page = await browser.session(provisioner.url);
  page.on('request', recordApiRequests);
}, 180_000);

afterAll(async () => {
  expect(browser?.cspViolations).toEqual([]);
  await browser?.close();
  await provisioner?.stop();
  await logins?.remove();
  if (staticRoot) rmSync(staticRoot, { recursive: true, force: true });
  for (const client of made) await deleteApiClient(d, actor, client.id).catch(() => undefined);
});

describe('the overview in a real browser', () => {
  it('shows every row with its last use after one list request, and no request per row', async () => {
    apiRequests.length = 0;
    await mountPage();
    await page.getByRole('heading', { name: 'API Toegang', level: 1 }).waitFor();
    await page.locator('[data-testid="clients-table"], [data-testid="empty-state"]').first().waitFor();
    const rows = await page.getByTestId('client-row').count();
    expect(rows).toBeGreaterThan(0);
    // Every shown row has its "Laatst gebruikt" already.
    expect(await page.getByTestId('client-last-used').count()).toBe(rows);
    expect(apiRequests.filter((r) => r.path.startsWith('/api/v1/clients'))).toEqual([
      { method: 'GET', path: '/api/v1/clients?first=0&max=10', body: null },
    ]);
    expect(apiRequests.map((r) => r.path.split('?')[0]).sort()).toEqual(['/api/v1/clients', '/api/v1/me', '/api/v1/services']);
    // The self-contained bundle brings PatternFly's table styles along with its table markup.
    expect(await overviewTableLook(page)).toEqual({ tableStyled: true, actionsHeader: 'Acties', actionsHeaderHidden: true });

    apiRequests.length = 0;
    const searched = page.waitForResponse((response) => response.url().includes('/api/v1/clients?') && response.url().includes('search='));
    await byTestId(page, 'search').fill(`overzicht ${tag.toUpperCase()}`);
    await searched;
    await byTestId(page, 'pagination-bottom').filter({ hasText: '1 - 2 van 2' }).waitFor();
    await clientRow(page, used.name).waitFor();
    await page.getByTestId('client-row').filter({ hasText: made[1]!.name }).waitFor();
    expect(await page.getByTestId('client-row').count()).toBe(2);
    const usedCell = clientRow(page, used.name).getByTestId('client-last-used');
    expect(await usedCell.textContent()).toMatch(/\d{4}.*vanaf 127\.0\.0\.1/);
    expect(await clientRow(page, made[1]!.name).getByTestId('client-last-used').textContent()).toBe('nog nooit gebruikt');
    // The search is one request more, and still none per row.
    expect(apiRequests.map((r) => `${r.method} ${r.path}`)).toEqual([
      `GET /api/v1/clients?first=0&max=10&search=${encodeURIComponent(`overzicht ${tag.toUpperCase()}`).replace(/%20/g, '+')}`,
    ]);
    await screenshot(page, 'overview-last-used');
    expect(await seriousAxeFindings(page, 'overview-last-used')).toEqual([]);
  });

  it('lists the addresses new IP ranges would shut out and saves them only once that is confirmed', async () => {
    await clientRow(page, used.name).getByTestId('row-actions').click();
    await page.getByTestId('action-edit').getByRole('menuitem').click();
    await page.getByRole('heading', { name: 'API-Client definitie' }).waitFor();
    await byTestId(page, 'add-ip-range').click();
    await byTestId(page, 'ip-range-0').fill('192.0.2.0/24');
    const warning = byTestId(page, 'ip-ranges-excluded');
    await warning.waitFor();
    expect(await warning.textContent()).toContain('Deze wijziging sluit 1 adres uit dat de afgelopen 30 dagen gebruikt werd: 127.0.0.1');
    await screenshot(page, 'ip-range-warning');
    expect(await seriousAxeFindings(page, 'ip-range-warning')).toEqual([]);

    apiRequests.length = 0;
    await byTestId(page, 'form-save').click();
    await byTestId(page, 'ip-ranges-excluded-error').waitFor();
    expect(apiRequests.filter((r) => r.method === 'PATCH')).toEqual([]);

    await byTestId(page, 'ip-ranges-excluded-confirm').check();
    await byTestId(page, 'form-save').click();
    await byTestId(page, 'alert-success').waitFor();
    const patches = apiRequests.filter((r) => r.method === 'PATCH');
    expect(patches.map((r) => JSON.parse(r.body ?? '{}'))).toEqual([
      expect.objectContaining({ ipRanges: ['192.0.2.0/24'], confirmExcludedAddresses: true }),
    ]);
    await clientRow(page, used.name).getByText('192.0.2.0/24').waitFor();
  });
});
