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
