import type { RunningKeycloak } from '@focus-api-access/stack';

export default async function globalTeardown(): Promise<void> {
  const { focusTestKeycloak } = globalThis as { focusTestKeycloak?: RunningKeycloak };
  await focusTestKeycloak?.stop();
}
