/**
 * `focus-api-access login | whoami | logout`: a person's sign-in to realm focus for the CLI. `login` needs only the
 * provisioner's URL: the provisioner names the issuer and the CLI's client (`GET /api/v1/cli-login`).
 */
import type { Command } from 'commander';
import type { CliConfig, Env } from '../config.js';
import { openPersonSession } from './person.js';
import { ApiProblemError, createProvisionerApi } from './provisioner-api.js';
import { UsageError } from './secret-output.js';
import { readSession, removeSession, sessionPath, SessionFileError, writeSession, type Session } from './session-file.js';
import { checkTransport, revokeSession, signInWithDevice, SignInError, type DevicePrompt } from './sign-in.js';

interface Io {
  readonly out: (text: string) => void;
  readonly err: (text: string) => void;
  readonly env: Env;
  readonly config: () => CliConfig;
}

function provisionerUrlOf(given: string | undefined, config: CliConfig): string {
  const raw = given ?? config.provisionerUrl;
  if (raw === undefined) throw new UsageError('give the provisioner URL: login --url <provisioner URL> (or FOCUS_API_ACCESS_URL)');
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new UsageError(`--url must be the provisioner's http(s) URL, got "${raw}"`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new UsageError(`--url must be an http(s) URL, got "${raw}"`);
  try {
    checkTransport(url, 'The provisioner');
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  return url.href.replace(/\/+$/, '');
}

function promptText(prompt: DevicePrompt): string {
  const minutes = Math.max(1, Math.round(prompt.expiresInSeconds / 60));
  const complete = prompt.verificationUriComplete ? `\n  or open directly:  ${prompt.verificationUriComplete}\n` : '\n';
  return (
    `To sign in, open ${prompt.verificationUri} in a browser and confirm the code\n\n    ${prompt.userCode}\n${complete}` +
    `The code is valid for about ${minutes} minute${minutes === 1 ? '' : 's'}. Waiting for the confirmation…\n`
  );
}

function expiryOf(session: Session): string {
  return session.refreshTokenExpiresAt === undefined ? 'unknown' : new Date(session.refreshTokenExpiresAt).toISOString();
}

/** Adds `login`, `whoami` and `logout` to the program. */
export function registerAccountCommands(program: Command, io: Io, json: () => boolean): void {
  const serviceAccount = () => program.opts<{ serviceAccount?: boolean }>().serviceAccount === true;

  program
    .command('login')
    .description('sign in to realm focus as yourself (device authorization: confirm a code in a browser)')
    .option('--url <url>', "the provisioner's URL (default FOCUS_API_ACCESS_URL)")
    .action(async (options: { url?: string }) => {
      if (serviceAccount())
        throw new UsageError('the service account does not sign in: --service-account reads its secret at each command');
      const provisionerUrl = provisionerUrlOf(options.url, io.config());
      const timeoutMs = io.config().timeoutMs;
      const anonymous = createProvisionerApi({
        baseUrl: provisionerUrl,
        timeoutMs,
        accessToken: () => Promise.reject(new Error('no token before signing in')),
      });
      const target = await anonymous.cliLogin().catch((error: unknown) => {
        // Keycloak's URL, or a path after the provisioner's: easy mistakes, told as such.
        if (error instanceof ApiProblemError && (error.status === 404 || error.code === 'not_found')) {
          throw new UsageError(
            `${provisionerUrl} is not a FOCUS API-toegang provisioner (it has no /api/v1/cli-login): give the provisioner's base URL, the address of the API Toegang page without a path`,
          );
        }
        throw error;
      });
      const session = await signInWithDevice({ target, provisionerUrl, timeoutMs, prompt: (p) => io.err(promptText(p)) });
      writeSession(io.config().sessionDir, session);
      const me = await createProvisionerApi({ baseUrl: provisionerUrl, timeoutMs, accessToken: async () => session.accessToken }).me();
      const answer = {
        username: me.username,
        provisionerUrl,
        mayManage: me.mayManage,
        right: me.right,
        sessionExpiresAt: expiryOf(session),
      };
      const right = me.mayManage
        ? `you may manage API clients (${me.right})`
        : `you do not hold the right ${me.right}: ask for it to manage API clients`;
      io.out(`${json() ? JSON.stringify(answer, null, 2) : `Signed in to ${provisionerUrl} as ${me.username}; ${right}.`}\n`);
    });

  program
    .command('whoami')
    .description('who is signed in, whether they may manage API clients, and until when the sign-in lasts')
    .action(async () => {
      if (serviceAccount()) throw new UsageError('whoami tells who is signed in; the service account never is');
      const session = openPersonSession({ dir: io.config().sessionDir, timeoutMs: io.config().timeoutMs });
      const me = await createProvisionerApi({
        baseUrl: session.current().provisionerUrl,
        timeoutMs: io.config().timeoutMs,
        accessToken: () => session.accessToken(),
      }).me();
      const current = session.current();
      const answer = {
        username: me.username,
        name: current.name ?? null,
        subject: me.subject,
        mayManage: me.mayManage,
        right: me.right,
        provisionerUrl: current.provisionerUrl,
        sessionExpiresAt: expiryOf(current),
      };
      const rows: Array<[string, string]> = [
        ['Username', me.username],
        ['Name', current.name ?? '-'],
        ['Provisioner', current.provisionerUrl],
        ['Right', `${me.right}: ${me.mayManage ? 'held' : 'not held'}`],
        ['Signed in until', `${answer.sessionExpiresAt} (each use extends it, up to the realm's session limit)`],
      ];
      const width = Math.max(...rows.map(([k]) => k.length));
      io.out(`${json() ? JSON.stringify(answer, null, 2) : rows.map(([k, v]) => `${k.padEnd(width)}  ${v}`).join('\n')}\n`);
    });

  program
    .command('logout')
    .description('end the sign-in at Keycloak and remove it from this machine')
    .action(async () => {
      if (serviceAccount()) throw new UsageError('the service account is never signed in');
      const dir = io.config().sessionDir;
      let session: Session | undefined;
      try {
        session = readSession(dir);
      } catch (error) {
        if (!(error instanceof SessionFileError)) throw error;
        // A session file that cannot be trusted is removed all the same; its tokens end with their lifetime.
        io.err(`Warning: ${error.message}\n`);
      }
      let revoked = false;
      if (session) {
        try {
          await revokeSession(session, io.config().timeoutMs);
          revoked = true;
        } catch (error) {
          if (!(error instanceof SignInError)) throw error;
          io.err(`Warning: ${error.message}; the sign-in is removed from this machine, but stays valid at Keycloak until it expires.\n`);
        }
      }
      const removed = removeSession(dir);
      const answer = { signedOut: removed, revoked, sessionFile: sessionPath(dir) };
      const human = !removed
        ? 'Not signed in: nothing to do.'
        : revoked
          ? 'Signed out: the sign-in is ended at Keycloak.'
          : 'Signed out on this machine.';
      io.out(`${json() ? JSON.stringify(answer, null, 2) : human}\n`);
    });
}
