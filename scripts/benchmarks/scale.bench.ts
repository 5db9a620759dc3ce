/**
 * scale: p50 of the overview's first page (with last use and the total) and of a search by a word in the middle of a
 * name, through the provisioner's HTTP API, with 100 managed API clients in the realm (baseline) and again after
 * growing it to 10,000 managed plus 1,000 other clients (candidate), in one run on one Keycloak. The seeded clients
 * stay in the run's throw-away Keycloak, which is why the runner puts this benchmark last. Sizes:
 * BENCH_SCALE_CLIENTS, BENCH_SCALE_OTHERS, BENCH_SCALE_ROUNDS.
 */
import type { BenchContext, BenchReport, Benchmark } from './context.js';
import { median } from './stats.js';
import { apiClient, benchProvisioner, callApi, managerToken, realmAdmin, seedClients } from './support.js';

const SMALL = 100;
const LARGE = Number(process.env.BENCH_SCALE_CLIENTS ?? 10_000);
const OTHERS = Number(process.env.BENCH_SCALE_OTHERS ?? 1_000);
const ROUNDS = Number(process.env.BENCH_SCALE_ROUNDS ?? 15);
/**
 * Seeded names: "Gemeente R42q evenementenloket"; the search looks for the middle word of one that exists at both
 * sizes, in another letter case, which the Client ID (cut at 24 characters of the name) does not hold.
 */
const vendorName = (i: number) => `Gemeente R${i}q evenementenloket`;
const SEARCH = 'r42Q';

async function run({ keycloak: shared, log }: BenchContext): Promise<BenchReport> {
  const keycloak = await shared();
  const { admin, close } = await realmAdmin(keycloak);
  const login = await managerToken(keycloak, admin);
  const provisioner = await benchProvisioner(keycloak);
  try {
    let managed = 0;
    const measure = async () => {
      const token = await login.token();
      const firstPage: number[] = [];
      const search: number[] = [];
      for (let round = 0; round < ROUNDS; round++) {
        let t = performance.now();
        const page = await callApi(provisioner.url, token, 'GET', '/clients?first=0&max=20');
        firstPage.push(performance.now() - t);
        t = performance.now();
        const hits = await callApi(provisioner.url, token, 'GET', `/clients?search=${encodeURIComponent(SEARCH)}&max=20`);
        search.push(performance.now() - t);
        if (page.items.length !== 20 || hits.total !== 1 || hits.items[0]?.name !== vendorName(42)) {
          throw new Error('the overview or the search did not return what was seeded');
        }
        managed = page.total;
      }
      return { firstPage: median(firstPage), search: median(search) };
    };

    let started = Date.now();
    await seedClients(
      admin,
      Array.from({ length: SMALL }, (_, i) => apiClient(vendorName(i))),
    );
    log(`  seeded ${SMALL} API clients in ${((Date.now() - started) / 1000).toFixed(1)} s; measuring…`);
    // Warm-up: the JIT of both processes, caches, the JWKS. Longer here than before the large side, which comes after
    // 10,900 creates have warmed everything anyway.
    for (let pass = 0; pass < 3; pass++) await measure();
    const small = await measure();

    started = Date.now();
    const more = [
      ...Array.from({ length: LARGE - SMALL }, (_, i) => apiClient(vendorName(SMALL + i))),
      ...Array.from({ length: OTHERS }, (_, i) => ({ clientId: `bench-other-${i}`, name: `Other application ${i}` })),
    ];
    await seedClients(admin, more, { parallel: 6, log });
    const seedSeconds = (Date.now() - started) / 1000;
    log(`  seeded ${more.length} more clients in ${seedSeconds.toFixed(1)} s; measuring…`);
    await measure();
    const large = await measure();
    return {
      measures: `the overview's first page (20, with last use and total) and a search by a middle word of a name, with ${LARGE} managed + ${OTHERS} other clients in the realm`,
      baseline: `the same requests with ${SMALL} managed clients, earlier in the same run on the same Keycloak`,
      figures: [
        {
          metric: 'first overview page: p50',
          unit: 'ms',
          baseline: small.firstPage,
          candidate: large.firstPage,
          goal: { on: 'ratio', atMost: 2 },
        },
        {
          metric: 'search by a middle word of the name: p50',
          unit: 'ms',
          baseline: small.search,
          candidate: large.search,
          goal: { on: 'ratio', atMost: 2 },
        },
      ],
      details: [
        `median of ${ROUNDS} requests each, after three warm-up passes (one on the large side), through the HTTP API with JWT verification`,
        `search "${SEARCH}" finds exactly "${vendorName(42)}" among ${managed} managed clients (the list's total)`,
        `seeding ${more.length} clients (admin API creates, 6 in flight) took ${seedSeconds.toFixed(0)} s (${(more.length / seedSeconds).toFixed(0)} clients/s)`,
      ],
    };
  } finally {
    await provisioner.stop();
    await login.remove();
    close();
  }
}

export const benchmark: Benchmark = { name: 'scale', budgetMs: 4 * 60_000, usesSharedKeycloak: true, run };
