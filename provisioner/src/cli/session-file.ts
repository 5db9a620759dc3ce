/**
 * Where the CLI keeps a person's sign-in: one JSON file that only its owner may read, in a folder only its owner may
 * enter (as ssh keeps its keys). Written whole or not at all: a new file created with mode 0600 beside the old one,
 * then renamed over it, so a reader never sees half a session and a link planted at the name is replaced, never
 * followed. A file that others could read is refused, not silently used.
 */
import { randomBytes } from 'node:crypto';
import { chmodSync, closeSync, constants, lstatSync, mkdirSync, openSync, readFileSync, renameSync, rmSync, writeSync } from 'node:fs';
import { join } from 'node:path';

/** What a sign-in leaves behind. Tokens stay in this file: no command prints them. */
export interface Session {
  /** The provisioner the CLI calls, e.g. https://api-toegang.focus.example */
  readonly provisionerUrl: string;
  /** Realm focus's issuer, as the provisioner named it. */
  readonly issuer: string;
  readonly clientId: string;
  readonly username: string;
  /** The person's full name, when the ID token said. */
  readonly name?: string;
  readonly accessToken: string;
  /** Epoch milliseconds. */
  readonly accessTokenExpiresAt: number;
  readonly refreshToken: string;
  /** Epoch milliseconds; absent when Keycloak did not say (an offline token). */
  readonly refreshTokenExpiresAt?: number;
}

/** The session file cannot be used as it is; the message says how to put it right. */
export class SessionFileError extends Error {
  override readonly name = 'SessionFileError';
}

export const SESSION_FILE_NAME = 'session.json';

export function sessionPath(dir: string): string {
  return join(dir, SESSION_FILE_NAME);
}

const REQUIRED = ['provisionerUrl', 'issuer', 'clientId', 'username', 'accessToken', 'accessTokenExpiresAt', 'refreshToken'] as const;

/** The stored session, or undefined when nobody signed in. */
export function readSession(dir: string): Session | undefined {
  const path = sessionPath(dir);
  let stat;
  try {
    stat = lstatSync(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new SessionFileError(`cannot read ${path} (${(error as NodeJS.ErrnoException).code})`);
  }
  if (!stat.isFile()) throw new SessionFileError(`${path} is not a regular file: remove it and run \`focus-api-access login\` again`);
  if (typeof process.getuid === 'function' && stat.uid !== process.getuid()) {
    throw new SessionFileError(`${path} belongs to another user: remove it and run \`focus-api-access login\` again`);
  }
  if ((stat.mode & 0o077) !== 0) {
    throw new SessionFileError(
      `${path} can be read by others (mode ${(stat.mode & 0o777).toString(8)}): its tokens may have been seen. ` +
        `Run \`focus-api-access logout\` and sign in again, or at least \`chmod 600 ${path}\``,
    );
  }
  let parsed: Record<string, unknown>;
  try {
    parsed = JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>;
  } catch {
    throw new SessionFileError(`${path} is not a session file: remove it and run \`focus-api-access login\` again`);
  }
  if (REQUIRED.some((key) => parsed[key] === undefined)) {
    throw new SessionFileError(`${path} is incomplete: remove it and run \`focus-api-access login\` again`);
  }
  return parsed as unknown as Session;
}

/** Stores the session: the folder made 0700 when missing, the file replaced atomically with mode 0600. */
export function writeSession(dir: string, session: Session): void {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const dirStat = lstatSync(dir);
  if (!dirStat.isDirectory()) throw new SessionFileError(`${dir} is not a folder`);
  // A folder made before (by another tool, or with a loose umask) is closed to others too.
  if ((dirStat.mode & 0o077) !== 0) chmodSync(dir, 0o700);
  const temporary = join(dir, `.${SESSION_FILE_NAME}.${randomBytes(6).toString('hex')}`);
  const fd = openSync(temporary, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | constants.O_NOFOLLOW, 0o600);
  try {
    writeSync(fd, `${JSON.stringify(session, null, 2)}\n`);
  } catch (error) {
    closeSync(fd);
    rmSync(temporary, { force: true });
    throw error;
  }
  closeSync(fd);
  renameSync(temporary, sessionPath(dir));
}

/** Removes the session; true when there was one. */
export function removeSession(dir: string): boolean {
  const path = sessionPath(dir);
  try {
    lstatSync(path);
  } catch {
    return false;
  }
  rmSync(path, { force: true });
  return true;
}
