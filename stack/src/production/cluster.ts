/**
 * The production profile on one machine: PostgreSQL and N Keycloak nodes in production mode sharing its database,
 * which discover each other through it (Keycloak's default `jdbc-ping` stack) and form one Infinispan cluster.
 * Everything lives in one data folder, so stopping and starting the cluster on the same folder keeps every realm,
 * client and secret.
 */
import { chmodSync, cpSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { contract } from '@focus-api-access/contract';
import { ensureDistribution } from '../distribution.js';
import { chooseJdk } from '../jdk.js';
import type { LaunchSpec } from '../launch-spec.js';
import { persistentSecrets, type LocalSecrets } from '../local-secrets.js';
import { freePort } from '../ports.js';
import { initStartedRealm } from '../realm-init.js';
import { projectLaunchSpec } from '../project-spec.js';
import { LOOPBACK, type Ports } from '../runtime-plans.js';
import type { StackSettings } from '../settings.js';
import { waitForClusterView, type ClusterView } from './cluster-view.js';
import { startProductionKeycloak, type KeycloakNode } from './keycloak-node.js';
import { freeNodePorts } from './node-ports.js';
import { startPostgres, type RunningPostgres } from './postgres.js';

export interface ClusterLayout {
  readonly postgresPort: number;
  readonly nodes: readonly Ports[];
}

export interface KeycloakClusterOptions {
  readonly settings: StackSettings;
  /**
   * The cluster's folder: PostgreSQL's data, one Keycloak home per node, the generated secrets and the chosen ports.
   * Starting again on the same folder brings back the same cluster at the same ports.
   */
  readonly dataDir: string;
  /** Number of Keycloak nodes for a new folder; default 2. */
  readonly nodeCount?: number;
  /**
   * The URL clients use (the reverse proxy's); it fixes the token issuer shared by all nodes. Default: node 1's URL.
   * When given, administrators use node 1's URL instead (`hostname-admin`, and realm master is served there), as
   * Compose does with KC_HOSTNAME_ADMIN: the public entrance does not pass the admin console or realm master.
   */
  readonly publicUrl?: string;
  /** Where the admin page is served (the `focus-admin` client's redirect URIs). */
  readonly adminPageUrl?: string;
  /** How long to wait for the nodes to see each other once they are ready. Default 120 s. */
  readonly clusterTimeoutMs?: number;
  readonly log?: (line: string) => void;
}

export interface KeycloakCluster {
  readonly database: RunningPostgres;
  readonly nodes: readonly KeycloakNode[];
  /** The view every node agreed on at start. */
  readonly view: ClusterView;
  readonly publicUrl: string;
  /** Where administrators reach the cluster: node 1's URL. */
  readonly adminUrl: string;
  readonly realm: string;
  readonly secrets: LocalSecrets;
  readonly layout: ClusterLayout;
  readonly runtimeDescription: string;
  /** Stops every node that still runs, then PostgreSQL. The data folder stays. */
  stop(): Promise<void>;
}

/**
 * The cluster's own copy of each provider JAR, kept per source version (the JAR's cache folder is named by the hash of
 * the extension's sources). Every node then loads the same bytes, and the build key stays the same across restarts,
 * even when another run rebuilds the extension from the same sources meanwhile.
 */
function snapshotProviders(dataDir: string, providers: readonly string[]): string[] {
  return providers.map((jar) => {
    const copy = join(dataDir, 'providers', basename(dirname(jar)), basename(jar));
    if (!existsSync(copy)) {
      mkdirSync(dirname(copy), { recursive: true });
      cpSync(jar, copy, { preserveTimestamps: true });
    }
    return copy;
  });
}

/** Loads the folder's ports, or picks free ones and keeps them. */
async function layoutIn(dataDir: string, nodeCount: number): Promise<ClusterLayout> {
  const file = join(dataDir, 'cluster.json');
  if (existsSync(file)) return JSON.parse(readFileSync(file, 'utf8')) as ClusterLayout;
  const layout = { postgresPort: await freePort(), nodes: await freeNodePorts(nodeCount) };
  writeFileSync(file, `${JSON.stringify(layout, null, 2)}\n`);
  return layout;
}

/**
 * Starts PostgreSQL, then the nodes one after the other (the first imports the realm, which later nodes then find),
 * and resolves once every node is ready and all of them report one cluster view holding them all.
 *
 * @example
 * const cluster = await startKeycloakCluster({ settings: readSettings(), dataDir: '/tmp/focus-cluster' });
 * cluster.nodes.map((node) => node.tokenEndpoint);
 * await cluster.stop();
 */
export async function startKeycloakCluster(options: KeycloakClusterOptions): Promise<KeycloakCluster> {
  const { settings, dataDir } = options;
  const log = options.log ?? (() => undefined);
  mkdirSync(dataDir, { recursive: true });
  // As root, PostgreSQL runs as its own OS user and must be able to pass through this folder.
  if (process.getuid?.() === 0) chmodSync(dataDir, 0o711);
  const layout = await layoutIn(dataDir, options.nodeCount ?? 2);
  const secrets = persistentSecrets(join(dataDir, 'secrets.json'));
  const jdk = chooseJdk(settings.javaHome);
  const distribution = ensureDistribution(settings.cacheDir, settings.keycloakVersion, log);
  const firstNodeUrl = `http://${LOOPBACK}:${layout.nodes[0]?.http}`;
  const publicUrl = options.publicUrl ?? firstNodeUrl;
  const adminUrl = options.publicUrl ? firstNodeUrl : undefined;

  const database = await startPostgres({ dataDir: join(dataDir, 'postgres'), port: layout.postgresPort, log });
  const nodes: KeycloakNode[] = [];
  const stopAll = async () => {
    await Promise.all(nodes.map((node) => node.stop()));
    await database.stop();
  };
  try {
    const projectSpec = projectLaunchSpec({
      settings,
      mode: 'production',
      database: database.database,
      publicUrl,
      ...(adminUrl ? { adminUrl } : {}),
      adminPageUrl: options.adminPageUrl ?? `http://localhost:${settings.provisionerPort}`,
      demoUsers: false,
      secrets,
    });
    const spec: LaunchSpec = Object.freeze({ ...projectSpec, providers: Object.freeze(snapshotProviders(dataDir, projectSpec.providers)) });
    for (const [index, ports] of layout.nodes.entries()) {
      log(`Starting Keycloak node ${index + 1} of ${layout.nodes.length} (production mode, ${jdk.description})…`);
      nodes.push(
        await startProductionKeycloak({
          spec,
          distribution,
          home: join(dataDir, `keycloak-${index + 1}`),
          ports,
          jdk,
          cacheDir: settings.cacheDir,
          readyTimeoutMs: settings.readyTimeoutMs,
          log,
        }),
      );
    }
    const view = await waitForClusterView(
      nodes.map((node) => ({ file: node.logFile, from: node.logFrom })),
      options.clusterTimeoutMs ?? 120_000,
    );
    log(`Keycloak cluster view: [${view.members.join(', ')}]`);
    await initStartedRealm({ keycloakUrl: firstNodeUrl, adminUrl, secrets, log });
    let stopped: Promise<void> | undefined;
    return {
      database,
      nodes,
      view,
      publicUrl,
      adminUrl: firstNodeUrl,
      realm: contract.realm,
      secrets,
      layout,
      runtimeDescription: jdk.description,
      stop: () => (stopped ??= stopAll()),
    };
  } catch (error) {
    await stopAll();
    throw error;
  }
}
