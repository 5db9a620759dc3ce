/**
 * Shapes of the provisioner's HTTP API (`/api/v1`) as the page uses them: derived from the route schemas
 * (type-only import, erased from the bundle), so the page cannot expect a shape the API never sends.
 */
import type * as Api from '@focus-api-access/provisioner/api-types';

export type Me = Api.Me;
export type Service = Api.Service;
export type Settings = Api.Settings;
export type ApiClient = Api.ApiClient;
export type ApiClientSummary = Api.ApiClientSummary;
export type ClientPage = Api.ApiClientPage;
export type ClientInput = Api.CreateBody;
export type ClientChanges = Api.UpdateBody;
export type Credentials = Api.Credentials;
export type CredentialsBody = Api.CredentialsBody;
export type SecretExpiry = Api.ApiClient['secretExpiry'];
export type Activity = Api.Activity;
export type RefusalGroup = Api.RefusalGroup;
export type RefusalQuery = Api.RefusalQuery;
export type RefusalPage = Api.RefusalPage;
export type RefusalSource = Api.RefusalSource;
export type Problem = Api.Problem;
export type HistoryEntry = Api.HistoryEntry;
export type HistoryPage = Api.HistoryPage;
export type HistoryAction = Api.HistoryAction;

/** What the history overview asks for: the filters as typed (empty: no filter), and the page. */
export interface HistoryQuery {
  readonly client?: string;
  readonly person?: string;
  readonly action?: HistoryAction | '';
  /** ISO 8601 dates or times; `to` is exclusive. */
  readonly from?: string;
  readonly to?: string;
  readonly first: number;
  readonly max: number;
}

/** What the overview asks for: the search text as typed, and the page. */
export interface ClientQuery {
  readonly search: string;
  readonly first: number;
  readonly max: number;
}
