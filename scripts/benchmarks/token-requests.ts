/**
 * Token requests as the token and secret benchmarks send them: `client_credentials` (`client_secret_post`) over
 * plain HTTP on the loopback interface, on a keep-alive agent or from a chosen local address.
 */
import { request, type Agent } from 'node:http';

/** The client a benchmark asks tokens for. */
export interface TokenClient {
  readonly clientId: string;
  readonly secret: string;
}

/** A burst of token requests: how long it took, and each request's latency. */
export interface Burst {
  readonly seconds: number;
  readonly latenciesMs: number[];
}

export const clientCredentialsForm = (client: TokenClient) =>
  new URLSearchParams({ grant_type: 'client_credentials', client_id: client.clientId, client_secret: client.secret }).toString();

/** One token request: its status, and the time from sending to the end of the answer. */
export function timedTokenCall(
  agent: Agent | undefined,
  port: number,
  realm: string,
  body: string,
  localAddress?: string,
): Promise<{ status: number; ms: number }> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port,
        path: `/realms/${realm}/protocol/openid-connect/token`,
        method: 'POST',
        ...(agent ? { agent } : { localAddress }),
        headers: { 'content-type': 'application/x-www-form-urlencoded', 'content-length': Buffer.byteLength(body) },
      },
      (res) => {
        res.resume();
        res.on('end', () => resolve({ status: res.statusCode ?? 0, ms: performance.now() - started }));
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

export async function tokenCall(
  agent: Agent | undefined,
  port: number,
  realm: string,
  body: string,
  localAddress?: string,
): Promise<number> {
  return (await timedTokenCall(agent, port, realm, body, localAddress)).status;
}

/** Sends `count` token requests for `client` in `realm`, `concurrency` at a time; any answer but 200 ends the run. */
export async function burst(
  agent: Agent,
  port: number,
  realm: string,
  client: TokenClient,
  count: number,
  concurrency: number,
): Promise<Burst> {
  const body = clientCredentialsForm(client);
  const latenciesMs: number[] = [];
  let sent = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (sent < count) {
        sent++;
        const { status, ms } = await timedTokenCall(agent, port, realm, body);
        latenciesMs.push(ms);
        if (status !== 200) throw new Error(`token request for ${client.clientId} in ${realm} answered HTTP ${status}`);
      }
    }),
  );
  return { seconds: (performance.now() - started) / 1000, latenciesMs };
}

/**
 * One round of a side-by-side comparison: each side sends `requests` token requests in slices of `slice`, the sides
 * taking turns slice by slice, starting from a different side each round. Load from other processes, which comes and
 * goes within a second on a shared machine, then falls on every side alike, and no side always follows another.
 * Answers one merged burst per side.
 */
export async function slicedRound<Side extends string>(
  sides: readonly Side[],
  round: number,
  requests: number,
  slice: number,
  send: (side: Side, count: number) => Promise<Burst>,
): Promise<Record<Side, Burst>> {
  const slices = new Map<Side, Burst[]>(sides.map((side) => [side, []]));
  for (let turn = 0; turn < Math.ceil(requests / slice); turn++) {
    const count = Math.min(slice, requests - turn * slice);
    for (let i = 0; i < sides.length; i++) {
      const side = sides[(round + turn + i) % sides.length]!;
      slices.get(side)!.push(await send(side, count));
    }
  }
  return Object.fromEntries(
    sides.map((side) => {
      const bursts = slices.get(side)!;
      return [side, { seconds: bursts.reduce((sum, b) => sum + b.seconds, 0), latenciesMs: bursts.flatMap((b) => b.latenciesMs) }];
    }),
  ) as Record<Side, Burst>;
}
