// Jest global teardown of the containers project: see prepare.ts.
import { tsImport } from 'tsx/esm/api';

export default async function globalTeardown() {
  const { releaseContainers } = await tsImport('./prepare.ts', import.meta.url);
  await releaseContainers();
}
