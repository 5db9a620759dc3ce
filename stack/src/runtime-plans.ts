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

/** The project's Keycloak image (deploy/keycloak/Dockerfile), as docker-compose.yml tags it. */
export const IMAGE = 'focus-api-access/keycloak';
/** The official image deploy/keycloak/Dockerfile builds on by default. */
export const OFFICIAL_IMAGE = 'quay.io/keycloak/keycloak';
/** Where the image's Keycloak listens by default (docker-compose.yml publishes and checks these). */
export const CONTAINER_HTTP = 8080;
export const CONTAINER_MANAGEMENT = 9000;

/**
 * How to run the spec in the project's image, which already holds the extension and the themes: the realm files are
 * copied in, and the container shares the host's network, listening on the given ports, so that Keycloak sees every
 * caller's own address as the local process does (the IP-range tests call from 127.0.0.2 and ::1).
 */
export function containerPlan(spec: LaunchSpec, ports: Ports): ContainerPlan {
  return {
    image: `${IMAGE}:${spec.version}`,
    version: spec.version,
    // The image is built for production; a development start builds again for the given build options.
    args: [spec.command, ...spec.buildOptions, ...spec.options, ...portOptions(ports)],
    environment: spec.environment,
    files: placements(spec).filter((placement) => placement.target.startsWith(join('data', 'import'))),
  };
}
