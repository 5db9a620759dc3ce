/** The realm's settings the page explains to the administrator. */
import type { UseCaseDeps } from './deps.js';
import type { RealmSettings } from './model.js';

/**
 * @example
 * const { secretGraceSeconds } = await getSettings(deps); // 86400: a replaced secret keeps working a day
 */
export async function getSettings(deps: UseCaseDeps): Promise<RealmSettings> {
  return deps.gateway.realmSettings();
}
