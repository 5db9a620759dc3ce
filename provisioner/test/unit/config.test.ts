import { ConfigError, DEFAULTS, readKeycloakAccess, readRealmAdminConfig, readServerConfig, type Env } from '../../src/config.js';

const valid = { KEYCLOAK_URL: 'http://localhost:8080/', FOCUS_PROVISIONER_SECRET: 's3cr3t-value' };

function problemsOf(read: () => unknown): readonly string[] {
  try {
    read();
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as ConfigError).problems;
  }
  throw new Error('no ConfigError');
}

describe('readServerConfig', () => {
  test('defaults and a frozen result', () => {
    const config = readServerConfig(valid);
    expect(config).toMatchObject({
      keycloakUrls: ['http://localhost:8080'],
      keycloakPublicUrl: 'http://localhost:8080',
      port: DEFAULTS.port,
      managementPort: DEFAULTS.managementPort,
      keycloakTimeoutMs: DEFAULTS.keycloakTimeoutMs,
      clientId: 'api-access-provisioner',
      corsOrigins: [],
      authorizedParties: ['focus-admin', 'focus-api-access-cli'],
      requiredAcr: [],
      secretExpiryWarningDays: 30,
    });
    expect(Object.isFrozen(config)).toBe(true);
    expect(Object.isFrozen(config.keycloakUrls)).toBe(true);
  });

  test('one URL per Keycloak node: the public URL defaults to the first, and stays its own when set', () => {
    const nodes = { ...valid, KEYCLOAK_URL: 'http://kc-1:8080, http://kc-2:8080/' };
    expect(readServerConfig(nodes)).toMatchObject({
      keycloakUrls: ['http://kc-1:8080', 'http://kc-2:8080'],
      keycloakPublicUrl: 'http://kc-1:8080',
    });
    expect(readServerConfig({ ...nodes, KEYCLOAK_PUBLIC_URL: 'https://sso.focus.example/' })).toMatchObject({
      keycloakPublicUrl: 'https://sso.focus.example',
    });
  });

  test('the warning window for expiring secrets, shared with the CLI', () => {
    expect(readServerConfig({ ...valid, PROVISIONER_SECRET_EXPIRY_WARNING_DAYS: '14' }).secretExpiryWarningDays).toBe(14);
    expect(readKeycloakAccess({ ...valid, PROVISIONER_SECRET_EXPIRY_WARNING_DAYS: '14' }).secretExpiryWarningDays).toBe(14);
  });

  test('lists: the clients whose tokens count, and the login levels changes need', () => {
    expect(
      readServerConfig({ ...valid, PROVISIONER_AUTHORIZED_PARTIES: 'focus-admin, focus-host', PROVISIONER_REQUIRED_ACR: 'mfa' }),
    ).toMatchObject({
      authorizedParties: ['focus-admin', 'focus-host'],
      requiredAcr: ['mfa'],
    });
  });

  test.each<[Env, string[]]>([
    [{}, ['KEYCLOAK_URL is required', 'FOCUS_PROVISIONER_SECRET is required']],
    [{ ...valid, KEYCLOAK_URL: 'ftp://x' }, ['KEYCLOAK_URL must be an http(s) URL']],
    [{ ...valid, KEYCLOAK_URL: 'http://kc-1:8080,kc-2:8080' }, ['KEYCLOAK_URL entry 2 must be an http(s) URL, got "kc-2:8080"']],
    [{ ...valid, KEYCLOAK_URL: 'http://kc-1:8080,http://kc-1:8080/' }, ['KEYCLOAK_URL lists http://kc-1:8080 twice (entries 1 and 2)']],
    [{ ...valid, KEYCLOAK_PUBLIC_URL: 'sso.focus.example' }, ['KEYCLOAK_PUBLIC_URL must be an http(s) URL']],
    [{ ...valid, PROVISIONER_PORT: '70000' }, ['PROVISIONER_PORT must be a whole number']],
    [{ ...valid, PROVISIONER_MANAGEMENT_PORT: 'nine' }, ['PROVISIONER_MANAGEMENT_PORT must be a whole number']],
    [
      { ...valid, PROVISIONER_KEYCLOAK_TIMEOUT_MS: '10s' },
      ['PROVISIONER_KEYCLOAK_TIMEOUT_MS must be a whole number between 100 and 120000, got "10s"'],
    ],
    [
      { ...valid, PROVISIONER_CORS_ORIGINS: 'https://ok.example, https://bad.example/path' },
      ['PROVISIONER_CORS_ORIGINS must list origins'],
    ],
    [{ ...valid, PROVISIONER_LOG_LEVEL: 'loud' }, ['PROVISIONER_LOG_LEVEL must be one of']],
    [{ ...valid, PROVISIONER_TRUST_PROXY: 'yes' }, ['PROVISIONER_TRUST_PROXY must be']],
    [{ ...valid, PROVISIONER_AUTHORIZED_PARTIES: ' , ' }, ['PROVISIONER_AUTHORIZED_PARTIES must name at least one client']],
    [
      { ...valid, PROVISIONER_SECRET_EXPIRY_WARNING_DAYS: '0' },
      ['PROVISIONER_SECRET_EXPIRY_WARNING_DAYS must be a whole number between 1 and 730'],
    ],
  ])('%j is refused with one message per variable', (env, messages) => {
    const problems = problemsOf(() => readServerConfig(env));
    expect(problems).toHaveLength(messages.length);
    messages.forEach((m, i) => expect(problems[i]).toContain(m));
  });

  test('never repeats the secret in a message', () => {
    expect(() => readServerConfig({ FOCUS_PROVISIONER_SECRET: 's3cr3t-value', KEYCLOAK_URL: 'nope' })).toThrow(ConfigError);
    expect(problemsOf(() => readServerConfig({ FOCUS_PROVISIONER_SECRET: 's3cr3t-value', KEYCLOAK_URL: 'nope' })).join('\n')).not.toContain(
      's3cr3t-value',
    );
  });
});

describe('the CLI reads the same variables the same way', () => {
  test('its service-account access matches the server', () => {
    const env = { ...valid, PROVISIONER_KEYCLOAK_TIMEOUT_MS: '2500', PROVISIONER_CLIENT_ID: 'other-provisioner' };
    const { keycloakUrls, keycloakPublicUrl, clientId, keycloakTimeoutMs } = readServerConfig(env);
    expect(readKeycloakAccess(env)).toMatchObject({ keycloakUrls, keycloakPublicUrl, clientId, keycloakTimeoutMs });
  });

  test('a garbage timeout is refused, not replaced by the default', () => {
    expect(problemsOf(() => readKeycloakAccess({ ...valid, PROVISIONER_KEYCLOAK_TIMEOUT_MS: 'soon' }))).toEqual([
      expect.stringContaining('PROVISIONER_KEYCLOAK_TIMEOUT_MS'),
    ]);
  });

  test('realm apply: a realm administrator, as a user or a client', () => {
    expect(
      readRealmAdminConfig({ KEYCLOAK_URL: 'http://kc:8080', KEYCLOAK_ADMIN_USERNAME: 'admin', KEYCLOAK_ADMIN_PASSWORD: 'pw' }),
    ).toMatchObject({
      keycloakUrls: ['http://kc:8080'],
      adminRealm: 'master',
      credentials: { kind: 'user', username: 'admin' },
      keycloakTimeoutMs: DEFAULTS.keycloakTimeoutMs,
    });
    expect(
      readRealmAdminConfig({
        KEYCLOAK_URL: 'http://kc:8080',
        KEYCLOAK_ADMIN_CLIENT_ID: 'ops',
        KEYCLOAK_ADMIN_CLIENT_SECRET: 'x',
        KEYCLOAK_ADMIN_REALM: 'ops',
      }),
    ).toMatchObject({ adminRealm: 'ops', credentials: { kind: 'client', clientId: 'ops' } });
    expect(problemsOf(() => readRealmAdminConfig({ KEYCLOAK_URL: 'http://kc:8080', KEYCLOAK_ADMIN_USERNAME: 'admin' }))).toEqual([
      expect.stringContaining('a realm administrator is required'),
    ]);
  });
});
