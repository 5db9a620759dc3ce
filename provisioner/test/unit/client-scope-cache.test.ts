import type { KeycloakGateway, ScopeRecord } from '../../src/core/gateway.js';
import { withCachedClientScopes } from '../../src/keycloak/client-scope-cache.js';

function countingGateway(answers: Array<ScopeRecord[] | Error>): { gateway: KeycloakGateway; calls: () => number } {
  let calls = 0;
  const gateway = {
    async listClientScopes() {
      const answer = answers[Math.min(calls, answers.length - 1)]!;
      calls += 1;
      if (answer instanceof Error) throw answer;
      return answer;
    },
    async findClientById() {
      return undefined;
    },
  } as unknown as KeycloakGateway;
  return { gateway, calls: () => calls };
}

const scope = (name: string): ScopeRecord => ({ id: name, name, description: undefined, attributes: {} });

describe('withCachedClientScopes', () => {
  test('answers from memory within the time to live, asks Keycloak again after it', async () => {
    let clock = 1_000;
    const { gateway, calls } = countingGateway([[scope('a')], [scope('a'), scope('b')]]);
    const cached = withCachedClientScopes(gateway, { ttlMs: 10_000, now: () => clock });
    expect(await cached.listClientScopes()).toEqual([scope('a')]);
    clock += 9_999;
    expect(await cached.listClientScopes()).toEqual([scope('a')]);
    expect(calls()).toBe(1);
    clock += 1;
    expect(await cached.listClientScopes()).toEqual([scope('a'), scope('b')]);
    expect(calls()).toBe(2);
  });

  test('simultaneous reads share one request', async () => {
    const { gateway, calls } = countingGateway([[scope('a')]]);
    const cached = withCachedClientScopes(gateway);
    await Promise.all([cached.listClientScopes(), cached.listClientScopes(), cached.listClientScopes()]);
    expect(calls()).toBe(1);
  });

  test('does not keep a failure', async () => {
    const { gateway, calls } = countingGateway([new Error('Keycloak cannot be reached'), [scope('a')]]);
    const cached = withCachedClientScopes(gateway);
    await expect(cached.listClientScopes()).rejects.toThrow('Keycloak cannot be reached');
    expect(await cached.listClientScopes()).toEqual([scope('a')]);
    expect(calls()).toBe(2);
  });

  test('passes every other call through to the gateway', async () => {
    const { gateway } = countingGateway([[scope('a')]]);
    const cached = withCachedClientScopes(gateway);
    expect(cached.findClientById).toBe(gateway.findClientById);
  });
});
