/**
 * A Keycloak home of its own for each instance, built from the cached distribution: the large library folder is
 * shared by a symlink, while what Keycloak writes (its build in lib/quarkus, conf, data, providers, themes) is
 * per instance. This lets a throw-away test instance and the persistent `npm start` instance live side by side.
 */
import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, readFileSync, renameSync, rmSync, symlinkSync, utimesSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import type { LaunchSpec } from './launch-spec.js';

/** Folder holding Keycloak builds (lib/quarkus) already made for a given set of providers and build options. */
export function buildCacheDir(cacheDir: string, spec: LaunchSpec): string {
  // Only build options shape a build; start options (hostname, ports, database URL) may differ per run.
  const hash = createHash('sha256').update(spec.version).update(spec.mode).update(spec.buildOptions.join('\n'));
  for (const jar of spec.providers) hash.update(basename(jar)).update(readFileSync(jar));
  return join(cacheDir, 'builds', hash.digest('hex').slice(0, 16));
}

/** A fixed point in time (whole seconds within 2020–2024) that depends only on the bytes given. */
export function contentTime(bytes: Buffer): Date {
  const seconds = createHash('sha256').update(bytes).digest().readUInt32BE(0) % (5 * 365 * 86_400);
  return new Date(Date.UTC(2020, 0, 1) + seconds * 1000);
}

export function prepareHome(distribution: string, home: string, spec: LaunchSpec, cacheDir: string): void {
  const fresh = !existsSync(join(home, 'bin', 'kc.sh'));
  if (fresh) {
    mkdirSync(join(home, 'lib'), { recursive: true });
    cpSync(join(distribution, 'bin'), join(home, 'bin'), { recursive: true });
    cpSync(join(distribution, 'conf'), join(home, 'conf'), { recursive: true });
    cpSync(join(distribution, 'lib', 'app'), join(home, 'lib', 'app'), { recursive: true });
    cpSync(join(distribution, 'lib', 'quarkus-run.jar'), join(home, 'lib', 'quarkus-run.jar'));
    symlinkSync(join(distribution, 'lib', 'lib'), join(home, 'lib', 'lib'));
    const cachedBuild = join(buildCacheDir(cacheDir, spec), 'quarkus');
    const build = existsSync(cachedBuild) ? cachedBuild : join(distribution, 'lib', 'quarkus');
    cpSync(build, join(home, 'lib', 'quarkus'), { recursive: true, preserveTimestamps: true });
  }

  // Providers and themes always reflect the current checkout.
  rmSync(join(home, 'providers'), { recursive: true, force: true });
  mkdirSync(join(home, 'providers'), { recursive: true });
  for (const jar of spec.providers) {
    const target = join(home, 'providers', basename(jar));
    cpSync(jar, target);
    // Keycloak rebuilds when a provider's modification time differs from the one its build recorded. A time
    // derived from the JAR's content keeps a cached build valid across clones and rebuilds of the same sources,
    // and still changes whenever the JAR does.
    const time = contentTime(readFileSync(jar));
    utimesSync(target, time, time);
  }
  rmSync(join(home, 'themes'), { recursive: true, force: true });
  mkdirSync(join(home, 'themes'), { recursive: true });
  for (const theme of spec.themes) {
    cpSync(theme, join(home, 'themes', basename(theme)), { recursive: true });
  }

  const importDir = join(home, 'data', 'import');
  rmSync(importDir, { recursive: true, force: true });
  mkdirSync(importDir, { recursive: true });
  for (const file of spec.realmFiles) cpSync(file, join(importDir, basename(file)));
}

/** Keeps the build Keycloak made for these providers, so the next fresh home starts without rebuilding. */
export function rememberBuild(home: string, spec: LaunchSpec, cacheDir: string): void {
  const target = join(buildCacheDir(cacheDir, spec), 'quarkus');
  if (existsSync(target)) return;
  const staging = `${target}.${process.pid}`;
  cpSync(join(home, 'lib', 'quarkus'), staging, { recursive: true, preserveTimestamps: true });
  try {
    mkdirSync(dirname(target), { recursive: true });
    renameSync(staging, target);
  } catch {
    // Another instance kept the same build first.
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
}
