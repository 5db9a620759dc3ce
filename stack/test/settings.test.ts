import { readSettings, SettingsError } from '../src/settings.js';

describe('readSettings', () => {
  it('uses the documented defaults', () => {
    const settings = readSettings({});
    expect(settings).toMatchObject({
      runtime: 'process',
      keycloakPort: 8080,
      managementPort: 9000,
      provisionerPort: 3000,
      provisionerManagementPort: 9300,
      proxyHeaders: undefined,
      secretGraceSeconds: 86400,
    });
  });

  it.each([
    [{ KC_HTTP_PORT: 'eighty' }, /KC_HTTP_PORT/],
    [{ KC_MANAGEMENT_PORT: '70000' }, /KC_MANAGEMENT_PORT/],
    [{ PROVISIONER_MANAGEMENT_PORT: 'x' }, /PROVISIONER_MANAGEMENT_PORT/],
    [{ KEYCLOAK_RUNTIME: 'podman' }, /KEYCLOAK_RUNTIME/],
    [{ KC_PROXY_HEADERS: 'x-forwarded-for' }, /KC_PROXY_HEADERS/],
    [{ KC_PROXY_TRUSTED_ADDRESSES: '10.0.0.1' }, /KC_PROXY_HEADERS is not/],
    [{ KC_PROXY_HEADERS: 'xforwarded' }, /KC_PROXY_TRUSTED_ADDRESSES is empty/],
    [{ KC_PROXY_HEADERS: 'forwarded', KC_PROXY_TRUSTED_ADDRESSES: ' , ' }, /KC_PROXY_TRUSTED_ADDRESSES is empty/],
    [{ FOCUS_SECRET_GRACE_SECONDS: '-1' }, /FOCUS_SECRET_GRACE_SECONDS/],
  ])('refuses %j naming the variable', (env, message) => {
    expect(() => readSettings(env)).toThrow(SettingsError);
    expect(() => readSettings(env)).toThrow(message);
  });

  it('reads proxy settings as a list', () => {
    const settings = readSettings({ KC_PROXY_HEADERS: 'xforwarded', KC_PROXY_TRUSTED_ADDRESSES: '10.0.0.1, 192.168.0.0/16' });
    expect(settings.proxyTrustedAddresses).toEqual(['10.0.0.1', '192.168.0.0/16']);
  });
});
