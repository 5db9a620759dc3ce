import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository's top folder. */
export const repoRoot: string = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

export const realmConfigDir: string = join(repoRoot, 'realm-config');
export const extensionDir: string = join(repoRoot, 'keycloak-extension');
export const themeDir: string = join(repoRoot, 'theme');
