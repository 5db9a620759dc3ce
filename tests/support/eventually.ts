/** Waiting, without a fixed sleep, for something another process writes in the background. */

/**
 * Asks until `ready` holds: for instance activity a Keycloak node writes a moment after the request that caused it.
 * Gives up after `timeoutMs` (generous: the machine may be loaded), reporting the last answer.
 */
export async function eventually<T>(read: () => Promise<T>, ready: (value: T) => boolean, timeoutMs = 60_000): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (ready(value)) return value;
    if (Date.now() > until) throw new Error(`still not there after ${timeoutMs} ms: ${JSON.stringify(value)}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}
