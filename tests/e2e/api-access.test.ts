/**
 * The administrator's job end to end, in Debian's Chromium against the real stack: the FOCUS login page, the manual
 * "Koppeling Eaglebe" steps 1–7 with a "vendor" that gets a token with the copied credentials, regeneration with a
 * grace period, disabling, the activity, deleting, the keyboard alone, the self-contained bundle, and a user without
 * the right. Each test logs in on a fresh session and makes the API clients it needs, so one failing test leaves the
 * others their meaning. Every screen gets an axe scan and a screenshot in test-artifacts/e2e/. Secrets are only ever
 * compared, never printed: assertions on them are booleans.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createHash, randomBytes } from 'node:crypto';
import { rmSync } from 'node:fs';
import { preparePage } from '@focus-api-access/admin-plugin/build';
import { contract } from '@focus-api-access/contract';
import {
  createApiClient,
  createKeycloakGateway,
  generateCredentials,
  startProvisioner,
  type RunningProvisioner,
  type UseCaseDeps,
} from '@focus-api-access/provisioner';
import type { Page } from 'playwright-core';
import { audiences, bootstrapAdminClient, claims, vendorToken, uniqueName } from '../support/keycloak.js';
import { testStack } from '../support/stack.js';
import {
  byTestId,
  clientRow,
  focusedText,
  goToApiAccess,
  logIn,
  openBrowser,
  overviewTableLook,
  readClipboard,
  rowAction,
  screenshot,
  seriousAxeFindings,
  tabTo,
  type Browser,
} from './api-access.js';

const stack = testStack();
const OVERVIEW = `${stack.adminPageUrl}/beheer/api-toegang`;
const SERVICE = 'openhappening-eaglebe';
/** Client IDs the tests made, removed in afterAll whatever happened. */
const madeClientIds: string[] = [];
const logs: string[] = [];
const secrets: string[] = [];
let staticRoot: string;
let provisioner: RunningProvisioner;
let browser: Browser;
let deps: UseCaseDeps;

/** A fresh session, logged in on the FOCUS login page. */
async function loggedIn(username: string = contract.demoUsers.manager): Promise<Page> {
  const page = await browser.session(stack.adminPageUrl);
  await page.goto(`${stack.adminPageUrl}/`);
  await page.locator('#username').waitFor();
  await logIn(page, username, stack.demoPassword);
  await byTestId(page, 'host-user').waitFor();
  return page;
}

/** An API client made through the provisioner's library, with credentials generated: what a test starts from. */
async function clientWithCredentials(prefix: string): Promise<{ name: string; clientId: string; secret: string }> {
  const name = uniqueName(prefix);
  const actor = { subject: 'e2e', username: 'e2e' };
  const client = await createApiClient(deps, actor, { name, services: [SERVICE] });
  madeClientIds.push(client.clientId);
  const { clientSecret } = await generateCredentials(deps, actor, client.id);
  secrets.push(clientSecret);
  return { name, clientId: client.clientId, secret: clientSecret };
}

async function overview(page: Page): Promise<void> {
  await page.goto(OVERVIEW);
  await page.locator('[data-testid="clients-table"], [data-testid="empty-state"]').first().waitFor();
}

/** Copies Client ID and Client Paswoord with the dialog's buttons and checks the clipboard got exactly them. */
async function copyCredentials(page: Page): Promise<{ clientId: string; secret: string }> {
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

async function expectAccessible(page: Page, screen: string): Promise<void> {
  expect(await seriousAxeFindings(page, screen)).toEqual([]);
}

beforeAll(async () => {
  staticRoot = preparePage({ config: { keycloakUrl: stack.keycloakUrl }, copy: true, log: (line) => process.stderr.write(`${line}\n`) });
  provisioner = await startProvisioner({
    keycloakUrl: stack.keycloakUrl,
    provisionerSecret: stack.provisionerSecret,
    port: stack.adminPagePort,
    staticRoot,
    log: (line) => logs.push(line),
  });
  deps = {
    gateway: createKeycloakGateway({ keycloakUrl: stack.keycloakUrl, clientSecret: stack.provisionerSecret }),
    tokenEndpoint: stack.tokenEndpoint,
  };
  browser = await openBrowser();
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await provisioner?.stop();
  if (staticRoot) rmSync(staticRoot, { recursive: true, force: true });
  // Whatever the outcome, leave no API client behind.
  if (madeClientIds.length > 0) {
    const admin = await bootstrapAdminClient();
    for (const made of madeClientIds) {
      for (const client of await admin.clients.find({ clientId: made })) await admin.clients.del({ id: client.id! });
    }
  }
  expect(browser?.cspViolations).toEqual([]);
  // No generated secret ever reached the provisioner's log.
  expect(logs.length).toBeGreaterThan(0);
  expect(logs.some((line) => secrets.some((secret) => line.includes(secret)))).toBe(false);
});

describe('API Toegang in a real browser', () => {
  it('lands a newcomer on the FOCUS login page, and beheerder logs in', async () => {
    const page = await browser.session(stack.adminPageUrl);
    const hostOrigin = new URL(stack.adminPageUrl).origin;
    const fromHost: string[] = [];
    page.on('request', (request) => {
      const url = new URL(request.url());
      if (url.origin === hostOrigin) fromHost.push(url.pathname);
    });
    const entry = /<script type="module"[^>]* src="([^"]+)"/.exec(await (await fetch(`${stack.adminPageUrl}/`)).text())?.[1];
    await page.goto(`${stack.adminPageUrl}/`);
    await page.locator('#username').waitFor();
    expect(page.url().startsWith(`${stack.keycloakUrl}/realms/${contract.realm}/`)).toBe(true);
    // The load that only leaves for the login runs its entry alone, not the screen's chunk (React, PatternFly, the
    // page), and asks for config.json once, before the entry (its preload), whose login code takes that answer.
    expect(entry).toMatch(/^\/assets\/.+\.js$/);
    expect(fromHost.filter((path) => path.endsWith('.js') || path === '/config.json')).toEqual(['/config.json', entry]);
    await screenshot(page, '00-login');
    await expectAccessible(page, 'login');
    await logIn(page, contract.demoUsers.manager, stack.demoPassword);
    await byTestId(page, 'host-user').waitFor();
    expect(await page.getByTestId('host-brand').textContent()).toBe('FOCUS');
    await screenshot(page, '01-host-home');
    await expectAccessible(page, 'host-home');
  });

  it("keeps the tab's login across loads, until Keycloak ends the session or beheerder signs out", async () => {
    const page = await loggedIn();
    const toKeycloakLogin: string[] = [];
    page.on('request', (request) => {
      if (request.isNavigationRequest() && request.url().startsWith(`${stack.keycloakUrl}/`))
        toKeycloakLogin.push(new URL(request.url()).pathname);
    });
    // The kept login's session id, read in the host's origin (its session storage).
    const keptSid = () =>
      page.evaluate(() => {
        const kept = JSON.parse(sessionStorage.getItem('focus.host-session') ?? 'null') as { token?: string } | null;
        if (!kept?.token) return undefined;
        const payload = kept.token.split('.')[1]!.replace(/-/g, '+').replace(/_/g, '/');
        return (JSON.parse(atob(payload)) as { sid?: string }).sid;
      });
    // The same, from Keycloak's login page: a file of the host's origin that runs no login code.
    const keptSidOnHost = async () => {
      await page.goto(`${stack.adminPageUrl}/config.json`);
      return keptSid();
    };

    // A navigation into the page and a reload renew the kept login in place: no trip to Keycloak's login.
    await overview(page);
    await page.reload();
    await page.locator('[data-testid="clients-table"], [data-testid="empty-state"]').first().waitFor();
    expect(toKeycloakLogin).toEqual([]);
    const sid = await keptSid();
    expect(sid).toEqual(expect.any(String));

    // Kept tokens keycloak-js cannot even read (a damaged session storage) are forgotten: the tab logs in again, here
    // at once through Keycloak's session, rather than being stuck on an error.
    await page.evaluate(() => {
      const kept = JSON.parse(sessionStorage.getItem('focus.host-session')!) as Record<string, string>;
      sessionStorage.setItem('focus.host-session', JSON.stringify({ ...kept, refreshToken: 'garbage' }));
    });
    await page.reload();
    await page.locator('[data-testid="clients-table"], [data-testid="empty-state"]').first().waitFor();
    expect(await keptSid()).toBe(sid);

    // Keycloak ends the session (an administrator, or an expiry): the kept tokens no longer let the tab in.
    const admin = await bootstrapAdminClient();
    await admin.realms.deleteSession({ realm: contract.realm, session: sid!, isOffline: false });
    await page.reload();
    await page.locator('#username').waitFor();
    expect(page.url().startsWith(`${stack.keycloakUrl}/realms/${contract.realm}/`)).toBe(true);
    expect(await keptSidOnHost()).toBeUndefined();

    // Signing out forgets the kept login before leaving; the next load asks for the login again.
    await page.goto(OVERVIEW);
    await logIn(page, contract.demoUsers.manager, stack.demoPassword);
    await byTestId(page, 'host-user').waitFor();
    const newSid = await keptSid();
    expect(newSid).toEqual(expect.any(String));
    expect(newSid).not.toBe(sid);
    // Keycloak sends the tab back to the host's start page, whose scripts are held back here: what is read is what the
    // sign-out itself left behind, not what the next load's login code does.
    const scripts = new RegExp(`^${stack.adminPageUrl}/assets/.+\\.js$`);
    await page.route(scripts, (route) => route.abort());
    await page.getByRole('button', { name: 'Afmelden' }).click();
    await page.waitForURL(`${stack.adminPageUrl}/`);
    expect(await keptSid()).toBeUndefined();
    await page.unroute(scripts);
    await page.goto(OVERVIEW);
    await page.locator('#username').waitFor();
  });

  it("goes back to the overview from a client's screen through the host's menu", async () => {
    const client = await clientWithCredentials('API Eaglebe menu');
    const page = await loggedIn();
    await overview(page);
    await clientRow(page, client.name).getByTestId('client-link').click();
    await page.getByRole('heading', { name: client.name, level: 1 }).waitFor();
    await byTestId(page, 'nav-api-access').click();
    await clientRow(page, client.name).waitFor();
    expect(page.url()).toBe(OVERVIEW);
    expect(await page.getByRole('heading', { name: client.name, level: 1 }).count()).toBe(0);
  });

  it('follows the manual, steps 1–7, and the vendor gets a token with the copied credentials', async () => {
    const page = await loggedIn();
    const clientName = uniqueName('API Eaglebe e2e');
    // 1 Ga naar Beheer > API Toegang.
    await goToApiAccess(page);
    await page.getByRole('heading', { name: 'API Toegang', level: 1 }).waitFor();
    expect(page.url()).toBe(OVERVIEW);
    await page.locator('[data-testid="clients-table"], [data-testid="empty-state"]').first().waitFor();
    await screenshot(page, '02-overview');
    await expectAccessible(page, 'overview');

    // 2 Klik op Client toevoegen.
    await byTestId(page, 'add-client').click();
    await page.getByRole('heading', { name: 'API-Client definitie' }).waitFor();
    await page.getByText('Er werden nog geen services toegevoegd').waitFor();
    await screenshot(page, '03-form-empty');
    await expectAccessible(page, 'form');

    // 3 In het veld Naam client, geef een duidelijk naam in.
    await page.getByLabel('Naam client').fill(clientName);

    // 4 Bij Services, klik op Toevoegen.
    await byTestId(page, 'add-service').click();

    // 5 In het dialoogvenster Service toevoegen: a) Client software kiezen: OpenHappening integration Eaglebe, b) Toevoegen.
    const serviceDialog = page.getByRole('dialog', { name: 'Service toevoegen' });
    await serviceDialog.getByLabel('Client software kiezen').selectOption({ label: 'OpenHappening integration Eaglebe' });
    await screenshot(page, '04-service-dialog');
    await expectAccessible(page, 'service-dialog');
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
    const { clientId, secret } = await copyCredentials(page);
    madeClientIds.push(clientId);
    await dialog.getByTestId('credentials-handover-toggle').getByRole('button').click();
    const handover = (await dialog.getByTestId('credentials-handover').textContent()) ?? '';
    expect(handover).toContain(stack.tokenEndpoint);
    expect(handover).toContain(clientId);
    expect(handover.includes(secret)).toBe(false);
    await screenshot(page, '06-credentials', [dialog.getByTestId('credentials-client-secret-value')]);
    await expectAccessible(page, 'credentials-dialog');
    await dialog.getByRole('button', { name: 'Ok' }).click();
    await dialog.waitFor({ state: 'detached' });
    await clientRow(page, clientName).getByTestId('client-last-used').getByText('nog nooit gebruikt').waitFor();

    // 8 The vendor sets up the integration: a client_credentials token for the OpenHappening API.
    const token = await vendorToken(clientId, secret);
    expect(token.status).toBe(200);
    expect(audiences(claims(token.body.access_token))).toContain(contract.clients.resourceServer);

    // After the vendor's token request, "Laatst gebruikt" shows a date (Keycloak records it a moment later).
    const lastUsed = clientRow(page, clientName).getByTestId('client-last-used').filter({ hasText: /\d{4}/ });
    for (let attempt = 0; ; attempt += 1) {
      await page.reload();
      await clientRow(page, clientName).waitFor();
      if ((await lastUsed.count()) > 0 || attempt >= 20) break;
      await page.waitForTimeout(500);
    }
    await lastUsed.waitFor();
    await screenshot(page, '07-overview-with-client');
    // The bundle that shares the host's PatternFly brings the table styles, which PatternFly's base.css lacks.
    expect(await overviewTableLook(page)).toEqual({ tableStyled: true, actionsHeader: 'Acties', actionsHeaderHidden: true });
  });

  it('regenerates: the new and the previous secret both work during the grace period', async () => {
    const client = await clientWithCredentials('API Eaglebe regenerate');
    const page = await loggedIn();
    await overview(page);
    await rowAction(page, client.name, 'action-regenerate');
    const confirm = byTestId(page, 'regenerate-dialog');
    expect(await confirm.textContent()).toContain('overgangsperiode');
    await screenshot(page, '08-regenerate-confirm');
    await expectAccessible(page, 'regenerate-dialog');
    await confirm.getByTestId('regenerate-dialog-confirm').click();
    await byTestId(page, 'credentials-dialog').waitFor();
    expect(await byTestId(page, 'credentials-previous').textContent()).toMatch(/^De vorige inloggegevens blijven geldig tot /);
    const copied = await copyCredentials(page);
    expect(copied.clientId).toBe(client.clientId);
    expect(copied.secret !== client.secret).toBe(true);
    await byTestId(page, 'credentials-ok').click();

    expect((await vendorToken(client.clientId, copied.secret)).status).toBe(200);
    expect((await vendorToken(client.clientId, client.secret)).status).toBe(200);
    await expect(clientRow(page, client.name).textContent()).resolves.toContain('Vorige inloggegevens geldig tot');
  });

  it('disables the client after confirmation, and its token is refused', async () => {
    const client = await clientWithCredentials('API Eaglebe disable');
    const page = await loggedIn();
    await overview(page);
    await rowAction(page, client.name, 'action-disable');
    const confirm = byTestId(page, 'disable-dialog');
    expect(await confirm.textContent()).toContain(client.name);
    await expectAccessible(page, 'disable-dialog');
    await confirm.getByTestId('disable-dialog-confirm').click();
    await byTestId(page, 'alert-success').filter({ hasText: 'werd uitgeschakeld' }).waitFor();
    await clientRow(page, client.name).getByText('Uitgeschakeld').waitFor();
    await screenshot(page, '09-disabled');

    const refused = await vendorToken(client.clientId, client.secret);
    expect(refused.status).toBeGreaterThanOrEqual(400);
    expect(refused.body.access_token).toBeUndefined();
  });

  it('shows the activity: the last token and a refused request', async () => {
    const client = await clientWithCredentials('API Eaglebe activity');
    expect((await vendorToken(client.clientId, client.secret)).status).toBe(200);
    expect((await vendorToken(client.clientId, 'not-the-secret')).status).toBe(401);
    const page = await loggedIn();
    await overview(page);
    await clientRow(page, client.name).getByTestId('client-link').click();
    await page.getByRole('heading', { name: client.name, level: 1 }).waitFor();
    await byTestId(page, 'activity-last-used').filter({ hasNotText: 'nog nooit gebruikt' }).waitFor();
    await byTestId(page, 'activity-refusal-group-bad_secret')
      .getByText(/Verkeerd Client Paswoord/)
      .waitFor();
    await byTestId(page, 'activity-refusals').waitFor();
    await screenshot(page, '10-detail-activity');
    await expectAccessible(page, 'detail');
  });

  it('deletes the client after a confirmation naming it, and its token is refused', async () => {
    const client = await clientWithCredentials('API Eaglebe delete');
    const page = await loggedIn();
    await overview(page);
    await clientRow(page, client.name).getByTestId('client-link').click();
    await byTestId(page, 'action-delete').click();
    const confirm = byTestId(page, 'delete-dialog');
    expect(await confirm.textContent()).toContain(client.name);
    await screenshot(page, '11-delete-confirm');
    await confirm.getByTestId('delete-dialog-confirm').click();
    await byTestId(page, 'alert-success').filter({ hasText: 'werd verwijderd' }).waitFor();
    expect(page.url()).toBe(OVERVIEW);
    await clientRow(page, client.name).waitFor({ state: 'detached' });
    expect((await vendorToken(client.clientId, client.secret)).status).toBe(401);
  });

  it('works with the keyboard alone: add a client, generate and copy credentials, delete it', async () => {
    const keyboardClientName = uniqueName('API Eaglebe keyboard');
    const page = await loggedIn();
    await page.goto(OVERVIEW);
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
    expect(await byTestId(page, 'service-select').inputValue()).toBe(SERVICE);
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
    // The toast of the deletion itself: the credentials' toast, naming the client too, may still be shown.
    await byTestId(page, 'alert-success')
      .filter({ hasText: `"${keyboardClientName}" werd verwijderd` })
      .waitFor();
    await page.getByTestId('client-row').filter({ hasText: keyboardClientName }).waitFor({ state: 'detached' });
  });

  it('mounts the self-contained bundle with mount() in a page without React, and follows a locale change', async () => {
    const page = await loggedIn();
    // The host's own API calls carry the signed-in user's token; a framework-free host would get it the same way.
    const token = new Promise<string>((resolve) => {
      page.on('request', (request) => {
        const authorization = request.headers().authorization;
        if (request.url().includes('/api/v1/') && authorization?.startsWith('Bearer ')) resolve(authorization.slice(7));
      });
    });
    await page.goto(OVERVIEW);
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
    await expectAccessible(page, 'standalone');
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

  it('asks a manager for a second factor when the login must reach level 2 (step-up), and only then', async () => {
    const admin = await bootstrapAdminClient();
    const username = uniqueName('stepup').toLowerCase();
    const password = randomBytes(18).toString('base64url');
    const { id } = await admin.users.create({
      username,
      enabled: true,
      email: `${username}@focus.example`,
      emailVerified: true,
      firstName: 'Step',
      lastName: 'Up',
      groups: [`/${contract.managersGroup}`],
      credentials: [{ type: 'password', value: password, temporary: false }],
    });
    try {
      // What keycloak-js sends when the host asks for level 2: acr_values on the authorization request (PKCE, as focus-admin requires).
      const verifier = randomBytes(32).toString('base64url');
      const authorize = (acr: string | undefined) =>
        `${stack.realmUrl}/protocol/openid-connect/auth?${new URLSearchParams({
          client_id: contract.clients.adminSpa,
          redirect_uri: `${stack.adminPageUrl}/`,
          response_type: 'code',
          scope: 'openid',
          code_challenge: createHash('sha256').update(verifier).digest('base64url'),
          code_challenge_method: 'S256',
          ...(acr ? { acr_values: acr } : {}),
        })}`;
      const page = await browser.session(stack.adminPageUrl);
      await page.goto(authorize('2'));
      await logIn(page, username, password);
      // No second factor yet: Keycloak has the user set one up (a one-time code app) before the login completes.
      await page.locator('#kc-totp-secret-qr-code, #totp').first().waitFor();
      await screenshot(page, '14-step-up-second-factor');
      expect(page.url().startsWith(stack.adminPageUrl)).toBe(false);

      // A plain login (level 1) asks for no second factor.
      const plain = await browser.session(stack.adminPageUrl);
      await plain.goto(authorize(undefined));
      await logIn(plain, username, password);
      await plain.waitForURL((url) => url.href.startsWith(`${stack.adminPageUrl}/`));
    } finally {
      await admin.users.del({ id });
    }
  });

  it('shows medewerker, who lacks the right, a message naming "API toegang beheren"', async () => {
    const page = await loggedIn(contract.demoUsers.employee);
    await goToApiAccess(page);
    const message = byTestId(page, 'no-access');
    await message.waitFor();
    const text = (await message.textContent()) ?? '';
    expect(text).toContain(contract.manageRight.label);
    expect(text).toContain(contract.manageRight.role);
    await screenshot(page, '12-no-access');
    await expectAccessible(page, 'no-access');
  });
});
