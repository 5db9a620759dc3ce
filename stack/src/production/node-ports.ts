/** Free ports for production nodes on this machine: HTTP, management and the JGroups transport. */
import { freePorts, portInUse } from '../ports.js';
import { FAILURE_DETECTION_PORT_OFFSET, type Ports } from '../runtime-plans.js';

/** JGroups' default transport port, where the search for a free one starts. */
const FIRST_CLUSTER_PORT = 7800;
/** The transport port plus the failure-detection offset must remain a valid port. */
const LAST_CLUSTER_PORT = 65_535 - FAILURE_DETECTION_PORT_OFFSET;

/**
 * `count` distinct cluster transport ports that are free, each with its failure-detection port (port + 50000) free too.
 * Consecutive ports are fine: each node binds exactly its own.
 */
export async function freeClusterPorts(count: number, start = FIRST_CLUSTER_PORT): Promise<number[]> {
  const found: number[] = [];
  for (let port = start; found.length < count && port <= LAST_CLUSTER_PORT; port++) {
    if (!(await portInUse(port)) && !(await portInUse(port + FAILURE_DETECTION_PORT_OFFSET))) found.push(port);
  }
  if (found.length < count) throw new Error(`Fewer than ${count} free cluster ports between ${start} and ${LAST_CLUSTER_PORT}`);
  return found;
}

/**
 * Ports for `count` nodes: HTTP and management from the kernel's free ports, cluster ports from JGroups' range (from a
 * random start, so that clusters of parallel runs are unlikely to reach for the same ports at the same moment).
 */
export async function freeNodePorts(count: number): Promise<Ports[]> {
  const start = FIRST_CLUSTER_PORT + Math.floor(Math.random() * 2000);
  const [web, cluster] = await Promise.all([freePorts(count * 2), freeClusterPorts(count, start)]);
  return cluster.map((clusterPort, i) => ({ http: web[2 * i]!, management: web[2 * i + 1]!, cluster: clusterPort }));
}
