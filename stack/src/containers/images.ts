/**
 * The images the container runtime and the container tests run, all built on this machine: no registry is needed.
 *
 * - A Debian base: `debootstrap --variant=minbase bookworm`, imported (the root file system is cached as a tar file).
 * - Stand-ins for the official images the project names, from Debian's packages and the package registries
 *   (stack/images/README.md).
 * - The project's images from the production Dockerfiles under deploy/, with the stand-ins as their bases (build
 *   arguments) and the extension JAR built by Maven on this machine (EXTENSION=prebuilt).
 *
 * Every build goes through Docker's layer cache, and the engine the stack starts keeps its data in the cache folder,
 * so a build whose inputs did not change takes seconds.
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { contract } from '@focus-api-access/contract';
import { ensureDebianPackages } from '../debian-packages.js';
import { ensureDistribution } from '../distribution.js';
import { buildExtension, EXTENSION_JAR } from '../extension.js';
import { extensionDir, repoRoot } from '../paths.js';
import { IMAGE } from '../runtime-plans.js';
import type { DockerEngine } from './engine.js';

export class ImageBuildError extends Error {
  override readonly name = 'ImageBuildError';
}

const provisionerVersion: string = JSON.parse(readFileSync(join(repoRoot, 'provisioner', 'package.json'), 'utf8')).version;
const nodeRuntime: { version: string; packages: Record<string, { name: string; integrity: string }> } = JSON.parse(
  readFileSync(join(repoRoot, 'scripts', 'node-runtime.json'), 'utf8'),
);

/** The npm the Node stand-in carries (the official image bundles the npm of its Node release). */
export const NPM_VERSION = '11.21.2';

/** The project's images, tagged as docker-compose.yml names them. */
export const PROJECT_IMAGES = {
  keycloak: `${IMAGE}:${contract.keycloakVersion}`,
  provisioner: `focus-api-access/provisioner:${provisionerVersion}`,
} as const;

/** Images docker-compose.yml uses as they are; their stand-ins are tagged with these names. */
export const OFFICIAL_IMAGES = { postgres: 'postgres:15-bookworm', nginx: 'nginx:1.28-alpine' } as const;

export const DEBIAN_BASE = 'focus-test/debian:bookworm';
export const STAND_INS = {
  keycloak: `focus-test/keycloak:${contract.keycloakVersion}`,
  node: `focus-test/node:${nodeRuntime.version}`,
  postgres: 'focus-test/postgres:15',
  nginx: 'focus-test/nginx:1.22',
} as const;

const standInDir = join(repoRoot, 'stack', 'images');

export interface ImageBuilder {
  readonly engine: DockerEngine;
  readonly cacheDir: string;
  readonly log: (line: string) => void;
}

function docker(builder: ImageBuilder, args: readonly string[], logFile?: string): string {
  const result = spawnSync(builder.engine.cli, args, {
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
    env: { ...process.env, DOCKER_HOST: builder.engine.host, DOCKER_BUILDKIT: '1' },
  });
  const output = `${result.stdout ?? ''}${result.stderr ?? ''}`;
  if (logFile) writeFileSync(logFile, output);
  if (result.error) throw new ImageBuildError(`${builder.engine.cli} could not be run (${result.error.message})`);
  if (result.status !== 0) {
    throw new ImageBuildError(`docker ${args.slice(0, 2).join(' ')} … failed:\n${output.trim().split('\n').slice(-30).join('\n')}`);
  }
  return result.stdout;
}

export function imageExists(builder: ImageBuilder, ref: string): boolean {
  return (
    spawnSync(builder.engine.cli, ['image', 'inspect', ref], { env: { ...process.env, DOCKER_HOST: builder.engine.host } }).status === 0
  );
}

/** Size of an image in bytes, as `docker image ls` counts it (all its layers). */
export function imageSize(builder: ImageBuilder, ref: string): number {
  return Number(docker(builder, ['image', 'inspect', '--format', '{{.Size}}', ref]).trim());
}

/** `docker build` with BuildKit; its output goes to a log file in the cache folder. */
function build(
  builder: ImageBuilder,
  spec: { tag: string; dockerfile: string; context: string; args?: Readonly<Record<string, string>> },
): void {
  const logs = join(builder.cacheDir, 'images', 'logs');
  mkdirSync(logs, { recursive: true });
  builder.log(`Building image ${spec.tag}…`);
  const buildArgs = Object.entries(spec.args ?? {}).flatMap(([key, value]) => ['--build-arg', `${key}=${value}`]);
  docker(
    builder,
    ['build', '--progress=plain', '--file', spec.dockerfile, '--tag', spec.tag, ...buildArgs, spec.context],
    join(logs, `${spec.tag.replace(/[/:]/g, '_')}.log`),
  );
}

/** The Debian root file system, made once with debootstrap and kept as a tar file. */
function debianRootfs(builder: ImageBuilder): string {
  const tar = join(builder.cacheDir, 'images', 'debian-bookworm-minbase.tar');
  if (existsSync(tar)) return tar;
  ensureDebianPackages({
    packages: ['debootstrap'],
    programs: ['/usr/sbin/debootstrap'],
    purpose: 'the Debian base image',
    log: builder.log,
  });
  mkdirSync(join(builder.cacheDir, 'images'), { recursive: true });
  const work = mkdtempSync(join(builder.cacheDir, 'images', '.debootstrap-'));
  try {
    const rootfs = join(work, 'rootfs');
    builder.log('Making a Debian bookworm root file system (debootstrap --variant=minbase)…');
    const result = spawnSync('debootstrap', ['--variant=minbase', 'bookworm', rootfs, 'http://deb.debian.org/debian'], {
      encoding: 'utf8',
    });
    if (result.status !== 0) {
      throw new ImageBuildError(`debootstrap failed:\n${`${result.stdout}\n${result.stderr}`.trim().split('\n').slice(-20).join('\n')}`);
    }
    // What Debian's own images do: no package cache, no package lists, updates and security in the sources.
    for (const dir of ['var/cache/apt/archives', 'var/lib/apt/lists']) {
      for (const entry of readdirSync(join(rootfs, dir))) {
        if (entry !== 'partial' && entry !== 'lock') rmSync(join(rootfs, dir, entry), { recursive: true, force: true });
      }
    }
    writeFileSync(
      join(rootfs, 'etc', 'apt', 'sources.list'),
      [
        'deb http://deb.debian.org/debian bookworm main',
        'deb http://deb.debian.org/debian bookworm-updates main',
        'deb http://deb.debian.org/debian-security bookworm-security main',
        '',
      ].join('\n'),
    );
    const packed = spawnSync('tar', ['--numeric-owner', '--sort=name', '-C', rootfs, '-cf', join(work, 'rootfs.tar'), '.'], {
      encoding: 'utf8',
    });
    if (packed.status !== 0) throw new ImageBuildError(`tar of the root file system failed: ${packed.stderr}`);
    renameSync(join(work, 'rootfs.tar'), tar);
    return tar;
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

/** `focus-test/debian:bookworm`, imported from the cached root file system. */
export function ensureDebianBase(builder: ImageBuilder): string {
  if (imageExists(builder, DEBIAN_BASE)) return DEBIAN_BASE;
  const tar = debianRootfs(builder);
  builder.log(`Importing ${DEBIAN_BASE}…`);
  docker(builder, ['import', '--change', 'CMD ["bash"]', tar, DEBIAN_BASE]);
  return DEBIAN_BASE;
}

function standIn(builder: ImageBuilder, name: keyof typeof STAND_INS, context: string): string {
  build(builder, {
    tag: STAND_INS[name],
    dockerfile: join(standInDir, name, 'Dockerfile'),
    context,
    args: { BASE: ensureDebianBase(builder) },
  });
  return STAND_INS[name];
}

/** The npm package's tarball (`npm pack` checks it against the registry's integrity), kept in the cache. */
function npmPack(builder: ImageBuilder, spec: string, expectedIntegrity?: string): string {
  const dir = join(builder.cacheDir, 'images', 'npm');
  mkdirSync(dir, { recursive: true });
  const result = spawnSync('npm', ['pack', spec, '--json', '--pack-destination', dir], { cwd: dir, encoding: 'utf8' });
  if (result.status !== 0) throw new ImageBuildError(`npm pack ${spec} failed:\n${result.stderr}`);
  const [packed] = JSON.parse(result.stdout) as Array<{ filename: string; integrity: string }>;
  if (!packed || (expectedIntegrity && packed.integrity !== expectedIntegrity)) {
    throw new ImageBuildError(`npm pack ${spec}: integrity ${packed?.integrity} is not the expected ${expectedIntegrity}`);
  }
  return join(dir, packed.filename);
}

function nodeStandIn(builder: ImageBuilder): string {
  const context = mkdtempSync(join(builder.cacheDir, 'images', '.node-'));
  try {
    const pkg = nodeRuntime.packages['linux-x64'];
    if (!pkg) throw new ImageBuildError('scripts/node-runtime.json names no linux-x64 package');
    const nodeTgz = npmPack(builder, `${pkg.name}@${nodeRuntime.version}`, pkg.integrity);
    const unpacked = spawnSync('tar', ['-xzf', nodeTgz, '-C', context, '--strip-components=2', 'package/bin/node']);
    if (unpacked.status !== 0) throw new ImageBuildError(`${nodeTgz} holds no package/bin/node`);
    copyFileSync(npmPack(builder, `npm@${NPM_VERSION}`), join(context, 'npm.tgz'));
    const hostCertificates = '/etc/ssl/certs/ca-certificates.crt';
    if (!existsSync(hostCertificates)) throw new ImageBuildError(`${hostCertificates} is missing: install Debian's ca-certificates`);
    copyFileSync(hostCertificates, join(context, 'ca-certificates.crt'));
    return standIn(builder, 'node', context);
  } finally {
    rmSync(context, { recursive: true, force: true });
  }
}

/**
 * The project's Keycloak image, from deploy/keycloak/Dockerfile on the Keycloak stand-in, with the extension JAR of
 * the checkout (built by Maven when its sources changed) placed where the Dockerfile's "prebuilt" stage takes it.
 */
export function ensureKeycloakImage(builder: ImageBuilder): string {
  const distribution = ensureDistribution(join(builder.cacheDir, 'images'), contract.keycloakVersion, builder.log);
  const base = standIn(builder, 'keycloak', distribution);
  const { jar } = buildExtension(builder.cacheDir, { runTests: false });
  if (!jar) throw new ImageBuildError('keycloak-extension/ has no pom.xml: nothing to build the provider JAR from');
  const target = join(extensionDir, 'target', EXTENSION_JAR);
  if (!existsSync(target) || !readFileSync(target).equals(readFileSync(jar))) {
    mkdirSync(join(extensionDir, 'target'), { recursive: true });
    copyFileSync(jar, target);
  }
  build(builder, {
    tag: PROJECT_IMAGES.keycloak,
    dockerfile: join(repoRoot, 'deploy', 'keycloak', 'Dockerfile'),
    context: repoRoot,
    args: { KEYCLOAK_IMAGE: base, EXTENSION: 'prebuilt' },
  });
  return PROJECT_IMAGES.keycloak;
}

/** The project's provisioner image, from deploy/provisioner/Dockerfile on the Node stand-in. */
export function ensureProvisionerImage(builder: ImageBuilder): string {
  const base = nodeStandIn(builder);
  build(builder, {
    tag: PROJECT_IMAGES.provisioner,
    dockerfile: join(repoRoot, 'deploy', 'provisioner', 'Dockerfile'),
    context: repoRoot,
    args: { NODE_IMAGE: base },
  });
  return PROJECT_IMAGES.provisioner;
}

/**
 * A stand-in tagged with the official name Compose uses, unless the engine already holds the real image (a machine
 * with a registry, or one that pulled it before): that one is never replaced.
 */
function asOfficial(builder: ImageBuilder, name: 'postgres' | 'nginx', build: () => string): void {
  const official = OFFICIAL_IMAGES[name];
  if (imageExists(builder, official) && !imageExists(builder, STAND_INS[name])) return;
  docker(builder, ['tag', build(), official]);
}

/** Every image docker-compose.yml runs, both profiles. */
export function ensureComposeImages(builder: ImageBuilder): Record<string, string> {
  const images = { keycloak: ensureKeycloakImage(builder), provisioner: ensureProvisionerImage(builder) };
  asOfficial(builder, 'postgres', () => standIn(builder, 'postgres', join(standInDir, 'postgres')));
  asOfficial(builder, 'nginx', () => standIn(builder, 'nginx', join(standInDir, 'nginx')));
  return { ...images, ...OFFICIAL_IMAGES };
}
