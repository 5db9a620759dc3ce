/**
 * The extension's read endpoint (`/realms/focus/focus-api-access/…`) as the provisioner calls it: with its service
 * account's token. For the activity tests, which wait for the node's writer and look at what it recorded.
 */
import { contract } from '@focus-api-access/contract';
import { testStack } from '../../support/stack.js';
export { eventually } from '../../support/eventually.js';

export interface LastUse {
  readonly time: number;
  readonly address: string;
}

export interface ActivityAnswer {
  readonly lastUse?: LastUse;
  readonly addresses: Array<{ address: string; firstSeen: number; lastSeen: number }>;
  readonly refusals: Array<{ reason: string; refusals: number; sources: number; lastAt: number }>;
}

/** A token of the provisioner's service account (client_credentials). */
export async function provisionerToken(): Promise<string> {
  const stack = testStack();
  const response = await fetch(stack.tokenEndpoint, {
    method: 'POST',
    body: new URLSearchParams({
      grant_type: 'client_credentials',
      client_id: contract.clients.provisioner,
      client_secret: stack.provisionerSecret,
    }),
  });
  const body = (await response.json()) as { access_token?: string };
  if (!body.access_token) throw new Error(`no provisioner token: HTTP ${response.status}`);
  return body.access_token;
}

/** GET on the read endpoint; `token` undefined sends none. */
export async function readEndpoint(path: string, token: string | undefined): Promise<{ status: number; body: any }> {
  const response = await fetch(`${testStack().realmUrl}/${contract.readEndpoint}${path}`, {
    headers: token === undefined ? {} : { authorization: `Bearer ${token}` },
  });
  const text = await response.text();
  return { status: response.status, body: text === '' ? undefined : JSON.parse(text) };
}

export async function activityOf(id: string): Promise<ActivityAnswer> {
  const answer = await readEndpoint(`/clients/${id}/activity`, await provisionerToken());
  if (answer.status !== 200) throw new Error(`activity of ${id}: HTTP ${answer.status} ${JSON.stringify(answer.body)}`);
  return answer.body as ActivityAnswer;
}

/** One page of a managed client's refusal sources for one reason, as the read endpoint answers it. */
export async function refusalsOf(id: string, reason: string): Promise<{ total: number; items: Array<Record<string, unknown>> }> {
  const answer = await readEndpoint(`/clients/${id}/refusals?reason=${reason}`, await provisionerToken());
  if (answer.status !== 200) throw new Error(`refusals of ${id}: HTTP ${answer.status} ${JSON.stringify(answer.body)}`);
  return answer.body as { total: number; items: Array<Record<string, unknown>> };
}
