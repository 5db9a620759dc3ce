/**
 * Which tokens the verifier accepts, decided on claims: signed here with a key whose JWKS a local server publishes
 * (Keycloak's own tokens are tested in tests/integration/provisioner/http.test.ts).
 */
import { createServer, type Server } from 'node:http';
import { contract } from '@focus-api-access/contract';
import { exportJWK, generateKeyPair, SignJWT, type JWTPayload } from 'jose';
import { createTokenVerifier, type TokenVerifier } from '../../src/http/auth.js';

const ISSUER = 'http://keycloak.test/realms/focus';
let server: Server;
let sign: (claims: JWTPayload) => Promise<string>;
let verifier: TokenVerifier;

beforeAll(async () => {
  const { publicKey, privateKey } = await generateKeyPair('RS256');
  const jwk = { ...(await exportJWK(publicKey)), kid: 'k1', alg: 'RS256', use: 'sig' };
  server = createServer((_request, response) => {
    response.setHeader('content-type', 'application/json');
    response.end(JSON.stringify({ keys: [jwk] }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  verifier = createTokenVerifier({ issuer: ISSUER, jwksUrls: [`http://127.0.0.1:${port}/certs`] });
  sign = (claims) =>
    new SignJWT(claims)
      .setProtectedHeader({ alg: 'RS256', kid: 'k1' })
      .setIssuer(ISSUER)
      .setAudience(contract.clients.provisioner)
      .setSubject('user-1')
      .setIssuedAt()
      .setExpirationTime('5m')
      .sign(privateKey);
});

afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

const manager = { realm_access: { roles: [contract.manageRight.role] }, preferred_username: 'beheerder' };

test("an access token issued to the admin page, with the right, is the manager's", async () => {
  const principal = await verifier.verify(await sign({ ...manager, typ: 'Bearer', azp: contract.clients.adminSpa }));
  expect(principal).toMatchObject({ subject: 'user-1', username: 'beheerder', mayManage: true });
});

test.each([
  [
    'a token issued to another client of the realm',
    { typ: 'Bearer', azp: 'some-other-app' },
    'not issued to a client that may use this API',
  ],
  ['a token without an authorised party', { typ: 'Bearer' }, 'not issued to a client that may use this API'],
  ['an ID token', { typ: 'ID', azp: contract.clients.adminSpa }, 'not an access token'],
  ['a token without a type', { azp: contract.clients.adminSpa }, 'not an access token'],
])('refuses %s', async (_case, claims, message) => {
  await expect(verifier.verify(await sign({ ...manager, ...claims }))).rejects.toMatchObject({
    code: 'unauthorized',
    message: expect.stringContaining(message),
  });
});

test('accepts the clients it is told to, and only those', async () => {
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  const embedded = createTokenVerifier({ issuer: ISSUER, jwksUrls: [`http://127.0.0.1:${port}/certs`], authorizedParties: ['focus-host'] });
  await expect(embedded.verify(await sign({ ...manager, typ: 'Bearer', azp: 'focus-host' }))).resolves.toMatchObject({ mayManage: true });
  await expect(embedded.verify(await sign({ ...manager, typ: 'Bearer', azp: contract.clients.adminSpa }))).rejects.toMatchObject({
    code: 'unauthorized',
  });
});

test('a token verified before is still refused once it has expired', async () => {
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  let now = new Date();
  const clocked = createTokenVerifier({ issuer: ISSUER, jwksUrls: [`http://127.0.0.1:${port}/certs`], now: () => now });
  const token = await sign({ ...manager, typ: 'Bearer', azp: contract.clients.adminSpa });
  await expect(clocked.verify(token)).resolves.toMatchObject({ mayManage: true });
  // Within the clock tolerance (30 s) after the expiry (5 min), then beyond it.
  now = new Date(now.getTime() + 5 * 60_000 + 20_000);
  await expect(clocked.verify(token)).resolves.toMatchObject({ mayManage: true });
  now = new Date(now.getTime() + 20_000);
  await expect(clocked.verify(token)).rejects.toMatchObject({ code: 'unauthorized', message: expect.stringContaining('expired') });
});

test('a refused token is refused again, and an accepted one does not vouch for another', async () => {
  const other = await sign({ ...manager, typ: 'Bearer', azp: 'some-other-app' });
  await expect(verifier.verify(other)).rejects.toMatchObject({ code: 'unauthorized' });
  await expect(verifier.verify(other)).rejects.toMatchObject({ code: 'unauthorized' });
  const good = await sign({ ...manager, typ: 'Bearer', azp: contract.clients.adminSpa });
  await verifier.verify(good);
  const [header, payload] = good.split('.');
  await expect(verifier.verify(`${header}.${payload}.${'A'.repeat(342)}`)).rejects.toMatchObject({ code: 'unauthorized' });
});
