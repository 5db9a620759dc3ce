// Jest global setup of the containers project: see prepare.ts.
import { tsImport } from 'tsx/esm/api';

export default async function globalSetup() {
  const { prepareContainers } = await tsImport('./prepare.ts', import.meta.url);
  await prepareContainers();
}
