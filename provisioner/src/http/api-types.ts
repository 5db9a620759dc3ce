/**
 * The HTTP API's request and answer shapes as TypeScript types, derived from the route schemas (schemas.ts), which
 * are the single description of the API. The admin page imports these with `import type`, so nothing is written
 * twice and a change to a schema that the page does not follow fails its type check.
 */
import type { Static } from '@sinclair/typebox';
import type * as schemas from './schemas.js';

export type Me = Static<typeof schemas.Me>;
export type Service = Static<typeof schemas.Service>;
export type ServiceList = Static<typeof schemas.ServiceList>;
export type Settings = Static<typeof schemas.Settings>;
export type CliLogin = Static<typeof schemas.CliLogin>;
export type ExpiringSecretList = Static<typeof schemas.ExpiringSecretList>;
export type ApiClient = Static<typeof schemas.ApiClient>;
export type ApiClientSummary = Static<typeof schemas.ApiClientSummary>;
export type ApiClientPage = Static<typeof schemas.ApiClientPage>;
export type ListQuery = Static<typeof schemas.ListQuery>;
export type CreateBody = Static<typeof schemas.CreateBody>;
export type UpdateBody = Static<typeof schemas.UpdateBody>;
export type CredentialsBody = Static<typeof schemas.CredentialsBody>;
export type Credentials = Static<typeof schemas.Credentials>;
export type Activity = Static<typeof schemas.Activity>;
export type RefusalGroup = Activity['refusals'][number];
export type RefusalQuery = Static<typeof schemas.RefusalQuery>;
export type RefusalPage = Static<typeof schemas.RefusalPage>;
export type RefusalSource = RefusalPage['items'][number];
export type IpRangeCheckBody = Static<typeof schemas.IpRangeCheckBody>;
export type IpRangeCheck = Static<typeof schemas.IpRangeCheck>;
export type Problem = Static<typeof schemas.Problem>;
export type FieldError = Static<typeof schemas.FieldErrorSchema>;
export type HistoryEntry = Static<typeof schemas.HistoryEntry>;
export type HistoryPage = Static<typeof schemas.HistoryPage>;
export type HistoryQuery = Static<typeof schemas.HistoryQuery>;
export type HistoryAction = HistoryEntry['action'];
