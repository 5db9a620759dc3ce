/**
 * Builds the page when its sources changed, and writes the development host's `config.json`. Used by `npm start`
 * and the end-to-end tests, so both always serve what the sources say without a manual build step.
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

export const pluginDir = join(dirname(fileURLToPath(import.meta.url)), '..');
/** The development host and the page: what the provisioner serves as its static root. */
export const hostDir = join(pluginDir, 'dist', 'host');
const stampFile = join(pluginDir, 'dist', '.sources-hash');
const MODES = ['lib', 'lib-external', 'host'] as const;

export class PageBuildError extends Error {
  override readonly name = 'PageBuildError';
}

/** What the host needs to know at run time (see host/config.ts). */
export interface HostConfig {
  readonly keycloakUrl: string;
  readonly realm?: string;
  readonly clientId?: string;
  readonly apiBaseUrl?: string;
}

function files(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    return entry.isDirectory() ? files(path) : [path];
  });
}

/** A hash over everything the build reads: sources, host, build config, and the installed dependencies' lock. */
export function sourcesHash(): string {
  const hash = createHash('sha256');
  const inputs = [
    ...files(join(pluginDir, 'src')),
    ...files(join(pluginDir, 'host')),
    ...files(join(pluginDir, 'build', 'shims')),
    join(pluginDir, 'vite.config.ts'),
    join(pluginDir, 'package.json'),
    join(pluginDir, '..', 'contract', 'contract.json'),
    join(pluginDir, '..', 'package-lock.json'),
  ].sort();
  for (const file of inputs) {
    hash.update(relative(pluginDir, file)).update('\0').update(readFileSync(file)).update('\0');
  }
  return hash.digest('hex');
}

/**
 * Runs the three Vite builds unless `dist/` already holds a build of the current sources.
 * Returns whether it built.
 *
 * @example
 * ensurePageBuilt((line) => console.log(line));
 */
export function ensurePageBuilt(log: (line: string) => void = () => undefined): boolean {
  const hash = sourcesHash();
  const current = existsSync(join(hostDir, 'index.html')) && existsSync(stampFile) && readFileSync(stampFile, 'utf8') === hash;
  if (current) return false;
  const vite = join(dirname(createRequire(import.meta.url).resolve('vite/package.json')), 'bin', 'vite.js');
  log('Building the API Toegang page (Vite)…');
  const started = Date.now();
  for (const mode of MODES) {
    const result = spawnSync(process.execPath, [vite, 'build', '--mode', mode, '--logLevel', 'warn'], {
      cwd: pluginDir,
      encoding: 'utf8',
      env: { ...process.env, NODE_ENV: 'production' },
    });
    if (result.status !== 0) {
      throw new PageBuildError(`vite build --mode ${mode} failed:\n${result.stderr || result.stdout || result.error?.message}`);
    }
  }
  // The self-contained bundle beside the host, for hosts (and the end-to-end test) that load it with mount().
  cpSync(join(pluginDir, 'dist', 'lib'), join(hostDir, 'plugin'), { recursive: true });
  writeFileSync(stampFile, hash);
  log(`Built the page in ${((Date.now() - started) / 1000).toFixed(1)} s.`);
  return true;
}

/** Writes the host's `config.json` into a served folder. */
export function writeHostConfig(dir: string, config: HostConfig): void {
  writeFileSync(join(dir, 'config.json'), `${JSON.stringify(config, null, 2)}\n`);
}

/**
 * Builds when needed and returns the folder to serve, configured for this Keycloak: `dist/host` itself, or with
 * `copy` a fresh copy of it (tests, so they never change what `npm start` serves).
 */
export function preparePage(options: { config: HostConfig; copy?: boolean; log?: (line: string) => void }): string {
  ensurePageBuilt(options.log);
  let dir = hostDir;
  if (options.copy) {
    dir = mkdtempSync(join(tmpdir(), 'focus-page-'));
    cpSync(hostDir, dir, { recursive: true });
  }
  if (!statSync(dir).isDirectory()) throw new PageBuildError(`${dir} is not a folder`);
  writeHostConfig(dir, options.config);
  return dir;
}
