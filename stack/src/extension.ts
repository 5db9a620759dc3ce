/**
 * The provider JAR of keycloak-extension/, built with Maven only when its sources changed. Built JARs are kept
 * per source hash in the cache, so `npm start`, the tests and the benchmarks share one build.
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { extensionDir } from './paths.js';

export class ExtensionBuildError extends Error {
  override readonly name = 'ExtensionBuildError';
}

export const EXTENSION_JAR = 'focus-keycloak-extension.jar';

function filesUnder(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .map((name) => join(dir, name))
    .filter((path) => statSync(path).isFile())
    .sort();
}

function sourceHash(): string {
  const hash = createHash('sha256');
  for (const file of [join(extensionDir, 'pom.xml'), ...filesUnder(join(extensionDir, 'src', 'main'))]) {
    hash.update(relative(extensionDir, file)).update(readFileSync(file));
  }
  return hash.digest('hex').slice(0, 16);
}

export interface ExtensionBuild {
  /** Path of the provider JAR, or undefined when the project has no extension module. */
  readonly jar: string | undefined;
  /** Maven's output when it ran (with tests), for the caller to report. */
  readonly mavenOutput: string | undefined;
}

/**
 * Returns the provider JAR for the current sources. `runTests` runs the Java unit tests as part of the build
 * (always building); otherwise a cached JAR for the same sources is reused.
 */
export function buildExtension(
  cacheDir: string,
  options: { readonly runTests: boolean; readonly javaHome?: string | undefined },
): ExtensionBuild {
  if (!existsSync(join(extensionDir, 'pom.xml'))) return { jar: undefined, mavenOutput: undefined };
  const cached = join(cacheDir, 'extension', sourceHash(), EXTENSION_JAR);
  if (existsSync(cached) && !options.runTests) return { jar: cached, mavenOutput: undefined };

  const goals = options.runTests ? ['verify'] : ['-DskipTests', 'package'];
  const env = options.javaHome ? { ...process.env, JAVA_HOME: options.javaHome } : process.env;
  const result = spawnSync('mvn', ['-B', '-q', ...goals], { cwd: extensionDir, encoding: 'utf8', env });
  const output = `${result.stdout ?? ''}${result.stderr ?? ''}`;
  if (result.error) throw new ExtensionBuildError(`Maven could not be run: ${result.error.message}`);
  if (result.status !== 0) {
    throw new ExtensionBuildError(`Building keycloak-extension failed:\n${output.trim().split('\n').slice(-40).join('\n')}`);
  }
  const built = join(extensionDir, 'target', EXTENSION_JAR);
  if (!existsSync(built)) throw new ExtensionBuildError(`Maven finished but ${built} is missing`);
  mkdirSync(join(cached, '..'), { recursive: true });
  cpSync(built, cached, { preserveTimestamps: true });
  return { jar: cached, mavenOutput: output };
}
