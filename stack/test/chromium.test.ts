import { describe, expect, it } from '@jest/globals';
import { CHROMIUM_PATH, ChromiumInstallError, ensureChromium, type ChromiumSystem } from '../src/chromium.js';

function fakeSystem(options: { installed?: boolean; root?: boolean; aptGet?: boolean; failing?: string } = {}) {
  const files = new Set<string>(options.aptGet === false ? [] : ['/usr/bin/apt-get']);
  if (options.installed) files.add(CHROMIUM_PATH);
  const runs: string[] = [];
  const sys: ChromiumSystem = {
    exists: (path) => files.has(path),
    isRoot: () => options.root ?? true,
    run(command, args) {
      runs.push(`${command} ${args.join(' ')}`);
      if (options.failing && args[0] === options.failing) return 100;
      if (args[0] === 'install') files.add(CHROMIUM_PATH);
      return 0;
    },
  };
  return { sys, runs };
}

describe('ensureChromium', () => {
  it('does nothing when Chromium is there', () => {
    const { sys, runs } = fakeSystem({ installed: true });
    expect(ensureChromium(() => undefined, sys)).toBe(CHROMIUM_PATH);
    expect(runs).toEqual([]);
  });

  it('installs Debian chromium with apt-get as root', () => {
    const { sys, runs } = fakeSystem();
    const lines: string[] = [];
    expect(ensureChromium((line) => lines.push(line), sys)).toBe(CHROMIUM_PATH);
    expect(runs).toEqual(['apt-get update', 'apt-get install -y --no-install-recommends chromium']);
    expect(lines.join('\n')).toContain('installing');
  });

  it('tells a non-root user the command to run', () => {
    const { sys, runs } = fakeSystem({ root: false });
    expect(() => ensureChromium(() => undefined, sys)).toThrow(ChromiumInstallError);
    expect(() => ensureChromium(() => undefined, sys)).toThrow(/Run as root: apt-get update && apt-get install/);
    expect(runs).toEqual([]);
  });

  it('says so on a system without apt-get', () => {
    const { sys } = fakeSystem({ aptGet: false });
    expect(() => ensureChromium(() => undefined, sys)).toThrow(/no apt-get/);
  });

  it('stops at a failing apt-get step', () => {
    const { sys, runs } = fakeSystem({ failing: 'update' });
    expect(() => ensureChromium(() => undefined, sys)).toThrow('apt-get update failed with exit code 100');
    expect(runs).toEqual(['apt-get update']);
  });
});
