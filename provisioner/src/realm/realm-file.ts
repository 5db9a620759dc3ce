/**
 * What `realm apply` wants a running realm to hold, read from a realm import file (realm-config/focus-realm.json):
 * the realm roles, the client scopes (the services catalogue among them), the project's own clients with their realm
 * scope mappings and service-account roles, the client profiles and policies, and the client authentication flow. Secrets are dropped: applying
 * never sets one. Placeholders (`${NAME}` / `${NAME:default}`) are filled from the environment as Keycloak's import
 * fills them; a default is only used when the caller allows it, so a forgotten variable cannot quietly put a
 * development URL into production.
 */
import { contract } from '@focus-api-access/contract';
import { ValidationError } from '../core/errors.js';

// Realm files are free-form JSON; the code checks each field where it uses it.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Json = Record<string, any>;

export interface DesiredClient {
  /** The client as the file describes it, without `secret`. */
  readonly rep: Json;
  /** Realm roles in the client's scope (the file's `scopeMappings`). */
  readonly realmScopeMappings: readonly string[];
  /** Client roles of its service account, by client (`users[].clientRoles` of `service-account-<clientId>`). */
  readonly serviceAccountRoles: Readonly<Record<string, readonly string[]>>;
}

/** A top-level flow as the file describes it: its executions in order (by priority), each with its requirement. */
export interface DesiredFlow {
  readonly alias: string;
  readonly description: string;
  readonly providerId: string;
  readonly steps: ReadonlyArray<{ readonly authenticator: string; readonly requirement: string }>;
}

export interface DesiredRealm {
  readonly realm: string;
  readonly roles: readonly Json[];
  readonly clientScopes: readonly Json[];
  readonly clients: readonly DesiredClient[];
  readonly profiles: readonly Json[];
  readonly policies: readonly Json[];
  /** Whether admin events may carry representations (the file's `adminEventsDetailsEnabled`). */
  readonly adminEventsIncludeRepresentation: boolean;
  /** The realm's client authentication flow (the file's `clientAuthenticationFlow`), when the file names one. */
  readonly clientAuthenticationFlow: DesiredFlow | undefined;
}

/** The project's own clients: the only clients `realm apply` creates or changes. */
export const PROJECT_CLIENTS: readonly string[] = Object.values(contract.clients);

const PLACEHOLDER = /\$\{([A-Z][A-Z0-9_]*)(?::([^}]*))?\}/g;

interface Fill {
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly useDefaults: boolean;
  readonly missing: Set<string>;
  readonly defaulted: Set<string>;
}

function fillText(text: string, fill: Fill): string {
  return text.replace(PLACEHOLDER, (whole, name: string, fallback: string | undefined) => {
    const value = fill.env[name];
    if (value !== undefined && value !== '') return value;
    if (fallback === undefined) {
      fill.missing.add(name);
      return whole;
    }
    if (!fill.useDefaults) fill.defaulted.add(name);
    return fallback;
  });
}

function fillAll<T>(value: T, fill: Fill): T {
  if (typeof value === 'string') return fillText(value, fill) as T;
  if (Array.isArray(value)) return value.map((v) => fillAll(v, fill)) as T;
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, fillAll(v, fill)])) as T;
  }
  return value;
}

function withoutSecret(client: Json): Json {
  const { secret: _secret, ...rest } = client;
  return rest;
}

function flowOf(file: Json, alias: unknown): DesiredFlow | undefined {
  if (typeof alias !== 'string') return undefined;
  const flow = ((file.authenticationFlows ?? []) as Json[]).find((f) => f.alias === alias);
  if (!flow) {
    throw new ValidationError([
      { field: 'clientAuthenticationFlow', reason: 'unknown_flow', message: `the file binds flow "${alias}" but does not define it` },
    ]);
  }
  const executions = [...((flow.authenticationExecutions ?? []) as Json[])].sort((a, b) => Number(a.priority) - Number(b.priority));
  return {
    alias,
    description: String(flow.description ?? ''),
    providerId: String(flow.providerId ?? 'client-flow'),
    steps: executions.map((e) => ({ authenticator: String(e.authenticator), requirement: String(e.requirement) })),
  };
}

/**
 * Reads the parts of a realm import file that `realm apply` manages and fills their placeholders.
 *
 * @example
 * const desired = desiredRealm(JSON.parse(readFileSync('realm-config/focus-realm.json', 'utf8')), { env: process.env });
 */
export function desiredRealm(
  file: Json,
  options: { env: Readonly<Record<string, string | undefined>>; useDefaults?: boolean },
): DesiredRealm {
  if (file.realm !== contract.realm) {
    throw new ValidationError([
      { field: 'file', reason: 'wrong_realm', message: `the file describes realm "${file.realm}", not "${contract.realm}"` },
    ]);
  }
  const users = (file.users ?? []) as Json[];
  const scopeMappings = (file.scopeMappings ?? []) as Json[];
  const clients = ((file.clients ?? []) as Json[])
    .filter((client) => PROJECT_CLIENTS.includes(client.clientId))
    .map((client) => ({
      rep: withoutSecret(client),
      realmScopeMappings: scopeMappings.filter((m) => m.client === client.clientId).flatMap((m) => m.roles as string[]),
      serviceAccountRoles: (users.find((u) => u.serviceAccountClientId === client.clientId)?.clientRoles ?? {}) as Record<string, string[]>,
    }));
  const raw = {
    realm: contract.realm,
    clientAuthenticationFlow: flowOf(file, file.clientAuthenticationFlow),
    roles: (file.roles?.realm ?? []) as Json[],
    clientScopes: (file.clientScopes ?? []) as Json[],
    clients,
    profiles: (file.clientProfiles?.profiles ?? []) as Json[],
    policies: (file.clientPolicies?.policies ?? []) as Json[],
    adminEventsIncludeRepresentation: file.adminEventsDetailsEnabled === true,
  };
  const fill: Fill = { env: options.env, useDefaults: options.useDefaults === true, missing: new Set(), defaulted: new Set() };
  const filled = fillAll(raw, fill);
  const problems = [
    ...[...fill.missing].map((name) => ({
      field: name,
      reason: 'required',
      message: `${name} must be set: the realm file uses it without a default`,
    })),
    ...[...fill.defaulted].map((name) => ({
      field: name,
      reason: 'not_set',
      message: `${name} is not set: set it to this environment's value, or pass --use-defaults to write the file's default`,
    })),
  ];
  if (problems.length > 0) throw new ValidationError(problems);
  return filled;
}
