/** Generating credentials (shown once) and ending the previous secret's grace period. */
import { createHash, randomUUID } from 'node:crypto';
import { contract } from '@focus-api-access/contract';
import { audited, clientOf, previousSecretOf, targetOf, timestamp } from './api-client.js';
import { nowOf, type UseCaseDeps } from './deps.js';
import { CredentialsNotDeliveredError, UnavailableError, ValidationError } from './errors.js';
import type { ClientRecord } from './gateway.js';
import { serviceScopes } from './services.js';
import type { Actor, Credentials, PreviousSecret } from './model.js';
import { checkLifetimeDays, epochSeconds } from './secret-expiry.js';

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
async function notDelivered(
  deps: UseCaseDeps,
  client: { readonly id: string; readonly record?: ClientRecord | undefined },
  requestKey: string,
  previous: PreviousSecret,
): Promise<never> {
  if (client.record?.attributes[attr.credentialsUndelivered] !== requestKey) {
    await deps.gateway.updateClient(client.id, { attributes: { [attr.credentialsUndelivered]: requestKey } }).catch(() => undefined);
  }
  throw new CredentialsNotDeliveredError(
    `A new secret was already generated for ${client.record?.clientId ?? client.id} by a request with this key (its answer ` +
      `was lost, or the request was sent twice) and cannot be shown again; ${describePrevious(previous)}. Generate new ` +
      'credentials with a new key to get a secret you can hand over: that ends the undelivered one and leaves the previous ' +
      'one as it is.',
    previous,
  );
}

/**
 * Generates a new client secret and returns it with the Client ID, token endpoint and scope: the only answer that
 * ever carries it, since Keycloak keeps only its digest. The previous secret keeps working until
 * `previousSecretValidUntil`, unless `revokePrevious` ends it now; a secret nobody was shown (the one made at
 * creation, or one whose answer was lost) ends at once: Keycloak decides that itself, in the same transaction. With
 * `expiresInDays` the new secret stops working that many days from now (`secretExpiresAt`); by default it never does.
 *
 * Safe to retry: Keycloak records the request's key with the secret it makes and refuses a second generation for the
 * same key. A request whose secret was made but whose answer was lost fails with `credentials_not_delivered`,
 * saying what became of the previous secret, and never rotates a second time.
 *
 * Nothing is read before the generation: Keycloak's guard refuses a client that is not an API client ("not found").
 * The client is read alongside it, for the Client ID and services, and after it only when that read cannot tell what
 * became of the previous secret.
 *
 * @example
 * const credentials = await generateCredentials(deps, actor, client.id, { idempotencyKey: crypto.randomUUID() });
 */
export async function generateCredentials(
  deps: UseCaseDeps,
  actor: Actor,
  ref: string,
  options: { revokePrevious?: boolean; byClientId?: boolean; idempotencyKey?: string; expiresInDays?: number } = {},
): Promise<Credentials> {
  const requestKey = requestKeyOf(actor, checkIdempotencyKey(options.idempotencyKey));
  const lifetime = checkLifetimeDays(options.expiresInDays);
  if ('error' in lifetime) throw new ValidationError([{ field: 'expiresInDays', reason: 'range', message: lifetime.error }]);
  const target = await targetOf(deps.gateway, ref, options);
  return audited(deps, { actor, action: 'credentials.generate', client: clientOf(target) }, async (audit) => {
    const catalogue = new Set((await serviceScopes(deps.gateway)).map((s) => s.name));
    const [read, generated] = await Promise.allSettled([
      target.record ?? deps.gateway.findClientById(target.id),
      generateOnce(deps, target, requestKey, lifetime.days),
    ]);
    if (generated.status === 'rejected') throw generated.reason;
    const clientSecret = generated.value;
    // Keycloak stamps the expiry from its own clock, in whole seconds, in the same moment; the answer gives what it
    // stored when the client was read after the generation, else the same reckoning from this clock.
    const reckonedExpiry =
      lifetime.days === undefined ? undefined : new Date(Math.floor(nowOf(deps).getTime() / 1000 + lifetime.days * 86_400) * 1000);
    const seen = read.status === 'fulfilled' ? read.value : undefined;
    // Two writes to one client at once collide in Keycloak: ending the previous secret comes before recording who.
    const revoked = options.revokePrevious === true ? await revokePrevious(deps, actor, target.id) : undefined;
    const [settled] = await Promise.all([
      revoked ? { previous: revoked, client: seen } : previousSecret(deps, target.id, seen, requestKey),
      recordWhoAndWhen(deps, actor, target.id),
    ]);
    const { previous, client } = settled;
    // Keycloak made the secret and then stopped answering: without the Client ID the answer is no use to anyone.
    if (!client) return notDelivered(deps, target, requestKey, { status: 'unknown' });
    Object.assign(audit, clientOf({ id: client.id, record: client }));
    return {
      clientId: client.clientId,
      clientSecret,
      tokenEndpoint: deps.tokenEndpoint,
      scope: client.defaultClientScopes.filter((s) => catalogue.has(s)).join(' '),
      previousSecretStatus: previous.status,
      previousSecretValidUntil: previous.status === 'valid' ? previous.validUntil : undefined,
      secretExpiresAt: (storedExpiry(client, requestKey) ?? reckonedExpiry)?.toISOString(),
    };
  });
}

/**
 * What became of the previous secret, and the client for the answer. The read made alongside the generation tells
 * when it saw the client after it (it holds this request's key), or before a generation that replaced a secret
 * nobody was shown (Keycloak has put back what was aside before). Otherwise the client is read again. Failing to find
 * out is `unknown`, never "revoked".
 */
async function previousSecret(
  deps: UseCaseDeps,
  id: string,
  seen: ClientRecord | undefined,
  requestKey: string,
): Promise<{ previous: PreviousSecret; client: ClientRecord | undefined }> {
  const replaced = seen?.attributes[attr.credentialsRequest];
  const told =
    replaced === requestKey ||
    replaced === contract.credentialsRequestAtCreation ||
    (replaced !== undefined && replaced === seen?.attributes[attr.credentialsUndelivered]);
  if (seen && told) return { previous: previousSecretOf(seen, nowOf(deps)), client: seen };
  const after = await deps.gateway.findClientById(id).catch(() => undefined);
  return { previous: after ? previousSecretOf(after, nowOf(deps)) : { status: 'unknown' }, client: seen ?? after };
}

/**
 * One generation for this request key. When it is refused as a repeat, or the answer is lost (Keycloak may have
 * acted), the client's record tells whether Keycloak made a secret for this key: then it was generated but not
 * delivered.
 */
async function generateOnce(
  deps: UseCaseDeps,
  target: { readonly id: string; readonly record?: ClientRecord },
  requestKey: string,
  lifetimeDays: number | undefined,
): Promise<string> {
  try {
    return await deps.gateway.regenerateSecret(target.id, requestKey, lifetimeDays);
  } catch (error) {
    if (!(error instanceof CredentialsNotDeliveredError || error instanceof UnavailableError)) throw error;
    const after = await deps.gateway.findClientById(target.id).catch(() => undefined);
    if (error instanceof CredentialsNotDeliveredError || after?.attributes[attr.credentialsRequest] === requestKey) {
      await notDelivered(
        deps,
        { id: target.id, record: after ?? target.record },
        requestKey,
        after ? previousSecretOf(after, nowOf(deps)) : { status: 'unknown' },
      );
    }
    // Not made, or not known to be: a retry with the same key is safe either way.
    throw error;
  }
}

/** Ends the previous secret now; when that fails the new secret is still delivered, and the previous one is `unknown`. */
async function revokePrevious(deps: UseCaseDeps, actor: Actor, id: string): Promise<PreviousSecret> {
  try {
    await deps.gateway.endPreviousSecret(id);
    return { status: 'revoked' };
  } catch {
    deps.audit?.({
      actor,
      action: 'credentials.generate',
      client: { id },
      outcome: 'failure',
      error: 'unavailable',
      detail: 'secret generated, but the previous one could not be ended: end its grace period',
    });
    return { status: 'unknown' };
  }
}

/** Who and when is for the page only: no decision rests on it, and losing the new secret over it would be worse. */
async function recordWhoAndWhen(deps: UseCaseDeps, actor: Actor, id: string): Promise<void> {
  try {
    await deps.gateway.updateClient(id, {
      attributes: { [attr.credentialsGeneratedBy]: actor.username, [attr.credentialsGeneratedAt]: timestamp(deps) },
    });
  } catch {
    deps.audit?.({
      actor,
      action: 'credentials.generate',
      client: { id },
      outcome: 'failure',
      error: 'unavailable',
      detail: 'secret generated, but who and when could not be recorded',
    });
  }
}

/**
 * Ends the grace period of the previous secret now: only the newest secret works afterwards. One update, which
 * Keycloak's guard refuses for a client that is not an API client ("not found"), so nothing is read first; the audit
 * line then names the client by its internal id.
 */
export async function endGracePeriod(deps: UseCaseDeps, actor: Actor, ref: string, options: { byClientId?: boolean } = {}): Promise<void> {
  const target = await targetOf(deps.gateway, ref, options);
  await audited(deps, { actor, action: 'credentials.end-grace', client: clientOf(target) }, () =>
    deps.gateway.endPreviousSecret(target.id),
  );
}

/** The new secret's expiry as Keycloak stored it, when `client` was read after the generation with this key. */
function storedExpiry(client: ClientRecord, requestKey: string): Date | undefined {
  if (client.attributes[attr.credentialsRequest] !== requestKey) return undefined;
  return epochSeconds(client.attributes[attr.secretExpiresAt]);
}
