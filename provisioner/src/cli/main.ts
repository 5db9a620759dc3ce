/**
 * `focus-api-access`: the use cases for platform engineers and scripts, as the provisioner's service
 * account (KEYCLOAK_URL, one URL or one per node, and FOCUS_PROVISIONER_SECRET from the environment). Tables by default, `--json`
 * for scripts; exit codes per error kind (cli/exit-codes.ts). Only `credentials generate` prints a secret.
 */
import { randomUUID } from 'node:crypto';
import { userInfo } from 'node:os';
import { Command, CommanderError, Option } from 'commander';
import { contract, limits, type IpRangeEntry } from '@focus-api-access/contract';
import {
  checkIpRangeChange,
  createApiClient,
  deleteApiClient,
  endGracePeriod,
  generateCredentials,
  getActivity,
  getApiClient,
  isProvisionerError,
  listApiClients,
  listHistory,
  listRefusals,
  listServices,
  setApiClientEnabled,
  updateApiClient,
  type Actor,
  type FieldError,
  type UseCaseDeps,
} from '../core/index.js';
import { checkLifetimeDays, listExpiringSecrets } from '../core/secret-expiry.js';
import { createKeycloakGateway, type NodeEvent } from '../keycloak/admin-gateway.js';
import { ConfigError, readKeycloakAccess, tokenEndpointOf, type Env } from '../config.js';
import { EXIT, exitCodeOf } from './exit-codes.js';
import { registerRealmCommands } from './realm.js';
import { openSecretFile, secretDestination, UsageError } from './secret-output.js';
import * as format from './format.js';

export interface CliIo {
  readonly out: (text: string) => void;
  readonly err: (text: string) => void;
  readonly env: Env;
  /** Whether standard output is a terminal, where a secret may be shown; absent: it is not. */
  readonly terminal?: boolean;
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

function actor(env: Env): Actor {
  let user = 'unknown';
  try {
    user = env.USER ?? userInfo().username;
  } catch {
    // no user database entry (containers): keep "unknown"
  }
  return { subject: 'cli', username: `cli:${user}` };
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
      'Manage FOCUS API clients (OAuth 2.0 client credentials) as the provisioner service account.\nEnvironment: KEYCLOAK_URL (one URL, or one per Keycloak node, comma-separated), FOCUS_PROVISIONER_SECRET, optional KEYCLOAK_PUBLIC_URL.',
    )
    .option('--json', 'machine-readable JSON output')
    .showHelpAfterError()
    .configureOutput({ writeOut: io.out, writeErr: io.err })
    .exitOverride();
  let deps: UseCaseDeps | undefined;
  const use = () => (deps ??= depsFrom(io.env, io.err));
  const json = () => program.opts<{ json?: boolean }>().json === true;
  const print = (value: unknown, human: string) => io.out(`${json() ? JSON.stringify(value, null, 2) : human}\n`);
  const ref = '<client>';
  const refHelp = "the client's id or Client ID";

  const services = program.command('services').description('the services catalogue');
  services
    .command('list')
    .description('list the services an API client can be given')
    .action(async () => {
      const items = await listServices(use());
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
      const page = await listApiClients(use(), options);
      print(page, format.clientPage(page));
    });
  clients
    .command('show')
    .description('show one API client')
    .argument(ref, refHelp)
    .action(async (client: string) => {
      const found = await getApiClient(use(), client, { byClientId: true });
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
      const created = await createApiClient(use(), actor(io.env), {
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
    .option('--dry-run', 'only show which recently used addresses the new IP ranges would shut out; change nothing')
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
        if (options.dryRun) {
          if (!ipRanges) throw new UsageError('--dry-run checks new IP ranges: give --ip-range, --wide-ip-range or --no-ip-ranges');
          const check = await checkIpRangeChange(use(), client, { ipRanges }, { byClientId: true });
          print(check, format.ipRangeCheck(check));
          return;
        }
        const updated = await updateApiClient(
          use(),
          actor(io.env),
          client,
          {
            ...(options.name !== undefined ? { name: options.name } : {}),
            ...(options.service ? { services: options.service } : {}),
            ...(ipRanges ? { ipRanges } : {}),
            confirmExcludedAddresses: options.confirmExcludedAddresses === true,
          },
          { byClientId: true },
        );
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
        const changed = await setApiClientEnabled(use(), actor(io.env), client, enabled, { byClientId: true });
        print(changed, format.client(changed));
      });
  }
  clients
    .command('delete')
    .description('delete an API client: its credentials stop working')
    .argument(ref, refHelp)
    .action(async (client: string) => {
      await deleteApiClient(use(), actor(io.env), client, { byClientId: true });
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
        const file = destination.kind === 'file' ? openSecretFile(destination.path) : undefined;
        const generated = await generateCredentials(use(), actor(io.env), client, {
          revokePrevious: options.revokePrevious === true,
          byClientId: true,
          idempotencyKey: options.idempotencyKey ?? randomUUID(),
          ...(lifetime.days === undefined ? {} : { expiresInDays: lifetime.days }),
        }).catch((error: unknown) => {
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
      await endGracePeriod(use(), actor(io.env), client, { byClientId: true });
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
      const found = await listExpiringSecrets(use(), options.withinDays === undefined ? {} : { withinDays: options.withinDays });
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
        const page = await listRefusals(use(), client, options, { byClientId: true });
        print(page, format.refusalPage(page));
        return;
      }
      const found = await getActivity(use(), client, { byClientId: true });
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
        const pages = [await listHistory(use(), filter)];
        while (all && pages.at(-1)!.hasMore) {
          const last = pages.at(-1)!;
          pages.push(await listHistory(use(), { ...filter, first: last.first + last.max, max: limits.pageSize }));
        }
        const items = pages.flatMap((p) => p.items);
        if (csv) io.out(format.historyCsv(items));
        else if (all) io.out(`${JSON.stringify(items, null, 2)}\n`);
        else print(pages[0], format.historyPage(pages[0]!));
      },
    );
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
    if (error instanceof UsageError) {
      io.err(`Error (usage): ${error.message}\n`);
      return EXIT.usage;
    }
    if (error instanceof ConfigError) {
      io.err(`${error.message}\n`);
      return EXIT.config;
    }
    if (isProvisionerError(error)) {
      const fields = (error as { fields?: FieldError[] }).fields ?? [];
      if (jsonWanted) io.err(`${JSON.stringify({ error: error.code, message: error.message, fields })}\n`);
      else io.err(`Error (${error.code}): ${error.message}\n`);
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
  process.exitCode = code;
}
