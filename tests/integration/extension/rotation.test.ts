/**
 * Secret rotation of API clients on digests, without Keycloak's preview feature: after a regeneration the previous
 * secret keeps working for the grace period and no longer (ended early on request), at most two secrets work, and a
 * new secret may be given an expiry.
 */
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { contract } from '@focus-api-access/contract';
import { readSettings, realmConfigDir } from '@focus-api-access/stack';
import { vendorToken } from '../../support/keycloak.js';
import { testStack } from '../../support/stack.js';
import {
  Admin,
  apiClientRepresentation,
  clientAttributes,
  createDigestClient,
  deleteClient,
  realm,
  tokenRequest,
  uniqueName,
  type ApiClientFixture,
} from './support.js';

const attr = contract.apiClientAttributes;
const admin = new Admin();
const now = () => Math.floor(Date.now() / 1000);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function status(inRealm: string, clientId: string, secret: string): Promise<number> {
  return (await tokenRequest(testStack().keycloakUrl, inRealm, { clientId, secret })).status;
}

async function regenerate(inRealm: string, id: string, headers: Record<string, string> = {}): Promise<string> {
  return (await admin.expect<{ value: string }>(200, 'POST', `/${inRealm}/clients/${id}/client-secret`, undefined, headers)).body.value;
}

describe('in realm focus, as configured', () => {
  let client: ApiClientFixture;
  beforeAll(async () => {
    client = await createDigestClient(admin, realm, apiClientRepresentation(uniqueName('rotation'), {}, 'digest'));
  });
  afterAll(async () => {
    await deleteClient(admin, realm, client.id);
  });

  it('keeps the previous secret working for the grace period after a regeneration, then ends it on request', async () => {
    const before = now();
    const second = await regenerate(realm, client.id);
    expect(second).not.toBe(client.secret);
    expect(await status(realm, client.clientId, client.secret)).toBe(200);
    expect(await status(realm, client.clientId, second)).toBe(200);

    const attributes = await clientAttributes(admin, realm, client.id);
    const grace = readSettings().secretGraceSeconds;
    expect(Number(attributes[attr.previousSecretValidUntil])).toBeGreaterThanOrEqual(before + grace);
    expect(Number(attributes[attr.previousSecretValidUntil])).toBeLessThanOrEqual(now() + grace);
    expect(attributes[attr.previousSecretDigest]).toMatch(/^hmac-sha256:/);
    expect(attributes).not.toHaveProperty([attr.secretExpiresAt]);
    // Keycloak's own record of a previous secret (in clear) is never kept.
    expect(Object.keys(attributes).filter((key) => key.startsWith('client.secret.rotated'))).toEqual([]);

    await admin.expect(204, 'PUT', `/${realm}/clients/${client.id}`, { attributes: { [attr.endPreviousSecret]: 'now' } });
    expect(await status(realm, client.clientId, client.secret)).toBe(401);
    expect(await status(realm, client.clientId, second)).toBe(200);
    const after = await clientAttributes(admin, realm, client.id);
    expect(after).not.toHaveProperty([attr.previousSecretDigest]);
    expect(after).not.toHaveProperty([attr.previousSecretValidUntil]);
    expect(after).not.toHaveProperty([attr.endPreviousSecret]);
  });

  it('keeps at most two secrets: a second regeneration ends the oldest', async () => {
    const first = await regenerate(realm, client.id);
    const second = await regenerate(realm, client.id);
    expect(await status(realm, client.clientId, first)).toBe(200);
    expect(await status(realm, client.clientId, second)).toBe(200);
    const third = await regenerate(realm, client.id);
    expect(await status(realm, client.clientId, first)).toBe(401);
    expect(await status(realm, client.clientId, second)).toBe(200);
    expect(await status(realm, client.clientId, third)).toBe(200);
  });

  it('gives a new secret the lifetime asked for, in whole days, and refuses one beyond the limit', async () => {
    const before = now();
    await regenerate(realm, client.id, { [contract.secretLifetimeHeader]: '90' });
    const expiresAt = Number((await clientAttributes(admin, realm, client.id))[attr.secretExpiresAt]);
    expect(expiresAt).toBeGreaterThanOrEqual(before + 90 * 86_400);
    expect(expiresAt).toBeLessThanOrEqual(now() + 90 * 86_400);

    const tooLong = String(contract.limits.secretLifetimeMaxDays + 1);
    const refused = await admin.call('POST', `/${realm}/clients/${client.id}/client-secret`, undefined, {
      [contract.secretLifetimeHeader]: tooLong,
    });
    expect(refused.status).toBe(400);
    expect(String(refused.body.error_description)).toMatch(/^secret_lifetime_invalid: /);
    expect(Number((await clientAttributes(admin, realm, client.id))[attr.secretExpiresAt])).toBe(expiresAt);

    await regenerate(realm, client.id);
    expect(await clientAttributes(admin, realm, client.id)).not.toHaveProperty([attr.secretExpiresAt]);
  });
});

describe('with a short grace period (a realm of its own)', () => {
  const GRACE = 3;
  const testRealm = `focus-rotation-${randomBytes(4).toString('hex')}`;
  let client: ApiClientFixture;

  beforeAll(async () => {
    const file = JSON.parse(
      readFileSync(join(realmConfigDir, 'focus-realm.json'), 'utf8')
        .replace('${FOCUS_PROVISIONER_SECRET}', randomBytes(24).toString('base64url'))
        .replace(/\$\{[A-Z_]+:([^}]*)\}/g, '$1'),
    );
    const profile = file.clientProfiles.profiles.find((p: { name: string }) => p.name === contract.clientProfile);
    const generation = profile.executors.find((e: { executor: string }) => e.executor === contract.secretGenerationExecutor);
    generation.configuration['grace-seconds'] = String(GRACE);
    await admin.expect(201, 'POST', '', { ...file, realm: testRealm });
    client = await createDigestClient(admin, testRealm, apiClientRepresentation(uniqueName('short-grace'), {}, 'digest'));
  });

  afterAll(async () => {
    await admin.call('DELETE', `/${testRealm}`);
  });

  it("is what the read endpoint tells the page, from the realm's policy", async () => {
    const keycloakUrl = testStack().keycloakUrl;
    // The realm file carries no secret for the provisioner's client (realm init sets one): give this copy's one.
    const [provisioner] = (
      await admin.expect<Array<{ id: string }>>(200, 'GET', `/${testRealm}/clients?clientId=${contract.clients.provisioner}`)
    ).body;
    const secret = (await admin.expect<{ value: string }>(200, 'POST', `/${testRealm}/clients/${provisioner!.id}/client-secret`)).body
      .value;
    const { token } = await vendorToken(
      contract.clients.provisioner,
      secret,
      `${keycloakUrl}/realms/${testRealm}/protocol/openid-connect/token`,
    );
    const answer = await fetch(`${keycloakUrl}/realms/${testRealm}/focus-api-access/settings`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(answer.status).toBe(200);
    expect(await answer.json()).toEqual({ secretGraceSeconds: GRACE });
  });

  it('ends the previous secret by itself when the grace period is over', async () => {
    const second = await regenerate(testRealm, client.id);
    expect(await status(testRealm, client.clientId, client.secret)).toBe(200);

    await sleep((GRACE + 2) * 1000);

    expect(await status(testRealm, client.clientId, client.secret)).toBe(401);
    expect(await status(testRealm, client.clientId, second)).toBe(200);
  });
});
