// @tana/engine as a stranger installs it: `npm pack`, install the tarball into an
// empty project, then run the package README's examples in Node, its no-build
// page in Chromium, a Vite-bundled page in Chromium, and examples/embed/.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile, execFileSync, spawnSync } from 'node:child_process';
import { promisify } from 'node:util';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser } from 'playwright-core';
import { launchChromium } from '../support/chromium.ts';
import { serveDirectory } from '../../cli/src/static-server.ts';
import { readmeBlocks } from '../support/readme-blocks.ts';

const repo = fileURLToPath(new URL('../../', import.meta.url));
const readme = readFileSync(join(repo, 'runtime-wasm/README.md'), 'utf8');
const npm = (args: string[], cwd: string) => execFileSync('npm', args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });

let project: string;
let browser: Browser;

before(async () => {
  project = mkdtempSync(join(tmpdir(), 'tana-embed-'));
  const packed = JSON.parse(npm(['pack', '--json', '--pack-destination', project, '--workspace', '@tana/engine'], repo));
  writeFileSync(join(project, 'package.json'), JSON.stringify({ name: 'stranger', private: true, type: 'module' }));
  npm(['install', '--no-audit', '--no-fund', '--offline', join(project, packed[0].filename)], project);
  browser = await launchChromium();
});

after(async () => {
  await browser?.close();
});

/** Serves `dir`, opens `path`, and returns #result's text once the page has written it;
 * if it never does, fails with what the page printed and threw. */
async function resultOfPage(dir: string, path: string): Promise<string | null> {
  const server = await serveDirectory(dir);
  const page = await browser.newPage();
  const said: string[] = [];
  page.on('console', (message) => said.push(`console.${message.type()}: ${message.text()}`));
  page.on('pageerror', (error) => said.push(`page error: ${error.message}`));
  page.on('requestfailed', (request) => said.push(`request failed: ${request.url()} (${request.failure()?.errorText})`));
  try {
    await page.goto(server.url + path, { timeout: 30_000 });
    await page.waitForFunction(() => document.getElementById('result')?.textContent !== 'running…', null, { timeout: 30_000 });
    return await page.textContent('#result');
  } catch (error) {
    throw new Error(`${path} did not write its result: ${(error as Error).message}\n${said.join('\n')}`);
  } finally {
    await page.close();
    await server.close();
  }
}

test('the tarball holds the wasm, ES modules and types, and nothing else', () => {
  const files: string[] = JSON.parse(npm(['pack', '--dry-run', '--json', '--workspace', '@tana/engine'], repo))[0].files.map((f: { path: string }) => f.path);
  for (const needed of ['pkg/tana_engine_bg.wasm', 'dist/index.js', 'dist/index.d.ts', 'dist/sandbox-worker.js', 'README.md', 'package.json']) {
    assert.ok(files.includes(needed), `missing ${needed}`);
  }
  assert.ok(!files.some((f) => f.startsWith('src/') || f.startsWith('ts/') || f.endsWith('.test.ts')), 'no sources or tests');
});

/** The files of dist/ that importing `entry` loads: it and what it imports statically, transitively. */
function staticallyReached(entry: string): Map<string, string> {
  const dist = join(repo, 'runtime-wasm/dist');
  const reached = new Map<string, string>();
  const visit = (file: string) => {
    if (reached.has(file)) return;
    const text = readFileSync(join(dist, file), 'utf8');
    reached.set(file, text);
    for (const [, next] of text.matchAll(/(?:^|[;\s])(?:import|export)[^;"']*?from\s*["']\.\/([^"']+)["']/g)) visit(next);
  };
  visit(entry);
  return reached;
}

test('importing the package loads no transpiler: sucrase is in dist/transpile.js, reached only by import() or a first transpile', () => {
  const reached = staticallyReached('index.js');
  // One module: each further file cost about a millisecond of every cold start (build-package.mjs).
  assert.deepEqual([...reached.keys()], ['index.js'], 'importing the package loads one file');
  // sucrase's option name, present in the transpiler's own file.
  assert.match(readFileSync(join(repo, 'runtime-wasm/dist/transpile.js'), 'utf8'), /disableESTransforms/);
  for (const [file, text] of reached) assert.doesNotMatch(text, /disableESTransforms/, file);
});

test('importing the package builds no curve: @noble/curves is reached only through the ed25519 entry', () => {
  // A message of @noble/curves' Edwards-curve constructor.
  const curve = /CURVE\.a must be a square/;
  assert.match([...staticallyReached('ed25519.js').values()].join('\n'), curve);
  for (const [file, text] of staticallyReached('index.js')) assert.doesNotMatch(text, curve, file);
});

test('Node: transpile and engine.run load the transpiler on first use; a syntax error is a TranspileError', () => {
  const file = join(project, 'lazy-transpiler.mjs');
  writeFileSync(
    file,
    "import { loadEngine, transpile, TranspileError } from '@tana/engine';\n" +
      'const engine = await loadEngine();\n' +
      "console.log(engine.run('const x: number = 6 * 7; export default x').value);\n" +
      "try { transpile('const = 1') } catch (error) { console.log(error instanceof TranspileError) }\n",
  );
  const run = spawnSync(process.execPath, [file], { cwd: project, encoding: 'utf8' });
  assert.equal(run.status, 0, run.stderr);
  assert.equal(run.stderr, '', 'no warning (require of an ES module)');
  assert.deepEqual(run.stdout.trim().split('\n'), ['42', 'true']);
});

for (const [i, block] of readmeBlocks(readme, 'readme-node').entries()) {
  test(`README Node example ${i + 1} runs and prints what it says`, () => {
    const file = join(project, `readme-${i}.mjs`);
    writeFileSync(file, block);
    const run = spawnSync(process.execPath, [file], { cwd: project, encoding: 'utf8' });
    assert.equal(run.status, 0, run.stderr);
    // Each `console.log(…); // expected` line in the example states its output.
    const expected = [...block.matchAll(/console\.log\(.*\);\s*\/\/ (.*)$/gm)].map((m) => m[1]);
    assert.ok(expected.length > 0);
    assert.deepEqual(run.stdout.trim().split('\n'), expected);
  });
}

test('README no-build page runs in Chromium', async () => {
  writeFileSync(join(project, 'index.html'), readmeBlocks(readme, 'readme-browser')[0]);
  assert.equal(await resultOfPage(project, '/index.html'), '42 hi');
});

test('README Vite example: a bundled page finds and runs the engine', async () => {
  writeFileSync(join(project, 'vite.html'), '<!doctype html><output id="result">running…</output><script type="module" src="./main.js"></script>');
  // The README's bundler example, as written.
  writeFileSync(join(project, 'main.js'), readmeBlocks(readme, 'readme-vite')[0]);
  writeFileSync(join(project, 'vite.config.js'), "export default { build: { rollupOptions: { input: 'vite.html' } } };\n");
  const vite = join(repo, 'node_modules/vite/bin/vite.js');
  // Asynchronously and bounded: a build that hangs fails the test with its output, and never blocks the test runner.
  await promisify(execFile)(process.execPath, [vite, 'build', '--logLevel', 'warn', '--outDir', 'dist-vite', '--emptyOutDir'], {
    cwd: project,
    encoding: 'utf8',
    timeout: 120_000,
    env: { ...process.env, VITE_CJS_IGNORE_WARNING: '1' },
  }).catch((error) => assert.fail(`vite build failed (${error.signal ?? error.code}): ${error.stderr}${error.stdout}`));
  assert.equal(await resultOfPage(join(project, 'dist-vite'), '/vite.html'), '42');
});

test('examples/embed runs a contract from its text area', async () => {
  const server = await serveDirectory(repo);
  const page = await browser.newPage();
  try {
    await page.goto(`${server.url}/examples/embed/`);
    await page.click('#run:not([disabled])');
    assert.match((await page.textContent('#status')) ?? '', /^ok · \d+ gas$/);
    const outcome = JSON.parse((await page.textContent('#outcome')) ?? '{}');
    assert.deepEqual(outcome.diff.set, { visits: 42 });
    assert.deepEqual(outcome.logs, [{ level: 'log', message: 'visit number 42' }]);
    await page.fill('#code', 'for (;;) {}');
    await page.click('#run');
    assert.match((await page.textContent('#status')) ?? '', /^OutOfGas/);
  } finally {
    await page.close();
    await server.close();
  }
});
