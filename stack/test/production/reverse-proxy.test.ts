import { readFileSync } from 'node:fs';
import { localProxyConfig, NGINX_CONF, ReverseProxyError } from '../../src/production/reverse-proxy.js';

const conf = readFileSync(NGINX_CONF, 'utf8');
const directives = (text: string) => text.replace(/#.*$/gm, '');
const options = {
  dir: '/srv/proxy',
  nodePorts: [18081, 18082, 18083],
  ports: { public: 18443, internal: 18080, health: 18090 },
  certificate: { cert: '/srv/proxy/tls.crt', key: '/srv/proxy/tls.key' },
};

describe("the production profile's nginx configuration", () => {
  const local = directives(localProxyConfig(conf, options));

  it("is deploy/nginx/nginx.conf with this machine's nodes, ports, certificate and folders, and nothing else changed", () => {
    expect(local).not.toMatch(/keycloak(-2)?:8080|\/etc\/nginx|\/tmp\/|listen \d+[ ;]/);
    expect(local).toContain('server 127.0.0.1:18081 max_fails=1 fail_timeout=10s;\n    server 127.0.0.1:18082');
    expect(local).toContain('server 127.0.0.1:18083 max_fails=1 fail_timeout=10s;');
    expect(local).toContain('listen 127.0.0.1:18443 ssl;');
    const locations = (text: string) => [...text.matchAll(/location [^{]+\{[^}]*\}/g)].map((m) => m[0]);
    expect(locations(local)).toEqual(locations(directives(conf)));
  });

  it('fails when nginx.conf no longer has a line it replaces', () => {
    expect(() => localProxyConfig(conf.replace('listen 8443 ssl;', 'listen 443 ssl;'), options)).toThrow(ReverseProxyError);
  });
});
