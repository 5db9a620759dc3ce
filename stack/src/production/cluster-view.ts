/**
 * What a Keycloak node's log says about its cluster: Infinispan logs every new JGroups view (ISPN000094) and the
 * node's own member name (ISPN000079). Reading them is how the stack proves that nodes really form one cluster
 * instead of trusting that they would.
 */
import { readFileSync } from 'node:fs';

export interface ClusterView {
  /** View id, e.g. `node-a|1`: the coordinator and a counter. */
  readonly id: string;
  /** Member names, coordinator first. */
  readonly members: readonly string[];
}

/** `vm-13766(v=16.0.14)` → `vm-13766`: members carry their Infinispan version. */
function memberName(raw: string): string {
  return raw.trim().replace(/\(v=[^)]*\)$/, '');
}

const VIEW = /ISPN000094: Received new cluster view for channel \S+: \[([^\]]*)\] \((\d+)\) \[([^\]]*)\]/g;
const LOCAL = /ISPN000079: Channel `[^`]*` local address is `([^`]+)`/g;

/** Every cluster view the log announces, oldest first. */
export function clusterViews(log: string): ClusterView[] {
  return [...log.matchAll(VIEW)].map((match) => ({
    id: (match[1] ?? '').split('|').map(memberName).join('|'),
    members: (match[3] ?? '')
      .split(',')
      .map(memberName)
      .filter((name) => name !== ''),
  }));
}

/** The node's current view (the last one it logged), if it has joined a cluster yet. */
export function currentClusterView(log: string): ClusterView | undefined {
  return clusterViews(log).at(-1);
}

/** The node's own member name in the cluster. */
export function localMemberName(log: string): string | undefined {
  const matches = [...log.matchAll(LOCAL)];
  const last = matches.at(-1)?.[1];
  return last === undefined ? undefined : memberName(last);
}

/** A node's log from where its current run began (logs are appended to across restarts). */
export interface NodeLog {
  readonly file: string;
  /** Byte offset at which the current run's lines start. */
  readonly from: number;
}

export function readNodeLog(log: NodeLog): string {
  try {
    return readFileSync(log.file).subarray(log.from).toString('utf8');
  } catch {
    return '';
  }
}

export class ClusterViewError extends Error {
  override readonly name = 'ClusterViewError';
}

/**
 * Waits until every node's current view holds exactly the members of all the nodes (each identified by its own
 * log), and returns that view.
 */
export async function waitForClusterView(nodeLogs: readonly NodeLog[], timeoutMs: number): Promise<ClusterView> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const logs = nodeLogs.map(readNodeLog);
    const names = logs.map(localMemberName);
    const views = logs.map(currentClusterView);
    const expected = [...names].sort().join(',');
    const agreed =
      names.every((name) => name !== undefined) &&
      views.every((view) => view !== undefined && [...view.members].sort().join(',') === expected);
    if (agreed && views[0]) return views[0];
    if (Date.now() > deadline) {
      const seen = nodeLogs.map((log, i) => `${log.file}: member ${names[i] ?? '?'}, view [${views[i]?.members.join(', ') ?? 'none'}]`);
      throw new ClusterViewError(`The nodes did not form one cluster within ${Math.round(timeoutMs / 1000)} s:\n${seen.join('\n')}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}
