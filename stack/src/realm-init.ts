/**
 * After Keycloak is ready: the provisioner's `realm init` (provisioner/src/realm/init.ts) with this stack's generated
 * secrets, as Compose's keycloak-init service runs it in a deployment. It gives the provisioner's client its secret
 * (the realm file carries none), switches on brute-force protection for realm master and, when administrators use
 * another URL than the public one, serves realm master there.
 */
import { readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { bruteForceOf, initDeps, initRealm } from '@focus-api-access/provisioner';
import type { LocalSecrets } from './local-secrets.js';
import { realmConfigDir } from './paths.js';

export const REALM_FILE = 'focus-realm.json';

/** Whether these import files bring realm focus, which `realm init` then completes. */
export function importsRealm(realmFiles: readonly string[]): boolean {
  return realmFiles.some((file) => basename(file) === REALM_FILE);
}

export async function initStartedRealm(options: {
  readonly keycloakUrl: string;
  readonly adminUrl?: string | undefined;
  readonly secrets: LocalSecrets;
  readonly log: (line: string) => void;
}): Promise<void> {
  const file = JSON.parse(readFileSync(join(realmConfigDir, REALM_FILE), 'utf8'));
  const outcome = await initRealm(
    initDeps({ keycloakUrls: [options.keycloakUrl], credentials: { kind: 'user', ...options.secrets.bootstrapAdmin }, timeoutMs: 30_000 }),
    { provisionerSecret: options.secrets.provisionerSecret, bruteForce: bruteForceOf(file), adminUrl: options.adminUrl },
  );
  for (const change of outcome.changes) options.log(`realm init: ${change}`);
}
