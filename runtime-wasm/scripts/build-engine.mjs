#!/usr/bin/env node
// The one engine build: patched Boa → wasm32 (Debian rustc, -Zbuild-std) →
// wasm-bindgen → wasm-opt → the realm prepared into its data → engine.hash.
// Reproducible: paths are remapped and every tool version is pinned
// (wasm-pack.toml, Cargo.lock, package-lock.json).
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync, rmSync, mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { homedir } from 'node:os';
import { LIMITS } from '../ts/generated/limits.ts';
import { preinitialise } from './preinitialise.ts';

const crateDir = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const root = resolve(crateDir, '..');
const settings = parseToml(readFileSync(join(root, 'wasm-pack.toml'), 'utf8'));
const outDir = join(root, settings.package['out-dir']);
const outName = settings.package['out-name'];
const cargoHome = process.env.CARGO_HOME ?? join(homedir(), '.cargo');

function step(label, fn) {
  const started = Date.now();
  process.stdout.write(`• ${label} … `);
  const result = fn();
  console.log(`done (${((Date.now() - started) / 1000).toFixed(1)} s)`);
  return result;
}

function run(cmd, args, env = {}) {
  execFileSync(cmd, args, { cwd: crateDir, stdio: ['ignore', 'inherit', 'inherit'], env: { ...process.env, ...env } });
}

function need(cmd, hint) {
  try {
    execFileSync('sh', ['-c', `command -v ${cmd}`], { stdio: 'ignore' });
  } catch {
    console.error(`\nmissing ${cmd}: ${hint}`);
    process.exit(1);
  }
}

const tc = settings.toolchain;
need(tc.rustc, 'apt-get install -y rustc-web rust-web-src lld');
need(tc.linker, 'apt-get install -y lld');
need('wasm-bindgen', `cargo install wasm-bindgen-cli --version =${settings.bindgen.version}`);
const bindgenVersion = execFileSync('wasm-bindgen', ['--version'], { encoding: 'utf8' }).trim();
if (!bindgenVersion.endsWith(settings.bindgen.version)) {
  console.error(`wasm-bindgen is ${bindgenVersion}; the crate needs exactly ${settings.bindgen.version}`);
  process.exit(1);
}

step('patching Boa and regress', () => run('bash', ['scripts/patch-crates.sh']));

const targetDir = join(crateDir, 'target', 'wasm');
const rustflags = [
  `-C linker=${tc.linker}`,
  '--cfg getrandom_backend="custom"',
  `--remap-path-prefix=${crateDir}=/tana/runtime-wasm`,
  `--remap-path-prefix=${cargoHome}=/cargo`,
  '--remap-path-prefix=/usr/lib/rustlib/src/rust=/rustc-src',
  `-C link-arg=--max-memory=${LIMITS.maxMemoryBytes}`,
  `-C link-arg=-zstack-size=${settings.link['stack-size']}`,
].join(' ');
step('compiling to wasm32 (a cold build takes a few minutes)', () =>
  run('cargo', ['build', '--release', '--locked', '--lib', `-Zbuild-std=${tc['build-std']}`, '--target', tc.target, '--target-dir', targetDir], {
    RUSTC: tc.rustc,
    RUSTC_BOOTSTRAP: '1',
    RUSTFLAGS: rustflags,
    SOURCE_DATE_EPOCH: '0',
  }),
);

const rawWasm = join(targetDir, tc.target, 'release', 'tana_engine.wasm');
rmSync(outDir, { recursive: true, force: true });
mkdirSync(outDir, { recursive: true });
step('generating bindings', () => run('wasm-bindgen', [rawWasm, '--out-dir', outDir, '--out-name', outName, '--target', settings.bindgen.target, ...settings.bindgen.flags]));

const wasmFile = join(outDir, `${outName}_bg.wasm`);
const wasmOpt = join(root, 'node_modules', '.bin', 'wasm-opt');
if (!existsSync(wasmOpt)) {
  console.error('wasm-opt missing: run npm install (binaryen is a pinned devDependency)');
  process.exit(1);
}
step('optimising with wasm-opt', () => run(wasmOpt, [...settings.opt['wasm-opt'], wasmFile, '-o', wasmFile]));
step('pre-initialising the realm', () => writeFileSync(wasmFile, preinitialise(readFileSync(wasmFile))));

const hash = createHash('sha256').update(readFileSync(wasmFile)).digest('hex');
writeFileSync(join(outDir, 'engine.hash'), `${hash}\n`);
rmSync(join(outDir, '.gitignore'), { force: true });
console.log(`engine ${wasmFile.slice(root.length + 1)}: ${readFileSync(wasmFile).length} bytes, sha256 ${hash}`);

/** Enough TOML for wasm-pack.toml: [sections], key = "string" | [array of strings]. */
function parseToml(text) {
  const out = {};
  let section = out;
  for (const raw of text.split('\n')) {
    const line = raw.replace(/#.*$/, '').trim();
    if (!line) continue;
    const header = line.match(/^\[(.+)\]$/);
    if (header) {
      section = out[header[1]] = {};
      continue;
    }
    const [, key, value] = line.match(/^([\w-]+)\s*=\s*(.+)$/) ?? [];
    if (key) section[key] = JSON.parse(value);
  }
  return out;
}
