// What both bundles export; the entry files differ only in the styles they bring.
export { ApiAccessPage, type ApiAccessPageProps } from './ApiAccessPage.js';
export { mount } from './mount.js';
export type { ApiAccessOptions, MountedPage } from './host-contract.js';
export type { ApiAccessClient } from './api/client.js';
export { missingFeatures, type MissingFeature } from './browser/support.js';
