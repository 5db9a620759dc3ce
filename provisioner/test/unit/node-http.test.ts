/**
 * The HTTP layer of the gateway's requests, against a local HTTP server: what it sends, and that Keycloak's refusals
 * and broken answers reach the gateway in the shapes failures.ts and failover.ts judge.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { NetworkError } from '@keycloak/keycloak-admin-client';
import { transportFailure } from '../../src/keycloak/failures.js';
import { nodeHttp, type NodeHttp } from '../../src/keycloak/node-http.js';

let server: Server;
let answer: (request: IncomingMessage, body: string, response: ServerResponse) => void;
let http: NodeHttp;

beforeAll(async () => {
  server = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk: Buffer) => (body += chunk.toString()));
    request.on('end', () => answer(request, body, response));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  // Keycloak behind a path, as some deployments serve it.
  http = nodeHttp(`http://127.0.0.1:${port}/auth/`, 2_000);
});

afterAll(async () => {
  await http.close();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

test('sends method, path below the base URL, encoded query, headers and a JSON body', async () => {
  let seen: { method?: string; url?: string; type?: string; key?: string; body?: string } = {};
  answer = (request, body, response) => {
    seen = {
      method: request.method,
      url: request.url,
      type: request.headers['content-type'],
      key: request.headers['idempotency-key'] as string,
      body,
    };
    response.setHeader('content-type', 'application/json');
    response.end(JSON.stringify({ ok: true }));
  };
  const result = await http.send({
    method: 'PUT',
    path: '/realms/focus/x',
    query: { search: 'één & twee', first: 0, max: undefined },
    headers: { 'idempotency-key': 'k-1' },
    body: { name: 'Eaglebe' },
  });
  expect(seen).toEqual({
    method: 'PUT',
    url: '/auth/realms/focus/x?search=%C3%A9%C3%A9n+%26+twee&first=0',
    type: 'application/json',
    key: 'k-1',
    body: '{"name":"Eaglebe"}',
  });
  expect(result).toEqual({ status: 200, location: undefined, data: { ok: true } });
});

test('answers a create with its Location and nothing for an empty body', async () => {
  answer = (_request, _body, response) => {
    response.writeHead(201, { location: 'http://kc/admin/realms/focus/clients/abc-1' });
    response.end();
  };
  await expect(http.send({ method: 'POST', path: '/admin/realms/focus/clients', headers: {}, body: {} })).resolves.toEqual({
    status: 201,
    location: 'http://kc/admin/realms/focus/clients/abc-1',
    data: undefined,
  });
});

test("a refusal is the admin client's NetworkError with the status and Keycloak's body", async () => {
  answer = (_request, _body, response) => {
    response.writeHead(400, { 'content-type': 'application/json' });
    response.end(JSON.stringify({ error: 'invalid_request', error_description: 'not_managed: no' }));
  };
  const error = await http.send({ method: 'GET', path: '/x', headers: {} }).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(NetworkError);
  expect((error as NetworkError).response.status).toBe(400);
  expect((error as NetworkError).responseData).toEqual({ error: 'invalid_request', error_description: 'not_managed: no' });
  expect((error as NetworkError).message).toBe('invalid_request');
});

test('an answer cut short is a transport failure, not an answer', async () => {
  answer = (_request, _body, response) => {
    response.writeHead(200, { 'content-type': 'application/json', 'content-length': '100' });
    response.write('{"id":"ab');
    response.socket?.destroy();
  };
  const error = await http.send({ method: 'GET', path: '/x', headers: {} }).catch((e: unknown) => e);
  expect(transportFailure(error)).toBeDefined();
});
