/**
 * How each runtime turns a {@link LaunchSpec} into something to run. Pure, so a unit test can check that
 * the local process and the container get the same version, files and options.
 */
import { basename, join } from 'node:path';
import type { LaunchSpec } from './launch-spec.js';

export interface Ports {
  readonly http: number;
  readonly management: number;
  /**
   * JGroups transport port of a production node (`--cache-embedded-network-bind-port`). Its failure detection
   * (FD_SOCK2) listens on this port + {@link FAILURE_DETECTION_PORT_OFFSET}, so the port must stay below 15536.
   */
  readonly cluster?: number;
}

/** Offset of JGroups' FD_SOCK2 port from the transport port in Keycloak's `jdbc-ping` stack. */
export const FAILURE_DETECTION_PORT_OFFSET = 50_000;

/** A local process listens on the loopback interface only: the production profile is for tests on this machine. */
export const LOOPBACK = '127.0.0.1';

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

function portOptions(ports: Ports): string[] {
  return [`--http-port=${ports.http}`, `--http-management-port=${ports.management}`];
}

/**
 * How to run the spec as a local process. Development: `start-dev` with every option. Production: `start --optimized`
 * with the start options only (run {@link buildPlan} first), listening and clustering on the loopback interface.
 */
export function processPlan(spec: LaunchSpec, ports: Ports): RuntimePlan {
  const args =
    spec.mode === 'production'
      ? [
          'start',
          '--optimized',
          ...spec.options,
          `--http-host=${LOOPBACK}`,
          ...portOptions(ports),
          ...(ports.cluster === undefined
            ? []
            : [`--cache-embedded-network-bind-address=${LOOPBACK}`, `--cache-embedded-network-bind-port=${ports.cluster}`]),
        ]
      : [spec.command, ...spec.buildOptions, ...spec.options, ...portOptions(ports)];
  return { version: spec.version, args, environment: spec.environment, files: placements(spec) };
}

/** `kc.sh build` of a production spec: bakes the build options and the providers into the Keycloak home. */
export function buildPlan(spec: LaunchSpec): RuntimePlan {
  return { version: spec.version, args: ['build', ...spec.buildOptions], environment: {}, files: placements(spec) };
}

export const IMAGE = 'quay.io/keycloak/keycloak';
const CONTAINER_HTTP = 8080;
const CONTAINER_MANAGEMENT = 9000;

export function containerPlan(spec: LaunchSpec, ports: Ports): ContainerPlan {
  return {
    image: `${IMAGE}:${spec.version}`,
    version: spec.version,
    // The official image builds at start when given build options (`start` without `--optimized`).
    args: [
      spec.command,
      ...spec.buildOptions,
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
