// In a checkout of the repository, `@tana/engine` resolves to its built `dist/` (as for every user
// of the package). After a `git pull` that changed the engine's source or its `.wasm`, that build is
// stale and the CLI would fail on a missing export or run an old engine: rebuild it first, once.
// In an installed package there is no source beside `dist/`, and nothing is checked.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const repositoryEngine = fileURLToPath(new URL('../../runtime-wasm/', import.meta.url));

/** Newest modification time of the files `dist/` is built from. */
function newestSource(engineRoot: string): number {
  const sources = [join(engineRoot, 'pkg/tana_engine.js'), join(engineRoot, 'pkg/tana_engine_bg.wasm'), join(engineRoot, 'scripts/build-package.mjs')];
  for (const entry of readdirSync(join(engineRoot, 'ts'), { recursive: true, encoding: 'utf8' })) {
    if (entry.endsWith('.ts') && !entry.endsWith('.test.ts')) sources.push(join(engineRoot, 'ts', entry));
  }
  return Math.max(...sources.filter((file) => existsSync(file)).map((file) => statSync(file).mtimeMs));
}

/** True when `dist/` is missing or older than its sources (and this is a checkout, not a package). */
export function engineBuildIsStale(engineRoot = repositoryEngine): boolean {
  if (!existsSync(join(engineRoot, 'ts/index.ts'))) return false;
  const built = join(engineRoot, 'dist/index.js');
  return !existsSync(built) || statSync(built).mtimeMs < newestSource(engineRoot);
}

/** True when Node resolves `@tana/engine` to its TypeScript source (the test suites do), not to `dist/`. */
export function resolvesEngineSource(execArgv = process.execArgv, nodeOptions = process.env.NODE_OPTIONS ?? ''): boolean {
  return [...execArgv, ...nodeOptions.split(/\s+/)].some((arg) => /^(--conditions|-C)=?@tana\/source$/.test(arg) || arg === '@tana/source');
}

/** Rebuilds `@tana/engine`'s `dist/` when it is stale and in use, saying so on stderr. */
export function ensureFreshEngineBuild(engineRoot = repositoryEngine): void {
  if (resolvesEngineSource() || !engineBuildIsStale(engineRoot)) return;
  process.stderr.write('tana: @tana/engine is older than its source here; rebuilding it (once)…\n');
  try {
    execFileSync(process.execPath, [join(engineRoot, 'scripts/build-package.mjs')], { cwd: engineRoot, stdio: ['ignore', 'ignore', 'inherit'] });
  } catch (error) {
    // Say what to do rather than run a stale engine; the command itself goes on (it may not need the engine).
    process.stderr.write(`tana: rebuilding @tana/engine failed (${(error as Error).message.split('\n')[0]}); run: npm run build --workspace @tana/engine\n`);
  }
}
