/**
 * `focus-api-access`: the use cases for platform engineers and scripts. A person signs in (`login`, device grant)
 * and every client command then goes through the provisioner's HTTP API with that person's token, so the right is
 * checked and the history names the person there. Automation without a person asks for `--service-account`: the
 * provisioner's service account straight against Keycloak (KEYCLOAK_URL, and FOCUS_PROVISIONER_SECRET or
 * `--secret-file`). Tables by default, `--json` for scripts; exit codes per error kind (cli/exit-codes.ts). Only
 * `credentials generate` prints a secret; no command prints a token.
 */
import { randomUUID } from 'node:crypto';
import { homedir } from 'node:os';
import { Command, CommanderError, Option } from 'commander';
import { contract, limits, type IpRangeEntry } from '@focus-api-access/contract';
import { isProvisionerError, type FieldError, type UseCaseDeps } from '../core/index.js';
import { checkLifetimeDays } from '../core/secret-expiry.js';
import { createKeycloakGateway, type NodeEvent } from '../keycloak/admin-gateway.js';
import { ConfigError, readCliConfig, readKeycloakAccess, tokenEndpointOf, type CliConfig, type Env } from '../config.js';
import { registerAccountCommands } from './account.js';
import { personBackend, serviceAccountBackend, type Backend } from './backend.js';
import { AnswerIsNo, EXIT, exitCodeOf } from './exit-codes.js';
import { openPersonSession } from './person.js';
import { ServiceAccountTokenError } from '../keycloak/service-account-token.js';
import { ApiProblemError, createProvisionerApi } from './provisioner-api.js';
import { registerRealmCommands } from './realm.js';
import { readSecretFile } from './secret-file.js';
import { openSecretFile, secretDestination, UsageError } from './secret-output.js';
import { SessionFileError } from './session-file.js';
import { SignInError } from './sign-in.js';
import * as format from './format.js';

export interface CliIo {
  readonly out: (text: string) => void;
  readonly err: (text: string) => void;
  readonly env: Env;
  /** Whether standard output is a terminal, where a secret may be shown; absent: it is not. */
  readonly terminal?: boolean;
  /** The user's home folder, where the session is kept unless the environment says otherwise; default os.homedir(). */
  readonly home?: string;
}

/** A node failing over is worth a warning on standard error; the answer itself stays on standard output. */
function warnOnFailover(err: (text: string) => void) {
  return (event: NodeEvent) => {
    if (event.kind !== 'failover') return;
    err(`Warning: Keycloak node ${event.from} failed (${event.reason}); ${event.to ? `using ${event.to}` : 'no other node answers'}\n`);
  };
}

function depsFrom(env: Env, err: (text: string) => void): UseCaseDeps {
  const access = readKeycloakAccess(env);
  return {
    gateway: createKeycloakGateway({
      keycloakUrl: access.keycloakUrls,
      clientSecret: access.clientSecret,
      clientId: access.clientId,
      timeoutMs: access.keycloakTimeoutMs,
      onNodeEvent: warnOnFailover(err),
    }),
    tokenEndpoint: tokenEndpointOf(access.keycloakPublicUrl),
    secretExpiryWarningDays: access.secretExpiryWarningDays,
  };
}

const collect = (value: string, previous: string[] = []) => [...previous, value];

const WIDE_HELP = `a wide range (IPv4 shorter than /${limits.wideIpv4PrefixBelow}, IPv6 shorter than /${limits.wideIpv6PrefixBelow}, or all addresses), allowed on purpose (repeat for more)`;

/** --ip-range and --wide-ip-range as the API takes them: a wide range goes with its confirmation. */
function ipRangesOption(options: { ipRange?: string[]; wideIpRange?: string[] }): IpRangeEntry[] {
  return [...(options.ipRange ?? []), ...(options.wideIpRange ?? []).map((range) => ({ range, confirmWide: true }))];
}
const integer = (name: string) => (value: string) => {
  const n = Number(value);
  if (!Number.isInteger(n)) throw new CommanderError(EXIT.usage, 'usage', `${name} must be a whole number`);
  return n;
};

export function buildProgram(io: CliIo): Command {
  const program = new Command('focus-api-access')
    .description(
      'Manage FOCUS API clients (OAuth 2.0 client credentials).\n' +
        'As a person: `focus-api-access login --url <provisioner URL>` once (or FOCUS_API_ACCESS_URL), then any command; ' +
        'the session is kept in FOCUS_API_ACCESS_CONFIG_DIR (default ~/.config/focus-api-access).\n' +
        'Automation: --service-account, with KEYCLOAK_URL (one URL, or one per Keycloak node, comma-separated), ' +
        'FOCUS_PROVISIONER_SECRET or --secret-file, optional KEYCLOAK_PUBLIC_URL.',
    )
    .option('--json', 'machine-readable JSON output')
    .option('--service-account', "act as the provisioner's service account (automation), not as the signed-in person")
    .option('--secret-file <file>', "with --service-account: read the service account's secret from this file (mode 0600)")
    .showHelpAfterError()
    .configureOutput({ writeOut: io.out, writeErr: io.err })
    .exitOverride();
  const json = () => program.opts<{ json?: boolean }>().json === true;
  const print = (value: unknown, human: string) => io.out(`${json() ? JSON.stringify(value, null, 2) : human}\n`);
  let cliConfig: CliConfig | undefined;
  const config = () => (cliConfig ??= readCliConfig(io.env, io.home ?? homedir()));
  let chosen: Backend | undefined;
  const backend = (): Backend => (chosen ??= backendFor(program.opts<{ serviceAccount?: boolean; secretFile?: string }>()));
  function backendFor(options: { serviceAccount?: boolean; secretFile?: string }): Backend {
    if (!options.serviceAccount) {
      if (options.secretFile !== undefined) throw new UsageError('--secret-file goes with --service-account');
      const session = openPersonSession({ dir: config().sessionDir, timeoutMs: config().timeoutMs });
      return personBackend(
        createProvisionerApi({
          baseUrl: session.current().provisionerUrl,
          accessToken: () => session.accessToken(),
          timeoutMs: config().timeoutMs,
        }),
      );
    }
    const env = options.secretFile === undefined ? io.env : { ...io.env, FOCUS_PROVISIONER_SECRET: readSecretFile(options.secretFile) };
    let deps: UseCaseDeps | undefined;
    return serviceAccountBackend(() => (deps ??= depsFrom(env, io.err)));
  }
  const ref = '<client>';
  const refHelp = "the client's id or Client ID";

  const services = program.command('services').description('the services catalogue');
  services
    .command('list')
    .description('list the services an API client can be given')
    .action(async () => {
      const items = await backend().services();
      print(items, format.services(items));
    });

  const clients = program.command('clients').description('API clients');
  clients
    .command('list')
    .description('list API clients, ordered by Client ID, with their last use')
    .option('--search <text>', 'only clients whose name or Client ID contains the text (case and accents do not matter)')
    .option('--first <n>', 'skip this many', integer('--first'), 0)
    .option('--max <n>', 'page size (1-100)', integer('--max'), 20)
    .action(async (options: { search?: string; first: number; max: number }) => {
      const page = await backend().listClients(options);
      print(page, format.clientPage(page));
    });
  clients
    .command('show')
    .description('show one API client')
    .argument(ref, refHelp)
    .action(async (client: string) => {
      const found = await backend().getClient(client);
      print(found, format.client(found));
    });
  clients
    .command('create')
    .description('create an API client (then: credentials generate)')
    .requiredOption('--name <name>', 'display name, unique ignoring case')
    .requiredOption('--service <id>', 'a service id (repeat for more)', collect)
    .option('--ip-range <cidr>', 'an allowed IPv4/IPv6 range or address (repeat for more)', collect)
    .option('--wide-ip-range <cidr>', WIDE_HELP, collect)
    .action(async (options: { name: string; service: string[]; ipRange?: string[]; wideIpRange?: string[] }) => {
      const created = await backend().createClient({
        name: options.name,
        services: options.service,
        ipRanges: ipRangesOption(options),
      });
      print(created, format.client(created));
    });
  clients
    .command('update')
    .description('change name, services or IP ranges (the Client ID stays)')
    .argument(ref, refHelp)
    .option('--name <name>', 'new display name')
    .option('--service <id>', 'the services, replacing the current ones (repeat for more)', collect)
    .option('--ip-range <cidr>', 'the IP ranges, replacing the current ones (repeat for more)', collect)
    .option('--wide-ip-range <cidr>', WIDE_HELP, collect)
    .addOption(new Option('--no-ip-ranges', 'remove all IP restrictions').conflicts(['ipRange', 'wideIpRange']))
    .option('--confirm-excluded-addresses', 'save new IP ranges even though they shut out addresses the vendor used recently')
    .option('--dry-run', 'only show which recently used addresses the new IP ranges would shut out (exit code 3 if any); change nothing')
    .action(
      async (
        client: string,
        options: {
          name?: string;
          service?: string[];
          ipRange?: string[];
          wideIpRange?: string[];
          ipRanges?: boolean;
          confirmExcludedAddresses?: boolean;
          dryRun?: boolean;
        },
      ) => {
        const ipRanges = options.ipRanges === false ? [] : options.ipRange || options.wideIpRange ? ipRangesOption(options) : undefined;
        if (options.name === undefined && !options.service && !ipRanges) {
          throw new UsageError('give what to change: --name, --service, --ip-range, --wide-ip-range or --no-ip-ranges');
        }
        if (options.dryRun) {
          if (!ipRanges) throw new UsageError('--dry-run checks new IP ranges: give --ip-range, --wide-ip-range or --no-ip-ranges');
          const check = await backend().checkIpRanges(client, ipRanges);
          print(check, format.ipRangeCheck(check));
          // What the update itself would end with: refused (validation) unless confirmed.
          if (check.excludedAddresses.length > 0) throw new AnswerIsNo(EXIT.validation);
          return;
        }
        const updated = await backend().updateClient(client, {
          ...(options.name !== undefined ? { name: options.name } : {}),
          ...(options.service ? { services: options.service } : {}),
          ...(ipRanges ? { ipRanges } : {}),
          confirmExcludedAddresses: options.confirmExcludedAddresses === true,
        });
        print(updated, format.client(updated));
      },
    );
  for (const [command, enabled] of [
    ['enable', true],
    ['disable', false],
  ] as const) {
    clients
      .command(command)
      .description(enabled ? 'enable an API client' : 'disable an API client: it gets no token')
      .argument(ref, refHelp)
      .action(async (client: string) => {
        const changed = await backend().setEnabled(client, enabled);
        print(changed, format.client(changed));
      });
  }
  clients
    .command('delete')
    .description('delete an API client: its credentials stop working')
    .argument(ref, refHelp)
    .action(async (client: string) => {
      await backend().deleteClient(client);
      print({ deleted: client }, `Deleted ${client}`);
    });

  const credentials = program.command('credentials').description('client credentials');
  credentials
    .command('generate')
    .description('generate a new secret and print it once (the previous one keeps working for the grace period)')
    .argument(ref, refHelp)
    .option('--revoke-previous', 'end the previous secret now')
    .option(
      '--output <file>',
      'write the credentials as JSON to this new file (mode 0600) instead of the terminal; needed with --json or when standard output is not a terminal',
    )
    .option(
      '--idempotency-key <key>',
      'for scripts that retry: the same key never generates twice, and a lost answer then ends with exit code 5 ' +
        '(credentials_not_delivered) instead of a second generation; default: a new key for each run',
    )
    .option(
      '--expires-in-days <days>',
      `the new secret stops working after this many days (1-${limits.secretLifetimeMaxDays}, e.g. ` +
        `${contract.secretLifetimeChoicesDays.join(', ')}); default: it never expires`,
      integer('--expires-in-days'),
    )
    .action(
      async (client: string, options: { revokePrevious?: boolean; output?: string; idempotencyKey?: string; expiresInDays?: number }) => {
        const destination = secretDestination({ output: options.output, json: json(), terminal: io.terminal === true });
        // A lifetime out of range is refused before any file is made or anything generated.
        const lifetime = checkLifetimeDays(options.expiresInDays);
        if ('error' in lifetime) throw new UsageError(`--expires-in-days ${lifetime.error}`);
        // Signed in (or the service account's secret at hand) before the file is made: a refusal leaves no file.
        const caller = backend();
        const file = destination.kind === 'file' ? openSecretFile(destination.path) : undefined;
        const generated = await caller
          .generateCredentials(client, {
            revokePrevious: options.revokePrevious === true,
            idempotencyKey: options.idempotencyKey ?? randomUUID(),
            ...(lifetime.days === undefined ? {} : { expiresInDays: lifetime.days }),
          })
          .catch((error: unknown) => {
            file?.discard();
            throw error;
          });
        if (file && destination.kind === 'file') {
          file.write(`${JSON.stringify(generated, null, 2)}\n`);
          const { clientSecret: _onlyInTheFile, ...rest } = generated;
          print({ ...rest, secretWrittenTo: destination.path }, format.credentialsWritten(rest, destination.path));
        } else {
          io.err('Warning: the client secret below is shown once and cannot be retrieved again; store it safely.\n');
          io.out(`${format.credentials(generated)}\n`);
        }
      },
    );
  credentials
    .command('end-grace')
    .description("end the previous secret's grace period now")
    .argument(ref, refHelp)
    .action(async (client: string) => {
      await backend().endGracePeriod(client);
      print({ previousSecretRevoked: true }, 'The previous secret no longer works.');
    });
  credentials
    .command('expiring')
    .description('list the API clients whose secret expires soon or has expired, soonest first')
    .option(
      '--within-days <days>',
      'how soon counts (default: PROVISIONER_SECRET_EXPIRY_WARNING_DAYS, else ' + String(limits.secretExpiryWarningDays) + ')',
      integer('--within-days'),
    )
    .action(async (options: { withinDays?: number }) => {
      if (options.withinDays !== undefined && (options.withinDays < 1 || options.withinDays > limits.secretLifetimeMaxDays)) {
        throw new UsageError(`--within-days must be a whole number from 1 to ${limits.secretLifetimeMaxDays}`);
      }
      const found = await backend().expiringSecrets(options.withinDays);
      print(found, format.expiringSecrets(found));
    });

  program
    .command('activity')
    .description('when a client last got a token and from where, its recent addresses, its refused requests per reason')
    .argument(ref, refHelp)
    .addOption(
      new Option('--reason <reason>', 'list the refused requests for this reason, per address').choices(contract.activity.refusalReasons),
    )
    .option('--first <n>', 'with --reason: skip this many', integer('--first'), 0)
    .option('--max <n>', 'with --reason: page size (1-100)', integer('--max'), 20)
    .action(async (client: string, options: { reason?: string; first: number; max: number }) => {
      if (options.reason !== undefined) {
        const page = await backend().refusals(client, { ...options, reason: options.reason });
        print(page, format.refusalPage(page));
        return;
      }
      const found = await backend().activity(client);
      print(found, format.activity(found));
    });
  program
    .command('audit')
    .description('the history of API clients, most recent first: who changed what, before and after (also of deleted clients)')
    .option('--client <client>', 'only this client (its id or Client ID)')
    .option('--person <name>', 'only changes by this person (username or subject)')
    .addOption(new Option('--action <action>', 'only this kind of change').choices(contract.history.actions))
    .option('--from <time>', 'changes at or after this ISO 8601 date or time (e.g. 2026-11-01)')
    .option('--to <time>', 'changes before this ISO 8601 date or time')
    .option('--first <n>', 'skip this many', integer('--first'), 0)
    .option('--max <n>', 'page size (1-100)', integer('--max'), 20)
    .option('--csv', 'CSV (RFC 4180) with a header line, for export; with --all, every matching entry')
    .option('--all', 'every matching entry, page after page (with --csv or --json)')
    .action(
      async (options: {
        client?: string;
        person?: string;
        action?: string;
        from?: string;
        to?: string;
        first: number;
        max: number;
        csv?: boolean;
        all?: boolean;
      }) => {
        const { csv, all, ...filter } = options;
        if (all && !csv && !json()) throw new UsageError('--all goes with --csv or --json');
        const pages = [await backend().history(filter)];
        while (all && pages.at(-1)!.hasMore) {
          const last = pages.at(-1)!;
          pages.push(await backend().history({ ...filter, first: last.first + last.max, max: limits.pageSize }));
        }
        const items = pages.flatMap((p) => p.items);
        if (csv) io.out(format.historyCsv(items));
        else if (all) io.out(`${JSON.stringify(items, null, 2)}\n`);
        else print(pages[0], format.historyPage(pages[0]!));
      },
    );
  registerAccountCommands(program, { ...io, config }, json);
  registerRealmCommands(program, io, json);
  return program;
}

/** Runs the CLI and returns the exit code (never calls process.exit itself). */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  const program = buildProgram(io);
  const jsonWanted = argv.includes('--json');
  try {
    await program.parseAsync([...argv], { from: 'user' });
    return EXIT.ok;
  } catch (error) {
    if (error instanceof CommanderError) {
      return error.code === 'commander.helpDisplayed' || error.code === 'commander.version' || error.exitCode === 0 ? EXIT.ok : EXIT.usage;
    }
    if (error instanceof AnswerIsNo) return error.exitCode;
    if (error instanceof UsageError) {
      io.err(`Error (usage): ${error.message}\n`);
      return EXIT.usage;
    }
    if (error instanceof ConfigError) {
      io.err(`${error.message}\n`);
      return EXIT.config;
    }
    if (error instanceof SignInError) {
      io.err(`${error.message}\n`);
      return exitCodeOf(error.code);
    }
    if (error instanceof SessionFileError) {
      io.err(`Error (session): ${error.message}\n`);
      return EXIT.config;
    }
    if (error instanceof ServiceAccountTokenError && error.credentialsRefused) {
      // A wrong or replaced secret is no outage: a job that retries on "unavailable" would retry in vain.
      io.err(`Error (unauthorized): ${error.message}: check FOCUS_PROVISIONER_SECRET or --secret-file\n`);
      return EXIT.unauthorized;
    }
    if (isProvisionerError(error) || error instanceof ApiProblemError) {
      const fields = (error as { fields?: readonly FieldError[] }).fields ?? [];
      if (jsonWanted) io.err(`${JSON.stringify({ error: error.code, message: error.message, fields })}\n`);
      else {
        io.err(`Error (${error.code}): ${error.message}\n`);
        // Each field at fault, unless the message already says it (the schema's answer names none).
        for (const f of fields) if (!error.message.includes(f.message)) io.err(`  ${f.field}: ${f.message}\n`);
      }
      if (fields.some((f) => f.reason === 'wide_unconfirmed')) {
        io.err('To allow a wide range on purpose, give it with --wide-ip-range instead of --ip-range.\n');
      }
      if (fields.some((f) => f.reason === 'excludes_recent_addresses')) {
        io.err('To save these ranges anyway, add --confirm-excluded-addresses (--dry-run shows the addresses and changes nothing).\n');
      }
      return exitCodeOf(error.code);
    }
    io.err(`Error: ${(error as Error).message}\n`);
    return EXIT.internal;
  }
}

const isEntry = process.argv[1] !== undefined && /focus-api-access(\.js)?$|cli[\\/]main\.(ts|js)$/.test(process.argv[1]);
if (isEntry) {
  const code = await runCli(process.argv.slice(2), {
    out: (t) => process.stdout.write(t),
    err: (t) => process.stderr.write(t),
    env: process.env,
    terminal: process.stdout.isTTY === true,
  });
  // Exit now: fetch keeps an idle connection to the provisioner open for as long as its keep-alive allows (over a
  // minute), which would hold the command after its work is done. Standard output and error are written
  // synchronously to files, pipes and terminals on POSIX, so nothing printed is lost.
  process.exit(code);
}
