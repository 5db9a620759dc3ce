/** What every use case receives as arguments: no module-level state, no environment. */
import { contract } from '@focus-api-access/contract';
import type { KeycloakGateway } from './gateway.js';
import type { Actor } from './model.js';
import type { ErrorCode } from './errors.js';

export type AuditAction =
  | 'client.create'
  | 'client.update'
  | 'client.enable'
  | 'client.disable'
  | 'client.delete'
  | 'credentials.generate'
  | 'credentials.end-grace';

/** One line per change: who, what, which client, outcome. Never a secret. */
export interface AuditEntry {
  readonly actor: Actor;
  readonly action: AuditAction;
  readonly client: { readonly id?: string; readonly clientId?: string; readonly name?: string };
  readonly outcome: 'success' | 'failure';
  readonly error?: ErrorCode;
  readonly detail?: string;
  /** A failed change whose history entry could not be written either. */
  readonly historyNotWritten?: true;
}

export interface UseCaseDeps {
  readonly gateway: KeycloakGateway;
  /** The realm's token endpoint as vendors reach it. */
  readonly tokenEndpoint: string;
  readonly now?: () => Date;
  /** How many days before its expiry a secret counts as expiring; default the contract's. */
  readonly secretExpiryWarningDays?: number;
  readonly audit?: (entry: AuditEntry) => void;
}

export function nowOf(deps: UseCaseDeps): Date {
  return deps.now ? deps.now() : new Date();
}

export function warningDaysOf(deps: UseCaseDeps): number {
  return deps.secretExpiryWarningDays ?? contract.limits.secretExpiryWarningDays;
}
