/**
 * What the page needs from the browser. Windows 7 only runs outdated browsers, so the engine check covers it.
 */
export type MissingFeature = 'secureContext' | 'clipboard' | 'crypto' | 'engine';

/** The parts of `window` the check reads; a test hands in its own. */
export interface BrowserEnvironment {
  readonly isSecureContext?: boolean;
  readonly navigator?: { readonly clipboard?: { writeText?: unknown } };
  readonly crypto?: { readonly subtle?: unknown; readonly getRandomValues?: unknown; readonly randomUUID?: unknown };
  readonly structuredClone?: unknown;
  readonly Array?: { readonly prototype: { readonly at?: unknown; readonly findLast?: unknown } };
  readonly Object?: { readonly hasOwn?: unknown };
}

/** The features this browser lacks; empty when the page can work. */
export function missingFeatures(env: BrowserEnvironment = globalThis as BrowserEnvironment): MissingFeature[] {
  const missing: MissingFeature[] = [];
  if (env.isSecureContext !== true) missing.push('secureContext');
  if (typeof env.navigator?.clipboard?.writeText !== 'function') missing.push('clipboard');
  if (typeof env.crypto?.subtle !== 'object' || typeof env.crypto.getRandomValues !== 'function') missing.push('crypto');
  // Features of engines from 2022 on; older ones miss at least one of them.
  const modern =
    typeof env.structuredClone === 'function' &&
    typeof env.Array?.prototype.at === 'function' &&
    typeof env.Array.prototype.findLast === 'function' &&
    typeof env.Object?.hasOwn === 'function' &&
    typeof env.crypto?.randomUUID === 'function';
  if (!modern) missing.push('engine');
  return missing;
}
