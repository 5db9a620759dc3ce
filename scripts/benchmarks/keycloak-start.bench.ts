/**
 * Time until a fresh Keycloak home is ready: without the stack's build cache (Keycloak rebuilds its
 * configuration, as on a first start) against with it (the build made for these providers is reused).
 */
import { mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePorts, readSettings, startKeycloak } from '@focus-api-access/stack';
import type { BenchContext, BenchResult } from './context.js';

async function readyMs(env: Record<string, string>): Promise<number> {
  const [http, management] = (await freePorts(2)) as [number, number];
  const keycloak = await startKeycloak({ settings: readSettings({ ...process.env, ...env }), ephemeral: true, ports: { http, management } });
  await keycloak.stop();
  return keycloak.readyMs;
}

export async function run(context: BenchContext): Promise<BenchResult> {
  // An empty build cache beside the shared distribution: a symlink keeps the download shared.
  const coldCache = mkdtempSync(join(tmpdir(), 'focus-cold-cache-'));
  try {
    symlinkSync(join(context.settings.cacheDir, `keycloak-${context.settings.keycloakVersion}`), join(coldCache, `keycloak-${context.settings.keycloakVersion}`));
    const cold = await readyMs({ FOCUS_CACHE_DIR: coldCache });
    const warm = await readyMs({});
    context.log(`cold ${cold} ms, warm ${warm} ms`);
    return { name: 'fresh Keycloak home ready', unit: 'ms', baseline: cold, candidate: warm, higherIsBetter: false, note: 'baseline: no build cache; candidate: cached build' };
  } finally {
    rmSync(coldCache, { recursive: true, force: true });
  }
}
