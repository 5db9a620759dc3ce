/**
 * Debian's Chromium for the end-to-end tests. A fresh machine has none, and test tools cannot download their own
 * browser here, so the project installs the distribution's package itself when it is missing.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

export const CHROMIUM_PATH = '/usr/bin/chromium';

export class ChromiumInstallError extends Error {
  override readonly name = 'ChromiumInstallError';
}

/** The system seams, replaced in tests. */
export interface ChromiumSystem {
  exists(path: string): boolean;
  isRoot(): boolean;
  /** Runs a command with inherited output; its exit code. */
  run(command: string, args: readonly string[]): number;
}

const system: ChromiumSystem = {
  exists: existsSync,
  isRoot: () => process.getuid?.() === 0,
  run(command, args) {
    const result = spawnSync(command, args, {
      stdio: 'inherit',
      env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
    });
    if (result.error) return 127;
    return result.status ?? 1;
  },
};

/**
 * Makes sure {@link CHROMIUM_PATH} exists: when it doesn't, runs `apt-get update` and
 * `apt-get install -y --no-install-recommends chromium` (as root), and throws {@link ChromiumInstallError} with
 * what to do when that is not possible. Returns the browser's path.
 *
 * @example
 * ensureChromium((line) => console.log(line));
 */
export function ensureChromium(log: (line: string) => void, sys: ChromiumSystem = system): string {
  if (sys.exists(CHROMIUM_PATH)) return CHROMIUM_PATH;
  const manual = 'apt-get update && apt-get install -y --no-install-recommends chromium';
  if (!sys.isRoot()) {
    throw new ChromiumInstallError(
      `The end-to-end tests need Chromium at ${CHROMIUM_PATH}, and only root can install it. Run as root: ${manual}`,
    );
  }
  if (!sys.exists('/usr/bin/apt-get')) {
    throw new ChromiumInstallError(`The end-to-end tests need Debian's chromium package at ${CHROMIUM_PATH}; this system has no apt-get.`);
  }
  log(`Chromium is missing: installing Debian's chromium package for the end-to-end tests (${manual})…`);
  for (const args of [['update'], ['install', '-y', '--no-install-recommends', 'chromium']]) {
    const code = sys.run('apt-get', args);
    if (code !== 0) throw new ChromiumInstallError(`apt-get ${args.join(' ')} failed with exit code ${code}`);
  }
  if (!sys.exists(CHROMIUM_PATH)) {
    throw new ChromiumInstallError(`apt-get installed chromium, but ${CHROMIUM_PATH} is still missing`);
  }
  return CHROMIUM_PATH;
}
