// The playground: Astro + Svelte in playground/, built to playground/dist, which `tana start`
// serves beside the ledger on one port.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'astro/config';
import { defaultClientConditions } from 'vite';
import svelte from '@astrojs/svelte';
import { modulePreload } from './playground/build/module-preload.mjs';

/**
 * Writes the service worker (playground/src/offline/service-worker.js) into the build as sw.js, with
 * the list of built files to cache and a version that changes whenever any of them does.
 */
function offline() {
  return {
    name: 'tana-offline',
    hooks: {
      'astro:build:done': ({ dir }) => {
        const root = fileURLToPath(dir);
        const files = [];
        const walk = (folder) => {
          for (const entry of readdirSync(folder, { withFileTypes: true })) {
            const path = join(folder, entry.name);
            if (entry.isDirectory()) walk(path);
            else files.push(relative(root, path).split('\\').join('/'));
          }
        };
        walk(root);
        files.sort();
        const version = createHash('sha256');
        for (const file of files) version.update(file).update(readFileSync(join(root, file)));
        const assets = ['./', ...files.filter((file) => file !== 'index.html' && file !== 'sw.js').map((file) => `./${file}`)];
        const template = readFileSync(new URL('./playground/src/offline/service-worker.js', import.meta.url), 'utf8');
        writeFileSync(join(root, 'sw.js'), template.replace("'__VERSION__'", JSON.stringify(version.digest('hex').slice(0, 16))).replace('__ASSETS__', JSON.stringify(assets)));
      },
    },
  };
}

export default defineConfig({
  // The project root is the repository (where this file is); the site lives in playground/.
  srcDir: './playground/src',
  publicDir: './playground/public',
  outDir: './playground/dist',
  cacheDir: './playground/.astro-cache',
  // modulePreload rewrites index.html, so it runs before offline() takes the files' hash.
  integrations: [svelte(), modulePreload(), offline()],
  devToolbar: { enabled: false },
  server: { host: '127.0.0.1', port: 4321 },
  vite: {
    // The engine package's TypeScript source, as in the tests: the bundle keeps only the modules the
    // page uses and splits off what it loads later (the transpiler), which its prebuilt dist/ cannot.
    resolve: { conditions: ['@tana/source', ...defaultClientConditions] },
    // The engine's worker is built in the server build (pages/index.astro names it): for browsers.
    ssr: { resolve: { conditions: ['@tana/source', ...defaultClientConditions] } },
    // One file per worker (no chunks to fetch one after another before it can start), and the
    // engine's worker is built only in the server build, whose chunks would not be kept.
    worker: { format: 'es', rollupOptions: { output: { inlineDynamicImports: true } } },
    // `astro dev` serves the engine from its source too: pre-bundling would separate it from its worker and .wasm.
    optimizeDeps: { exclude: ['@tana/engine'] },
  },
});
