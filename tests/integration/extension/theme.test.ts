/** The login page an administrator sees when the admin page sends them to Keycloak: FOCUS branding, nl/fr/en. */
import { createHash, randomBytes } from 'node:crypto';
import { contract } from '@focus-api-access/contract';
import { testStack } from '../../support/stack.js';

async function loginPage(uiLocales?: string): Promise<{ status: number; html: string }> {
  const stack = testStack();
  const verifier = randomBytes(32).toString('base64url');
  const params = new URLSearchParams({
    client_id: contract.clients.adminSpa,
    redirect_uri: `${stack.adminPageUrl}/`,
    response_type: 'code',
    scope: 'openid',
    state: randomBytes(8).toString('hex'),
    code_challenge: createHash('sha256').update(verifier).digest('base64url'),
    code_challenge_method: 'S256',
    ...(uiLocales ? { ui_locales: uiLocales } : {}),
  });
  const response = await fetch(`${stack.realmUrl}/protocol/openid-connect/auth?${params}`);
  return { status: response.status, html: await response.text() };
}

describe('the FOCUS login theme', () => {
  it('is the realm login theme', async () => {
    const { html } = await loginPage();
    expect(html).toMatch(new RegExp(`/login/${contract.loginTheme}/css/focus\\.css`));
  });

  it.each([
    [undefined, 'nl', 'Aanmelden bij FOCUS', ['Gebruikersnaam', 'Wachtwoord', 'Beveiligde toegang']],
    ['fr', 'fr', 'Connexion à FOCUS', ['Mot de passe', 'Se connecter', 'Accès sécurisé']],
    ['en', 'en', 'Sign in to FOCUS', ['Username', 'Password', 'Secure access']],
  ])('with ui_locales=%s speaks %s', async (uiLocales, lang, title, words) => {
    const { status, html } = await loginPage(uiLocales);
    expect(status).toBe(200);
    expect(html).toMatch(new RegExp(`<html[^>]*\\blang="${lang}"`));
    expect(html).toContain(`<title>${title}</title>`);
    // Development mode puts a template comment before the title.
    expect(html).toMatch(new RegExp(`<h1[^>]*id="kc-page-title"[^>]*>(?:\\s|<!--[^>]*-->)*${title}\\s*</h1>`));
    expect(html).toContain('class="focus-brand"');
    expect(html).toContain('<span class="focus-brand-name">FOCUS</span>');
    for (const word of words) expect(html).toContain(word);
  });

  it("keeps the apostrophe in French (messages are MessageFormat patterns: ' is written '')", async () => {
    const { html } = await loginPage('fr');
    expect(html).toMatch(/Nom d(?:'|&#39;|&#x27;|&apos;)utilisateur/);
  });

  it('serves the FOCUS logo and colours', async () => {
    const { html } = await loginPage();
    const cssPath = /href="([^"]*\/login\/focus\/css\/focus\.css)"/.exec(html)?.[1];
    expect(cssPath).toBeDefined();
    const origin = new URL(testStack().keycloakUrl).origin;
    const css = await (await fetch(new URL(cssPath!, origin))).text();
    expect(css).toContain('--focus-navy');
    const logo = await fetch(new URL(cssPath!.replace('/css/focus.css', '/img/focus-logo.svg'), origin));
    expect(logo.status).toBe(200);
    expect(logo.headers.get('content-type')).toContain('svg');
    expect(await logo.text()).toContain('<title id="focus-logo-title">FOCUS</title>');
  });
});
