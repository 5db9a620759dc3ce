/**
 * Keycloak's own admin console, in Debian's Chromium, logged in as the bootstrap administrator: the credentials tab of
 * an API client whose secret was generated holds nothing of the secret (neither on screen nor in any field or the
 * page's markup). A client that still keeps its secret in clear shows it there, which is what proves the look works.
 * Secrets are only compared, never printed.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Page } from 'playwright-core';
import { contract } from '@focus-api-access/contract';
import { bootstrapAdminClient, uniqueName } from '../support/keycloak.js';
import { testStack } from '../support/stack.js';
import {
  Admin,
  apiClientRepresentation,
  clientAttributes,
  createClient,
  createDigestClient,
  deleteClient,
  tokenRequest,
} from '../integration/extension/support.js';
import { logIn, openBrowser, screenshot, type Browser } from './api-access.js';

const stack = testStack();
const admin = new Admin();
const made: string[] = [];
let browser: Browser;
let page: Page;

beforeAll(async () => {
  browser = await openBrowser();
  page = await browser.session(stack.keycloakUrl);
  await page.goto(`${stack.keycloakUrl}/admin/master/console/`);
  await logIn(page, stack.bootstrapAdmin.username, stack.bootstrapAdmin.password);
  await page.getByTestId('currentRealm').waitFor();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  for (const id of made) await deleteClient(admin, contract.realm, id);
});

/** The secret, and the encodings a page might show it in. */
function encodings(secret: string): string[] {
  const bytes = Buffer.from(secret, 'utf8');
  return [secret, bytes.toString('base64'), bytes.toString('base64url'), bytes.toString('hex')];
}

/**
 * Everything the credentials tab holds once it shows the client's authenticator by name (the console loads the
 * authenticators and the secret together): its markup, the text on screen, and the value of every field.
 */
async function credentialsTab(id: string, name: string, authenticator: string): Promise<string> {
  // A full load (from a blank page): the console takes the realm from the URL only when it starts.
  await page.goto('about:blank');
  await page.goto(`${stack.keycloakUrl}/admin/master/console/#/${contract.realm}/clients/${id}/credentials`);
  await page.getByText(authenticator, { exact: true }).first().waitFor();
  // The tab's fields are filled from Keycloak's answers after it appears.
  await page.waitForLoadState('networkidle');
  await screenshot(page, `admin-console-credentials-${name}`, [page.locator('input')]);
  const values = await page
    .locator('input, textarea')
    .evaluateAll((fields) => fields.map((field) => (field as unknown as { value: string }).value));
  return [await page.content(), await page.locator('body').innerText(), ...values].join('\n');
}

const holds = (text: string, secret: string) => encodings(secret).some((form) => text.includes(form));

describe("Keycloak's admin console, credentials tab", () => {
  it('shows nothing of a secret generated for an API client: Keycloak does not have it', async () => {
    const client = await createDigestClient(admin, contract.realm, apiClientRepresentation(uniqueName('console-digest'), {}, 'digest'));
    made.push(client.id);
    // The tab shows this client's authenticator by the extension's display name, and an empty secret field.
    const tab = await credentialsTab(client.id, 'digest', 'FOCUS API client secret (digest)');
    expect(holds(tab, client.secret)).toBe(false);
  });

  it('shows the secret of a client that keeps it in clear (the look works)', async () => {
    const client = await createClient(admin, contract.realm, apiClientRepresentation(uniqueName('console-clear')));
    made.push(client.id);
    expect(holds(await credentialsTab(client.id, 'clear', 'Client Id and Secret'), client.secret)).toBe(true);
  });

  it("refuses Regenerate for an API client, whose new secret the console could not show, and leaves the vendor's as it was", async () => {
    const client = await createDigestClient(admin, contract.realm, apiClientRepresentation(uniqueName('console-regenerate'), {}, 'digest'));
    made.push(client.id);
    const before = await clientAttributes(admin, contract.realm, client.id);
    await credentialsTab(client.id, 'regenerate', 'FOCUS API client secret (digest)');
    const answer = page.waitForResponse((r) => r.request().method() === 'POST' && r.url().endsWith(`/clients/${client.id}/client-secret`));
    // The first of the tab's two (the other is the registration access token's).
    await page.getByRole('button', { name: 'Regenerate', exact: true }).first().click();
    await page.getByRole('dialog').getByRole('button', { name: 'Yes' }).click();
    const refused = await answer;
    expect(refused.status()).toBe(400);
    expect(JSON.stringify(await refused.json())).toContain('credentials_not_shown_in_console');
    // The console says it failed, with Keycloak's reason.
    await page
      .getByText(/nobody would ever see it/)
      .first()
      .waitFor();
    await screenshot(page, 'admin-console-regenerate-refused');
    const after = await clientAttributes(admin, contract.realm, client.id);
    expect(after[contract.apiClientAttributes.secretDigest]).toBe(before[contract.apiClientAttributes.secretDigest]);
    expect(after).not.toHaveProperty([contract.apiClientAttributes.previousSecretDigest]);
    expect((await tokenRequest(stack.keycloakUrl, contract.realm, client)).status).toBe(200);
  });

  it("saves an API client's settings, whose empty secret field it sends back, and the vendor's secret keeps working", async () => {
    const client = await createDigestClient(admin, contract.realm, apiClientRepresentation(uniqueName('console-save'), {}, 'digest'));
    made.push(client.id);
    const before = await clientAttributes(admin, contract.realm, client.id);
    await page.goto('about:blank');
    await page.goto(`${stack.keycloakUrl}/admin/master/console/#/${contract.realm}/clients/${client.id}/settings`);
    await page.getByRole('heading', { name: client.clientId }).waitFor();
    await page.waitForLoadState('networkidle');
    const description = `Saved in the console ${Date.now()}`;
    await page.getByTestId('description').fill(description);
    const answer = page.waitForResponse((r) => r.request().method() === 'PUT' && r.url().endsWith(`/clients/${client.id}`));
    await page.getByRole('button', { name: 'Save', exact: true }).first().click();
    const saved = await answer;
    expect(saved.status()).toBe(204);
    // What the console sends back is the client as it read it: no secret, or an empty one.
    expect(((saved.request().postDataJSON() as { secret?: string | null }).secret ?? '') === '').toBe(true);
    const kc = await bootstrapAdminClient();
    expect((await kc.clients.findOne({ id: client.id }))?.description).toBe(description);
    expect((await clientAttributes(admin, contract.realm, client.id))[contract.apiClientAttributes.secretDigest]).toBe(
      before[contract.apiClientAttributes.secretDigest],
    );
    expect((await tokenRequest(stack.keycloakUrl, contract.realm, client)).status).toBe(200);
  });

  it('finds no secret of an API client anywhere in its client settings either', async () => {
    const kc = await bootstrapAdminClient();
    const client = await createDigestClient(admin, contract.realm, apiClientRepresentation(uniqueName('console-settings'), {}, 'digest'));
    made.push(client.id);
    expect((await kc.clients.findOne({ id: client.id }))?.clientAuthenticatorType).toBe(contract.secretAuthenticator);
    await page.goto('about:blank');
    await page.goto(`${stack.keycloakUrl}/admin/master/console/#/${contract.realm}/clients/${client.id}/settings`);
    await page.getByRole('heading', { name: client.clientId }).waitFor();
    await page.waitForLoadState('networkidle');
    const values = await page
      .locator('input, textarea')
      .evaluateAll((fields) => fields.map((field) => (field as unknown as { value: string }).value));
    expect(holds([await page.content(), ...values].join('\n'), client.secret)).toBe(false);
  });
});
