import { buildApp } from '../../src/http/build.js';
import { buildManagementApp } from '../../src/http/management.js';
import { createMetrics } from '../../src/http/metrics.js';
import type { KeycloakGateway } from '../../src/core/gateway.js';
import type { ExpiringSecret } from '../../src/core/model.js';
import type { TokenVerifier } from '../../src/http/auth.js';

const CLIENT_ID = 'c0ffee00-1234-4abc-8def-000000000001';

/** Keycloak answers nothing useful here: only the metrics of the answers matter. */
const gateway = new Proxy({} as KeycloakGateway, {
  get: () => async () => {
    throw new Error('no Keycloak in this test');
  },
});
const verifier: TokenVerifier = {
  async verify() {
    return { subject: 's', username: 'manager', roles: ['oauthclient.OAUTH_MANAGE_all'], mayManage: true, acr: undefined };
  },
};

describe('GET /metrics on the management listener', () => {
  let url: string;
  let managementUrl: string;
  let close: () => Promise<void>;

  beforeAll(async () => {
    const metrics = createMetrics();
    const app = await buildApp({
      gateway,
      verifier,
      tokenEndpoint: 'http://kc/token',
      corsOrigins: [],
      credentialsPerMinute: 10,
      metrics,
      logger: false,
    });
    const management = await buildManagementApp({ gateway, metrics, logger: false });
    url = await app.listen({ port: 0, host: '127.0.0.1' });
    managementUrl = await management.listen({ port: 0, host: '127.0.0.1' });
    close = async () => {
      await app.close();
      await management.close();
    };
  });
  afterAll(() => close());

  it("is not served on the API's (and the page's) port", async () => {
    expect((await fetch(`${url}/metrics`)).status).toBe(404);
  });

  async function metrics(): Promise<string> {
    const response = await fetch(`${managementUrl}/metrics`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('text/plain');
    return response.text();
  }

  it('counts requests per route template and status, and times them', async () => {
    await fetch(`${url}/healthz`);
    await fetch(`${url}/healthz`);
    await fetch(`${url}/api/v1/clients/${CLIENT_ID}`, { headers: { authorization: 'Bearer x' } });
    const text = await metrics();
    expect(text).toMatch(/^focus_provisioner_http_requests_total\{method="GET",route="\/healthz",status_code="200"\} 2$/m);
    expect(text).toMatch(/^focus_provisioner_http_requests_total\{method="GET",route="\/api\/v1\/clients\/:id",status_code="\d{3}"\} 1$/m);
    expect(text).toMatch(/^focus_provisioner_http_request_duration_seconds_count\{method="GET",route="\/healthz"\} 2$/m);
    expect(text).toMatch(/^focus_provisioner_process_cpu_seconds_total /m);
  });

  it('never puts what a caller sent into a label', async () => {
    await fetch(`${url}/no/such/path/Eaglebe-secret-name`);
    const text = await metrics();
    expect(text).toContain('route="unmatched"');
    expect(text).not.toContain(CLIENT_ID);
    expect(text).not.toContain('Eaglebe-secret-name');
    expect(text).not.toContain('route="/metrics"');
  });
});

describe('secrets that expire soon, as gauges', () => {
  it('are counted from the expiring secrets, once per interval, and have no sample while Keycloak was never reached', async () => {
    let calls = 0;
    let answer: () => Promise<ExpiringSecret[]> = async () => Promise.reject(new Error('Keycloak down'));
    const metrics = createMetrics({
      secrets: {
        expiringSecrets: () => {
          calls++;
          return answer();
        },
        warningDays: 30,
      },
    });
    const before = await metrics.registry.metrics();
    expect(before).toContain('# HELP focus_provisioner_api_client_secrets API clients whose secret expires within 30 days');
    expect(before).not.toMatch(/^focus_provisioner_api_client_secrets\{/m);

    const expiring = (id: string, secretExpiry: 'expiring' | 'expired'): ExpiringSecret => ({
      id,
      clientId: id,
      name: id,
      secretExpiresAt: '2026-01-01T00:00:00.000Z',
      secretExpiry,
    });
    answer = async () => [expiring('a', 'expired'), expiring('b', 'expiring'), expiring('c', 'expiring')];
    const text = await metrics.registry.metrics();
    expect(text).toMatch(/^focus_provisioner_api_client_secrets\{expiry="expiring"\} 2$/m);
    expect(text).toMatch(/^focus_provisioner_api_client_secrets\{expiry="expired"\} 1$/m);
    const counted = calls;
    await metrics.registry.metrics();
    expect(calls).toBe(counted);
  });
});
