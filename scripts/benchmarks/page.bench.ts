/**
 * page: time from navigation to an interactive overview with 50 API clients, their last use shown, in headless Debian
 * Chromium: the API Toegang page in the FOCUS-like host (logged in as beheerder) against Keycloak's own admin console
 * client list of realm focus (logged in as the bootstrap administrator), same browser binary, same machine,
 * interleaved rounds, each a full page load. Plus the gzip size of the page's JavaScript, standalone and in the
 * variant that shares the host's React and PatternFly. Rounds: BENCH_PAGE_ROUNDS.
 */
import { readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Page } from 'playwright-core';
import { pluginDir, preparePage } from '@focus-api-access/admin-plugin/build';
import { contract } from '@focus-api-access/contract';
import { ensureChromium } from '@focus-api-access/stack';
import { byTestId, logIn, openBrowser } from '../../tests/e2e/api-access.js';
import type { BenchContext, BenchReport, Benchmark } from './context.js';
import { median, medianInterval, rounds } from './stats.js';
import { apiClient, benchProvisioner, deleteClients, realmAdmin, seedClients } from './support.js';

const ROUNDS = Number(process.env.BENCH_PAGE_ROUNDS ?? 10);
const CLIENTS = 50;
/** Clients that got a token before measuring, so the first page shows dates and addresses under "Laatst gebruikt". */
const USED = 10;

/** Gzip size (level 6, as `gzip` does by default) of every JavaScript file a build variant consists of. */
function gzippedJs(variant: 'lib' | 'lib-external'): number {
  const dir = join(pluginDir, 'dist', variant);
  const files = readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.js'));
  return files.reduce((sum, f) => sum + gzipSync(readFileSync(join(dir, f)), { level: 6 }).length, 0);
}

/** Milliseconds from `page.goto(url)` (leaving a blank page, so each is a full load) until `ready` resolves. */
async function timeToInteractive(page: Page, url: string, ready: () => Promise<void>): Promise<number> {
  await page.goto('about:blank');
  const started = performance.now();
  await page.goto(url);
  await ready();
  return performance.now() - started;
}

async function run({ keycloak: shared, log, pagePort, deadline }: BenchContext): Promise<BenchReport> {
  ensureChromium(log);
  const keycloak = await shared();
  const { admin, close } = await realmAdmin(keycloak);
  const tag = Date.now().toString(36);
  const ids = await seedClients(
    admin,
    Array.from({ length: CLIENTS }, (_, i) => apiClient(`Page bench ${tag} ${String(i).padStart(2, '0')}`)),
  );
  for (const id of ids.slice(0, USED)) {
    const client = await admin.clients.findOne({ id });
    // Keycloak keeps only a digest of an API client's secret: a new one, which only this answer carries.
    const secret = await admin.clients.generateNewClientSecret({ id });
    const answer = await fetch(keycloak.tokenEndpoint, {
      method: 'POST',
      body: new URLSearchParams({ grant_type: 'client_credentials', client_id: client!.clientId!, client_secret: secret.value! }),
    });
    if (answer.status !== 200) throw new Error(`a seeded client got no token: HTTP ${answer.status}`);
  }
  const staticRoot = preparePage({ config: { keycloakUrl: keycloak.url }, copy: true, log });
  const provisioner = await benchProvisioner(keycloak, { port: pagePort, staticRoot });
  const browser = await openBrowser();
  try {
    const focus = { page: await browser.session(provisioner.url) };
    await focus.page.goto(`${provisioner.url}/`);
    await logIn(focus.page, contract.demoUsers.manager, keycloak.secrets.demoPassword);
    await byTestId(focus.page, 'host-user').waitFor();
    const consoleBrowser = { page: await browser.session(keycloak.url) };
    const consoleUrl = `${keycloak.url}/admin/master/console/`;
    await consoleBrowser.page.goto(consoleUrl);
    await logIn(consoleBrowser.page, keycloak.secrets.bootstrapAdmin.username, keycloak.secrets.bootstrapAdmin.password);
    await consoleBrowser.page.getByTestId('currentRealm').waitFor();

    const ours = () =>
      timeToInteractive(focus.page, `${provisioner.url}/beheer/api-toegang`, async () => {
        await byTestId(focus.page, 'client-row').first().waitFor();
        // Last use comes with the rows: its cell holds a date or "nog nooit gebruikt", never a spinner.
        await byTestId(focus.page, 'client-last-used')
          .first()
          .filter({ hasText: /\d{4}|nooit/ })
          .waitFor();
        await byTestId(focus.page, 'add-client').click({ trial: true });
      });
    const theirs = () =>
      timeToInteractive(consoleBrowser.page, `${consoleUrl}#/${contract.realm}/clients`, async () => {
        await consoleBrowser.page.locator(`table a[href^="#/${contract.realm}/clients/"][href$="/settings"]`).first().waitFor();
        await consoleBrowser.page.getByTestId('createClient').click({ trial: true });
      });
    log('  warming up both pages…');
    await ours();
    await theirs();
    const timings = { ours: [] as number[], theirs: [] as number[] };
    await rounds(ROUNDS, deadline, async (round) => {
      const pair =
        round % 2 === 0
          ? ([
              ['ours', ours],
              ['theirs', theirs],
            ] as const)
          : ([
              ['theirs', theirs],
              ['ours', ours],
            ] as const);
      for (const [side, measure] of pair) timings[side].push(await measure());
    });
    const rowsShown = await byTestId(focus.page, 'client-row').count();
    const pairedRatios = timings.ours.map((ours, i) => ours / timings.theirs[i]!);
    const standalone = gzippedJs('lib');
    const sharedVariant = gzippedJs('lib-external');
    return {
      measures: `navigation to an interactive API Toegang overview (${CLIENTS} API clients in the realm, ${USED} of them used; rows with their last use shown and "Client toevoegen" usable)`,
      baseline: 'Keycloak\'s admin console client list of realm focus (rows shown and "Create client" usable), same Chromium, interleaved',
      figures: [
        {
          metric: 'navigation to interactive overview: median',
          unit: 'ms',
          baseline: median(timings.theirs),
          candidate: median(timings.ours),
          // Each round loads both pages back to back: the median of those ratios is steadier than one of two medians.
          pairedRatio: median(pairedRatios),
          goal: { on: 'ratio', atMost: 0.35 },
          note: `ratio: median of per-round paired ratios, 95 % confidence interval ${medianInterval(pairedRatios)
            .map((r) => r.toFixed(3))
            .join('–')}; quotient of the two medians ${(median(timings.ours) / median(timings.theirs)).toFixed(3)}`,
        },
        {
          metric: 'page JavaScript, standalone bundle (gzip)',
          unit: 'KB',
          candidate: standalone / 1000,
          goal: { on: 'value', atMost: 200 },
        },
        {
          metric: "page JavaScript, sharing the host's React and PatternFly (gzip)",
          unit: 'KB',
          candidate: sharedVariant / 1000,
          goal: { on: 'value', atMost: 60 },
        },
      ],
      details: [
        `${timings.ours.length} rounds per side after one warm-up each, both logged in, each a full load from about:blank`,
        `ours: ${timings.ours.map((t) => t.toFixed(0)).join(', ')} ms (${rowsShown} rows on the first page); console: ${timings.theirs.map((t) => t.toFixed(0)).join(', ')} ms`,
        `JavaScript bytes gzip: standalone ${standalone}, shared ${sharedVariant} (all .js of admin-plugin/dist/lib and dist/lib-external)`,
      ],
    };
  } finally {
    await browser.close();
    await provisioner.stop();
    rmSync(staticRoot, { recursive: true, force: true });
    await deleteClients(admin, ids);
    close();
  }
}

export const benchmark: Benchmark = { name: 'page', budgetMs: 1.5 * 60_000, usesSharedKeycloak: true, run };
