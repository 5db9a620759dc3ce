/**
 * token: client_credentials requests per second and p50/p99 latency of a managed API client with IP ranges in realm
 * focus, where the extension records last use and refusals and no event is stored (candidate), against the same
 * client type in a copy of the realm that stores no events and has no listener of ours, as a plain Keycloak does
 * (baseline). A third side, a copy that stores every CLIENT_LOGIN event as the realm did before, shows what the
 * recording replaced. All in one Keycloak, in interleaved rounds over keep-alive connections on the loopback
 * interface, with the load generator and Keycloak pinned to different cores so that they do not compete for one.
 * Sizes: BENCH_TOKEN_ROUNDS, BENCH_TOKEN_REQUESTS, BENCH_TOKEN_CONCURRENCY.
 */
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Agent } from 'node:http';
import { contract } from '@focus-api-access/contract';
import { realmConfigDir } from '@focus-api-access/stack';
import {
  Admin,
  apiClientRepresentation,
  createClient,
  deleteClient,
  type ApiClientFixture,
} from '../../tests/integration/extension/support.js';
import type { BenchContext, BenchReport, Benchmark } from './context.js';
import { pinApart } from './cpu-pinning.js';
import { burst, clientCredentialsForm, slicedRound, tokenCall, type Burst } from './token-requests.js';
import { median, medianInterval, percentile, rounds } from './stats.js';

const ROUNDS = Number(process.env.BENCH_TOKEN_ROUNDS ?? 60);
const REQUESTS_PER_ROUND = Number(process.env.BENCH_TOKEN_REQUESTS ?? 100);
const CONCURRENCY = Number(process.env.BENCH_TOKEN_CONCURRENCY ?? 4);
/**
 * A round's requests per side go in slices of this many, the sides taking turns slice by slice: load from other
 * processes, which comes and goes within a second on a shared machine, then falls on every side alike.
 */
const SLICE = 20;
const WARM_UP = 300;
/** The caller (127.0.0.1) is inside the last range only; 127.0.0.2 is outside, which the run checks first. */
const RANGES = '10.0.0.0/8, 172.16.0.0/12, 2001:db8::/32, 192.168.0.0/16, 127.0.0.1/32';

interface Side {
  readonly realm: string;
  readonly client: ApiClientFixture;
}

/**
 * Realm focus as imported, renamed, with its placeholders filled and its event settings replaced: the copies differ
 * from focus only in what happens to events.
 */
function realmCopy(name: string, events: Record<string, unknown>): Record<string, unknown> {
  const raw = readFileSync(join(realmConfigDir, 'focus-realm.json'), 'utf8').replace(
    /\$\{([A-Z_]+)(?::([^}]*))?\}/g,
    (_all, variable: string, fallback: string | undefined) =>
      variable === 'FOCUS_PROVISIONER_SECRET' ? randomBytes(24).toString('base64url') : (fallback ?? ''),
  );
  const realm = JSON.parse(raw) as Record<string, unknown>;
  for (const key of ['eventsEnabled', 'eventsListeners', 'enabledEventTypes', 'eventsExpiration']) delete realm[key];
  return { ...realm, realm: name, displayName: name, ...events };
}

const SIDES = ['plain', 'recorded', 'stored'] as const;
type SideName = (typeof SIDES)[number];

async function run({ keycloak: shared, log, deadline }: BenchContext): Promise<BenchReport> {
  const keycloak = await shared();
  const admin = new Admin({ keycloakUrl: keycloak.url, bootstrapAdmin: keycloak.secrets.bootstrapAdmin });
  const suffix = Date.now().toString(36);
  const realms: Record<SideName, string> = {
    plain: `bench-plain-${suffix}`,
    recorded: contract.realm,
    stored: `bench-stored-${suffix}`,
  };
  await admin.expect(201, 'POST', '', realmCopy(realms.plain, { eventsEnabled: false, eventsListeners: ['jboss-logging'] }));
  await admin.expect(
    201,
    'POST',
    '',
    realmCopy(realms.stored, {
      eventsEnabled: true,
      eventsListeners: ['jboss-logging'],
      enabledEventTypes: ['CLIENT_LOGIN', 'CLIENT_LOGIN_ERROR'],
      eventsExpiration: 90 * 24 * 3600,
    }),
  );
  const sides = {} as Record<SideName, Side>;
  for (const side of SIDES) {
    const rep = apiClientRepresentation(`bench-token-${side}-${suffix}`, { [contract.apiClientAttributes.ipRanges]: RANGES });
    sides[side] = { realm: realms[side], client: await createClient(admin, realms[side], rep) };
  }
  const bursts: Record<SideName, Burst[]> = { plain: [], recorded: [], stored: [] };
  const agent = new Agent({ keepAlive: true, maxSockets: CONCURRENCY });
  const port = keycloak.ports.http;
  const pinning = pinApart(keycloak.home);
  log(`  ${pinning.description}`);
  try {
    // The IP-range policy must really be active on every side: the same client from outside its ranges is refused.
    for (const side of SIDES) {
      const outside = await tokenCall(undefined, port, sides[side].realm, clientCredentialsForm(sides[side].client), '127.0.0.2');
      if (outside !== 400) throw new Error(`expected the IP-range check to refuse 127.0.0.2 in ${sides[side].realm}, got HTTP ${outside}`);
    }
    log(`  warming up (${WARM_UP} requests per side)…`);
    for (const side of SIDES) await burst(agent, port, sides[side].realm, sides[side].client, WARM_UP, CONCURRENCY);
    const done = await rounds(ROUNDS, deadline, async (round) => {
      const measured = await slicedRound(SIDES, round, REQUESTS_PER_ROUND, SLICE, (side, count) =>
        burst(agent, port, sides[side].realm, sides[side].client, count, CONCURRENCY),
      );
      for (const side of SIDES) bursts[side].push(measured[side]);
      if ((round + 1) % 10 === 0) log(`  ${round + 1} rounds done`);
    });
    log(`  ${done} rounds`);
  } finally {
    pinning.release();
    agent.destroy();
    await deleteClient(admin, realms.recorded, sides.recorded.client.id);
    for (const realm of [realms.plain, realms.stored]) await admin.call('DELETE', `/${realm}`);
  }

  const roundRates = (side: SideName) => bursts[side].map((b) => REQUESTS_PER_ROUND / b.seconds);
  const latencies = (side: SideName) => bursts[side].flatMap((b) => b.latenciesMs);
  /** Median over rounds of the candidate's rate over the baseline's: both bursts of a round ran back to back. */
  const pairedRatios = (candidate: SideName, baseline: SideName) => roundRates(candidate).map((rate, i) => rate / roundRates(baseline)[i]!);
  const pairedRatio = (candidate: SideName, baseline: SideName) => median(pairedRatios(candidate, baseline));
  // How far this run's ratio may be from another's: on a loaded machine the rounds scatter, and so does the median.
  const interval = medianInterval(pairedRatios('recorded', 'plain'))
    .map((r) => r.toFixed(3))
    .join('–');
  const about = `${bursts.plain.length} rounds of ${REQUESTS_PER_ROUND} requests per side, the sides taking turns every ${SLICE} requests, ${CONCURRENCY} in flight over keep-alive connections`;
  return {
    measures:
      'client_credentials token requests of a managed API client with 5 IP ranges in realm focus: last use and refusals recorded by the extension, no event stored',
    baseline:
      'the same client type in a copy of realm focus that stores no events and has no listener of ours (a plain Keycloak); same Keycloak, interleaved rounds',
    figures: [
      {
        metric: 'throughput (median of per-round rates)',
        unit: 'requests/s',
        baseline: median(roundRates('plain')),
        candidate: median(roundRates('recorded')),
        pairedRatio: pairedRatio('recorded', 'plain'),
        goal: { on: 'ratio', atLeast: 0.97 },
        note: `ratio: median of per-round paired ratios, 95 % confidence interval ${interval}; quotient of the two medians ${(median(roundRates('recorded')) / median(roundRates('plain'))).toFixed(3)}`,
      },
      { metric: 'latency p50', unit: 'ms', baseline: percentile(latencies('plain'), 50), candidate: percentile(latencies('recorded'), 50) },
      { metric: 'latency p99', unit: 'ms', baseline: percentile(latencies('plain'), 99), candidate: percentile(latencies('recorded'), 99) },
      {
        metric: 'throughput with every CLIENT_LOGIN stored, as before (baseline: no events)',
        unit: 'requests/s',
        baseline: median(roundRates('plain')),
        candidate: median(roundRates('stored')),
        pairedRatio: pairedRatio('stored', 'plain'),
        note: 'ratio: median of per-round paired ratios; for comparison only',
      },
    ],
    samples: Object.fromEntries(SIDES.map((side) => [`${side} requests/s per round`, roundRates(side).map((r) => Number(r.toFixed(1)))])),
    details: [
      about,
      pinning.description,
      'a request from 127.0.0.2 (outside the ranges) was refused with HTTP 400 on every side before measuring',
      `stored events (the realm's former setting): ${median(roundRates('stored')).toFixed(1)} requests/s, p50 ${percentile(latencies('stored'), 50).toFixed(1)} ms`,
    ],
  };
}

export const benchmark: Benchmark = { name: 'token', budgetMs: 3.5 * 60_000, usesSharedKeycloak: true, run };
