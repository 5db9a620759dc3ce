/**
 * `focus-api-access realm apply`: brings a running realm up to date with realm-config/ (an existing realm is never
 * re-imported by Keycloak). `focus-api-access realm init`: what a new deployment needs after the import (realm/init.ts),
 * with FOCUS_PROVISIONER_SECRET and, optionally, KEYCLOAK_ADMIN_URL. As a realm administrator from the environment, not
 * the provisioner's service account:
 * KEYCLOAK_URL (one URL, or one per node: the first that answers is used), and KEYCLOAK_ADMIN_USERNAME + KEYCLOAK_ADMIN_PASSWORD (a user of KEYCLOAK_ADMIN_REALM, default
 * master) or KEYCLOAK_ADMIN_CLIENT_ID + KEYCLOAK_ADMIN_CLIENT_SECRET (a client with a service account there).
 */
import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { ValidationError } from '../core/errors.js';
import { readRealmAdminConfig, readRealmInitConfig, type Env, type RealmAdminConfig } from '../config.js';
import { initDeps } from '../keycloak/init-gateway.js';
import { createRealmGateway, type RealmGatewayOptions } from '../keycloak/realm-gateway.js';
import { bruteForceOf, initRealm } from '../realm/init.js';
import type { PlainSecretClient } from '../realm/gateway.js';
import { planRealm, type RealmChange } from '../realm/plan.js';
import { desiredRealm, PROJECT_CLIENTS, type Json } from '../realm/realm-file.js';

interface Io {
  readonly out: (text: string) => void;
  readonly err: (text: string) => void;
  readonly env: Env;
}

export const DEFAULT_REALM_FILE = 'realm-config/focus-realm.json';

function adminFrom(config: RealmAdminConfig): RealmGatewayOptions {
  return {
    keycloakUrls: config.keycloakUrls,
    credentials: config.credentials,
    adminRealm: config.adminRealm,
    timeoutMs: config.keycloakTimeoutMs,
  };
}

function readRealmFile(path: string): Json {
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as Json;
  } catch (error) {
    throw new ValidationError([{ field: 'file', reason: 'unreadable', message: `${path}: ${(error as Error).message}` }]);
  }
}

/** The API clients still on a secret in clear: not a change realm apply makes (it never touches an API client). */
export function describePlainSecrets(clients: readonly PlainSecretClient[]): string[] {
  if (clients.length === 0) return [];
  const count = clients.length === 1 ? '1 API client still uses' : `${clients.length} API clients still use`;
  return [
    `! ${count} a secret Keycloak keeps in clear (readable with view-clients and in database backups); generating new ` +
      'credentials for each moves it to a digest:',
    ...clients.map((c) => {
      const previous =
        c.previousSecretValidUntil === undefined
          ? ''
          : ` (its previous secret works until ${new Date(c.previousSecretValidUntil * 1000).toISOString()}, only while ` +
            "Keycloak's preview feature client-secret-rotation is enabled)";
      return `    ${c.clientId}  ${c.name ?? ''}${previous}`;
    }),
  ];
}

export function describe(change: RealmChange): string {
  const sign = change.action === 'create' ? '+' : '~';
  const line = `${sign} ${change.target} ${change.name}${change.fields.length > 0 ? `: ${change.fields.join(', ')}` : ''}`;
  return change.note ? `${line}\n    ${change.note}` : line;
}

/** Adds `realm apply` to the program. */
export function registerRealmCommands(program: Command, io: Io, json: () => boolean): void {
  const realm = program.command('realm').description("the realm's own configuration (realm-config/)");
  realm
    .command('apply')
    .description(
      'apply a realm file to the running realm: adds or updates the services catalogue, realm roles, the project clients, the client authentication flow and the client policies; never deletes anything and never touches an API client or a secret; lists the API clients whose secret Keycloak still keeps in clear',
    )
    .option('--file <path>', 'the realm import file', DEFAULT_REALM_FILE)
    .option('--dry-run', 'show what would change, and change nothing')
    .option('--use-defaults', "use the file's default for a placeholder whose variable is not set")
    .action(async (options: { file: string; dryRun?: boolean; useDefaults?: boolean }) => {
      const desired = desiredRealm(readRealmFile(options.file), { env: io.env, useDefaults: options.useDefaults === true });
      const gateway = await createRealmGateway(adminFrom(readRealmAdminConfig(io.env)));
      const current = await gateway.read(PROJECT_CLIENTS);
      const changes = planRealm(desired, current);
      const dryRun = options.dryRun === true;
      if (!dryRun) for (const change of changes) await change.run(gateway);
      const summary =
        changes.length === 0
          ? `Nothing to change: realm "${desired.realm}" already matches ${options.file}.`
          : `${changes.length} change${changes.length === 1 ? '' : 's'} ${dryRun ? 'would be applied (dry run: nothing changed)' : 'applied'}.`;
      const listing = changes.map(({ action, target, name, fields, note }) => ({
        action,
        target,
        name,
        fields,
        ...(note ? { note } : {}),
      }));
      const plainSecretClients = current.plainSecretClients;
      io.out(
        `${
          json()
            ? JSON.stringify({ dryRun, changes: listing, plainSecretClients }, null, 2)
            : [...changes.map(describe), summary, ...describePlainSecrets(plainSecretClients)].join('\n')
        }\n`,
      );
    });
  realm
    .command('init')
    .description(
      "after Keycloak's first start: brute-force protection for realm master, realm master at KEYCLOAK_ADMIN_URL, and the provisioner's client secret from FOCUS_PROVISIONER_SECRET; changes only what differs",
    )
    .option('--file <path>', 'the realm import file (its brute-force settings are given to realm master)', DEFAULT_REALM_FILE)
    .action(async (options: { file: string }) => {
      const bruteForce = bruteForceOf(readRealmFile(options.file));
      const config = readRealmInitConfig(io.env);
      const outcome = await initRealm(initDeps(adminFrom(config)), {
        provisionerSecret: config.provisionerSecret,
        bruteForce,
        adminUrl: config.adminUrl,
      });
      if (outcome.adminSkipped) {
        io.err(
          `Warning: ${outcome.adminSkipped}. The provisioner's secret works, so nothing needed an administrator; realm master's settings were not checked.\n`,
        );
      }
      const summary =
        outcome.changes.length === 0
          ? 'Nothing to change: Keycloak is initialised.'
          : `${outcome.changes.length} change${outcome.changes.length === 1 ? '' : 's'} applied.`;
      io.out(`${json() ? JSON.stringify(outcome, null, 2) : [...outcome.changes.map((c) => `~ ${c}`), summary].join('\n')}\n`);
    });
}
