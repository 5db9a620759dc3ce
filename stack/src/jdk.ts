/**
 * Picks the JDK that runs Keycloak: an explicit one, else a Temurin JDK under /usr/lib/jvm (newest first),
 * else the `java` on the PATH, provided it is version 17 or newer.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

export interface Jdk {
  /** JAVA_HOME to give Keycloak, or undefined to use `java` from the PATH. */
  readonly home: string | undefined;
  readonly version: number;
  readonly description: string;
}

export class JdkError extends Error {
  override readonly name = 'JdkError';
}

const MINIMUM = 17;

/** `java -version` prints to stderr. */
function majorVersion(javaBinary: string): number | undefined {
  const result = spawnSync(javaBinary, ['-version'], { encoding: 'utf8' });
  if (result.error) return undefined;
  return parseMajor(`${result.stderr}${result.stdout}`);
}

export function parseMajor(versionText: string): number | undefined {
  const match = /version "(\d+)(?:\.(\d+))?/.exec(versionText);
  if (!match) return undefined;
  const first = Number(match[1]);
  return first === 1 ? Number(match[2]) : first;
}

function describe(home: string | undefined, version: number): string {
  return home ? `Java ${version} at ${home}` : `Java ${version} from the PATH`;
}

export function chooseJdk(explicitHome: string | undefined, jvmRoot = '/usr/lib/jvm'): Jdk {
  if (explicitHome) {
    const version = javaVersionAt(explicitHome);
    if (version === undefined || version < MINIMUM) {
      throw new JdkError(`FOCUS_JAVA_HOME=${explicitHome} is not a JDK ${MINIMUM} or newer`);
    }
    return { home: explicitHome, version, description: describe(explicitHome, version) };
  }
  const temurins = existsSync(jvmRoot)
    ? readdirSync(jvmRoot)
        .filter((name) => name.startsWith('temurin-'))
        .map((name) => join(jvmRoot, name))
    : [];
  const candidates = temurins
    .map((home) => ({ home, version: javaVersionAt(home) }))
    .filter((c): c is { home: string; version: number } => c.version !== undefined && c.version >= MINIMUM)
    .sort((a, b) => b.version - a.version);
  const best = candidates[0];
  if (best) return { home: best.home, version: best.version, description: describe(best.home, best.version) };
  const onPath = majorVersion('java');
  if (onPath !== undefined && onPath >= MINIMUM) {
    return { home: undefined, version: onPath, description: describe(undefined, onPath) };
  }
  throw new JdkError(`No JDK ${MINIMUM} or newer found: install one, or point FOCUS_JAVA_HOME at it`);
}

function javaVersionAt(home: string): number | undefined {
  const binary = join(home, 'bin', 'java');
  if (!existsSync(binary)) return undefined;
  return majorVersion(binary);
}
