/**
 * The official Keycloak server distribution, fetched once from Maven Central with Maven and cached
 * outside git (`<cacheDir>/keycloak-<version>/`).
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, readdirSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';

export class DistributionError extends Error {
  override readonly name = 'DistributionError';
}

const DEPENDENCY_PLUGIN = 'org.apache.maven.plugins:maven-dependency-plugin:3.8.1';

export function distributionArtifact(version: string): string {
  return `org.keycloak:keycloak-quarkus-dist:${version}:zip`;
}

/** Returns the folder of the unpacked distribution, downloading and unpacking it when not cached yet. */
export function ensureDistribution(cacheDir: string, version: string, log: (line: string) => void): string {
  const target = join(cacheDir, `keycloak-${version}`);
  if (existsSync(join(target, 'bin', 'kc.sh'))) return target;

  mkdirSync(cacheDir, { recursive: true });
  const staging = join(cacheDir, `.unpack-${version}-${process.pid}`);
  rmSync(staging, { recursive: true, force: true });
  mkdirSync(staging);
  log(`Fetching Keycloak ${version} (${distributionArtifact(version)}) with Maven…`);
  const result = spawnSync(
    'mvn',
    ['-B', '-q', `${DEPENDENCY_PLUGIN}:unpack`, `-Dartifact=${distributionArtifact(version)}`, `-DoutputDirectory=${staging}`],
    // Run inside the staging folder: without a project, the plugin writes its markers below a literal
    // `${project.basedir}` folder of the working directory, which goes with the staging folder.
    { encoding: 'utf8', cwd: staging },
  );
  if (result.error) {
    throw new DistributionError(`Maven could not be run (${result.error.message}); install Maven 3.8 or newer`);
  }
  if (result.status !== 0) {
    const tail = `${result.stdout}\n${result.stderr}`.trim().split('\n').slice(-15).join('\n');
    throw new DistributionError(`Maven could not fetch ${distributionArtifact(version)}:\n${tail}`);
  }
  const unpacked = join(staging, `keycloak-${version}`);
  if (!existsSync(join(unpacked, 'bin', 'kc.sh'))) {
    throw new DistributionError(`The fetched archive has no keycloak-${version}/bin/kc.sh`);
  }
  for (const script of readdirSync(join(unpacked, 'bin')).filter((f) => f.endsWith('.sh'))) {
    chmodSync(join(unpacked, 'bin', script), 0o755);
  }
  // Rename last, so an interrupted download never looks like a complete distribution.
  renameSync(unpacked, target);
  rmSync(staging, { recursive: true, force: true });
  return target;
}
