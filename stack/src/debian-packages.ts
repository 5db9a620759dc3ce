/**
 * Debian packages the stack needs on this machine (the Docker engine, debootstrap, nginx), installed with apt-get when
 * missing, as root, the way the production profile installs PostgreSQL and the end-to-end tests Chromium.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

export class DebianPackageError extends Error {
  override readonly name = 'DebianPackageError';
}

function aptGet(args: readonly string[]): void {
  const result = spawnSync('apt-get', args, { encoding: 'utf8', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
  if (result.error) throw new DebianPackageError(`apt-get could not be run (${result.error.message})`);
  if (result.status !== 0) {
    const tail = `${result.stdout}\n${result.stderr}`.trim().split('\n').slice(-15).join('\n');
    throw new DebianPackageError(`apt-get ${args.join(' ')} failed:\n${tail}`);
  }
}

/**
 * Makes sure every program in `programs` exists, installing `packages` with apt-get when one is missing.
 *
 * @example
 * ensureDebianPackages({ packages: ['nginx'], programs: ['/usr/sbin/nginx'], purpose: 'the reverse proxy', log: console.log });
 */
export function ensureDebianPackages(options: {
  readonly packages: readonly string[];
  /** Absolute paths that exist once the packages are installed. */
  readonly programs: readonly string[];
  /** What needs them, for the messages. */
  readonly purpose: string;
  readonly log: (line: string) => void;
}): void {
  if (options.programs.every((program) => existsSync(program))) return;
  const command = `apt-get install -y --no-install-recommends ${options.packages.join(' ')}`;
  if (process.getuid?.() !== 0 || !existsSync('/usr/bin/apt-get')) {
    throw new DebianPackageError(
      `${options.purpose} needs Debian's ${options.packages.join(', ')}: as root, run apt-get update && ${command}`,
    );
  }
  options.log(`Installing ${options.packages.join(', ')} from Debian's packages for ${options.purpose} (${command})…`);
  aptGet(['update']);
  aptGet(['install', '-y', '--no-install-recommends', ...options.packages]);
  const missing = options.programs.filter((program) => !existsSync(program));
  if (missing.length > 0)
    throw new DebianPackageError(`apt-get installed ${options.packages.join(', ')}, but ${missing.join(', ')} is missing`);
}
