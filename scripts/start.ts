// `npm start`: builds @tana/engine's dist when its sources are newer (the `tana` command runs it), and the
// playground when its sources, the engine's among them, are newer than the build (a progress line on a terminal), then runs
// `tana start`: the ledger and the playground on one port (http://127.0.0.1:8080; PORT to change).
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startProgress } from '../cli/src/progress.ts';

const repo = fileURLToPath(new URL('..', import.meta.url));
const built = join(repo, 'playground/dist/index.html');
// The playground bundles the engine from its TypeScript source and its .wasm (astro.config.mjs).
const sources = ['playground/src', 'astro.config.mjs', 'examples', 'types', 'runtime-wasm/ts', 'runtime-wasm/pkg', 'ledger/src/client'].map((p) => join(repo, p));

function newest(path: string): number {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(stat.mtimeMs, ...readdirSync(path).map((entry) => newest(join(path, entry))));
}

const engineDist = join(repo, 'runtime-wasm/dist/index.js');
if (!existsSync(engineDist) || newest(join(repo, 'runtime-wasm/ts')) > statSync(engineDist).mtimeMs) {
  await buildStep('building @tana/engine’s dist', ['run', '--silent', 'build', '--workspace', '@tana/engine']);
}
if (!existsSync(built) || Math.max(...sources.map(newest)) > statSync(built).mtimeMs) {
  await buildStep('building the playground (astro build)', ['run', '--silent', 'build:playground']);
}

/** Runs `npm <args>` with a progress line; on failure prints its errors and exits. */
async function buildStep(message: string, args: string[]): Promise<void> {
  const progress = startProgress();
  progress.update(message);
  const build = spawn('npm', args, { cwd: repo, stdio: ['ignore', 'ignore', 'pipe'] });
  let errors = '';
  build.stderr.on('data', (chunk) => (errors += chunk));
  const status = await new Promise<number | null>((resolve) => build.once('exit', resolve));
  progress.done();
  if (status !== 0) {
    process.stderr.write(errors);
    console.error(`${message} failed; see the errors above`);
    process.exit(1);
  }
}

const args = ['cli/bin/tana.mjs', 'start', ...(process.env.PORT ? ['--port', process.env.PORT] : []), ...process.argv.slice(2)];
const child = spawn(process.execPath, args, { cwd: repo, stdio: 'inherit' });
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => child.kill(signal));
child.on('exit', (code) => process.exit(code ?? 0));
