/**
 * `realm init`: what a new deployment needs once Keycloak has imported realm `focus`, done through the admin API as an
 * administrator of realm master. Run after every start (Compose's keycloak-init service, the stack); changes only
 * what differs, so a second run changes nothing.
 *
 * - Brute-force protection for realm master, with realm focus's settings: Keycloak creates master without it, and the
 *   bootstrap admin's password could otherwise be guessed without limit wherever master's login is reachable.
 * - Realm master served at the admin URL (its frontend URL), where the admin console then logs administrators in: the
 *   public entrance does not pass realm master.
 * - The provisioner's client secret. The realm file carries none, so Keycloak gives the client a random, unknown one
 *   at import: a forgotten variable can never leave a guessable placeholder as the secret, and the secret never sits
 *   in Keycloak's environment. It is checked with a token request first and only set when it does not work.
 *
 * When nothing needs an administrator (the secret works) and the administrator cannot log in (the bootstrap admin was
 * replaced, as docs/operations.md asks), init says so and succeeds: a replaced bootstrap admin never blocks a start.
 */
import { isProvisionerError, UnauthorizedError, ValidationError } from '../core/errors.js';
import type { Json } from './realm-file.js';

/** Keycloak's brute-force fields of a realm representation. */
export const BRUTE_FORCE_FIELDS = [
  'bruteForceProtected',
  'permanentLockout',
  'failureFactor',
  'waitIncrementSeconds',
  'maxFailureWaitSeconds',
  'maxDeltaTimeSeconds',
] as const;

export type BruteForce = Readonly<Record<(typeof BRUTE_FORCE_FIELDS)[number], boolean | number>>;

/** What init needs from realm master and the focus realm's project client, as an administrator. */
export interface InitAdminGateway {
  /** Realm master's brute-force fields and its frontend URL (undefined when it has none). */
  readAdminRealm(): Promise<{ readonly bruteForce: Json; readonly frontendUrl: string | undefined }>;
  /** Changes only the fields sent. */
  updateAdminRealm(changes: Json): Promise<void>;
  setProvisionerSecret(secret: string): Promise<void>;
}

export interface InitDeps {
  /** Whether the secret gets the provisioner's client a token; needs no administrator. */
  provisionerSecretWorks(secret: string): Promise<boolean>;
  /** Logs the administrator in; rejects with an `unauthorized` error when Keycloak refuses the login. */
  admin(): Promise<InitAdminGateway>;
}

export interface InitInput {
  readonly provisionerSecret: string;
  readonly bruteForce: BruteForce;
  /** Where administrators reach Keycloak (Keycloak's `hostname-admin`); undefined: master keeps its frontend URL. */
  readonly adminUrl: string | undefined;
}

export interface InitOutcome {
  /** What was changed, one line each; empty when everything already was as wanted. */
  readonly changes: readonly string[];
  /** Set when the administrator could not log in and nothing needed one: why the login failed. */
  readonly adminSkipped?: string;
}

/**
 * Realm focus's brute-force settings from its realm file: realm master gets the same.
 *
 * @example
 * bruteForceOf(JSON.parse(readFileSync('realm-config/focus-realm.json', 'utf8'))).failureFactor; // 5
 */
export function bruteForceOf(file: Json): BruteForce {
  const missing = BRUTE_FORCE_FIELDS.filter(
    (field) => typeof file[field] !== (field === 'bruteForceProtected' || field === 'permanentLockout' ? 'boolean' : 'number'),
  );
  if (missing.length > 0 || file.bruteForceProtected !== true) {
    throw new ValidationError([
      {
        field: 'file',
        reason: 'no_brute_force',
        message: `the realm file must switch brute-force protection on and give ${missing.join(', ') || 'its settings'}`,
      },
    ]);
  }
  return Object.fromEntries(BRUTE_FORCE_FIELDS.map((field) => [field, file[field]])) as BruteForce;
}

/**
 * Brings realm master and the provisioner's secret to what a deployment needs; returns what it changed.
 *
 * @example
 * const outcome = await initRealm(deps, { provisionerSecret, bruteForce: bruteForceOf(file), adminUrl: 'http://127.0.0.1:8080' });
 */
export async function initRealm(deps: InitDeps, input: InitInput): Promise<InitOutcome> {
  const secretWorked = await deps.provisionerSecretWorks(input.provisionerSecret);
  let admin: InitAdminGateway;
  try {
    admin = await deps.admin();
  } catch (error) {
    if (!isProvisionerError(error) || error.code !== 'unauthorized') throw error;
    if (secretWorked) return { changes: [], adminSkipped: error.message };
    throw new UnauthorizedError(
      `${error.message}. An administrator is needed: Keycloak does not accept FOCUS_PROVISIONER_SECRET for the provisioner's client yet ` +
        '(a first start, or a new secret). Give KEYCLOAK_ADMIN_USERNAME and KEYCLOAK_ADMIN_PASSWORD of an administrator of realm master',
    );
  }

  const changes: string[] = [];
  if (!secretWorked) {
    await admin.setProvisionerSecret(input.provisionerSecret);
    if (!(await deps.provisionerSecretWorks(input.provisionerSecret))) {
      throw new ValidationError([
        {
          field: 'FOCUS_PROVISIONER_SECRET',
          reason: 'not_accepted',
          message: "Keycloak stored the provisioner's secret but refuses it at the token endpoint",
        },
      ]);
    }
    changes.push("the provisioner's client secret set from FOCUS_PROVISIONER_SECRET");
  }

  // Realm master last: a new frontend URL changes the issuer Keycloak expects, so the administrator's token ends here.
  const master = await admin.readAdminRealm();
  const bruteForce = Object.fromEntries(
    BRUTE_FORCE_FIELDS.filter((f) => master.bruteForce[f] !== input.bruteForce[f]).map((f) => [f, input.bruteForce[f]]),
  );
  const realmChanges: Json = { ...bruteForce };
  if (Object.keys(bruteForce).length > 0) {
    changes.push(
      `realm master: brute-force protection ${Object.entries(bruteForce)
        .map(([f, v]) => `${f}=${v}`)
        .join(', ')}`,
    );
  }
  if (input.adminUrl !== undefined && master.frontendUrl !== input.adminUrl) {
    realmChanges.attributes = { frontendUrl: input.adminUrl };
    changes.push(`realm master: served at the admin URL ${input.adminUrl}`);
  }
  if (Object.keys(realmChanges).length > 0) await admin.updateAdminRealm(realmChanges);
  return { changes };
}
