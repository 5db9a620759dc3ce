export * from './errors.js';
export * from './model.js';
export type * from './gateway.js';
export * from './deps.js';
export { checkName, nameKey } from './names.js';
export { clientIdFor, slug, CLIENT_ID_PREFIX } from './client-id.js';
export { normaliseIpRanges, formatIpRanges, parseStoredIpRanges } from './ip-ranges.js';
export { isManaged, requireManaged } from './api-client.js';
export { listExpiringSecrets, secretExpiryOf, checkLifetimeDays } from './secret-expiry.js';
export { listServices } from './services.js';
export { getSettings } from './settings.js';
export {
  createApiClient,
  listApiClients,
  getApiClient,
  updateApiClient,
  setApiClientEnabled,
  deleteApiClient,
  BASE_SCOPES,
  type CreateApiClientInput,
  type UpdateApiClientInput,
} from './clients.js';
export { generateCredentials, endGracePeriod } from './credentials.js';
export { getActivity, listRefusals, type RefusalQuery } from './activity.js';
export { checkIpRangeChange } from './ip-range-check.js';
export { listHistory, clientHistory, type HistoryEntry, type HistoryFilter, type HistoryPage } from './history.js';
