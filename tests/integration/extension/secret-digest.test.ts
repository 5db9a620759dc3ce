/**
 * API clients on the digest authenticator, in the run's shared Keycloak: Keycloak keeps nothing of a secret but its
 * digest, the vendor authenticates exactly as before (basic or post), every refusal looks like a wrong secret from the
 * outside while the activity record says why, and outside a client's IP ranges every endpoint that authenticates clients gives a
 * right and a wrong secret the same answer. Requests leave from chosen loopback addresses (127.0.0.1, 127.0.0.2).
 */
import { randomBytes } from 'node:crypto';
import { contract } from '@focus-api-access/contract';
import { testStack } from '../../support/stack.js';
import {
  Admin,
  apiClientRepresentation,
  clientAttributes,
  createClient,
  createDigestClient,
  deleteClient,
  realm,
  send,
  tokenRequest,
  uniqueName,
  type ApiClientFixture,
  type HttpResult,
} from './support.js';
import { activityOf, eventually, refusalsOf } from './activity-support.js';

const attr = contract.apiClientAttributes;
const admin = new Admin();
const provisioner = Admin.asProvisioner();
const created: string[] = [];
const keycloakUrl = () => testStack().keycloakUrl;
const oidc = (path: string) => `${keycloakUrl()}/realms/${realm}/protocol/openid-connect${path}`;

async function digestClient(attributes: Record<string, string> = {}, headers: Record<string, string> = {}): Promise<ApiClientFixture> {
  const client = await createDigestClient(admin, realm, apiClientRepresentation(uniqueName('digest'), attributes, 'digest'), headers);
  created.push(client.id);
  return client;
}

afterAll(async () => {
  for (const id of created) await deleteClient(admin, realm, id);
});

/** The secret, and the encodings a careless store might have used for it. */
function encodings(secret: string): string[] {
  const bytes = Buffer.from(secret, 'utf8');
  return [secret, bytes.toString('base64'), bytes.toString('base64url'), bytes.toString('hex'), bytes.toString('hex').toUpperCase()];
}

function expectNoTraceOf(secret: string, where: string, text: string): void {
  for (const form of encodings(secret)) {
    // A long enough piece of any encoding would do to recover it; the whole of it certainly.
    expect({ where, found: text.includes(form) || text.includes(form.slice(0, 24)) }).toEqual({ where, found: false });
  }
}

const WRONG_SECRET_ANSWER = {
  status: 401,
  body: { error: 'invalid_client', error_description: 'Invalid client or Invalid client credentials' },
};
const answer = (result: HttpResult) => ({ status: result.status, body: result.body });

describe('after a generation', () => {
  let client: ApiClientFixture;
  beforeAll(async () => {
    client = await digestClient();
  });

  it('gives a secret of more than 256 bits, which works', async () => {
    expect(client.secret).toMatch(/^[A-Za-z0-9]{43,}$/);
    expect((await tokenRequest(keycloakUrl(), realm, client)).status).toBe(200);
  });

  it('leaves nothing of the secret but its digest in the admin API, for the realm administrator and the provisioner alike', async () => {
    for (const [who, account] of [
      ['realm administrator', admin],
      ['provisioner', provisioner],
    ] as const) {
      const one = await account.expect<Record<string, unknown>>(200, 'GET', `/${realm}/clients/${client.id}`);
      expect(one.body.secret ?? null).toBeNull();
      expect(one.body.clientAuthenticatorType).toBe(contract.secretAuthenticator);
      expect((one.body.attributes as Record<string, string>)[attr.secretDigest]).toMatch(/^hmac-sha256:[\w-]{22}:[\w-]{43}$/);
      const list = await account.expect(200, 'GET', `/${realm}/clients?clientId=${client.clientId}`);
      const secretField = await account.call('GET', `/${realm}/clients/${client.id}/client-secret`);
      const rotated = await account.call('GET', `/${realm}/clients/${client.id}/client-secret/rotated`);
      for (const [what, result] of Object.entries({ one, list, secretField, rotated })) {
        expectNoTraceOf(client.secret, `${who}: ${what}`, JSON.stringify(result.body));
      }
      expect(secretField.body.value ?? null).toBeNull();
    }
  });

  it('records who generated it and when, made in Keycloak rather than through the provisioner', async () => {
    const started = Date.now();
    const renewed = await admin.expect<{ value: string }>(200, 'POST', `/${realm}/clients/${client.id}/client-secret`);
    client = { ...client, secret: renewed.body.value };
    const attributes = (await admin.expect<Record<string, unknown>>(200, 'GET', `/${realm}/clients/${client.id}`)).body
      .attributes as Record<string, string>;
    expect(attributes[attr.credentialsGeneratedBy]).toBe(testStack().bootstrapAdmin.username);
    const at = Date.parse(attributes[attr.credentialsGeneratedAt] ?? '');
    // Keycloak's clock and this one agree within a second or so; the point is "now", not when the client was made.
    expect(at).toBeGreaterThanOrEqual(started - 5_000);
    expect(at).toBeLessThanOrEqual(Date.now() + 5_000);
    expect((await tokenRequest(keycloakUrl(), realm, client)).status).toBe(200);
  });

  it('keeps the secret working through an ordinary change, after which Keycloak has no secret of its own either', async () => {
    const creationTime = async () =>
      (
        (await admin.expect<Record<string, unknown>>(200, 'GET', `/${realm}/clients/${client.id}`)).body.attributes as Record<
          string,
          string
        >
      )['client.secret.creation.time'];
    const madeAt = await creationTime();
    expect(madeAt).toMatch(/^\d+$/);
    // Keycloak counts whole seconds: a change in a later second would show a new time if it stamped one.
    await new Promise((resolve) => setTimeout(resolve, 1100));
    await provisioner.expect(204, 'PUT', `/${realm}/clients/${client.id}`, { attributes: { [attr.ipRanges]: '127.0.0.0/8' } });
    const after = await admin.expect<Record<string, unknown>>(200, 'GET', `/${realm}/clients/${client.id}`);
    expect(after.body.secret ?? null).toBeNull();
    // The secret in use is as old as before: the one Keycloak put in the empty field for the update is gone, and so is its time.
    expect(await creationTime()).toBe(madeAt);
    expect((await tokenRequest(keycloakUrl(), realm, client)).status).toBe(200);
  });

  it('refuses a secret set by hand, also by a move off digests first, and keeps the working one; the client as read can be saved back', async () => {
    const chosen = `Chosen${randomBytes(24).toString('hex')}`;
    const path = `/${realm}/clients/${client.id}`;
    const digestBefore = (await admin.expect<{ attributes: Record<string, string> }>(200, 'GET', path)).body.attributes[attr.secretDigest];
    const refused = await admin.expect<Record<string, unknown>>(400, 'PUT', path, { secret: chosen });
    expect(String(refused.body.error_description)).toMatch(
      new RegExp(`^secret_not_settable: client ${client.clientId} authenticates with a generated secret`),
    );
    expectNoTraceOf(chosen, 'refusal', JSON.stringify(refused.body));
    // Nor in two steps, off the digest authenticator first (Keycloak would put a new secret in clear) and then the value.
    const moved = await admin.expect<Record<string, unknown>>(400, 'PUT', path, { clientAuthenticatorType: 'client-secret' });
    expect(String(moved.body.error_description)).toMatch(new RegExp(`^client_authenticator_fixed: client ${client.clientId} `));
    expect((await admin.expect<Record<string, unknown>>(200, 'GET', path)).body.clientAuthenticatorType).toBe(contract.secretAuthenticator);
    // Nor by planting a digest, keeping a secret longer, or switching off what the vendor's token requests need.
    const planted = `hmac-sha256:${'A'.repeat(22)}:${'A'.repeat(43)}`;
    for (const [change, word] of [
      [{ attributes: { [attr.secretDigest]: planted } }, 'secret_record_protected'],
      [{ attributes: { [attr.previousSecretDigest]: planted, [attr.previousSecretValidUntil]: '4102444800' } }, 'secret_record_protected'],
      [{ attributes: { 'client.secret.creation.time': '1' } }, 'secret_record_protected'],
      [{ publicClient: true }, 'client_type_fixed'],
      [{ bearerOnly: true }, 'client_type_fixed'],
      [{ protocol: 'saml' }, 'client_type_fixed'],
      [{ clientId: `${client.clientId}-renamed` }, 'client_id_fixed'],
      // Unmarked, none of this would hold for the next update, and the marker could be put back afterwards.
      [{ attributes: { [attr.managed]: '' } }, 'marker_protected'],
      // An answer "lost" by hand would make the next generation end the vendor's working secret at once.
      [{ attributes: { [attr.credentialsUndelivered]: 'any' } }, 'secret_record_protected'],
    ] as const) {
      const refusedChange = await admin.expect<Record<string, unknown>>(400, 'PUT', path, change);
      expect(String(refusedChange.body.error_description)).toMatch(new RegExp(`^${word}: `));
    }
    // The whole client as Keycloak's console reads it and sends it back on a save: its secret field is empty.
    const asRead = (await admin.expect<Record<string, unknown>>(200, 'GET', path)).body;
    await admin.expect(204, 'PUT', path, { ...asRead, secret: asRead.secret ?? '' });
    expect((await admin.expect<{ attributes: Record<string, string> }>(200, 'GET', path)).body.attributes[attr.secretDigest]).toBe(
      digestBefore,
    );
    expect((await tokenRequest(keycloakUrl(), realm, { ...client, secret: chosen })).status).toBe(401);
    expect((await tokenRequest(keycloakUrl(), realm, client)).status).toBe(200);
  });
});

describe('the vendor', () => {
  let client: ApiClientFixture;
  beforeAll(async () => {
    client = await digestClient();
  });

  it('authenticates with client_secret_post and with client_secret_basic, as before', async () => {
    const post = await tokenRequest(keycloakUrl(), realm, client);
    expect(post.status).toBe(200);
    const basic = await send(oidc('/token'), {
      method: 'POST',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        authorization: `Basic ${Buffer.from(`${encodeURIComponent(client.clientId)}:${encodeURIComponent(client.secret)}`).toString('base64')}`,
      },
      body: 'grant_type=client_credentials',
      host: '127.0.0.1',
    });
    expect(basic.status).toBe(200);
    expect(basic.body.access_token).toEqual(expect.any(String));
  });
});

/**
 * A token request refused with a wrong secret's answer, and recorded by the activity listener under `reason` with
 * Keycloak's `error`, from the caller's address. The realm stores no events: the record is where the reason shows.
 * Each case has a client of its own, so its refusal is the first the record sees for that reason (written at once).
 */
async function refusedWith(
  client: ApiClientFixture,
  call: Parameters<typeof tokenRequest>[2],
  reason: string,
  error = 'invalid_client_credentials',
): Promise<void> {
  const result = await tokenRequest(keycloakUrl(), realm, call);
  expect(answer(result)).toEqual(WRONG_SECRET_ANSWER);
  const recorded = await eventually(
    () => refusalsOf(client.id, reason),
    (page) => page.total > 0,
  );
  expect(recorded.items).toEqual([expect.objectContaining({ address: call.from, error, refusals: 1 })]);
  expect((await activityOf(client.id)).refusals.map((r) => r.reason)).toEqual([reason]);
}

describe('refusals look alike from outside and are told apart in the activity record', () => {
  const restricted = () => digestClient({ [attr.ipRanges]: '127.0.0.1/32' });

  it('a wrong secret', async () => {
    const client = await restricted();
    await refusedWith(client, { ...client, secret: `${client.secret.slice(0, -1)}x`, from: '127.0.0.1' }, 'bad_secret');
  });

  it('the right secret from outside the ranges, with the address', async () => {
    const client = await restricted();
    await refusedWith(client, { ...client, from: '127.0.0.2' }, 'ip_not_allowed');
  });

  it('a wrong secret from outside the ranges is refused for the address: the secret is not looked at', async () => {
    const client = await restricted();
    await refusedWith(client, { ...client, secret: 'wrong', from: '127.0.0.2' }, 'ip_not_allowed');
  });

  it('an expired secret', async () => {
    const client = await restricted();
    await admin.expect(204, 'PUT', `/${realm}/clients/${client.id}`, {
      attributes: { [attr.secretExpiresAt]: String(Math.floor(Date.now() / 1000) - 1) },
    });
    await refusedWith(client, { ...client, from: '127.0.0.1' }, 'expired');
    // An expiry brought forward by hand (to end a leaked secret) cannot be taken back by hand: only new credentials.
    const back = await admin.expect<Record<string, unknown>>(400, 'PUT', `/${realm}/clients/${client.id}`, {
      attributes: { [attr.secretExpiresAt]: '' },
    });
    expect(String(back.body.error_description)).toMatch(/^secret_record_protected: the attribute focus\.secret\.expires-at /);
    expect((await tokenRequest(keycloakUrl(), realm, { ...client, from: '127.0.0.1' })).status).toBe(401);
  });

  it('a disabled client, when the secret is right; a wrong secret stays a wrong secret', async () => {
    const client = await restricted();
    await admin.expect(204, 'PUT', `/${realm}/clients/${client.id}`, { enabled: false });
    await refusedWith(client, { ...client, from: '127.0.0.1' }, 'disabled', 'client_disabled');
    const other = await restricted();
    await admin.expect(204, 'PUT', `/${realm}/clients/${other.id}`, { enabled: false });
    await refusedWith(other, { ...other, secret: 'wrong', from: '127.0.0.1' }, 'bad_secret');
  });

  it('no secret at all', async () => {
    const client = await restricted();
    const result = await send(oidc('/token'), {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ grant_type: 'client_credentials', client_id: client.clientId }).toString(),
      localAddress: '127.0.0.1',
      host: '127.0.0.1',
    });
    expect(answer(result)).toEqual(WRONG_SECRET_ANSWER);
  });
});

/** Every endpoint where Keycloak authenticates a client, with a request a confidential client may make there. */
const ENDPOINTS: ReadonlyArray<{ name: string; path: string; form: Record<string, string> }> = [
  { name: 'token', path: '/token', form: { grant_type: 'client_credentials' } },
  { name: 'introspection', path: '/token/introspect', form: { token: 'not-a-token' } },
  { name: 'revocation', path: '/revoke', form: { token: 'not-a-token' } },
  {
    name: 'pushed authorization request',
    path: '/ext/par/request',
    form: { response_type: 'code', redirect_uri: 'https://vendor.example/cb', scope: 'openid' },
  },
  { name: 'device authorization', path: '/auth/device', form: { scope: 'openid' } },
  { name: 'CIBA backchannel authentication', path: '/ext/ciba/auth', form: { scope: 'openid', login_hint: 'nobody' } },
];

describe('outside the IP ranges, at every endpoint where a client authenticates', () => {
  let client: ApiClientFixture;
  beforeAll(async () => {
    client = await digestClient({ [attr.ipRanges]: '127.0.0.1/32' });
  });

  function call(path: string, form: Record<string, string>, secret: string, from: string): Promise<HttpResult> {
    return send(oidc(path), {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ ...form, client_id: client.clientId, client_secret: secret }).toString(),
      localAddress: from,
      host: '127.0.0.1',
    });
  }

  it.each(ENDPOINTS)(
    '$name: a right and a wrong secret get the same answer, which is the wrong secret’s answer inside',
    async ({ path, form }) => {
      const wrong = `${client.secret.slice(0, -2)}zz`;
      const outsideRight = await call(path, form, client.secret, '127.0.0.2');
      const outsideWrong = await call(path, form, wrong, '127.0.0.2');
      const insideWrong = await call(path, form, wrong, '127.0.0.1');
      const insideRight = await call(path, form, client.secret, '127.0.0.1');
      expect(answer(outsideRight)).toEqual(answer(outsideWrong));
      expect(answer(outsideRight)).toEqual(answer(insideWrong));
      // Inside, the right secret gets past client authentication: the endpoint really authenticates the client.
      expect(answer(insideRight)).not.toEqual(answer(insideWrong));
    },
  );

  it.each(ENDPOINTS)('$name: the refusal is recorded as what it was, from the address Keycloak saw', async ({ path, form }) => {
    const own = await digestClient({ [attr.ipRanges]: '127.0.0.1/32' });
    const result = await send(oidc(path), {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ ...form, client_id: own.clientId, client_secret: own.secret }).toString(),
      localAddress: '127.0.0.2',
      host: '127.0.0.1',
    });
    // Refused (each endpoint words a failed client authentication its own way; the test above compares them).
    expect(result.status).toBe(401);
    const recorded = await eventually(
      () => refusalsOf(own.id, 'ip_not_allowed'),
      (page) => page.total > 0,
    );
    expect(recorded.items).toEqual([expect.objectContaining({ address: '127.0.0.2', refusals: 1 })]);
  });

  it.each(ENDPOINTS)('$name: a Client ID nobody has gets the answer a wrong secret gets', async ({ path, form }) => {
    const unknown = await send(oidc(path), {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ ...form, client_id: uniqueName('api-nobody'), client_secret: client.secret }).toString(),
      localAddress: '127.0.0.1',
      host: '127.0.0.1',
    });
    const wrong = await call(path, form, `${client.secret.slice(0, -2)}zz`, '127.0.0.1');
    expect(answer(unknown)).toEqual(answer(wrong));
  });

  it('a secret sent both in the header and in the form is refused like a wrong one, even when both are right', async () => {
    const both = await send(oidc('/token'), {
      method: 'POST',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        authorization: `Basic ${Buffer.from(`${encodeURIComponent(client.clientId)}:${encodeURIComponent(client.secret)}`).toString('base64')}`,
      },
      body: new URLSearchParams({ grant_type: 'client_credentials', client_id: client.clientId, client_secret: client.secret }).toString(),
      localAddress: '127.0.0.1',
      host: '127.0.0.1',
    });
    expect(answer(both)).toEqual(WRONG_SECRET_ANSWER);
  });

  it('inside, tokens flow', async () => {
    const inside = await tokenRequest(keycloakUrl(), realm, { ...client, from: '127.0.0.1' });
    expect(inside.status).toBe(200);
    expect(inside.body.access_token).toEqual(expect.any(String));
  });
});

describe('a client created before digests (client-secret)', () => {
  let legacy: ApiClientFixture;
  beforeAll(async () => {
    legacy = await createClient(admin, realm, apiClientRepresentation(uniqueName('legacy')));
    created.push(legacy.id);
  });

  it('keeps working, and moves to digests at its next generation, its old secret in the grace period', async () => {
    expect((await tokenRequest(keycloakUrl(), realm, legacy)).status).toBe(200);
    const renewed = await admin.expect<{ value: string }>(200, 'POST', `/${realm}/clients/${legacy.id}/client-secret`);
    const after = await admin.expect<Record<string, unknown>>(200, 'GET', `/${realm}/clients/${legacy.id}`);
    expect(after.body.clientAuthenticatorType).toBe(contract.secretAuthenticator);
    expect(after.body.secret ?? null).toBeNull();
    expect(after.body.attributes).not.toHaveProperty(['client.secret.rotated']);
    expectNoTraceOf(legacy.secret, 'moved client', JSON.stringify(after.body));
    expectNoTraceOf(renewed.body.value, 'moved client', JSON.stringify(after.body));
    expect((await tokenRequest(keycloakUrl(), realm, { ...legacy, secret: renewed.body.value })).status).toBe(200);
    expect((await tokenRequest(keycloakUrl(), realm, legacy)).status).toBe(200);
  });

  it("keeps a secret a realm administrator gave at creation in the grace period of the provisioner's first generation", async () => {
    const given = await createClient(admin, realm, apiClientRepresentation(uniqueName('given')));
    created.push(given.id);
    expect((await clientAttributes(admin, realm, given.id))[attr.credentialsRequest]).toBeUndefined();
    const key = randomBytes(24).toString('base64url');
    await provisioner.expect(200, 'POST', `/${realm}/clients/${given.id}/client-secret`, undefined, { 'Idempotency-Key': key });
    expect((await clientAttributes(admin, realm, given.id))[attr.previousSecretValidUntil]).toMatch(/^\d+$/);
    expect((await tokenRequest(keycloakUrl(), realm, given)).status).toBe(200);
  });
});
