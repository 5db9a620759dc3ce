/**
 * Secret rotation for managed API clients: after a regeneration the previous secret keeps working for the
 * grace period (ended early with DELETE …/client-secret/rotated), and a secret nobody regenerated never expires.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { contract } from '@focus-api-access/contract';
import { readSettings, realmConfigDir } from '@focus-api-access/stack';
import { testStack } from '../../support/stack.js';
import {
  Admin,
  apiClientRepresentation,
  clientAttributes,
  createClient,
  deleteClient,
  realm,
  tokenRequest,
  uniqueName,
  type ApiClientFixture,
} from './support.js';

const admin = new Admin();
const now = () => Math.floor(Date.now() / 1000);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Attribute keys Keycloak's secret rotation keeps on the client (ClientSecretConstants, 26.7). */
const ROTATED_SECRET = 'client.secret.rotated';
const ROTATED_CREATED = 'client.secret.rotated.creation.time';
const ROTATED_EXPIRES = 'client.secret.rotated.expiration.time';
const SECRET_CREATED = 'client.secret.creation.time';
const SECRET_EXPIRES = 'client.secret.expiration.time';

async function status(inRealm: string, clientId: string, secret: string): Promise<number> {
  return (await tokenRequest(testStack().keycloakUrl, inRealm, { clientId, secret })).status;
}

async function regenerate(inRealm: string, id: string): Promise<string> {
  return (await admin.expect<{ value: string }>(200, 'POST', `/${inRealm}/clients/${id}/client-secret`)).body.value;
}

describe('in realm focus, as configured', () => {
  let client: ApiClientFixture;
  beforeAll(async () => {
    client = await createClient(admin, realm, apiClientRepresentation(uniqueName('rotation')));
  });
  afterAll(async () => {
    await deleteClient(admin, realm, client.id);
  });

  it('gives a new client a secret without expiry', async () => {
    expect(await status(realm, client.clientId, client.secret)).toBe(200);
    expect(await clientAttributes(admin, realm, client.id)).not.toHaveProperty([SECRET_EXPIRES]);
  });

  it('keeps the previous secret working for the grace period after a regeneration, then ends it on request', async () => {
    const before = now();
    const second = await regenerate(realm, client.id);
    expect(second).not.toBe(client.secret);
    expect(await status(realm, client.clientId, client.secret)).toBe(200);
    expect(await status(realm, client.clientId, second)).toBe(200);

    const attributes = await clientAttributes(admin, realm, client.id);
    const grace = readSettings().secretGraceSeconds;
    expect(Number(attributes[ROTATED_EXPIRES])).toBeGreaterThanOrEqual(before + grace);
    expect(Number(attributes[ROTATED_EXPIRES])).toBeLessThanOrEqual(now() + grace);
    expect(Number(attributes[ROTATED_CREATED])).toBeGreaterThanOrEqual(before);
    expect(Number(attributes[SECRET_CREATED])).toBeGreaterThanOrEqual(before);
    expect(attributes).not.toHaveProperty([SECRET_EXPIRES]);
    // The admin representation carries the previous secret in clear: whoever relays attributes must drop it.
    expect(attributes[ROTATED_SECRET]).toBe(client.secret);

    await admin.expect(204, 'DELETE', `/${realm}/clients/${client.id}/client-secret/rotated`);
    expect(await status(realm, client.clientId, client.secret)).toBe(401);
    expect(await status(realm, client.clientId, second)).toBe(200);
    const after = await clientAttributes(admin, realm, client.id);
    expect(after).not.toHaveProperty([ROTATED_SECRET]);
    expect(after).not.toHaveProperty([ROTATED_EXPIRES]);
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
});

describe('with a short expiration period (a realm of its own)', () => {
  const testRealm = uniqueName('focus-rotation');
  const CONTROL_MARKER = 'focus.test-control';
  const EXPIRATION = 3;
  const GRACE = 2;
  let managed: ApiClientFixture;
  let control: ApiClientFixture;

  beforeAll(async () => {
    const file = JSON.parse(readFileSync(join(realmConfigDir, 'focus-realm.json'), 'utf8'));
    const shortPeriods = {
      'expiration-period': String(EXPIRATION),
      'rotated-expiration-period': String(GRACE),
      'remaining-rotation-period': '1',
    };
    const profile = file.clientProfiles.profiles.find((p: { name: string }) => p.name === contract.clientProfile);
    const focusProfile = {
      ...profile,
      executors: profile.executors.map((e: { executor: string }) =>
        e.executor === 'secret-rotation' ? { ...e, configuration: shortPeriods } : e,
      ),
    };
    // Keycloak's executor alone, to show what the extension prevents.
    const controlProfile = { name: 'keycloak-only', executors: [{ executor: 'secret-rotation', configuration: shortPeriods }] };
    const policy = file.clientPolicies.policies.find((p: { name: string }) => p.name === contract.clientPolicy);
    const controlPolicy = {
      name: 'keycloak-only',
      enabled: true,
      conditions: [
        { condition: 'client-attributes', configuration: { attributes: JSON.stringify([{ key: CONTROL_MARKER, value: 'true' }]) } },
      ],
      profiles: ['keycloak-only'],
    };
    await admin.expect(201, 'POST', '', { realm: testRealm, enabled: true });
    await admin.expect(204, 'PUT', `/${testRealm}/client-policies/profiles`, { profiles: [focusProfile, controlProfile] });
    await admin.expect(204, 'PUT', `/${testRealm}/client-policies/policies`, { policies: [policy, controlPolicy] });
    managed = await createClient(admin, testRealm, apiClientRepresentation(uniqueName('managed')));
    const controlRep = apiClientRepresentation(uniqueName('control'));
    const attributes: Record<string, string> = { ...(controlRep.attributes as Record<string, string>), [CONTROL_MARKER]: 'true' };
    delete attributes[contract.apiClientAttributes.managed];
    control = await createClient(admin, testRealm, { ...controlRep, attributes });
  });

  afterAll(async () => {
    await admin.call('DELETE', `/${testRealm}`);
  });

  it('keeps a managed client working past the expiration period, where Keycloak alone would lock it out', async () => {
    expect(await status(testRealm, managed.clientId, managed.secret)).toBe(200);
    expect(await status(testRealm, control.clientId, control.secret)).toBe(200);
    expect(await clientAttributes(admin, testRealm, control.id)).toHaveProperty([SECRET_EXPIRES]);

    await sleep((EXPIRATION + 2) * 1000);

    expect(await status(testRealm, managed.clientId, managed.secret)).toBe(200);
    expect(await status(testRealm, control.clientId, control.secret)).toBe(401);
  });

  it('ends the previous secret by itself when the grace period is over', async () => {
    const second = await regenerate(testRealm, managed.id);
    expect(await status(testRealm, managed.clientId, managed.secret)).toBe(200);

    await sleep((GRACE + 2) * 1000);

    expect(await status(testRealm, managed.clientId, managed.secret)).toBe(401);
    expect(await status(testRealm, managed.clientId, second)).toBe(200);
  });
});
