import { ConfigError, readConfig } from '../../src/http/config.js';

const valid = { KEYCLOAK_URL: 'http://localhost:8080/', FOCUS_PROVISIONER_SECRET: 's3cr3t-value' };

describe('readConfig', () => {
  test('defaults and a frozen result', () => {
    const config = readConfig(valid);
    expect(config).toMatchObject({
      keycloakUrls: ['http://localhost:8080'],
      keycloakPublicUrl: 'http://localhost:8080',
      port: 3000,
      clientId: 'api-access-provisioner',
      corsOrigins: [],
    });
    expect(Object.isFrozen(config)).toBe(true);
    expect(Object.isFrozen(config.keycloakUrls)).toBe(true);
  });

  test('one URL per Keycloak node: the public URL defaults to the first, and stays its own when set', () => {
    const nodes = { ...valid, KEYCLOAK_URL: 'http://kc-1:8080, http://kc-2:8080/' };
    expect(readConfig(nodes)).toMatchObject({
      keycloakUrls: ['http://kc-1:8080', 'http://kc-2:8080'],
      keycloakPublicUrl: 'http://kc-1:8080',
    });
    expect(readConfig({ ...nodes, KEYCLOAK_PUBLIC_URL: 'https://sso.focus.example/' })).toMatchObject({
      keycloakUrls: ['http://kc-1:8080', 'http://kc-2:8080'],
      keycloakPublicUrl: 'https://sso.focus.example',
    });
  });

  test.each([
    [{}, ['KEYCLOAK_URL is required', 'FOCUS_PROVISIONER_SECRET is required']],
    [{ ...valid, KEYCLOAK_URL: 'ftp://x' }, ['KEYCLOAK_URL must be an http(s) URL']],
    [{ ...valid, KEYCLOAK_URL: 'http://kc-1:8080,kc-2:8080' }, ['KEYCLOAK_URL entry 2 must be an http(s) URL, got "kc-2:8080"']],
    [{ ...valid, KEYCLOAK_URL: 'http://kc-1:8080,http://kc-1:8080/' }, ['KEYCLOAK_URL lists http://kc-1:8080 twice (entries 1 and 2)']],
    [{ ...valid, PROVISIONER_PORT: '70000' }, ['PROVISIONER_PORT must be a whole number']],
    [
      { ...valid, PROVISIONER_CORS_ORIGINS: 'https://ok.example, https://bad.example/path' },
      ['PROVISIONER_CORS_ORIGINS must list origins'],
    ],
    [{ ...valid, PROVISIONER_LOG_LEVEL: 'loud' }, ['PROVISIONER_LOG_LEVEL must be one of']],
    [{ ...valid, PROVISIONER_TRUST_PROXY: 'yes' }, ['PROVISIONER_TRUST_PROXY must be']],
  ])('%j is refused with one message per variable', (env, messages) => {
    let error: unknown;
    try {
      readConfig(env);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const problems = (error as ConfigError).problems;
    expect(problems).toHaveLength(messages.length);
    messages.forEach((m, i) => expect(problems[i]).toContain(m));
  });

  test('never repeats the secret in a message', () => {
    try {
      readConfig({ FOCUS_PROVISIONER_SECRET: 's3cr3t-value', KEYCLOAK_URL: 'nope' });
    } catch (e) {
      expect((e as Error).message).not.toContain('s3cr3t-value');
    }
  });
});
