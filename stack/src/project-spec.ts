/**
 * The launch spec of this project's Keycloak from the stack's settings: the repository's realm files, the extension
 * JAR built from the checkout and its themes. One function for `npm start`, the tests, the production profile and
 * the checks of deploy/, so they all describe the same server.
 */
import type { StackSettings } from './settings.js';
import { buildExtension } from './extension.js';
import { themeFolders } from './themes.js';
import { launchSpec, type DatabaseConnection, type LaunchMode, type LaunchSpec } from './launch-spec.js';
import type { LocalSecrets } from './local-secrets.js';
import { themeDir } from './paths.js';
import { realmFiles } from './realm-files.js';

export interface ProjectSpecInput {
  readonly settings: StackSettings;
  readonly mode: LaunchMode;
  readonly database?: DatabaseConnection;
  readonly publicUrl: string;
  /** Where administrators reach Keycloak when that is not `publicUrl` (`hostname-admin`). */
  readonly adminUrl?: string;
  readonly adminPageUrl: string;
  /** Import the demo users of realm-config/dev (local use and tests only). */
  readonly demoUsers: boolean;
  /** Realm files to import instead of the repository's. */
  readonly realmFiles?: readonly string[];
  /** Without the extension JAR and the themes: the distribution alone (a benchmark's baseline). Default true. */
  readonly extension?: boolean;
  readonly secrets: LocalSecrets;
}

/** Builds the extension when its sources changed (cached otherwise) and describes the server to launch. */
export function projectLaunchSpec(input: ProjectSpecInput): LaunchSpec {
  const { settings, secrets } = input;
  const withExtension = input.extension ?? true;
  const jar = withExtension ? buildExtension(settings.cacheDir, { runTests: false, javaHome: settings.javaHome }).jar : undefined;
  return launchSpec({
    version: settings.keycloakVersion,
    mode: input.mode,
    ...(input.database ? { database: input.database } : {}),
    realmFiles: input.realmFiles ?? realmFiles({ demoUsers: input.demoUsers }),
    providers: jar ? [jar] : [],
    themes: withExtension ? themeFolders(themeDir) : [],
    publicUrl: input.publicUrl,
    ...(input.adminUrl ? { adminUrl: input.adminUrl } : {}),
    adminPageUrl: input.adminPageUrl,
    proxyHeaders: settings.proxyHeaders,
    proxyTrustedAddresses: settings.proxyTrustedAddresses,
    secretGraceSeconds: settings.secretGraceSeconds,
    bootstrapAdmin: secrets.bootstrapAdmin,
    demoPassword: secrets.demoPassword,
  });
}
