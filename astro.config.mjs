// The playground: Astro + Svelte in playground/, built to playground/dist, which `tana start`
// serves beside the ledger on one port.
import { defineConfig } from 'astro/config';
import svelte from '@astrojs/svelte';

export default defineConfig({
  // The project root is the repository (where this file is); the site lives in playground/.
  srcDir: './playground/src',
  publicDir: './playground/public',
  outDir: './playground/dist',
  cacheDir: './playground/.astro-cache',
  integrations: [svelte()],
  devToolbar: { enabled: false },
  server: { host: '127.0.0.1', port: 4321 },
  vite: {
    worker: { format: 'es' },
    // The engine package ships a self-contained ES module; pre-bundling would separate it from its worker and .wasm.
    optimizeDeps: { exclude: ['@tana/engine'] },
  },
});
