/**
 * provisioner: p50/p95 of each operation through the provisioner's HTTP API (a beheerder's JWT verified on every
 * request) against the minimal sequence of raw @keycloak/keycloak-admin-client calls that leaves Keycloak in the
 * same state, as the same service account, in interleaved rounds. Also counts the requests each side sends to
 * Keycloak per operation. Both sides first run unmeasured rounds, so that what is compared is the steady state of a
 * running provisioner and Keycloak, not their first requests (JavaScript and Java both compile their hot code only
 * after it has run a while). Rounds: BENCH_PROVISIONER_WARMUP, then BENCH_PROVISIONER_ROUNDS.
 */
import KeycloakAdminClient from '@keycloak/keycloak-admin-client';
import { contract } from '@focus-api-access/contract';
import type { BenchContext, BenchReport, Benchmark, Figure } from './context.js';
import { median, percentile, rounds } from './stats.js';
import { apiClient, benchProvisioner, callApi, keycloakRequestCounter, managerToken, realmAdmin, SERVICE } from './support.js';

const WARMUP = Number(process.env.BENCH_PROVISIONER_WARMUP ?? 20);
const ROUNDS = Number(process.env.BENCH_PROVISIONER_ROUNDS ?? 100);
const OPERATIONS = ['create', 'generate credentials', 'get', 'list page', 'update', 'delete'] as const;
type Operation = (typeof OPERATIONS)[number];
type Side = 'raw' | 'provisioner';

interface Sample {
  readonly ms: number;
  readonly keycloakRequests: number;
}

async function run({ keycloak: shared, log, deadline }: BenchContext): Promise<BenchReport> {
  const keycloak = await shared();
  const { admin: realmAdministrator, close } = await realmAdmin(keycloak);
  const login = await managerToken(keycloak, realmAdministrator);
  const provisioner = await benchProvisioner(keycloak);
  // The raw side works as the provisioner's own service account, with the same rights.
  const raw = new KeycloakAdminClient({ baseUrl: keycloak.url, realmName: contract.realm });
  const counter = keycloakRequestCounter(keycloak.url);
  const samples: Record<Side, Record<Operation, Sample[]>> = {
    raw: Object.fromEntries(OPERATIONS.map((op) => [op, []])) as unknown as Record<Operation, Sample[]>,
    provisioner: Object.fromEntries(OPERATIONS.map((op) => [op, []])) as unknown as Record<Operation, Sample[]>,
  };
  const timed = async <T>(side: Side, operation: Operation, work: () => Promise<T>): Promise<T> => {
    const before = counter.count;
    const started = performance.now();
    const result = await work();
    samples[side][operation].push({ ms: performance.now() - started, keycloakRequests: counter.count - before });
    return result;
  };
  const ownCost: number[] = [];
  const suffix = Date.now().toString(36);
  const actor = contract.demoUsers.manager;

  async function rawSequence(name: string): Promise<void> {
    const rep = apiClient(name);
    rep.attributes = {
      ...rep.attributes,
      [contract.apiClientAttributes.createdBy]: actor,
      [contract.apiClientAttributes.createdAt]: new Date().toISOString(),
    };
    const { id } = await timed('raw', 'create', () => raw.clients.create(rep));
    await timed('raw', 'generate credentials', async () => {
      const credential = await raw.clients.generateNewClientSecret({ id });
      // As the provisioner: the secret made at creation was never shown, so it stops working now (Keycloak does that
      // itself for a request that carries a key, which the admin client cannot send), and who made the credentials
      // is recorded.
      await raw.clients.invalidateSecret({ id });
      await raw.clients.update(
        { id },
        {
          attributes: {
            [contract.apiClientAttributes.credentialsGeneratedBy]: actor,
            [contract.apiClientAttributes.credentialsGeneratedAt]: new Date().toISOString(),
          },
        },
      );
      return credential.value !== undefined;
    });
    await timed('raw', 'get', () => raw.clients.findOne({ id }));
    await timed('raw', 'list page', () =>
      raw.clients.find({ q: `${contract.apiClientAttributes.managed}:${contract.markerValue}`, first: 0, max: 21 }),
    );
    await timed('raw', 'update', () =>
      raw.clients.update({ id }, { attributes: { [contract.apiClientAttributes.ipRanges]: '10.20.0.0/16' } }),
    );
    await timed('raw', 'delete', () => raw.clients.del({ id }));
  }

  async function provisionerSequence(name: string, token: string): Promise<void> {
    const api = (method: string, path: string, body?: unknown) => callApi(provisioner.url, token, method, path, body);
    const created = await timed('provisioner', 'create', () => api('POST', '/clients', { name, services: [SERVICE] }));
    const id = String(created.id);
    await timed(
      'provisioner',
      'generate credentials',
      async () => (await api('POST', `/clients/${id}/credentials`, {})).clientSecret !== undefined,
    );
    await timed('provisioner', 'get', () => api('GET', `/clients/${id}`));
    await timed('provisioner', 'list page', () => api('GET', '/clients?first=0&max=20'));
    await timed('provisioner', 'update', () => api('PATCH', `/clients/${id}`, { ipRanges: ['10.20.0.0/16'] }));
    await timed('provisioner', 'delete', () => api('DELETE', `/clients/${id}`));
    // The provisioner's own cost per request, with no Keycloak call behind it: HTTP, JWT verification, routing.
    const started = performance.now();
    await api('GET', '/me');
    ownCost.push(performance.now() - started);
  }

  try {
    log(`  warming up (${WARMUP} rounds)…`);
    await raw.auth({
      grantType: 'client_credentials',
      clientId: contract.clients.provisioner,
      clientSecret: keycloak.secrets.provisionerSecret,
    });
    const warmToken = await login.token();
    for (let round = 0; round < Math.max(1, WARMUP); round++) {
      await rawSequence(`Bench warm raw ${suffix} ${round}`);
      await provisionerSequence(`Bench warm api ${suffix} ${round}`, warmToken);
    }
    for (const side of Object.values(samples)) for (const op of OPERATIONS) side[op].length = 0;
    ownCost.length = 0;
    const done = await rounds(ROUNDS, deadline, async (round) => {
      // Fresh tokens outside the measurement; the order of the two sides alternates.
      await raw.auth({
        grantType: 'client_credentials',
        clientId: contract.clients.provisioner,
        clientSecret: keycloak.secrets.provisionerSecret,
      });
      const token = await login.token();
      const sides = [() => rawSequence(`Bench raw ${suffix} ${round}`), () => provisionerSequence(`Bench api ${suffix} ${round}`, token)];
      if (round % 2 === 1) sides.reverse();
      for (const side of sides) await side();
      if ((round + 1) % 10 === 0) log(`  ${round + 1} rounds done`);
    });
    log(`  ${done} rounds`);
  } finally {
    counter.stop();
    await provisioner.stop();
    await login.remove();
    close();
  }

  const ms = (side: Side, op: Operation) => samples[side][op].map((s) => s.ms);
  const requests = (side: Side, op: Operation) => median(samples[side][op].map((s) => s.keycloakRequests));
  const figures: Figure[] = OPERATIONS.map((op) => ({
    metric: `${op}: p50`,
    unit: 'ms',
    baseline: median(ms('raw', op)),
    candidate: median(ms('provisioner', op)),
    goal: { on: 'ratio', atMost: 1.25 },
    note: `p95 ${percentile(ms('raw', op), 95).toFixed(1)} → ${percentile(ms('provisioner', op), 95).toFixed(1)} ms; Keycloak requests ${requests('provisioner', op)} (minimal ${requests('raw', op)})`,
  }));
  return {
    measures: "each operation through the provisioner's HTTP API, a beheerder's JWT verified on every request",
    baseline: 'the minimal raw @keycloak/keycloak-admin-client calls that leave Keycloak in the same state, as the same service account',
    figures,
    details: [
      `${samples.raw.create.length} interleaved rounds (after ${Math.max(1, WARMUP)} unmeasured ones) of create → generate credentials → get → list page (20) → update IP ranges → delete per side`,
      'Keycloak requests per operation counted at the HTTP client layer of this process (median per operation)',
      `the provisioner's own cost per request (GET /api/v1/me: HTTP in this process, JWT verification, routing; no Keycloak call): p50 ${median(ownCost).toFixed(1)} ms`,
    ],
  };
}

export const benchmark: Benchmark = { name: 'provisioner', budgetMs: 1.5 * 60_000, usesSharedKeycloak: true, run };
