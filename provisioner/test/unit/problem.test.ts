import Fastify from 'fastify';
import { ConflictError, NotFoundError, UnavailableError, ValidationError, InternalError } from '../../src/core/errors.js';
import { errorHandler, problemType } from '../../src/http/problem.js';
import { validatorCompiler } from '../../src/http/build.js';
import { CredentialsBody } from '../../src/http/schemas.js';

async function answer(error: unknown) {
  const app = Fastify({ logger: false });
  app.setErrorHandler(errorHandler);
  app.get('/', async () => {
    throw error;
  });
  // Real sockets: Fastify's inject needs an ESM-only dependency that Jest cannot require on Node 20.
  const url = await app.listen({ port: 0, host: '127.0.0.1' });
  try {
    const response = await fetch(url);
    const body = await response.text();
    return { statusCode: response.status, headers: Object.fromEntries(response.headers), body, json: () => JSON.parse(body) };
  } finally {
    await app.close();
  }
}

describe('errorHandler', () => {
  test.each([
    [new ValidationError([{ field: 'name', reason: 'required', message: 'must not be empty' }]), 400, 'validation'],
    [new NotFoundError('No API client "x"'), 404, 'not_found'],
    [new ConflictError('taken'), 409, 'conflict'],
    [new UnavailableError('down'), 503, 'unavailable'],
    [new InternalError('boom with details'), 500, 'internal'],
    [new Error('unexpected'), 500, 'internal'],
  ])('%s → %i problem+json with a stable type', async (error, status, code) => {
    const response = await answer(error);
    expect(response.statusCode).toBe(status);
    expect(response.headers['content-type']).toContain('application/problem+json');
    expect(response.json()).toMatchObject({ type: problemType(code as never), status, code });
  });

  test('validation lists the fields at fault', async () => {
    const response = await answer(new ValidationError([{ field: 'ipRanges[1]', reason: 'malformed', message: 'bad' }]));
    expect(response.json().errors).toEqual([{ field: 'ipRanges[1]', reason: 'malformed', message: 'bad' }]);
  });

  test('unavailable carries a retry hint', async () => {
    const response = await answer(new UnavailableError('down', { retryAfterSeconds: 7 }));
    expect(response.headers['retry-after']).toBe('7');
    expect(response.json().retryAfter).toBe(7);
  });

  test('internal errors do not leak their message', async () => {
    const response = await answer(new Error('secret-ish detail'));
    expect(response.body).not.toContain('secret-ish');
  });

  test.each([
    [{ expiresInDays: 0 }, [{ field: 'expiresInDays', reason: 'minimum', message: 'must be >= 1' }]],
    [{ expiresInDays: 5000 }, [{ field: 'expiresInDays', reason: 'maximum', message: expect.stringMatching(/^must be <= \d+$/) }]],
    [{ expiresInDays: 'soon' }, [{ field: 'expiresInDays', reason: 'type', message: 'must be integer or null' }]],
  ])('a value that fits no branch of a union gets one error, not one per branch: %j', async (body, errors) => {
    const app = Fastify({ logger: false });
    app.setErrorHandler(errorHandler);
    app.setValidatorCompiler(validatorCompiler);
    app.post('/', { schema: { body: CredentialsBody } }, async () => ({}));
    const url = await app.listen({ port: 0, host: '127.0.0.1' });
    try {
      const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
      expect(response.status).toBe(400);
      expect(((await response.json()) as { errors: unknown }).errors).toEqual(errors);
    } finally {
      await app.close();
    }
  });
});
