/** Runs Keycloak from the cached distribution as a supervised child process. */
import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, openSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Jdk } from './jdk.js';
import { NotReadyError, waitUntilReady } from './readiness.js';
import type { RuntimePlan } from './runtime-plans.js';

const SUPERVISOR = join(dirname(fileURLToPath(import.meta.url)), '..', 'bin', 'supervise.sh');

export interface KeycloakProcess {
  readonly logFile: string;
  stop(): Promise<void>;
}

export interface ProcessOptions {
  readonly home: string;
  readonly jdk: Jdk;
  readonly managementUrl: string;
  readonly readyTimeoutMs: number;
}

export function logTail(file: string, lines = 40): string {
  try {
    return readFileSync(file, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
  } catch {
    return '(no log written)';
  }
}

function stopChild(child: ChildProcess, graceMs = 30_000): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const force = setTimeout(() => signalGroup(child, 'SIGKILL'), graceMs);
    child.once('exit', () => {
      clearTimeout(force);
      resolve();
    });
    signalGroup(child, 'SIGTERM');
  });
}

function signalGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  if (child.pid === undefined) return;
  try {
    process.kill(-child.pid, signal);
  } catch {
    // Already gone.
  }
}

/** Starts Keycloak and resolves once it is ready; on failure stops it and throws with the log's tail. */
export async function startProcess(plan: RuntimePlan, options: ProcessOptions): Promise<KeycloakProcess> {
  const logFile = join(options.home, 'keycloak.log');
  const logFd = openSync(logFile, 'a');
  const environment: NodeJS.ProcessEnv = { ...process.env, ...plan.environment };
  if (options.jdk.home) environment.JAVA_HOME = options.jdk.home;
  const child = spawn(SUPERVISOR, [String(process.pid), join(options.home, 'bin', 'kc.sh'), ...plan.args], {
    cwd: options.home,
    env: environment,
    stdio: ['ignore', logFd, logFd],
    // Its own process group: Ctrl-C is handled by the parent, which then stops the whole group.
    detached: true,
  });
  closeSync(logFd);
  let exited: string | undefined;
  child.once('exit', (code, signal) => {
    exited = `Keycloak exited during start-up (${signal ?? `exit code ${code}`})`;
  });
  const stop = () => stopChild(child);
  try {
    await waitUntilReady({
      managementUrl: options.managementUrl,
      timeoutMs: options.readyTimeoutMs,
      failed: () => exited,
    });
  } catch (error) {
    await stop();
    const reason = error instanceof Error ? error.message : String(error);
    throw new NotReadyError(`${reason}. Last lines of ${logFile}:\n${logTail(logFile)}`);
  }
  return { logFile, stop };
}
