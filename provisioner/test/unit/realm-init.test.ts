import { readFileSync } from 'node:fs';
import { UnauthorizedError, ValidationError } from '../../src/core/errors.js';
import { BRUTE_FORCE_FIELDS, bruteForceOf, initRealm, type InitAdminGateway, type InitDeps } from '../../src/realm/init.js';
import type { Json } from '../../src/realm/realm-file.js';

const file: Json = JSON.parse(readFileSync(new URL('../../../realm-config/focus-realm.json', import.meta.url), 'utf8'));
const bruteForce = bruteForceOf(file);
/** Realm master as Keycloak creates it: brute-force protection off, Keycloak's default of 30 failures. */
const keycloakDefaults = { ...bruteForce, bruteForceProtected: false, failureFactor: 30 };

/** Keycloak as the use case sees it, recording what was done, in order. */
function keycloak(state: { secret: string; master: Json; frontendUrl?: string; adminRefused?: boolean; storesSecret?: boolean }) {
  const calls: string[] = [];
  const admin: InitAdminGateway = {
    async readAdminRealm() {
      calls.push('read master');
      return { bruteForce: { ...state.master }, frontendUrl: state.frontendUrl };
    },
    async updateAdminRealm(changes) {
      calls.push(`update master ${JSON.stringify(changes)}`);
      Object.assign(state.master, changes);
      if (changes.attributes?.frontendUrl) state.frontendUrl = changes.attributes.frontendUrl;
    },
    async setProvisionerSecret(secret) {
      calls.push('set secret');
      if (state.storesSecret !== false) state.secret = secret;
    },
  };
  const deps: InitDeps = {
    async provisionerSecretWorks(secret) {
      calls.push('check secret');
      return secret === state.secret;
    },
    async admin() {
      calls.push('admin login');
      if (state.adminRefused) throw new UnauthorizedError('Administrator login: Keycloak refused the credentials (HTTP 401)');
      return admin;
    },
  };
  return { deps, calls, state };
}

describe('initRealm', () => {
  it('on a fresh import sets the secret first, then protects realm master and serves it at the admin URL, in one update', async () => {
    const kc = keycloak({ secret: 'generated-by-keycloak', master: { ...keycloakDefaults } });
    const outcome = await initRealm(kc.deps, { provisionerSecret: 'from-env', bruteForce, adminUrl: 'http://127.0.0.1:8080' });
    expect(kc.state.secret).toBe('from-env');
    expect(kc.calls).toEqual([
      'check secret',
      'admin login',
      'set secret',
      'check secret',
      'read master',
      `update master ${JSON.stringify({ bruteForceProtected: true, failureFactor: 5, attributes: { frontendUrl: 'http://127.0.0.1:8080' } })}`,
    ]);
    expect(outcome.changes).toEqual([
      "the provisioner's client secret set from FOCUS_PROVISIONER_SECRET",
      'realm master: brute-force protection bruteForceProtected=true, failureFactor=5',
      'realm master: served at the admin URL http://127.0.0.1:8080',
    ]);
    expect(JSON.stringify(outcome)).not.toContain('from-env');
  });

  it('changes nothing the second time', async () => {
    const kc = keycloak({ secret: 'from-env', master: { ...bruteForce }, frontendUrl: 'http://127.0.0.1:8080' });
    const outcome = await initRealm(kc.deps, { provisionerSecret: 'from-env', bruteForce, adminUrl: 'http://127.0.0.1:8080' });
    expect(outcome).toEqual({ changes: [] });
    expect(kc.calls).toEqual(['check secret', 'admin login', 'read master']);
  });

  it("leaves realm master's frontend URL alone without an admin URL", async () => {
    const kc = keycloak({ secret: 'from-env', master: { ...bruteForce }, frontendUrl: 'https://admin.example' });
    expect(await initRealm(kc.deps, { provisionerSecret: 'from-env', bruteForce, adminUrl: undefined })).toEqual({ changes: [] });
  });

  it('succeeds without an administrator when the secret works and the administrator cannot log in (a replaced bootstrap admin)', async () => {
    const kc = keycloak({ secret: 'from-env', master: { ...keycloakDefaults }, adminRefused: true });
    const outcome = await initRealm(kc.deps, { provisionerSecret: 'from-env', bruteForce, adminUrl: undefined });
    expect(outcome).toEqual({ changes: [], adminSkipped: 'Administrator login: Keycloak refused the credentials (HTTP 401)' });
    expect(kc.calls).toEqual(['check secret', 'admin login']);
  });

  it('fails when the secret must be set and the administrator cannot log in, changing nothing', async () => {
    const kc = keycloak({ secret: 'generated-by-keycloak', master: { ...keycloakDefaults }, adminRefused: true });
    const attempt = initRealm(kc.deps, { provisionerSecret: 'from-env', bruteForce, adminUrl: undefined });
    await expect(attempt).rejects.toBeInstanceOf(UnauthorizedError);
    await expect(attempt).rejects.toThrow(/An administrator is needed: Keycloak does not accept FOCUS_PROVISIONER_SECRET/);
    expect(kc.calls).toEqual(['check secret', 'admin login']);
  });

  it('fails when Keycloak still refuses the secret it was given, before touching realm master', async () => {
    const kc = keycloak({ secret: 'generated-by-keycloak', master: { ...keycloakDefaults }, storesSecret: false });
    await expect(initRealm(kc.deps, { provisionerSecret: 'from-env', bruteForce, adminUrl: undefined })).rejects.toThrow(ValidationError);
    expect(kc.calls).not.toContain('read master');
  });
});

describe('bruteForceOf', () => {
  it("takes realm focus's brute-force settings from the realm file, protection on", () => {
    expect(Object.keys(bruteForce)).toEqual([...BRUTE_FORCE_FIELDS]);
    expect(bruteForce).toMatchObject({ bruteForceProtected: true, permanentLockout: false, failureFactor: 5 });
  });

  it.each([
    ['protection off', { bruteForceProtected: false }],
    ['a setting missing', { failureFactor: undefined }],
    ['a setting of the wrong type', { maxFailureWaitSeconds: '900' }],
  ])('refuses a realm file with %s', (_, change) => {
    expect(() => bruteForceOf({ ...file, ...change })).toThrow(ValidationError);
  });
});
