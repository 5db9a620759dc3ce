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

/** Where this tab keeps the config it fetched, for the load that comes back from Keycloak's login a moment later. */
const KEPT = 'focus.host-config';

/**
 * The config: fetched, except on the load that comes back from Keycloak's login with the code (its state in the
 * fragment), which takes the one fetched just before leaving: a second fetch would only delay the token.
 */
export async function loadConfig(): Promise<HostConfig> {
  const kept = /[#&]state=/.test(window.location.hash) ? sessionStorage.getItem(KEPT) : null;
  if (kept) {
    try {
      return { ...defaultConfig, ...(JSON.parse(kept) as Partial<HostConfig>) };
    } catch {
      // Not ours after all: fetch it.
    }
  }
  const config = await fetchConfig();
  sessionStorage.setItem(KEPT, JSON.stringify(config));
  return config;
}

async function fetchConfig(): Promise<HostConfig> {
  try {
    // Beside index.html, not beside the current path: deep links (/beheer/api-toegang/…) load the host too.
    const response = await fetch(new URL(`${import.meta.env.BASE_URL}config.json`, window.location.origin), { cache: 'no-store' });
    if (!response.ok) return defaultConfig;
    return { ...defaultConfig, ...((await response.json()) as Partial<HostConfig>) };
  } catch {
    return defaultConfig;
  }
}
