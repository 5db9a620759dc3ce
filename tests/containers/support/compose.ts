/**
 * docker-compose.yml run as a platform engineer runs it: `docker compose` (v2) in the repository, with a `.env` made
 * from `.env.example` (written to the test's own folder and given with --env-file, so the checkout stays untouched),
 * under a project name of the test's own, its ports on 127.0.0.1.
 */
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from '@focus-api-access/stack';
import { containerEnvironment } from './environment.js';

export interface Run {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs the docker CLI of the test engine (with Compose's DOCKER_CONFIG) in the repository. */
export function docker(args: readonly string[], options: { timeoutMs?: number } = {}): Promise<Run> {
  const environment = containerEnvironment();
  return new Promise((resolve, reject) => {
    const child = spawn(environment.cli, args, {
      cwd: repoRoot,
      env: { PATH: process.env.PATH, HOME: process.env.HOME, ...environment.dockerEnv },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 15 * 60_000);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code: code ?? -1, stdout, stderr });
    });
  });
}

/** Fails with the command's output when it did not succeed. */
export function succeeded(what: string, run: Run): Run {
  if (run.code !== 0) throw new Error(`${what} failed (exit ${run.code}):\n${run.stdout}\n${run.stderr}`);
  return run;
}

/** The variables of .env.example, in file order. */
export function exampleEnv(): Record<string, string> {
  return Object.fromEntries(
    readFileSync(join(repoRoot, '.env.example'), 'utf8')
      .split('\n')
      .filter((line) => /^[A-Z][A-Z0-9_]*=/.test(line))
      .map((line) => [line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1)]),
  );
}

/**
 * `.env` from `.env.example` with the given values filled in or changed. A name .env.example does not have is an
 * error, so the test cannot drift from the documented variables; `undefined` drops the line.
 */
export function writeEnvFile(file: string, values: Readonly<Record<string, string | undefined>>): void {
  const example = exampleEnv();
  for (const name of Object.keys(values)) {
    if (!(name in example)) throw new Error(`${name} is not in .env.example`);
  }
  const lines = Object.entries({ ...example, ...values })
    .filter((entry): entry is [string, string] => entry[1] !== undefined)
    .map(([name, value]) => `${name}=${value}`);
  writeFileSync(file, `${lines.join('\n')}\n`, { mode: 0o600 });
}

/** A generated secret, as `openssl rand -base64 32` would make one (without characters Compose would interpolate). */
export function generatedSecret(): string {
  return randomBytes(32).toString('base64url');
}

export interface ServiceState {
  readonly Service: string;
  readonly State: string;
  readonly Health: string;
  readonly ExitCode: number;
}

export class ComposeProject {
  readonly name = `focus-test-${randomBytes(3).toString('hex')}`;

  constructor(readonly envFile: string) {}

  compose(args: readonly string[], options: { profiles?: readonly string[]; timeoutMs?: number } = {}): Promise<Run> {
    const profiles = (options.profiles ?? []).flatMap((profile) => ['--profile', profile]);
    return docker(['compose', '--project-name', this.name, '--env-file', this.envFile, ...profiles, ...args], options);
  }

  async ps(): Promise<ServiceState[]> {
    const run = succeeded('docker compose ps', await this.compose(['ps', '--all', '--format', 'json']));
    return run.stdout
      .split('\n')
      .filter((line) => line.trim() !== '')
      .map((line) => JSON.parse(line) as ServiceState);
  }

  /**
   * Waits until every long-running service is healthy and every one-shot service has exited 0; fails at once when a
   * one-shot service fails, with the logs.
   */
  async waitHealthy(services: readonly string[], oneShot: readonly string[], timeoutMs = 10 * 60_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const states = await this.ps();
      const state = (name: string) => states.find((s) => s.Service === name);
      const failed = oneShot.filter((name) => state(name)?.State === 'exited' && state(name)?.ExitCode !== 0);
      if (failed.length > 0) throw new Error(`${failed.join(', ')} failed:\n${(await this.compose(['logs', ...failed])).stdout}`);
      const done = services.every((name) => state(name)?.Health === 'healthy') && oneShot.every((name) => state(name)?.State === 'exited');
      if (done) return;
      if (Date.now() > deadline) {
        throw new Error(
          `Not healthy within ${timeoutMs / 1000} s: ${JSON.stringify(states)}\n${(await this.compose(['logs', '--tail', '30'])).stdout}`,
        );
      }
      await new Promise((resolve) => setTimeout(resolve, 2000));
    }
  }

  async logs(service: string): Promise<string> {
    return succeeded(`docker compose logs ${service}`, await this.compose(['logs', '--no-color', '--no-log-prefix', service])).stdout;
  }
}
