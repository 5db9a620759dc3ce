// The provisioner's production build: its HTTP server and CLI bundled with esbuild into plain JavaScript, with the
// project's own packages (the contract, whose package exports TypeScript) inlined and every npm dependency left
// external (installed with `npm ci --omit=dev`).
// Usage: node deploy/provisioner/bundle.mjs <folder>  →  <folder>/dist/server.js, <folder>/dist/focus-api-access.js
// and <folder>/contract.json. Put <folder> where the provisioner's node_modules resolve (the image uses
// /app/provisioner). The contract reads `../contract.json` relative to the running module, hence that file; the CLI
// keeps its name because it runs only when started as `focus-api-access`.
import { copyFileSync, mkdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const target = process.argv[2];
if (!target) {
  console.error('Usage: node deploy/provisioner/bundle.mjs <folder>');
  process.exit(2);
}
const out = resolve(target);
const { dependencies } = JSON.parse(readFileSync(join(root, 'provisioner', 'package.json'), 'utf8'));
const external = Object.keys(dependencies).filter((name) => !name.startsWith('@focus-api-access/'));

await build({
  entryPoints: {
    server: join(root, 'provisioner', 'src', 'server.ts'),
    'focus-api-access': join(root, 'provisioner', 'src', 'cli', 'main.ts'),
  },
  outdir: join(out, 'dist'),
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node24',
  external,
  sourcemap: true,
  logLevel: 'warning',
});
mkdirSync(out, { recursive: true });
copyFileSync(join(root, 'contract', 'contract.json'), join(out, 'contract.json'));
console.log(`Provisioner bundled into ${out}`);
