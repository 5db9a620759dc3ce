/**
 * Three builds of the API Toegang page, chosen with `--mode`:
 *  - `lib`:          ES module + CSS with React and PatternFly inside; `mount()` works in any host.
 *  - `lib-external`: the same module leaving react, react-dom and @patternfly/* to a host that already has them.
 *  - `host`:         the FOCUS-like development host (keycloak-js login) that consumes the `lib-external` build.
 */
import { resolve } from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig, type UserConfig } from 'vite';

const root = import.meta.dirname;
export const BUNDLE_NAME = 'focus-api-access';

/** React 18+ has what these CommonJS shims polyfill; their `require('react')` breaks the ES-module output. */
const reactShims = [
  { find: /^use-sync-external-store\/shim(\/index\.js)?$/, replacement: resolve(root, 'build/shims/use-sync-external-store-shim.ts') },
];

/**
 * Bare module ids a host provides in the `lib-external` variant. PatternFly stylesheets the page imports itself (its
 * table's) go into the bundle's CSS instead: a host's PatternFly base.css does not hold them.
 */
const hostProvided = [/^react($|\/)/, /^react-dom($|\/)/, /^@patternfly\/.*(?<!\.css)$/];

/**
 * A plain (not "library mode") build with one ES-module entry: library mode would inline PatternFly's fonts into
 * the CSS as base64 and leave the code unminified, and variant (a) goes to browsers as it is.
 */
function library(external: boolean): UserConfig {
  return {
    base: './',
    plugins: [react()],
    resolve: { alias: reactShims },
    define: { 'process.env.NODE_ENV': JSON.stringify('production') },
    build: {
      outDir: resolve(root, 'dist', external ? 'lib-external' : 'lib'),
      emptyOutDir: true,
      sourcemap: true,
      cssCodeSplit: false,
      modulePreload: false,
      rolldownOptions: {
        input: { [BUNDLE_NAME]: resolve(root, external ? 'src/index-external.ts' : 'src/index.ts') },
        preserveEntrySignatures: 'exports-only',
        external: external ? hostProvided : [],
        output: {
          format: 'es',
          entryFileNames: '[name].js',
          chunkFileNames: 'chunks/[name]-[hash].js',
          assetFileNames: (asset) =>
            asset.names.some((name) => name.endsWith('.css')) ? `${BUNDLE_NAME}.css` : 'assets/[name]-[hash][extname]',
        },
      },
    },
  };
}

function host(): UserConfig {
  return {
    root: resolve(root, 'host'),
    base: '/',
    plugins: [react()],
    // The host consumes the page as a FOCUS build would: the bundle that leaves React and PatternFly to it.
    resolve: {
      alias: [
        ...reactShims,
        {
          find: '@focus-api-access/admin-plugin/external/style.css',
          replacement: resolve(root, 'dist/lib-external', `${BUNDLE_NAME}.css`),
        },
        { find: '@focus-api-access/admin-plugin/external', replacement: resolve(root, 'dist/lib-external', `${BUNDLE_NAME}.js`) },
      ],
    },
    build: {
      outDir: resolve(root, 'dist', 'host'),
      emptyOutDir: true,
      sourcemap: true,
    },
  };
}

export default defineConfig(({ mode }) => {
  if (mode === 'lib') return library(false);
  if (mode === 'lib-external') return library(true);
  if (mode === 'host') return host();
  throw new Error(`unknown build mode "${mode}": use lib, lib-external or host`);
});
