/**
 * How each runtime turns a {@link LaunchSpec} into something to run. Pure, so a unit test can check that
 * the local process and the container get the same version, files and options.
 */
import { basename, join } from 'node:path';
import type { LaunchSpec } from './launch-spec.js';

export interface Ports {
  readonly http: number;
  readonly management: number;
}

export interface FilePlacement {
  readonly source: string;
  /** Path relative to the Keycloak home (`/opt/keycloak` in the official image). */
  readonly target: string;
}

export interface RuntimePlan {
  readonly version: string;
  readonly args: readonly string[];
  readonly environment: Readonly<Record<string, string>>;
  readonly files: readonly FilePlacement[];
}

export interface ContainerPlan extends RuntimePlan {
  readonly image: string;
  /** Container port → host port. */
  readonly portBindings: readonly { readonly container: number; readonly host: number }[];
}

function placements(spec: LaunchSpec): FilePlacement[] {
  return [
    ...spec.realmFiles.map((source) => ({ source, target: join('data', 'import', basename(source)) })),
    ...spec.providers.map((source) => ({ source, target: join('providers', basename(source)) })),
    ...spec.themes.map((source) => ({ source, target: join('themes', basename(source)) })),
  ];
}

export function processPlan(spec: LaunchSpec, ports: Ports): RuntimePlan {
  return {
    version: spec.version,
    args: [spec.command, ...spec.options, `--http-port=${ports.http}`, `--http-management-port=${ports.management}`],
    environment: spec.environment,
    files: placements(spec),
  };
}

export const IMAGE = 'quay.io/keycloak/keycloak';
const CONTAINER_HTTP = 8080;
const CONTAINER_MANAGEMENT = 9000;

export function containerPlan(spec: LaunchSpec, ports: Ports): ContainerPlan {
  return {
    image: `${IMAGE}:${spec.version}`,
    version: spec.version,
    args: [
      spec.command,
      ...spec.options,
      `--http-port=${CONTAINER_HTTP}`,
      `--http-management-port=${CONTAINER_MANAGEMENT}`,
    ],
    environment: spec.environment,
    files: placements(spec),
    portBindings: [
      { container: CONTAINER_HTTP, host: ports.http },
      { container: CONTAINER_MANAGEMENT, host: ports.management },
    ],
  };
}
