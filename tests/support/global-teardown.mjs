// Jest global teardown of the integration project: see start-test-stack.ts.
import { tsImport } from 'tsx/esm/api';

export default async function globalTeardown() {
  const { stopTestStack } = await tsImport('./start-test-stack.ts', import.meta.url);
  await stopTestStack();
}
