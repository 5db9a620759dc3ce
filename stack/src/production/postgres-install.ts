/**
 * PostgreSQL from Debian's packages: finds the newest installed server under /usr/lib/postgresql/<major>/bin and,
 * when there is none and we run as root on Debian, installs the `postgresql` package with apt-get.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

export class PostgresInstallError extends Error {
  override readonly name = 'PostgresInstallError';
}

export interface PostgresInstallation {
  /** Folder with `postgres`, `initdb`, `pg_isready`, `psql`. */
  readonly binDir: string;
  readonly major: number;
}

const PROGRAMS = ['postgres', 'initdb', 'pg_isready', 'psql', 'pg_dump'] as const;

/** The newest complete server installation under `root` (Debian's layout), if any. */
export function findPostgres(root = '/usr/lib/postgresql'): PostgresInstallation | undefined {
  if (!existsSync(root)) return undefined;
  return readdirSync(root)
    .filter((name) => /^\d+$/.test(name))
    .map((name) => ({ binDir: join(root, name, 'bin'), major: Number(name) }))
    .filter((candidate) => PROGRAMS.every((program) => existsSync(join(candidate.binDir, program))))
    .sort((a, b) => b.major - a.major)[0];
}

function aptGet(args: readonly string[]): void {
  const result = spawnSync('apt-get', args, {
    encoding: 'utf8',
    env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
  });
  if (result.error) throw new PostgresInstallError(`apt-get could not be run (${result.error.message})`);
  if (result.status !== 0) {
    const tail = `${result.stdout}\n${result.stderr}`.trim().split('\n').slice(-15).join('\n');
    throw new PostgresInstallError(`apt-get ${args.join(' ')} failed:\n${tail}`);
  }
}

/**
 * Returns the installed PostgreSQL server, installing Debian's `postgresql` package first when none is installed.
 * Installing needs root; otherwise the error says what to install.
 */
export function ensurePostgres(log: (line: string) => void, root = '/usr/lib/postgresql'): PostgresInstallation {
  const installed = findPostgres(root);
  if (installed) return installed;
  if (process.getuid?.() !== 0 || !existsSync('/usr/bin/apt-get')) {
    throw new PostgresInstallError(
      'No PostgreSQL server found under /usr/lib/postgresql: install Debian\'s "postgresql" package (as root: apt-get install postgresql)',
    );
  }
  log("Installing PostgreSQL from Debian's packages (apt-get install postgresql)…");
  aptGet(['update']);
  aptGet(['install', '-y', '--no-install-recommends', 'postgresql']);
  const fresh = findPostgres(root);
  if (!fresh) throw new PostgresInstallError('apt-get installed "postgresql" but no server appeared under /usr/lib/postgresql');
  return fresh;
}
