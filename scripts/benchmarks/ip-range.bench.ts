/**
 * Cost of the IP-range policy at the token endpoint: client_credentials requests per second for a managed API
 * client restricted to a few ranges (the caller inside them) against an identical client without the managed
 * marker, which no client policy applies to. A third client, managed but without ranges, splits the cost into
 * Keycloak's client-policy machinery (profile of three executors) and the range check itself.
 * All in realm focus of one Keycloak, in interleaved rounds over keep-alive connections on the loopback
 * interface. Sizes: BENCH_TOKEN_ROUNDS, BENCH_TOKEN_REQUESTS.
 */
import { Agent, request } from 'node:http';
import { contract } from '@focus-api-access/contract';
import { Admin, apiClientRepresentation, createClient, deleteClient, type ApiClientFixture } from '../../tests/integration/extension/support.js';
import type { BenchContext, BenchResult } from './context.js';

// Many short rounds with the order rotating: load from other processes then hits every side alike.
const ROUNDS = Number(process.env.BENCH_TOKEN_ROUNDS ?? 30);
const REQUESTS_PER_ROUND = Number(process.env.BENCH_TOKEN_REQUESTS ?? 100);
const WARM_UP = 300;
const CONCURRENCY = 4;
/** Hard stop for the whole measurement, whatever the sizes. */
const TIME_LIMIT_MS = 10 * 60_000;
const RANGES = '10.0.0.0/8, 172.16.0.0/12, 2001:db8::/32, 192.168.0.0/16, 127.0.0.0/8';

function tokenCall(agent: Agent, port: number, body: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port,
        path: `/realms/${contract.realm}/protocol/openid-connect/token`,
        method: 'POST',
        agent,
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

/** Sends `count` token requests, `CONCURRENCY` at a time; resolves with the seconds it took. */
async function burst(agent: Agent, port: number, client: ApiClientFixture, count: number): Promise<number> {
  const body = new URLSearchParams({ grant_type: 'client_credentials', client_id: client.clientId, client_secret: client.secret }).toString();
  let sent = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (sent < count) {
        sent++;
        const status = await tokenCall(agent, port, body);
        if (status !== 200) throw new Error(`token request for ${client.clientId} answered HTTP ${status}`);
      }
    }),
  );
  return (performance.now() - started) / 1000;
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
const rate = (seconds: number[]) => (seconds.length * REQUESTS_PER_ROUND) / seconds.reduce((a, b) => a + b, 0);
/** Median over rounds of one side's rate relative to another's: bursts of one round ran back to back. */
const pairedRatio = (candidate: number[], baseline: number[]) => median(baseline.map((b, i) => b / candidate[i]!));

export async function run({ keycloak, log }: BenchContext): Promise<BenchResult[]> {
  const admin = new Admin({ keycloakUrl: keycloak.url, bootstrapAdmin: keycloak.secrets.bootstrapAdmin });
  const realm = contract.realm;
  const suffix = Date.now().toString(36);
  const unmanaged = apiClientRepresentation(`bench-ip-plain-${suffix}`);
  const unmanagedAttributes: Record<string, string> = { ...(unmanaged.attributes as Record<string, string>) };
  delete unmanagedAttributes[contract.apiClientAttributes.managed];
  const sides = {
    plain: await createClient(admin, realm, { ...unmanaged, attributes: unmanagedAttributes }),
    managed: await createClient(admin, realm, apiClientRepresentation(`bench-ip-managed-${suffix}`)),
    restricted: await createClient(
      admin,
      realm,
      apiClientRepresentation(`bench-ip-restricted-${suffix}`, { [contract.apiClientAttributes.ipRanges]: RANGES }),
    ),
  };
  const order = ['plain', 'managed', 'restricted'] as const;
  const seconds: Record<(typeof order)[number], number[]> = { plain: [], managed: [], restricted: [] };
  const agent = new Agent({ keepAlive: true, maxSockets: CONCURRENCY });
  const port = keycloak.ports.http;
  try {
    log(`  warming up (${WARM_UP} requests per client)…`);
    for (const side of order) await burst(agent, port, sides[side], WARM_UP);
    const deadline = Date.now() + TIME_LIMIT_MS;
    for (let round = 0; round < ROUNDS && Date.now() < deadline; round++) {
      for (let i = 0; i < order.length; i++) {
        const side = order[(round + i) % order.length]!;
        seconds[side].push(await burst(agent, port, sides[side], REQUESTS_PER_ROUND));
      }
      if ((round + 1) % 10 === 0) log(`  ${round + 1} rounds done`);
    }
  } finally {
    agent.destroy();
    for (const client of Object.values(sides)) await deleteClient(admin, realm, client.id);
  }
  const rounds = seconds.plain.length;
  const about = `${rounds} interleaved rounds of ${REQUESTS_PER_ROUND} requests per client, ${CONCURRENCY} in flight, ${RANGES.split(',').length} ranges`;
  return [
    {
      name: 'client_credentials tokens: IP-restricted API client vs. same client without any client policy',
      unit: 'requests/s',
      baseline: rate(seconds.plain),
      candidate: rate(seconds.restricted),
      higherIsBetter: true,
      note: `${about}; median per-round ratio ${pairedRatio(seconds.restricted, seconds.plain).toFixed(3)}`,
    },
    {
      name: 'client_credentials tokens: IP-restricted API client vs. managed API client without ranges (range check alone)',
      unit: 'requests/s',
      baseline: rate(seconds.managed),
      candidate: rate(seconds.restricted),
      higherIsBetter: true,
      note: `${about}; median per-round ratio ${pairedRatio(seconds.restricted, seconds.managed).toFixed(3)}`,
    },
  ];
}
