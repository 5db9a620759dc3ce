/**
 * secret: client_credentials requests per second and p50/p99 latency for a managed API client with IP ranges (the
 * `focus-ip-range` executor checks every request) against an identical client without the managed marker, which
 * no client policy applies to. A third client, managed but without ranges, splits the cost into Keycloak's
 * client-policy machinery and the range check itself. A fourth, the same managed client with ranges on the digest
 * authenticator (as the provisioner makes them), measures the hashed secret against Keycloak's plain `client-secret`.
 * All in realm focus of one Keycloak, in interleaved rounds over keep-alive connections on the loopback interface, so
 * load from elsewhere hits every side alike, with the load generator and Keycloak pinned to different cores.
 *
 * Then timing: a right and a wrong secret of a disabled client on the digest authenticator (both refused, with the
 * same answer), sent one at a time in alternation, compared with the Mann–Whitney U test.
 * Sizes: BENCH_SECRET_ROUNDS, BENCH_SECRET_REQUESTS, BENCH_SECRET_CONCURRENCY, BENCH_SECRET_TIMING_PAIRS.
 */
import { Agent } from 'node:http';
import { contract } from '@focus-api-access/contract';
import {
  Admin,
  apiClientRepresentation,
  createClient,
  createDigestClient,
  deleteClient,
  type ApiClientFixture,
} from '../../tests/integration/extension/support.js';
import type { BenchContext, BenchReport, Benchmark, Figure } from './context.js';
import { mannWhitney, median, percentile, rounds } from './stats.js';
import { burst, clientCredentialsForm, slicedRound, timedTokenCall, tokenCall, type Burst } from './token-requests.js';
import { pinApart } from './cpu-pinning.js';

const ROUNDS = Number(process.env.BENCH_SECRET_ROUNDS ?? 50);
const REQUESTS_PER_ROUND = Number(process.env.BENCH_SECRET_REQUESTS ?? 100);
const CONCURRENCY = Number(process.env.BENCH_SECRET_CONCURRENCY ?? 4);
const TIMING_PAIRS = Number(process.env.BENCH_SECRET_TIMING_PAIRS ?? 1500);
/** A round's requests per client go in slices of this many, the clients taking turns (see `slicedRound`). */
const SLICE = 20;
const WARM_UP = 300;
/** Below this p-value, the right and the wrong secret's times are told apart. */
const SIGNIFICANCE = 0.01;
/** Time kept back from the throughput rounds for the timing comparison. */
const TIMING_RESERVE_MS = 45_000;
/** The fewest pairs the timing comparison is made on, deadline or not. */
const TIMING_MIN_PAIRS = 200;
/** The caller (127.0.0.1) is inside the last range only; 127.0.0.2 is outside, which the run checks first. */
const RANGES = '10.0.0.0/8, 172.16.0.0/12, 2001:db8::/32, 192.168.0.0/16, 127.0.0.1/32';

const SIDES = ['plain', 'managed', 'restricted', 'digest'] as const;
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
    digest: await createDigestClient(
      admin,
      realm,
      apiClientRepresentation(`bench-token-digest-${suffix}`, { [contract.apiClientAttributes.ipRanges]: RANGES }, 'digest'),
    ),
  };
  const timed = await createDigestClient(admin, realm, apiClientRepresentation(`bench-token-timing-${suffix}`, {}, 'digest'));
  await admin.expect(204, 'PUT', `/${realm}/clients/${timed.id}`, { enabled: false });
  const bursts: Record<Side, Burst[]> = { plain: [], managed: [], restricted: [], digest: [] };
  let timing: { right: number[]; wrong: number[]; nearlyRight: number[] };
  const agent = new Agent({ keepAlive: true, maxSockets: CONCURRENCY });
  const port = keycloak.ports.http;
  const pinning = pinApart(keycloak.home);
  log(`  ${pinning.description}`);
  try {
    // The policy must really be active in this run: the same client from outside its ranges is refused.
    const outside = await tokenCall(undefined, port, realm, clientCredentialsForm(clients.restricted), '127.0.0.2');
    if (outside !== 400) throw new Error(`expected the IP-range check to refuse 127.0.0.2 (HTTP 400), got HTTP ${outside}`);
    // The digest authenticator is in the flow: the client on digests is refused outside its ranges like a wrong secret.
    const outsideDigest = await tokenCall(undefined, port, realm, clientCredentialsForm(clients.digest), '127.0.0.2');
    if (outsideDigest !== 401)
      throw new Error(`expected the digest authenticator to refuse 127.0.0.2 (HTTP 401), got HTTP ${outsideDigest}`);
    log(`  warming up (${WARM_UP} requests per client)…`);
    for (const side of SIDES) await burst(agent, port, realm, clients[side], WARM_UP, CONCURRENCY);
    const done = await rounds(ROUNDS, deadline - TIMING_RESERVE_MS, async (round) => {
      const measured = await slicedRound(SIDES, round, REQUESTS_PER_ROUND, SLICE, (side, count) =>
        burst(agent, port, realm, clients[side], count, CONCURRENCY),
      );
      for (const side of SIDES) bursts[side].push(measured[side]);
      if ((round + 1) % 10 === 0) log(`  ${round + 1} rounds done`);
    });
    log(`  ${done} rounds`);
    log(`  timing: ${TIMING_PAIRS} right and wrong secrets of a disabled client, one at a time…`);
    timing = await timeSecrets(port, timed, deadline);
  } finally {
    pinning.release();
    agent.destroy();
    for (const client of [...Object.values(clients), timed]) await deleteClient(admin, realm, client.id);
  }

  const roundRates = (side: Side) => bursts[side].map((b) => REQUESTS_PER_ROUND / b.seconds);
  const latencies = (side: Side) => bursts[side].flatMap((b) => b.latenciesMs);
  /** Median over rounds of the candidate's rate over the baseline's: both bursts of a round ran back to back. */
  const pairedRatio = (candidate: Side, baseline: Side) => median(roundRates(candidate).map((rate, i) => rate / roundRates(baseline)[i]!));
  const about = `${bursts.plain.length} rounds of ${REQUESTS_PER_ROUND} requests per client, the clients taking turns every ${SLICE} requests, ${CONCURRENCY} in flight over keep-alive connections`;
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
        metric: 'throughput, hashed secret (baseline: the same client on plain client-secret)',
        unit: 'requests/s',
        baseline: median(roundRates('restricted')),
        candidate: median(roundRates('digest')),
        pairedRatio: pairedRatio('digest', 'restricted'),
        goal: { on: 'ratio', atLeast: 0.97 },
        note: `ratio: median of per-round paired ratios; p50 ${percentile(latencies('digest'), 50).toFixed(1)} ms against ${percentile(latencies('restricted'), 50).toFixed(1)} ms`,
      },
      timingFigure(timing),
      {
        metric: 'throughput, range check alone (baseline: managed client without ranges)',
        unit: 'requests/s',
        baseline: median(roundRates('managed')),
        candidate: median(roundRates('restricted')),
        pairedRatio: pairedRatio('restricted', 'managed'),
        note: 'ratio: median of per-round paired ratios',
      },
    ],
    samples: {
      ...Object.fromEntries(SIDES.map((side) => [`${side} requests/s per round`, roundRates(side).map((r) => Number(r.toFixed(1)))])),
      'timing: right secret ms': timing.right.map((ms) => Number(ms.toFixed(3))),
      'timing: wrong secret ms': timing.wrong.map((ms) => Number(ms.toFixed(3))),
    },
    details: [
      about,
      pinning.description,
      `a request from 127.0.0.2 (outside the ranges) was refused with HTTP 400 before measuring (HTTP 401, as a wrong secret, on the digest authenticator)`,
      timingDetail(timing),
      `managed client without ranges: ${median(roundRates('managed')).toFixed(1)} requests/s, p50 ${percentile(latencies('managed'), 50).toFixed(1)} ms; against the plain client (client-policy machinery without the range check): median paired ratio ${pairedRatio('managed', 'plain').toFixed(3)}`,
    ],
  };
}

/**
 * Right, wrong and nearly right (one character off) secrets of a disabled client, which all get the same refusal, in
 * alternation and in a shuffled order per triple, one request at a time over one connection: the only difference
 * between them is whether the digest matched.
 */
async function timeSecrets(
  port: number,
  client: ApiClientFixture,
  deadline: number,
): Promise<{ right: number[]; wrong: number[]; nearlyRight: number[] }> {
  const agent = new Agent({ keepAlive: true, maxSockets: 1 });
  const nearly = `${client.secret.slice(0, -1)}${client.secret.endsWith('a') ? 'b' : 'a'}`;
  const bodies = {
    right: clientCredentialsForm(client),
    wrong: clientCredentialsForm({ ...client, secret: `w${client.secret.slice(1).split('').reverse().join('')}` }),
    nearlyRight: clientCredentialsForm({ ...client, secret: nearly }),
  };
  const result = { right: [] as number[], wrong: [] as number[], nearlyRight: [] as number[] };
  const kinds = Object.keys(bodies) as Array<keyof typeof bodies>;
  try {
    for (let i = 0; i < 200; i++) await timedTokenCall(agent, port, contract.realm, bodies[kinds[i % 3]!]);
    for (let pair = 0; pair < TIMING_PAIRS && (pair < TIMING_MIN_PAIRS || Date.now() < deadline); pair++) {
      const order = [...kinds].sort(() => Math.random() - 0.5);
      for (const kind of order) {
        const answer = await timedTokenCall(agent, port, contract.realm, bodies[kind]);
        if (answer.status !== 401) throw new Error(`the disabled client's ${kind} secret answered HTTP ${answer.status}, not 401`);
        result[kind].push(answer.ms);
      }
    }
  } finally {
    agent.destroy();
  }
  return result;
}

function timingFigure(timing: { right: number[]; wrong: number[] }): Figure {
  const test = mannWhitney(timing.right, timing.wrong);
  const same = test.p >= SIGNIFICANCE;
  return {
    metric: 'verification time, right vs wrong secret (Mann–Whitney U, two-sided p)',
    unit: 'p',
    candidate: Number(test.p.toFixed(4)),
    goal: { on: 'value', atLeast: SIGNIFICANCE },
    note:
      `${same ? 'the same time within noise' : 'the times differ'}: p = ${test.p.toFixed(3)} ` +
      `(${same ? '≥' : '<'} ${SIGNIFICANCE}), P(right slower than wrong) = ${test.probabilityFirstLarger.toFixed(3)}; ` +
      `p50 right ${median(timing.right).toFixed(3)} ms, wrong ${median(timing.wrong).toFixed(3)} ms, ` +
      `${timing.right.length} of each, both refused alike (disabled client)`,
  };
}

function timingDetail(timing: { wrong: number[]; nearlyRight: number[] }): string {
  const test = mannWhitney(timing.nearlyRight, timing.wrong);
  return (
    `timing control, a secret one character off vs an unrelated wrong one: p = ${test.p.toFixed(3)}, ` +
    `p50 ${median(timing.nearlyRight).toFixed(3)} ms vs ${median(timing.wrong).toFixed(3)} ms`
  );
}

export const benchmark: Benchmark = { name: 'secret', budgetMs: 4.5 * 60_000, usesSharedKeycloak: true, run };
