/** The login themes of the repository: Keycloak loads each folder under theme/ as a theme (e.g. `focus`). */
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

/** Theme folders under `themeDir`, each one copied to Keycloak's `themes/<name>`. */
export function themeFolders(themeDir: string): string[] {
  if (!existsSync(themeDir)) return [];
  return readdirSync(themeDir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => join(themeDir, entry.name));
}
