/**
 * `focus-api-access`: the use cases for platform engineers and scripts, as the provisioner's service
 * account (KEYCLOAK_URL, one URL or one per node, and FOCUS_PROVISIONER_SECRET from the environment). Tables by default, `--json`
 * for scripts; exit codes per error kind (cli/exit-codes.ts). Only `credentials generate` prints a secret.
 */
import { userInfo } from 'node:os';
import { Command, CommanderError, Option } from 'commander';
import {
  createApiClient,
  deleteApiClient,
  endGracePeriod,
  generateCredentials,
  getActivity,
  getApiClient,
  isProvisionerError,
  listApiClients,
  listServices,
  setApiClientEnabled,
  updateApiClient,
  type Actor,
  type UseCaseDeps,
} from '../core/index.js';
import { createKeycloakGateway, type NodeEvent } from '../keycloak/admin-gateway.js';
import { parseKeycloakUrls } from '../keycloak/node-urls.js';
import { ConfigError, tokenEndpointOf } from '../http/config.js';
import { EXIT, exitCodeOf } from './exit-codes.js';
import { registerRealmCommands } from './realm.js';
import * as format from './format.js';

type Env = Readonly<Record<string, string | undefined>>;

export interface CliIo {
  readonly out: (text: string) => void;
  readonly err: (text: string) => void;
  readonly env: Env;
}

/** A node failing over is worth a warning on standard error; the answer itself stays on standard output. */
function warnOnFailover(err: (text: string) => void) {
  return (event: NodeEvent) => {
    if (event.kind !== 'failover') return;
    err(`Warning: Keycloak node ${event.from} failed (${event.reason}); ${event.to ? `using ${event.to}` : 'no other node answers'}\n`);
  };
}

function depsFrom(env: Env, err: (text: string) => void): UseCaseDeps {
  const { urls, problems: urlProblems } = parseKeycloakUrls(env.KEYCLOAK_URL);
  const problems = [...urlProblems];
  const secret = env.FOCUS_PROVISIONER_SECRET?.trim();
  if (!secret) problems.push("FOCUS_PROVISIONER_SECRET is required (the provisioner's client secret)");
  if (problems.length > 0) throw new ConfigError(problems);
  const publicUrl = env.KEYCLOAK_PUBLIC_URL?.trim().replace(/\/+$/, '') || urls[0]!;
  return {
    gateway: createKeycloakGateway({
      keycloakUrl: urls,
      clientSecret: secret!,
      ...(env.PROVISIONER_CLIENT_ID ? { clientId: env.PROVISIONER_CLIENT_ID } : {}),
      timeoutMs: Number(env.PROVISIONER_KEYCLOAK_TIMEOUT_MS) || 10_000,
      onNodeEvent: warnOnFailover(err),
    }),
    tokenEndpoint: tokenEndpointOf(publicUrl),
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
    .description('list API clients, ordered by Client ID')
    .option('--search <text>', 'only clients whose Client ID matches the text')
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
    .action(async (options: { name: string; service: string[]; ipRange?: string[] }) => {
      const created = await createApiClient(use(), actor(io.env), {
        name: options.name,
        services: options.service,
        ipRanges: options.ipRange ?? [],
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
    .addOption(new Option('--no-ip-ranges', 'remove all IP restrictions').conflicts('ipRange'))
    .action(async (client: string, options: { name?: string; service?: string[]; ipRange?: string[]; ipRanges?: boolean }) => {
      const ipRanges = options.ipRanges === false ? [] : options.ipRange;
      const updated = await updateApiClient(
        use(),
        actor(io.env),
        client,
        {
          ...(options.name !== undefined ? { name: options.name } : {}),
          ...(options.service ? { services: options.service } : {}),
          ...(ipRanges ? { ipRanges } : {}),
        },
        { byClientId: true },
      );
      print(updated, format.client(updated));
    });
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
    .action(async (client: string, options: { revokePrevious?: boolean }) => {
      const generated = await generateCredentials(use(), actor(io.env), client, {
        revokePrevious: options.revokePrevious === true,
        byClientId: true,
      });
      io.err('Warning: the client secret below is shown once and cannot be retrieved again; store it safely.\n');
      print(generated, format.credentials(generated));
    });
  credentials
    .command('end-grace')
    .description("end the previous secret's grace period now")
    .argument(ref, refHelp)
    .action(async (client: string) => {
      await endGracePeriod(use(), actor(io.env), client, { byClientId: true });
      print({ previousSecretRevoked: true }, 'The previous secret no longer works.');
    });

  program
    .command('activity')
    .description('when a client last got a token, and its recent refusals')
    .argument(ref, refHelp)
    .action(async (client: string) => {
      const found = await getActivity(use(), client, { byClientId: true });
      print(found, format.activity(found));
    });
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
    if (error instanceof ConfigError) {
      io.err(`${error.message}\n`);
      return EXIT.config;
    }
    if (isProvisionerError(error)) {
      const fields = (error as { fields?: { field: string; message: string }[] }).fields ?? [];
      if (jsonWanted) io.err(`${JSON.stringify({ error: error.code, message: error.message, fields })}\n`);
      else io.err(`Error (${error.code}): ${error.message}\n`);
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
  });
  process.exitCode = code;
}
