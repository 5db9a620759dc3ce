/**
 * A PostgreSQL server of its own for the production profile: its own data folder, its own port on the loopback
 * interface, generated passwords, started and stopped by the stack under bin/supervise.sh (so it never outlives
 * the process that started it). As root, the server runs as the `postgres` OS user, as PostgreSQL requires.
 */
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chmodSync, chownSync, existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import type { DatabaseConnection } from '../launch-spec.js';
import { logTail, superviseProcess } from '../process-runtime.js';
import { LOOPBACK } from '../runtime-plans.js';
import { ensurePostgres } from './postgres-install.js';

const run = promisify(execFile);

export class PostgresError extends Error {
  override readonly name = 'PostgresError';
}

export interface PostgresOptions {
  /**
   * Folder of this server: the database cluster in `cluster/`, the generated passwords in `credentials.json`, the
   * log in `postgres.log`. Reused as it is when it exists, so data survives a restart.
   */
  readonly dataDir: string;
  readonly port: number;
  readonly readyTimeoutMs?: number;
  readonly log?: (line: string) => void;
}

export interface RunningPostgres {
  readonly port: number;
  readonly major: number;
  /** The database Keycloak uses, with its own login. */
  readonly database: DatabaseConnection;
  readonly logFile: string;
  /** The Keycloak database as `pg_dump` writes it (plain SQL), as a backup holds it. */
  dump(): Promise<string>;
  stop(): Promise<void>;
}

interface Credentials {
  readonly superuserPassword: string;
  readonly keycloakPassword: string;
}

const SUPERUSER = 'postgres';
const DATABASE = 'keycloak';
const OWNER = 'keycloak';
/** The OS user the server runs as when we are root. */
const OS_USER = 'postgres';

function password(): string {
  return randomBytes(24).toString('base64url');
}

function credentialsIn(dataDir: string): Credentials {
  const file = join(dataDir, 'credentials.json');
  if (existsSync(file)) return JSON.parse(readFileSync(file, 'utf8')) as Credentials;
  const credentials = { superuserPassword: password(), keycloakPassword: password() };
  writeFileSync(file, `${JSON.stringify(credentials, null, 2)}\n`, { mode: 0o600 });
  return credentials;
}

/** As root: run as the `postgres` OS user (initdb and postgres refuse root). Otherwise: as ourselves. */
function asServerUser(command: string, args: readonly string[]): [string, string[]] {
  if (process.getuid?.() !== 0) return [command, [...args]];
  return ['setpriv', [`--reuid=${OS_USER}`, `--regid=${OS_USER}`, '--init-groups', '--', command, ...args]];
}

function serverUserIds(): { uid: number; gid: number } | undefined {
  if (process.getuid?.() !== 0) return undefined;
  const entry = readFileSync('/etc/passwd', 'utf8')
    .split('\n')
    .map((line) => line.split(':'))
    .find((fields) => fields[0] === OS_USER);
  if (!entry) throw new PostgresError(`There is no "${OS_USER}" OS user to run PostgreSQL as (Debian's package creates it)`);
  return { uid: Number(entry[2]), gid: Number(entry[3]) };
}

/** As root, every folder above the data folder must let the server user pass (search permission). */
function checkReachable(dataDir: string): void {
  const ids = serverUserIds();
  if (!ids) return;
  for (let dir = dirname(dataDir); dir !== dirname(dir); dir = dirname(dir)) {
    const { mode, uid } = statSync(dir);
    if (uid !== ids.uid && (mode & 0o001) === 0) {
      throw new PostgresError(
        `PostgreSQL runs as the "${OS_USER}" OS user, who cannot enter ${dir}: allow it (chmod o+x) or choose a data folder elsewhere`,
      );
    }
  }
}

async function initCluster(binDir: string, clusterDir: string, credentials: Credentials): Promise<void> {
  const ids = serverUserIds();
  mkdirSync(clusterDir, { recursive: true, mode: 0o700 });
  if (ids) chownSync(clusterDir, ids.uid, ids.gid);
  // initdb reads the superuser's password from a file the server user can read; removed right after.
  const pwfile = join(tmpdir(), `focus-pg-${process.pid}-${randomBytes(4).toString('hex')}`);
  writeFileSync(pwfile, `${credentials.superuserPassword}\n`, { mode: 0o600 });
  if (ids) chownSync(pwfile, ids.uid, ids.gid);
  try {
    const [command, args] = asServerUser(join(binDir, 'initdb'), [
      `--pgdata=${clusterDir}`,
      `--username=${SUPERUSER}`,
      `--pwfile=${pwfile}`,
      '--auth=scram-sha-256',
      '--encoding=UTF8',
      '--locale=C',
    ]);
    await run(command, args);
  } catch (error) {
    const output = error as { stderr?: string; message: string };
    throw new PostgresError(`initdb failed for ${clusterDir}: ${output.stderr?.trim() || output.message}`);
  } finally {
    rmSync(pwfile, { force: true });
  }
}

async function isReady(binDir: string, port: number): Promise<boolean> {
  try {
    await run(join(binDir, 'pg_isready'), ['--quiet', `--host=${LOOPBACK}`, `--port=${port}`, '--timeout=2']);
    return true;
  } catch {
    return false;
  }
}

/** Runs SQL as the superuser over TCP. The SQL goes through stdin, so no password shows in a process list. */
function superuserSql(binDir: string, port: number, credentials: Credentials, sql: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = execFile(
      join(binDir, 'psql'),
      [
        '--no-psqlrc',
        '--quiet',
        '--set=ON_ERROR_STOP=1',
        `--host=${LOOPBACK}`,
        `--port=${port}`,
        `--username=${SUPERUSER}`,
        '--dbname=postgres',
      ],
      { env: { ...process.env, PGPASSWORD: credentials.superuserPassword } },
      (error, _stdout, stderr) => (error ? reject(new PostgresError(`psql failed: ${stderr.trim() || error.message}`)) : resolve()),
    );
    child.stdin?.end(sql);
  });
}

/** The owner role and its database, created once (the statements are skipped when they exist). */
function provisioningSql(credentials: Credentials): string {
  if (!/^[A-Za-z0-9_-]+$/.test(credentials.keycloakPassword)) throw new PostgresError('Unexpected characters in the generated password');
  return [
    `SELECT 'CREATE ROLE ${OWNER} LOGIN PASSWORD ''${credentials.keycloakPassword}''' WHERE NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '${OWNER}')\\gexec`,
    `SELECT 'CREATE DATABASE ${DATABASE} OWNER ${OWNER} ENCODING ''UTF8''' WHERE NOT EXISTS (SELECT FROM pg_database WHERE datname = '${DATABASE}')\\gexec`,
    '',
  ].join('\n');
}

/**
 * Starts PostgreSQL on `127.0.0.1:<port>` with the data in `dataDir` (initialised on first use) and resolves once it
 * accepts connections and the Keycloak database exists. Installs Debian's package first when it is missing (as root).
 *
 * @example
 * const postgres = await startPostgres({ dataDir: '/tmp/focus-cluster/postgres', port: 15432 });
 * postgres.database.url; // 'jdbc:postgresql://127.0.0.1:15432/keycloak'
 * await postgres.stop();
 */
export async function startPostgres(options: PostgresOptions): Promise<RunningPostgres> {
  const log = options.log ?? (() => undefined);
  const installation = ensurePostgres(log);
  mkdirSync(options.dataDir, { recursive: true });
  checkReachable(options.dataDir);
  // The server user must be able to walk into the data folder, which belongs to us.
  if (serverUserIds()) chmodSync(options.dataDir, 0o711);
  const credentials = credentialsIn(options.dataDir);
  const clusterDir = join(options.dataDir, 'cluster');
  if (!existsSync(join(clusterDir, 'PG_VERSION'))) {
    log(`Initialising a PostgreSQL ${installation.major} database cluster in ${clusterDir}…`);
    await initCluster(installation.binDir, clusterDir, credentials);
  }

  const logFile = join(options.dataDir, 'postgres.log');
  const [command, args] = asServerUser(join(installation.binDir, 'postgres'), [
    '-D',
    clusterDir,
    '-p',
    String(options.port),
    '-c',
    `listen_addresses=${LOOPBACK}`,
    // TCP only: no socket in a shared folder such as /var/run/postgresql.
    '-c',
    'unix_socket_directories=',
  ]);
  // Fast shutdown: PostgreSQL's SIGTERM would wait for every client to disconnect.
  const server = superviseProcess(command, args, { cwd: options.dataDir, env: process.env, logFile, stopSignal: 'SIGINT' });
  const deadline = Date.now() + (options.readyTimeoutMs ?? 60_000);
  while (!(await isReady(installation.binDir, options.port))) {
    const failure = server.exited() ?? (Date.now() > deadline ? 'not ready in time' : undefined);
    if (failure) {
      await server.stop();
      throw new PostgresError(`PostgreSQL did not start (${failure}). Last lines of ${logFile}:\n${logTail(logFile)}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  try {
    await superuserSql(installation.binDir, options.port, credentials, provisioningSql(credentials));
  } catch (error) {
    await server.stop();
    throw error;
  }
  return {
    port: options.port,
    major: installation.major,
    database: {
      vendor: 'postgres',
      url: `jdbc:postgresql://${LOOPBACK}:${options.port}/${DATABASE}`,
      username: OWNER,
      password: credentials.keycloakPassword,
    },
    logFile,
    dump: async () => {
      const { stdout } = await run(
        join(installation.binDir, 'pg_dump'),
        [`--host=${LOOPBACK}`, `--port=${options.port}`, `--username=${OWNER}`, '--no-password', DATABASE],
        { env: { ...process.env, PGPASSWORD: credentials.keycloakPassword }, maxBuffer: 512 * 1024 * 1024 },
      );
      return stdout;
    },
    stop: server.stop,
  };
}
