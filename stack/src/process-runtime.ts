/** Runs Keycloak from the cached distribution (and PostgreSQL for the production profile) as supervised child processes. */
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
  /** Kills the JVM at once (SIGKILL), as a crash would. */
  kill(): Promise<void>;
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

function stopChild(child: ChildProcess, signal: NodeJS.Signals, graceMs = 30_000): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const force = setTimeout(() => signalGroup(child, 'SIGKILL'), graceMs);
    child.once('exit', () => {
      clearTimeout(force);
      resolve();
    });
    signalGroup(child, signal);
  });
}

function killChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    signalGroup(child, 'SIGKILL');
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

export interface SupervisedProcess {
  /** Why the process ended, once it has; undefined while it runs. */
  exited(): string | undefined;
  /** Settles when it has ended, with its exit code (null after a signal). */
  readonly ended: Promise<number | null>;
  /** Asks it to stop with its stop signal, and kills it after a grace period. */
  stop(): Promise<void>;
  /** Kills it at once (SIGKILL), as a crash would. */
  kill(): Promise<void>;
}

export interface SuperviseOptions {
  readonly cwd: string;
  readonly env: NodeJS.ProcessEnv;
  /** Appended to; stdout and stderr both go here. */
  readonly logFile: string;
  /** What asks it to stop gracefully; SIGTERM by default. */
  readonly stopSignal?: NodeJS.Signals;
}

/**
 * Runs a command under bin/supervise.sh in a process group of its own: it is ended when this process is gone,
 * and {@link SupervisedProcess.stop} ends the whole group.
 */
export function superviseProcess(command: string, args: readonly string[], options: SuperviseOptions): SupervisedProcess {
  const stopSignal = options.stopSignal ?? 'SIGTERM';
  const logFd = openSync(options.logFile, 'a');
  const child = spawn(SUPERVISOR, [String(process.pid), command, ...args], {
    cwd: options.cwd,
    env: { ...options.env, SUPERVISE_STOP_SIGNAL: stopSignal.replace(/^SIG/, '') },
    stdio: ['ignore', logFd, logFd],
    // Its own process group: Ctrl-C is handled by the parent, which then stops the whole group.
    detached: true,
  });
  closeSync(logFd);
  let exited: string | undefined;
  const ended = new Promise<number | null>((resolve) => {
    child.once('exit', (code, signal) => {
      exited = signal ?? `exit code ${code}`;
      resolve(code);
    });
  });
  return { exited: () => exited, ended, stop: () => stopChild(child, stopSignal), kill: () => killChild(child) };
}

/** Starts Keycloak and resolves once it is ready; on failure stops it and throws with the log's tail. */
export async function startProcess(plan: RuntimePlan, options: ProcessOptions): Promise<KeycloakProcess> {
  const logFile = join(options.home, 'keycloak.log');
  const environment: NodeJS.ProcessEnv = { ...process.env, ...plan.environment };
  if (options.jdk.home) environment.JAVA_HOME = options.jdk.home;
  const keycloak = superviseProcess(join(options.home, 'bin', 'kc.sh'), plan.args, { cwd: options.home, env: environment, logFile });
  try {
    await waitUntilReady({
      managementUrl: options.managementUrl,
      timeoutMs: options.readyTimeoutMs,
      failed: () => {
        const reason = keycloak.exited();
        return reason && `Keycloak exited during start-up (${reason})`;
      },
    });
  } catch (error) {
    await keycloak.stop();
    const reason = error instanceof Error ? error.message : String(error);
    throw new NotReadyError(`${reason}. Last lines of ${logFile}:\n${logTail(logFile)}`);
  }
  return { logFile, stop: keycloak.stop, kill: keycloak.kill };
}
