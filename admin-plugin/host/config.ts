/// <reference types="vite/client" />
/** Where the development host finds Keycloak and the provisioner: `config.json` beside index.html, else defaults. */
import type { Contract } from '@focus-api-access/contract';
import contractJson from '@focus-api-access/contract/contract.json' with { type: 'json' };

const contract = contractJson as Contract;

export interface HostConfig {
  readonly keycloakUrl: string;
  readonly realm: string;
  readonly clientId: string;
  /** In front of `/api/v1`; empty: this origin. */
  readonly apiBaseUrl: string;
}

export const defaultConfig: HostConfig = {
  keycloakUrl: 'http://localhost:8080',
  realm: contract.realm,
  clientId: contract.clients.adminSpa,
  apiBaseUrl: '',
};

export async function loadConfig(): Promise<HostConfig> {
  try {
    // Beside index.html, not beside the current path: deep links (/beheer/api-toegang/…) load the host too.
    const response = await fetch(new URL(`${import.meta.env.BASE_URL}config.json`, window.location.origin), { cache: 'no-store' });
    if (!response.ok) return defaultConfig;
    return { ...defaultConfig, ...((await response.json()) as Partial<HostConfig>) };
  } catch {
    return defaultConfig;
  }
}
