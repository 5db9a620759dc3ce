/**
 * Keeps the load generator and the Keycloak under test on different CPU cores (`taskset` of util-linux), so that a
 * throughput ratio measures Keycloak rather than the two competing for one core. Linux only; where it cannot pin
 * (one core, no taskset, no Keycloak process found) it says why and the benchmark runs unpinned.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';

export interface Pinning {
  /** What was pinned where, or why nothing was, for the report. */
  readonly description: string;
  /** Gives every pinned process all cores back. */
  release(): void;
}

/** The Java processes whose command line names this Keycloak home (the process runtime's `-Dkc.home.dir`). */
function keycloakPids(home: string): number[] {
  return readdirSync('/proc')
    .filter((entry) => /^\d+$/.test(entry))
    .filter((pid) => {
      try {
        const cmdline = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
        return cmdline.includes('java') && cmdline.includes(home);
      } catch {
        return false;
      }
    })
    .map(Number);
}

function taskset(cpus: string, pid: number): void {
  // -a: every thread of the process, including the JVM's and Node's worker threads.
  execFileSync('taskset', ['-a', '-p', '-c', cpus, String(pid)], { stdio: 'ignore' });
}

/**
 * Pins this process (the load generator) to the first core and the Keycloak whose home is `home` to the others.
 *
 * @example
 * const pinning = pinApart(keycloak.home);
 * try { … } finally { pinning.release(); }
 */
export function pinApart(home: string | undefined): Pinning {
  const cores = availableParallelism();
  const unpinned = (why: string): Pinning => ({ description: `not pinned to cores: ${why}`, release: () => undefined });
  if (cores < 2) return unpinned('one core only');
  if (!['/usr/bin/taskset', '/bin/taskset'].some(existsSync)) return unpinned('taskset (util-linux) is missing');
  if (!home) return unpinned('Keycloak does not run as a local process');
  const pids = keycloakPids(home);
  if (pids.length === 0) return unpinned('no Keycloak process found for its home');
  const all = `0-${cores - 1}`;
  const others = cores === 2 ? '1' : `1-${cores - 1}`;
  taskset('0', process.pid);
  for (const pid of pids) taskset(others, pid);
  return {
    description: `load generator pinned to core 0, Keycloak (pid ${pids.join(', ')}) to core${cores === 2 ? '' : 's'} ${others} of ${cores}`,
    release() {
      for (const pid of [process.pid, ...pids]) {
        try {
          taskset(all, pid);
        } catch {
          // A process that ended needs no cores back.
        }
      }
    },
  };
}
