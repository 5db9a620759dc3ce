import { createNodePool } from '../../src/keycloak/node-pool.js';

function clock(start = 1_000_000) {
  let now = start;
  return { now: () => now, advance: (ms: number) => void (now += ms) };
}

describe('createNodePool', () => {
  test('prefers the nodes in the order they were listed', () => {
    const pool = createNodePool(3);
    expect(pool.attemptOrder()).toEqual([0, 1, 2]);
    expect(pool.current()).toBe(0);
    expect(pool.health()).toEqual([
      { index: 0, up: true },
      { index: 1, up: true },
      { index: 2, up: true },
    ]);
  });

  test('a failed node goes to the end of the order, and is reported once', () => {
    const pool = createNodePool(3);
    expect(pool.markDown(0, 'connection refused')).toBe(true);
    expect(pool.markDown(0, 'timed out')).toBe(false);
    expect(pool.attemptOrder()).toEqual([1, 2, 0]);
    expect(pool.current()).toBe(1);
    expect(pool.health()[0]).toEqual({ index: 0, up: false, reason: 'timed out' });
  });

  test('with every node out of use, all are still tried, in their listed order', () => {
    const pool = createNodePool(2);
    pool.markDown(1, 'connection refused');
    pool.markDown(0, 'connection refused');
    expect(pool.attemptOrder()).toEqual([0, 1]);
    expect(pool.current()).toBeUndefined();
  });

  test('a node back in use takes its place again', () => {
    const pool = createNodePool(2);
    pool.markDown(0, 'connection refused');
    expect(pool.markUp(0)).toBe(true);
    expect(pool.markUp(0)).toBe(false);
    expect(pool.attemptOrder()).toEqual([0, 1]);
  });

  test('a failed node is due for a probe once per retry period', () => {
    const time = clock();
    const pool = createNodePool(2, { retryAfterMs: 30_000, now: time.now });
    pool.markDown(0, 'connection refused');
    expect(pool.dueForProbe()).toEqual([]);
    time.advance(29_999);
    expect(pool.dueForProbe()).toEqual([]);
    time.advance(1);
    expect(pool.dueForProbe()).toEqual([0]);
    expect(pool.dueForProbe()).toEqual([]);
    time.advance(30_000);
    expect(pool.dueForProbe()).toEqual([0]);
  });

  test('nodes in use are never probed', () => {
    const time = clock();
    const pool = createNodePool(2, { retryAfterMs: 10, now: time.now });
    time.advance(1_000);
    expect(pool.dueForProbe()).toEqual([]);
  });

  test('needs at least one node', () => {
    expect(() => createNodePool(0)).toThrow(TypeError);
  });
});
