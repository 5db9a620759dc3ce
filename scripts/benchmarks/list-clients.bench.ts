/**
 * Listing API clients in a realm with 10,000 API clients and 1,000 other clients.
 * Baseline: read every client from the admin API and filter/search/page in the provisioner.
 * Candidate: the provisioner's listApiClients (server-side paging on the managed marker; search on the
 * Client ID, which embeds the name's slug). Sizes: BENCH_API_CLIENTS / BENCH_OTHER_CLIENTS; rounds: BENCH_ROUNDS.
 */
import KeycloakAdminClient from '@keycloak/keycloak-admin-client';
import { contract } from '@focus-api-access/contract';
import { createKeycloakGateway } from '../../provisioner/src/keycloak/admin-gateway.js';
import { clientIdFor, listApiClients, nameKey } from '../../provisioner/src/core/index.js';
import type { BenchContext, BenchResult } from './context.js';

const API_CLIENTS = Number(process.env.BENCH_API_CLIENTS ?? 10_000);
const OTHER_CLIENTS = Number(process.env.BENCH_OTHER_CLIENTS ?? 1_000);
const PARALLEL = 6;
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);

async function seed(admin: KeycloakAdminClient, log: (line: string) => void): Promise<void> {
  const jobs: Array<() => Promise<unknown>> = [];
  for (let i = 0; i < API_CLIENTS; i++) {
    const name = `Bench vendor ${String(i).padStart(5, '0')}`;
    jobs.push(() =>
      admin.clients.create({
        clientId: clientIdFor(name, nameKey(name)),
        name,
        publicClient: false,
        serviceAccountsEnabled: true,
        standardFlowEnabled: false,
        fullScopeAllowed: false,
        attributes: { [contract.apiClientAttributes.managed]: contract.markerValue },
        defaultClientScopes: ['basic', 'openhappening-eaglebe'],
      }),
    );
  }
  for (let i = 0; i < OTHER_CLIENTS; i++) jobs.push(() => admin.clients.create({ clientId: `bench-other-${i}`, name: `Other ${i}` }));
  let next = 0;
  const started = Date.now();
  await Promise.all(
    Array.from({ length: PARALLEL }, async () => {
      while (next < jobs.length) {
        const job = jobs[next++]!;
        await job();
        if (next % 1000 === 0) log(`  seeded ${next}/${jobs.length} clients (${Math.round((Date.now() - started) / 1000)} s)`);
      }
    }),
  );
}

async function median(work: () => Promise<unknown>): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < ROUNDS; i++) {
    const t = performance.now();
    await work();
    times.push(performance.now() - t);
  }
  return times.sort((a, b) => a - b)[Math.floor(times.length / 2)]!;
}

export async function run({ keycloak, log }: BenchContext): Promise<BenchResult[]> {
  // Logged in on the master realm, working on realm focus: `auth` always asks the client's current realm,
  // so a second client keeps the master login and hands its token over.
  const login = new KeycloakAdminClient({ baseUrl: keycloak.url, realmName: 'master' });
  const admin = new KeycloakAdminClient({ baseUrl: keycloak.url, realmName: contract.realm });
  const renewToken = async () => {
    await login.auth({ grantType: 'password', clientId: 'admin-cli', ...keycloak.secrets.bootstrapAdmin });
    admin.setAccessToken(login.accessToken!);
  };
  await renewToken();
  // The master admin's token lives 60 s: renew it for the long seeding.
  const renew = setInterval(() => void renewToken(), 30_000);
  try {
    await seed(admin, log);
  } finally {
    clearInterval(renew);
  }
  const gateway = createKeycloakGateway({ keycloakUrl: keycloak.url, clientSecret: keycloak.secrets.provisionerSecret, timeoutMs: 600_000 });
  const deps = { gateway, tokenEndpoint: keycloak.tokenEndpoint };
  const naive = async (search?: string) => {
    const all = [];
    for (let first = 0; ; first += 500) {
      const page = await gateway.searchClientsByClientId('', { first, max: 500 });
      all.push(...page);
      if (page.length < 500) break;
    }
    const managed = all.filter((c) => c.attributes[contract.apiClientAttributes.managed] === contract.markerValue);
    const hits = search ? managed.filter((c) => (c.name ?? '').toLowerCase().includes(search)) : managed;
    return hits.slice(0, 20);
  };
  log('  measuring the baseline (every client read, filtered in the provisioner)…');
  const baseline = await median(() => naive());
  const baselineSearch = await median(() => naive('vendor 04321'));
  log('  measuring the candidate…');
  const candidate = await median(() => listApiClients(deps, { first: 0, max: 20 }));
  const deepPage = await median(() => listApiClients(deps, { first: API_CLIENTS - 40, max: 20 }));
  const candidateSearch = await median(() => listApiClients(deps, { search: 'vendor 04321', max: 20 }));
  const note = `${API_CLIENTS} API clients + ${OTHER_CLIENTS} others; median of ${ROUNDS}`;
  return [
    { name: 'list API clients, first page of 20', unit: 'ms', baseline, candidate, higherIsBetter: false, note },
    { name: 'list API clients, a page near the end', unit: 'ms', baseline, candidate: deepPage, higherIsBetter: false, note },
    { name: 'search API clients by name', unit: 'ms', baseline: baselineSearch, candidate: candidateSearch, higherIsBetter: false, note },
  ];
}
