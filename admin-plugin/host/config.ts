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

/** Whether this load carries Keycloak's answer to the login (keycloak-js asks for it in the fragment, with the state). */
export function comesBackFromLogin(): boolean {
  return /[#&]state=/.test(window.location.hash);
}

/**
 * The config. index.html preloads `config.json` on every load, so the load that leaves for Keycloak's login has it as
 * early as it can. The load that comes back with the code, or that renews the tab's kept login (`withKeptLogin`), does
 * not wait for it: it takes the copy kept from an earlier load, and the answer only renews that copy.
 */
export async function loadConfig(withKeptLogin = false): Promise<HostConfig> {
  const fetched = fetchConfig().then((config) => {
    sessionStorage.setItem(KEPT, JSON.stringify(config));
    return config;
  });
  return (comesBackFromLogin() || withKeptLogin ? keptConfig() : undefined) ?? fetched;
}

function keptConfig(): HostConfig | undefined {
  const kept = sessionStorage.getItem(KEPT);
  if (!kept) return undefined;
  try {
    return { ...defaultConfig, ...(JSON.parse(kept) as Partial<HostConfig>) };
  } catch {
    // Not ours after all: wait for the fetched one.
    return undefined;
  }
}

async function fetchConfig(): Promise<HostConfig> {
  try {
    // Beside index.html, not beside the current path: deep links (/beheer/api-toegang/…) load the host too. The same
    // request as index.html's preload (mode, credentials), or the browser would not hand that answer over.
    const response = await fetch(new URL(`${import.meta.env.BASE_URL}config.json`, window.location.origin), { cache: 'no-store' });
    if (!response.ok) return defaultConfig;
    return { ...defaultConfig, ...((await response.json()) as Partial<HostConfig>) };
  } catch {
    return defaultConfig;
  }
}
