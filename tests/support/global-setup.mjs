// Jest global setup of the integration project: see start-test-stack.ts.
import { tsImport } from 'tsx/esm/api';

export default async function globalSetup() {
  const { startTestStack } = await tsImport('./start-test-stack.ts', import.meta.url);
  await startTestStack();
}
