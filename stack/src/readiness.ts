/** Waits until Keycloak's readiness check on the management port answers UP. */
export class NotReadyError extends Error {
  override readonly name = 'NotReadyError';
}

export interface ReadinessOptions {
  readonly managementUrl: string;
  readonly timeoutMs: number;
  /** Returns a reason when the server can no longer become ready (its process ended). */
  readonly failed?: () => string | undefined;
  readonly intervalMs?: number;
}

async function isReady(managementUrl: string): Promise<boolean> {
  try {
    const response = await fetch(`${managementUrl}/health/ready`, { signal: AbortSignal.timeout(2000) });
    return response.ok;
  } catch {
    return false;
  }
}

export async function waitUntilReady(options: ReadinessOptions): Promise<void> {
  const deadline = Date.now() + options.timeoutMs;
  for (;;) {
    const failure = options.failed?.();
    if (failure) throw new NotReadyError(failure);
    if (await isReady(options.managementUrl)) return;
    if (Date.now() > deadline) {
      throw new NotReadyError(`Keycloak was not ready within ${Math.round(options.timeoutMs / 1000)} s`);
    }
    await new Promise((resolve) => setTimeout(resolve, options.intervalMs ?? 500));
  }
}

/**
 * Waits until the master realm's bootstrap admin can log in. Keycloak reports ready slightly before it has
 * created that user on a fresh database, and callers (tests, benchmarks) log in right away.
 */
export async function waitForAdminLogin(options: {
  readonly url: string;
  readonly username: string;
  readonly password: string;
  readonly timeoutMs: number;
}): Promise<void> {
  const deadline = Date.now() + options.timeoutMs;
  const body = new URLSearchParams({ grant_type: 'password', client_id: 'admin-cli', username: options.username, password: options.password });
  for (;;) {
    try {
      const response = await fetch(`${options.url}/realms/master/protocol/openid-connect/token`, {
        method: 'POST',
        body,
        signal: AbortSignal.timeout(5000),
      });
      await response.body?.cancel();
      if (response.ok) return;
    } catch {
      // Not answering yet: try again below.
    }
    if (Date.now() > deadline) {
      throw new NotReadyError(`Keycloak is up, but its bootstrap admin could not log in within ${Math.round(options.timeoutMs / 1000)} s`);
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}
