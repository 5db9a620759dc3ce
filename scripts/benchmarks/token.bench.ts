/**
 * token: client_credentials requests per second and p50/p99 latency for a managed API client with IP ranges (the
 * `focus-ip-range` executor checks every request) against an identical client without the managed marker, which
 * no client policy applies to. A third client, managed but without ranges, splits the cost into Keycloak's
 * client-policy machinery and the range check itself. All in realm focus of one Keycloak, in interleaved rounds
 * over keep-alive connections on the loopback interface, so load from elsewhere hits every side alike.
 * Sizes: BENCH_TOKEN_ROUNDS, BENCH_TOKEN_REQUESTS, BENCH_TOKEN_CONCURRENCY.
 */
import { Agent, request } from 'node:http';
import { contract } from '@focus-api-access/contract';
import {
  Admin,
  apiClientRepresentation,
  createClient,
  deleteClient,
  type ApiClientFixture,
} from '../../tests/integration/extension/support.js';
import type { BenchContext, BenchReport, Benchmark } from './context.js';
import { median, percentile, rounds } from './stats.js';

const ROUNDS = Number(process.env.BENCH_TOKEN_ROUNDS ?? 50);
const REQUESTS_PER_ROUND = Number(process.env.BENCH_TOKEN_REQUESTS ?? 100);
const CONCURRENCY = Number(process.env.BENCH_TOKEN_CONCURRENCY ?? 4);
const WARM_UP = 300;
/** The caller (127.0.0.1) is inside the last range only; 127.0.0.2 is outside, which the run checks first. */
const RANGES = '10.0.0.0/8, 172.16.0.0/12, 2001:db8::/32, 192.168.0.0/16, 127.0.0.1/32';

interface Burst {
  readonly seconds: number;
  readonly latenciesMs: number[];
}

function tokenCall(agent: Agent | undefined, port: number, body: string, localAddress?: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port,
        path: `/realms/${contract.realm}/protocol/openid-connect/token`,
        method: 'POST',
        ...(agent ? { agent } : { localAddress }),
        headers: { 'content-type': 'application/x-www-form-urlencoded', 'content-length': Buffer.byteLength(body) },
      },
      (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

const form = (client: ApiClientFixture) =>
  new URLSearchParams({ grant_type: 'client_credentials', client_id: client.clientId, client_secret: client.secret }).toString();

/** Sends `count` token requests, `CONCURRENCY` at a time. */
async function burst(agent: Agent, port: number, client: ApiClientFixture, count: number): Promise<Burst> {
  const body = form(client);
  const latenciesMs: number[] = [];
  let sent = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (sent < count) {
        sent++;
        const t = performance.now();
        const status = await tokenCall(agent, port, body);
        latenciesMs.push(performance.now() - t);
        if (status !== 200) throw new Error(`token request for ${client.clientId} answered HTTP ${status}`);
      }
    }),
  );
  return { seconds: (performance.now() - started) / 1000, latenciesMs };
}

const SIDES = ['plain', 'managed', 'restricted'] as const;
type Side = (typeof SIDES)[number];

async function run({ keycloak: shared, log, deadline }: BenchContext): Promise<BenchReport> {
  const keycloak = await shared();
  const admin = new Admin({ keycloakUrl: keycloak.url, bootstrapAdmin: keycloak.secrets.bootstrapAdmin });
  const realm = contract.realm;
  const suffix = Date.now().toString(36);
  const unmanaged = apiClientRepresentation(`bench-token-plain-${suffix}`);
  const unmanagedAttributes: Record<string, string> = { ...(unmanaged.attributes as Record<string, string>) };
  delete unmanagedAttributes[contract.apiClientAttributes.managed];
  const clients: Record<Side, ApiClientFixture> = {
    plain: await createClient(admin, realm, { ...unmanaged, attributes: unmanagedAttributes }),
    managed: await createClient(admin, realm, apiClientRepresentation(`bench-token-managed-${suffix}`)),
    restricted: await createClient(
      admin,
      realm,
      apiClientRepresentation(`bench-token-restricted-${suffix}`, { [contract.apiClientAttributes.ipRanges]: RANGES }),
    ),
  };
  const bursts: Record<Side, Burst[]> = { plain: [], managed: [], restricted: [] };
  const agent = new Agent({ keepAlive: true, maxSockets: CONCURRENCY });
  const port = keycloak.ports.http;
  try {
    // The policy must really be active in this run: the same client from outside its ranges is refused.
    const outside = await tokenCall(undefined, port, form(clients.restricted), '127.0.0.2');
    if (outside !== 400) throw new Error(`expected the IP-range check to refuse 127.0.0.2 (HTTP 400), got HTTP ${outside}`);
    log(`  warming up (${WARM_UP} requests per client)…`);
    for (const side of SIDES) await burst(agent, port, clients[side], WARM_UP);
    const done = await rounds(ROUNDS, deadline, async (round) => {
      for (let i = 0; i < SIDES.length; i++) {
        const side = SIDES[(round + i) % SIDES.length]!;
        bursts[side].push(await burst(agent, port, clients[side], REQUESTS_PER_ROUND));
      }
      if ((round + 1) % 10 === 0) log(`  ${round + 1} rounds done`);
    });
    log(`  ${done} rounds`);
  } finally {
    agent.destroy();
    for (const client of Object.values(clients)) await deleteClient(admin, realm, client.id);
  }

  const roundRates = (side: Side) => bursts[side].map((b) => REQUESTS_PER_ROUND / b.seconds);
  const latencies = (side: Side) => bursts[side].flatMap((b) => b.latenciesMs);
  /** Median over rounds of the candidate's rate over the baseline's: both bursts of a round ran back to back. */
  const pairedRatio = (candidate: Side, baseline: Side) => median(roundRates(candidate).map((rate, i) => rate / roundRates(baseline)[i]!));
  const about = `${bursts.plain.length} interleaved rounds of ${REQUESTS_PER_ROUND} requests per client, ${CONCURRENCY} in flight over keep-alive connections`;
  return {
    measures: 'client_credentials token requests of a managed API client with 5 IP ranges (IP-range executor active)',
    baseline: 'the same client type without the managed marker: no client policy applies; same Keycloak, interleaved rounds',
    figures: [
      {
        metric: 'throughput (median of per-round rates)',
        unit: 'requests/s',
        baseline: median(roundRates('plain')),
        candidate: median(roundRates('restricted')),
        pairedRatio: pairedRatio('restricted', 'plain'),
        goal: { on: 'ratio', atLeast: 0.97 },
        note: `ratio: median of per-round paired ratios; quotient of the two medians ${(median(roundRates('restricted')) / median(roundRates('plain'))).toFixed(3)}`,
      },
      {
        metric: 'latency p50',
        unit: 'ms',
        baseline: percentile(latencies('plain'), 50),
        candidate: percentile(latencies('restricted'), 50),
      },
      {
        metric: 'latency p99',
        unit: 'ms',
        baseline: percentile(latencies('plain'), 99),
        candidate: percentile(latencies('restricted'), 99),
      },
      {
        metric: 'throughput, range check alone (baseline: managed client without ranges)',
        unit: 'requests/s',
        baseline: median(roundRates('managed')),
        candidate: median(roundRates('restricted')),
        pairedRatio: pairedRatio('restricted', 'managed'),
        note: 'ratio: median of per-round paired ratios',
      },
    ],
    samples: Object.fromEntries(SIDES.map((side) => [`${side} requests/s per round`, roundRates(side).map((r) => Number(r.toFixed(1)))])),
    details: [
      about,
      `a request from 127.0.0.2 (outside the ranges) was refused with HTTP 400 before measuring`,
      `managed client without ranges: ${median(roundRates('managed')).toFixed(1)} requests/s, p50 ${percentile(latencies('managed'), 50).toFixed(1)} ms; against the plain client (client-policy machinery without the range check): median paired ratio ${pairedRatio('managed', 'plain').toFixed(3)}`,
    ],
  };
}

export const benchmark: Benchmark = { name: 'token', budgetMs: 3.5 * 60_000, usesSharedKeycloak: true, run };
