import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { realmConfigDir } from './paths.js';

function jsonFiles(dir: string): string[] {
  return readdirSync(dir)
    .filter((name) => name.endsWith('.json'))
    .sort()
    .map((name) => join(dir, name));
}

/**
 * The realm files to import: the production realm (`realm-config/*.json`) and, for local use and tests only,
 * the demo users (`realm-config/dev/*.json`).
 */
export function realmFiles(options: { readonly demoUsers: boolean }): string[] {
  const files = jsonFiles(realmConfigDir);
  return options.demoUsers ? [...files, ...jsonFiles(join(realmConfigDir, 'dev'))] : files;
}
