/**
 * Security headers on every answer (helmet): a Content-Security-Policy that lets the admin page load only its own
 * scripts and styles and talk only to itself and Keycloak, `frame-ancestors 'none'` (with X-Frame-Options DENY for
 * old browsers) so no other site can frame the page and trick an administrator into a delete or a revoke, and
 * helmet's other defaults (nosniff, no referrer, …). Hosts that embed the page in FOCUS set their own policy.
 *
 * The header values are worked out once, when the app starts: helmet's Fastify plugin builds helmet again for every
 * request (its policy parsed each time), a tenth of a millisecond of every API call for the same answer. A route may
 * still set its own header over these (the API documentation sets its own policy).
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { FastifyInstance } from 'fastify';
import fastifyPlugin from 'fastify-plugin';
import helmet from 'helmet';

/**
 * Sets the headers on a raw answer. For answers made before any route is found (an address that cannot be decoded),
 * which no hook sees.
 *
 * @example
 * const setSecurityHeaders = securityHeaderSetter('https://sso.example');
 * setSecurityHeaders(request.raw, reply.raw);
 */
export function securityHeaderSetter(keycloakOrigin: string): (request: IncomingMessage, response: ServerResponse) => void {
  const setHeaders = helmet({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", 'data:'],
        fontSrc: ["'self'", 'data:'],
        // keycloak-js talks to Keycloak (token, refresh) and checks the session in a frame of Keycloak's.
        connectSrc: ["'self'", keycloakOrigin],
        frameSrc: [keycloakOrigin],
        frameAncestors: ["'none'"],
        formAction: ["'self'"],
        baseUri: ["'self'"],
        objectSrc: ["'none'"],
      },
    },
    frameguard: { action: 'deny' },
  });
  // helmet calls back at once, and only without an error (it throws on a bad configuration, when built above).
  return (request, response) => setHeaders(request, response, () => undefined);
}

export const securityHeaders = fastifyPlugin(
  async (app: FastifyInstance, options: { keycloakOrigin: string }) => {
    const setHeaders = securityHeaderSetter(options.keycloakOrigin);
    app.addHook('onRequest', (request, reply, done) => {
      setHeaders(request.raw, reply.raw);
      done();
    });
  },
  { name: 'focus-security-headers' },
);
