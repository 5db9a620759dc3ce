/**
 * The cluster profile's reverse proxy in front of the production profile's nodes: deploy/nginx/nginx.conf itself, run
 * by Debian's nginx (installed with apt-get when missing, as root). Only what differs on this machine is put in: the
 * nodes' addresses on 127.0.0.1 instead of the Compose service names, listening on 127.0.0.1 at the given ports, the
 * certificate, and the proxy's run-time files in its own folder. Every replaced line must be found exactly as
 * expected, so a changed nginx.conf fails here instead of being tested in a form nobody deploys.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ensureDebianPackages } from '../debian-packages.js';
import { repoRoot } from '../paths.js';
import { logTail, superviseProcess } from '../process-runtime.js';
import { LOOPBACK } from '../runtime-plans.js';

export class ReverseProxyError extends Error {
  override readonly name = 'ReverseProxyError';
}

export const NGINX = '/usr/sbin/nginx';
export const NGINX_CONF = join(repoRoot, 'deploy', 'nginx', 'nginx.conf');

export interface ReverseProxyOptions {
  /** The proxy's folder: its configuration, logs and temporary files. */
  readonly dir: string;
  /** The nodes' HTTP ports on 127.0.0.1, in the order of the Compose file's upstream. */
  readonly nodePorts: readonly number[];
  readonly ports: { readonly public: number; readonly internal: number; readonly health: number };
  /** PEM files: the certificate (chain) and its key. */
  readonly certificate: { readonly cert: string; readonly key: string };
  readonly log?: (line: string) => void;
}

export interface ReverseProxy {
  /** The public entrance (TLS). */
  readonly publicUrl: string;
  /** The listener the Compose file keeps inside its network. */
  readonly internalUrl: string;
  stop(): Promise<void>;
}

function replaceExactly(text: string, search: string, replacement: string, count: number): string {
  const found = text.split(search).length - 1;
  if (found !== count) {
    throw new ReverseProxyError(
      `${NGINX_CONF} changed: expected ${count} × "${search}", found ${found}; update stack/src/production/reverse-proxy.ts`,
    );
  }
  return text.split(search).join(replacement);
}

/** deploy/nginx/nginx.conf with this machine's addresses and folders. */
export function localProxyConfig(conf: string, options: Omit<ReverseProxyOptions, 'log'>): string {
  const upstream = options.nodePorts.map((port) => `server ${LOOPBACK}:${port} max_fails=1 fail_timeout=10s;`).join('\n    ');
  const composeUpstream = 'server keycloak:8080 max_fails=1 fail_timeout=10s;\n    server keycloak-2:8080 max_fails=1 fail_timeout=10s;';
  let text = replaceExactly(conf, composeUpstream, upstream, 1);
  text = replaceExactly(text, 'listen 8443 ssl;', `listen ${LOOPBACK}:${options.ports.public} ssl;`, 1);
  text = replaceExactly(text, 'listen 8080;', `listen ${LOOPBACK}:${options.ports.internal};`, 1);
  text = replaceExactly(text, 'listen 8081;', `listen ${LOOPBACK}:${options.ports.health};`, 1);
  text = replaceExactly(text, '/etc/nginx/certs/tls.crt', options.certificate.cert, 1);
  text = replaceExactly(text, '/etc/nginx/certs/tls.key', options.certificate.key, 1);
  text = replaceExactly(text, 'pid /tmp/nginx.pid;', `pid ${join(options.dir, 'nginx.pid')};`, 1);
  for (const temp of ['client_body', 'proxy', 'fastcgi', 'uwsgi', 'scgi']) {
    text = replaceExactly(text, `/tmp/${temp};`, `${join(options.dir, temp)};`, 1);
  }
  return replaceExactly(text, 'http {\n', `http {\n  access_log ${join(options.dir, 'access.log')};\n`, 1);
}

/**
 * Starts nginx with the deployment's configuration in front of the nodes, and resolves once its health check answers.
 *
 * @example
 * const proxy = await startReverseProxy({ dir, nodePorts: [8081, 8082], ports, certificate: { cert, key } });
 * await proxy.stop();
 */
export async function startReverseProxy(options: ReverseProxyOptions): Promise<ReverseProxy> {
  const log = options.log ?? (() => undefined);
  ensureDebianPackages({ packages: ['nginx'], programs: [NGINX], purpose: 'the reverse proxy of the production profile', log });
  mkdirSync(options.dir, { recursive: true });
  const conf = join(options.dir, 'nginx.conf');
  writeFileSync(conf, localProxyConfig(readFileSync(NGINX_CONF, 'utf8'), options));
  const logFile = join(options.dir, 'nginx.log');
  const check = superviseProcess(NGINX, ['-t', '-c', conf, '-p', options.dir], { cwd: options.dir, env: process.env, logFile });
  if ((await check.ended) !== 0) throw new ReverseProxyError(`nginx refuses ${conf} (from ${NGINX_CONF}):\n${logTail(logFile)}`);
  log(`Starting nginx with ${NGINX_CONF} (public entrance https://localhost:${options.ports.public})…`);
  const nginx = superviseProcess(NGINX, ['-c', conf, '-p', options.dir, '-g', 'daemon off;'], {
    cwd: options.dir,
    env: process.env,
    logFile,
  });
  const health = `http://${LOOPBACK}:${options.ports.health}/healthz`;
  const deadline = Date.now() + 30_000;
  while (
    (await fetch(health).then(
      (r) => r.status,
      () => 0,
    )) !== 200
  ) {
    if (nginx.exited() !== undefined || Date.now() > deadline) {
      await nginx.stop();
      throw new ReverseProxyError(`nginx did not come up (${nginx.exited() ?? 'no answer at ' + health}):\n${logTail(logFile)}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return {
    publicUrl: `https://localhost:${options.ports.public}`,
    internalUrl: `http://${LOOPBACK}:${options.ports.internal}`,
    stop: nginx.stop,
  };
}
