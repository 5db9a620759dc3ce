/**
 * Needs a Keycloak of its own (one per run of this file): started with proxy headers trusted from 127.0.0.1
 * only, and listening on all IPv4 and IPv6 addresses, which the shared instance does not do.
 * That proves (1) a forwarded address counts only from a trusted proxy, (2) IPv6 callers are matched.
 */
import { freePorts, readSettings, startKeycloak, type RunningKeycloak } from '@focus-api-access/stack';
import { contract } from '@focus-api-access/contract';
import {
  Admin,
  apiClientRepresentation,
  createClient,
  tokenRequest,
  uniqueName,
  type ApiClientFixture,
  type TokenCall,
} from './support.js';

const IP_RANGES = contract.apiClientAttributes.ipRanges;
let keycloak: RunningKeycloak;
let admin: Admin;

beforeAll(async () => {
  const [http, management] = (await freePorts(2)) as [number, number];
  const settings = { ...readSettings(), proxyHeaders: 'xforwarded' as const, proxyTrustedAddresses: ['127.0.0.1/32'] };
  // Keycloak reads KC_HTTP_HOST from its environment; the stack has no setting for it. Only this child gets it.
  const previous = process.env.KC_HTTP_HOST;
  process.env.KC_HTTP_HOST = '::';
  try {
    keycloak = await startKeycloak({ settings, ephemeral: true, ports: { http, management }, demoUsers: false });
  } finally {
    if (previous === undefined) delete process.env.KC_HTTP_HOST;
    else process.env.KC_HTTP_HOST = previous;
  }
  admin = new Admin({ keycloakUrl: keycloak.url, bootstrapAdmin: keycloak.secrets.bootstrapAdmin });
  // This instance's public URL is plain http, so realm focus (sslRequired=external) would answer a caller with a
  // public forwarded address "HTTPS required" before any client policy runs. Production serves https.
  const current = await admin.expect<Record<string, unknown>>(200, 'GET', `/${contract.realm}`);
  await admin.expect(204, 'PUT', `/${contract.realm}`, { ...current.body, sslRequired: 'none' });
}, 300_000);

afterAll(async () => {
  await keycloak?.stop();
}, 60_000);

async function apiClient(ranges: string): Promise<ApiClientFixture> {
  return createClient(admin, contract.realm, apiClientRepresentation(uniqueName('ip-proxy'), { [IP_RANGES]: ranges }));
}

const token = (call: TokenCall) => tokenRequest(keycloak.url, contract.realm, call);
/** What a TLS-terminating proxy adds; without the scheme, realm "focus" (sslRequired=external) refuses plain HTTP. */
const forwardedFor = (address: string) => ({ 'x-forwarded-for': address, 'x-forwarded-proto': 'https' });

function expectRefused(response: { status: number; body: Record<string, unknown> }, address: string): void {
  expect(response.status).toBe(400);
  expect(response.body).toMatchObject({
    error: 'unauthorized_client',
    error_description: `ip_not_allowed: ${address} is not in the IP ranges allowed for this client`,
  });
}

describe('behind a trusted reverse proxy (--proxy-headers=xforwarded, trusted 127.0.0.1/32)', () => {
  let client: ApiClientFixture;
  beforeAll(async () => {
    client = await apiClient('192.0.2.0/24');
  });

  it('lets the forwarded address decide when the proxy is trusted', async () => {
    const inside = await token({ ...client, from: '127.0.0.1', headers: forwardedFor('192.0.2.7') });
    expect({ status: inside.status, error: inside.body.error_description }).toEqual({ status: 200, error: undefined });
    expectRefused(await token({ ...client, from: '127.0.0.1', headers: forwardedFor('203.0.113.9') }), '203.0.113.9');
  });

  it('ignores the header from a caller outside the trusted addresses', async () => {
    expectRefused(await token({ ...client, from: '127.0.0.2', headers: forwardedFor('192.0.2.7') }), '127.0.0.2');
  });

  it('matches a forwarded IPv6 address', async () => {
    const v6 = await apiClient('2001:db8::/32');
    const inside = await token({ ...v6, from: '127.0.0.1', headers: forwardedFor('2001:db8::5') });
    expect({ status: inside.status, error: inside.body.error_description }).toEqual({ status: 200, error: undefined });
    expectRefused(await token({ ...v6, from: '127.0.0.1', headers: forwardedFor('2001:db9::5') }), '2001:db9::5');
  });
});

describe('IPv6 callers', () => {
  it('gets a token from ::1 with an IPv6 range, and not from IPv4', async () => {
    const client = await apiClient('::1/128');
    expect((await token({ ...client, to: '::1' })).status).toBe(200);
    expectRefused(await token({ ...client, from: '127.0.0.2' }), '127.0.0.2');
  });

  it('refuses ::1 for a client restricted to IPv4 ranges, and serves IPv4 callers of a dual-stack socket as IPv4', async () => {
    const client = await apiClient('127.0.0.0/8');
    expectRefused(await token({ ...client, to: '::1' }), '::1');
    expect((await token({ ...client, from: '127.0.0.2' })).status).toBe(200);
  });
});
