// bench/package: what embedding @tana/engine costs — its files (raw and brotli)
// and the time from nothing to the first result, in Node and in Chromium.
//   npm run bench:package
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, constants } from 'node:zlib';
import { launchChromium } from '../../tests/support/chromium.ts';
import { serveDirectory } from '../../cli/src/static-server.ts';
import { median } from '../engine/measure.ts';

const repo = fileURLToPath(new URL('../../', import.meta.url));
const brotli = (b: Buffer) => brotliCompressSync(b, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length;

console.log('bench/package — @tana/engine as an embedder gets it\n');
const files = ['runtime-wasm/dist/index.js', 'runtime-wasm/dist/sandbox-worker.js', 'runtime-wasm/pkg/tana_engine_bg.wasm'];
let rawTotal = 0;
let brTotal = 0;
for (const file of files) {
  const bytes = readFileSync(join(repo, file));
  rawTotal += bytes.length;
  brTotal += brotli(bytes);
  console.log(`${file.padEnd(40)} ${String(bytes.length).padStart(9)} B raw ${String(brotli(bytes)).padStart(9)} B brotli`);
}
console.log(`${'total'.padEnd(40)} ${String(rawTotal).padStart(9)} B raw ${String(brTotal).padStart(9)} B brotli\n`);

// Node: a new process per sample; import + load + first run of a small contract.
const script = `const t = performance.now(); const { loadEngine } = await import('@tana/engine'); const e = await loadEngine(); const o = e.run('export default 6 * 7'); if (o.value !== 42) throw new Error('wrong'); console.log(performance.now() - t);`;
const nodeSamples = Array.from({ length: 7 }, () => Number(execFileSync(process.execPath, ['--input-type=module', '-e', script], { cwd: repo, encoding: 'utf8' })));
console.log(`Node: load to first result ${median(nodeSamples).toFixed(1)} ms (median of 7 processes)`);

// Chromium: a new page per sample, cache disabled by the server; navigation start to first result.
const server = await serveDirectory(repo);
const browser = await launchChromium();
const samples: number[] = [];
for (let i = 0; i < 7; i++) {
  const page = await browser.newPage();
  await page.goto(`${server.url}/tests/browser/page.html`);
  samples.push(
    await page.evaluate(async () => {
      const t = performance.now();
      const { loadEngine } = await import('/runtime-wasm/dist/index.js' as string);
      const engine = await loadEngine();
      if (engine.run('export default 6 * 7').value !== 42) throw new Error('wrong');
      return performance.now() - t;
    }),
  );
  await page.close();
}
console.log(`Chromium: load to first result ${median(samples).toFixed(1)} ms (median of 7 pages; module import + wasm fetch/compile + first run)`);
await browser.close();
await server.close();
