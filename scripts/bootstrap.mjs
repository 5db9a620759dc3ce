#!/usr/bin/env node
// Entry point of `npm start`, `npm test` and `npm run bench` on a fresh clone: installs the npm packages when
// they are missing or older than the lock file, then hands over to the TypeScript entry point.
// Dependency-free on purpose: it runs before node_modules exists.
import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const entries = {
  start: 'scripts/start.ts',
  test: 'scripts/run-tests.ts',
  bench: 'scripts/run-benchmarks.ts',
};

const command = process.argv[2];
if (!(command in entries)) {
  console.error(`usage: bootstrap.mjs ${Object.keys(entries).join('|')}`);
  process.exit(2);
}

function run(cmd, args, options = {}) {
  const result = spawnSync(cmd, args, { cwd: root, stdio: 'inherit', ...options });
  if (result.error) {
    console.error(`${cmd} could not be run: ${result.error.message}`);
    process.exit(1);
  }
  return result.status ?? 1;
}

const lock = join(root, 'package-lock.json');
const stamp = join(root, 'node_modules', '.focus-install-stamp');
const lockHash = createHash('sha256').update(readFileSync(lock)).digest('hex');
if (!existsSync(stamp) || readFileSync(stamp, 'utf8') !== lockHash) {
  // A fresh clone gets exactly the lock file (npm ci); an existing install is brought up to date in place.
  const fresh = !existsSync(join(root, 'node_modules'));
  console.log(fresh ? 'Installing npm packages (npm ci)…' : 'Updating npm packages to the lock file…');
  if (run('npm', [fresh ? 'ci' : 'install', '--no-audit', '--no-fund']) !== 0) process.exit(1);
  writeFileSync(stamp, createHash('sha256').update(readFileSync(lock)).digest('hex'));
}

// One process runs the entry point (node with tsx's loader), so signals reach the code that stops Keycloak.
const child = spawn(process.execPath, ['--import', 'tsx', entries[command], ...process.argv.slice(3)], {
  cwd: root,
  stdio: 'inherit',
});
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  // Forwarded, and never fatal here: this process exits with the child once it has cleaned up.
  process.on(signal, () => child.kill(signal));
}
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
