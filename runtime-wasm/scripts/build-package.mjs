#!/usr/bin/env node
// Builds @tana/engine's dist/: ES modules (the API, the sandbox's worker, the signature rule, and
// the transpiler, which the API loads when first needed: transpiler.ts), each one file with every
// dependency bundled in, so the package loads in a plain <script type="module"> page with no import
// map; plus type declarations. One file each, not shared chunks: importing the package loaded six
// modules (12 against 6.5 ms in Node, on the way to every cold start). The files share no state:
// what the worker's file repeats (the engine's glue and instance) runs in a realm of its own, and
// the signature rule repeats only hex helpers.
import { build } from 'esbuild';
import { execFileSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
rmSync(`${root}/dist`, { recursive: true, force: true });

/** The entries reached only through import() stay their own files, loaded when first needed. */
const LAZY_ENTRIES = /^\.\/(transpile|ed25519)\.ts$/;
const lazyEntries = {
  name: 'lazy-entries',
  setup(build) {
    build.onResolve({ filter: LAZY_ENTRIES }, ({ path, kind }) => (kind === 'dynamic-import' || kind === 'require-call' ? { path: path.replace(/\.ts$/, '.js'), external: true } : undefined));
  },
};

await build({
  absWorkingDir: root,
  // transpile.ts is an entry so that its file has a fixed name Node can `require` (transpiler.ts);
  // ed25519.ts so that importing the package does not build the curve (ed25519.ts says why).
  entryPoints: ['ts/index.ts', 'ts/sandbox-worker.ts', 'ts/transpile.ts', 'ts/ed25519.ts'],
  outdir: 'dist',
  bundle: true,
  format: 'esm',
  platform: 'neutral',
  target: 'es2022',
  // Reached only under Node, through dynamic import.
  external: ['node:*', '../pkg/tana_engine_bg.wasm'],
  plugins: [lazyEntries],
  mainFields: ['module', 'main'],
  minify: true,
  legalComments: 'eof',
  logLevel: 'warning',
});

execFileSync(process.execPath, [fileURLToPath(import.meta.resolve('typescript/bin/tsc')), '-p', 'tsconfig.json', '--emitDeclarationOnly'], {
  cwd: root,
  stdio: 'inherit',
});
console.log('built runtime-wasm/dist');
