/**
 * Which Keycloak nodes are in use. Nodes are preferred in the order they were listed; a node that failed is out of
 * use (tried only when every other node fails too) until a probe finds it answering again. Probes are due once per
 * `retryAfterMs`, so a restarted node comes back into use without restarting the provisioner, and no user request
 * has to pay for finding out whether it is back. Pure state: the gateway does the calls and reports the outcomes.
 */

export interface NodePoolOptions {
  /** How long a failed node stays out of use before it is probed again. */
  readonly retryAfterMs?: number;
  readonly now?: () => number;
}

export interface NodeHealth {
  /** Position in the configured list, from 0. */
  readonly index: number;
  readonly up: boolean;
  /** Why it is out of use. */
  readonly reason?: string;
}

export interface NodePool {
  readonly size: number;
  /** The order one call tries the nodes in: nodes in use by preference, then the nodes out of use. */
  attemptOrder(): readonly number[];
  /** The node calls go to first, undefined when every node is out of use. */
  current(): number | undefined;
  /** Nodes out of use whose probe is due; each is returned once per retry period. */
  dueForProbe(): readonly number[];
  /** Takes a node out of use; true when it was in use (the moment to tell the operator). */
  markDown(index: number, reason: string): boolean;
  /** Puts a node back in use; true when it was out of use. */
  markUp(index: number): boolean;
  health(): readonly NodeHealth[];
}

/**
 * @example
 * const pool = createNodePool(2, { retryAfterMs: 30_000 });
 * pool.markDown(0, 'connection refused'); // true
 * pool.attemptOrder(); // [1, 0]
 */
export function createNodePool(size: number, options: NodePoolOptions = {}): NodePool {
  if (!Number.isInteger(size) || size < 1) throw new TypeError('a node pool needs at least one node');
  const retryAfterMs = options.retryAfterMs ?? 30_000;
  const now = options.now ?? Date.now;
  const down = new Map<number, { reason: string; probeAt: number }>();
  const indexes = Array.from({ length: size }, (_, i) => i);

  return {
    size,
    attemptOrder() {
      return [...indexes.filter((i) => !down.has(i)), ...indexes.filter((i) => down.has(i))];
    },
    current() {
      return indexes.find((i) => !down.has(i));
    },
    dueForProbe() {
      const at = now();
      const due = indexes.filter((i) => (down.get(i)?.probeAt ?? Infinity) <= at);
      for (const i of due) down.get(i)!.probeAt = at + retryAfterMs;
      return due;
    },
    markDown(index, reason) {
      const known = down.get(index);
      if (known) {
        known.reason = reason;
        return false;
      }
      down.set(index, { reason, probeAt: now() + retryAfterMs });
      return true;
    },
    markUp(index) {
      return down.delete(index);
    },
    health() {
      return indexes.map((index) => {
        const state = down.get(index);
        return state ? { index, up: false, reason: state.reason } : { index, up: true };
      });
    },
  };
}
