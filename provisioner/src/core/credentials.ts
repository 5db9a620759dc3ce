/** Generating credentials (shown once) and ending the previous secret's grace period. */
import { createHash, randomUUID } from 'node:crypto';
import { contract } from '@focus-api-access/contract';
import { audited, isManaged, previousSecretOf, requireManaged, targetOf, timestamp } from './api-client.js';
import { nowOf, type UseCaseDeps } from './deps.js';
import { CredentialsNotDeliveredError, NotFoundError, UnavailableError, ValidationError } from './errors.js';
import type { ClientRecord } from './gateway.js';
import { serviceScopes } from './services.js';
import type { Actor, Credentials, PreviousSecret } from './model.js';

const attr = contract.apiClientAttributes;

/** Printable ASCII, as HTTP header values allow; long enough for a UUID or any sensible key, short enough to bound. */
const IDEMPOTENCY_KEY = /^[\x21-\x7e]{1,255}$/;

/**
 * What Keycloak records as the request behind a secret: the caller's Idempotency-Key, bound to who sent it (two users
 * never share a key by accident), hashed to a fixed form Keycloak accepts.
 */
export function requestKeyOf(actor: Actor, idempotencyKey: string): string {
  return createHash('sha256').update(`${actor.subject}\n${idempotencyKey}`).digest('base64url');
}

function checkIdempotencyKey(key: string | undefined): string {
  if (key === undefined) return randomUUID();
  if (!IDEMPOTENCY_KEY.test(key)) {
    throw new ValidationError([
      { field: 'Idempotency-Key', reason: 'invalid', message: 'must be 1 to 255 visible ASCII characters (for example a UUID)' },
    ]);
  }
  return key;
}

function describePrevious(previous: PreviousSecret): string {
  switch (previous.status) {
    case 'valid':
      return `the previous secret keeps working until ${previous.validUntil}`;
    case 'revoked':
      return 'no previous secret works any more';
    case 'unknown':
      return 'whether the previous secret still works could not be read';
  }
}

/**
 * The request made a secret nobody received. Keycloak is told (the client's `credentialsUndelivered`), so that the
 * next generation ends that secret at once and leaves the previous one its grace period instead of displacing it.
 */
async function notDelivered(deps: UseCaseDeps, client: ClientRecord, requestKey: string, previous: PreviousSecret): Promise<never> {
  if (client.attributes[attr.credentialsUndelivered] !== requestKey) {
    await deps.gateway.updateClient(client.id, { attributes: { [attr.credentialsUndelivered]: requestKey } }).catch(() => undefined);
  }
  throw new CredentialsNotDeliveredError(
    `A new secret was already generated for ${client.clientId} by a request with this key (its answer was lost, or the ` +
      `request was sent twice) and cannot be shown again; ${describePrevious(previous)}. Generate new credentials with a ` +
      'new key to get a secret you can hand over: that ends the undelivered one and leaves the previous one as it is.',
    previous,
  );
}

/**
 * Generates a new client secret and returns it with the Client ID, token endpoint and scope: the only answer that
 * ever carries it. With Keycloak's secret-rotation policy on managed clients, the previous secret keeps working until
 * `previousSecretValidUntil`, unless `revokePrevious` ends it now; the never-shown secret Keycloak made at creation
 * ends at once (Keycloak decides that itself, in the same transaction).
 *
 * Safe to retry: Keycloak records the request's key with the secret it makes and refuses a second generation for the
 * same key. A request whose secret was made but whose answer was lost fails with `credentials_not_delivered`,
 * saying what became of the previous secret, and never rotates a second time.
 *
 * @example
 * const credentials = await generateCredentials(deps, actor, client.id, { idempotencyKey: crypto.randomUUID() });
 */
export async function generateCredentials(
  deps: UseCaseDeps,
  actor: Actor,
  ref: string,
  options: { revokePrevious?: boolean; byClientId?: boolean; idempotencyKey?: string } = {},
): Promise<Credentials> {
  const requestKey = requestKeyOf(actor, checkIdempotencyKey(options.idempotencyKey));
  const target = await targetOf(deps.gateway, ref, options);
  // The Client ID and services for the answer; Keycloak's guard makes a client that is not an API client "not found".
  const current = target.record ?? (await deps.gateway.findClientById(target.id));
  if (!current || !isManaged(current)) throw new NotFoundError(`No API client "${ref}"`);
  return audited(
    deps,
    { actor, action: 'credentials.generate', client: { id: current.id, clientId: current.clientId, name: current.name } },
    async () => {
      if (current.attributes[attr.credentialsRequest] === requestKey) {
        await notDelivered(deps, current, requestKey, previousSecretOf(current, nowOf(deps)));
      }
      const catalogue = new Set((await serviceScopes(deps.gateway)).map((s) => s.name));
      const clientSecret = await generateOnce(deps, current, requestKey);
      // Two writes to one client at once collide in Keycloak: ending the previous secret comes first.
      const revoked = options.revokePrevious === true ? await revokePrevious(deps, current) : undefined;
      const [previous] = await Promise.all([revoked ?? previousAfter(deps, current), recordWhoAndWhen(deps, actor, current)]);
      return {
        clientId: current.clientId,
        clientSecret,
        tokenEndpoint: deps.tokenEndpoint,
        scope: current.defaultClientScopes.filter((s) => catalogue.has(s)).join(' '),
        previousSecretStatus: previous.status,
        previousSecretValidUntil: previous.status === 'valid' ? previous.validUntil : undefined,
      };
    },
  );
}

/**
 * One generation for this request key. When the answer is lost (Keycloak may have acted), the client's record tells
 * whether Keycloak made a secret for this key: then it was generated but not delivered.
 */
async function generateOnce(deps: UseCaseDeps, current: ClientRecord, requestKey: string): Promise<string> {
  try {
    return await deps.gateway.regenerateSecret(current.id, requestKey);
  } catch (error) {
    if (!(error instanceof CredentialsNotDeliveredError || error instanceof UnavailableError)) throw error;
    const after = await deps.gateway.findClientById(current.id).catch(() => undefined);
    if (error instanceof CredentialsNotDeliveredError || after?.attributes[attr.credentialsRequest] === requestKey) {
      await notDelivered(deps, after ?? current, requestKey, after ? previousSecretOf(after, nowOf(deps)) : { status: 'unknown' });
    }
    // Not made, or not known to be: a retry with the same key is safe either way.
    throw error;
  }
}

async function revokePrevious(deps: UseCaseDeps, before: ClientRecord): Promise<PreviousSecret> {
  try {
    await deps.gateway.revokeRotatedSecret(before.id);
    return { status: 'revoked' };
  } catch {
    return { status: 'unknown' };
  }
}

/** Until when the previous secret works, as Keycloak stamped it. Failing to find out is `unknown`, never "revoked". */
async function previousAfter(deps: UseCaseDeps, before: ClientRecord): Promise<PreviousSecret> {
  // A replaced secret nobody was shown (made at creation, or lost on the way) ended with the generation, in Keycloak's
  // transaction, and the secret before it kept its place: the previous secret is what it was before.
  const replaced = before.attributes[attr.credentialsRequest];
  if (
    replaced === contract.credentialsRequestAtCreation ||
    (replaced !== undefined && replaced === before.attributes[attr.credentialsUndelivered])
  ) {
    return previousSecretOf(before, nowOf(deps));
  }
  const after = await deps.gateway.findClientById(before.id).catch(() => undefined);
  return after ? previousSecretOf(after, nowOf(deps)) : { status: 'unknown' };
}

/** Who and when is for the page only: no decision rests on it, and losing the new secret over it would be worse. */
async function recordWhoAndWhen(deps: UseCaseDeps, actor: Actor, client: ClientRecord): Promise<void> {
  try {
    await deps.gateway.updateClient(client.id, {
      attributes: { [attr.credentialsGeneratedBy]: actor.username, [attr.credentialsGeneratedAt]: timestamp(deps) },
    });
  } catch {
    deps.audit?.({
      actor,
      action: 'credentials.generate',
      client: { id: client.id, clientId: client.clientId },
      outcome: 'failure',
      error: 'unavailable',
      detail: 'secret generated, but who and when could not be recorded',
    });
  }
}

/** Ends the grace period of the previous secret now: only the newest secret works afterwards. */
export async function endGracePeriod(deps: UseCaseDeps, actor: Actor, ref: string, options: { byClientId?: boolean } = {}): Promise<void> {
  // Keycloak's DELETE …/client-secret/rotated raises no client-policy event, so the guard cannot see it: read first.
  const current = await requireManaged(deps.gateway, ref, options);
  await audited(
    deps,
    { actor, action: 'credentials.end-grace', client: { id: current.id, clientId: current.clientId, name: current.name } },
    () => deps.gateway.revokeRotatedSecret(current.id),
  );
}
