export { readSettings, SettingsError, type StackSettings, type RuntimeKind } from './settings.js';
export { startKeycloak, PortInUseError, type RunningKeycloak, type StartKeycloakOptions } from './keycloak.js';
export { buildExtension, ExtensionBuildError, EXTENSION_JAR } from './extension.js';
export { themeFolders } from './themes.js';
export { launchSpec, LaunchSpecError, type LaunchSpec, type LaunchInput, type LaunchMode, type DatabaseConnection } from './launch-spec.js';
export {
  processPlan,
  buildPlan,
  containerPlan,
  IMAGE,
  OFFICIAL_IMAGE,
  CONTAINER_HTTP,
  CONTAINER_MANAGEMENT,
  FAILURE_DETECTION_PORT_OFFSET,
  type Ports,
  type RuntimePlan,
  type ContainerPlan,
} from './runtime-plans.js';
export { realmFiles } from './realm-files.js';
export { freePort, freePorts } from './ports.js';
export { chooseJdk, parseMajor } from './jdk.js';
export { generateSecrets, type LocalSecrets } from './local-secrets.js';
export { repoRoot, realmConfigDir, extensionDir, themeDir } from './paths.js';
export { ContainerRuntimeError } from './container-runtime.js';
export { ensureDockerEngine, dockerEngineProblem, DockerEngineError, ENGINE_HOST, type DockerEngine } from './containers/engine.js';
export {
  ensureComposeImages,
  ensureKeycloakImage,
  ensureProvisionerImage,
  imageExists,
  imageSize,
  ImageBuildError,
  PROJECT_IMAGES,
  OFFICIAL_IMAGES,
  STAND_INS,
  type ImageBuilder,
} from './containers/images.js';
export { ensureCompose, ComposeError, COMPOSE_VERSION, type Compose } from './containers/compose.js';
export { ensureDebianPackages, DebianPackageError } from './debian-packages.js';
export { PROXY_HEADERS_WITHOUT_TRUSTED_ADDRESSES } from './settings.js';
export { NotReadyError } from './readiness.js';
export { ensureChromium, ChromiumInstallError, CHROMIUM_PATH, type ChromiumSystem } from './chromium.js';
export { startKeycloakCluster, type KeycloakCluster, type KeycloakClusterOptions, type ClusterLayout } from './production/cluster.js';
export { startProductionKeycloak, ProductionBuildError, type KeycloakNode } from './production/keycloak-node.js';
export { startPostgres, PostgresError, type RunningPostgres } from './production/postgres.js';
export { ensurePostgres, findPostgres, PostgresInstallError } from './production/postgres-install.js';
export {
  clusterViews,
  currentClusterView,
  localMemberName,
  readNodeLog,
  waitForClusterView,
  type ClusterView,
} from './production/cluster-view.js';
export { freeNodePorts, freeClusterPorts } from './production/node-ports.js';
export {
  startReverseProxy,
  localProxyConfig,
  ReverseProxyError,
  type ReverseProxy,
  type ReverseProxyOptions,
} from './production/reverse-proxy.js';
export { projectLaunchSpec, type ProjectSpecInput } from './project-spec.js';
