// bench/engine: Tana's engine (Boa in wasm) against QuickJS (quickjs-emscripten),
// side by side in one run, both behind the same state-in/diff-out protocol.
//   npm run bench:engine
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, constants } from 'node:zlib';
import { createRequire } from 'node:module';
import { loadEngine, buildRequest, type ExecuteRequest } from '@tana/engine';
import { exampleRequests } from '../../tests/support/requests.ts';
import { loadQuickJS } from './quickjs-peer.ts';
import { cpuSuite } from './cpu-suite.ts';
import { fmt, median, ratio, throughput, timeMedian } from './measure.ts';

const tana = await loadEngine();
const quickjs = await loadQuickJS();
const rows: string[][] = [];
const row = (...cells: string[]) => rows.push(cells);

// Both engines must agree on what each contract does before their speed is compared.
function checkSameDiff(name: string, request: ExecuteRequest) {
  const a = tana.execute(request);
  const b = quickjs.execute(request);
  if (!a.ok || !b.ok || JSON.stringify(a.diff) !== JSON.stringify(b.diff)) {
    throw new Error(`${name}: the engines disagree\n tana ${JSON.stringify(a)}\n quickjs ${JSON.stringify(b)}`);
  }
}

console.log('bench/engine — Tana (Boa → wasm) vs QuickJS (quickjs-emscripten 0.32), Node', process.version, '\n');

// 1. Size of the engine file.
const brotli = (b: Buffer) => brotliCompressSync(b, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length;
const tanaWasm = readFileSync(fileURLToPath(new URL('../../runtime-wasm/pkg/tana_engine_bg.wasm', import.meta.url)));
const require = createRequire(import.meta.url);
const quickWasm = readFileSync(require.resolve('@jitl/quickjs-wasmfile-release-sync/wasm'));
console.log(`engine .wasm  tana ${tanaWasm.length} B raw, ${brotli(tanaWasm)} B brotli (target ≤ 1,500,000)`);
console.log(`              quickjs ${quickWasm.length} B raw, ${brotli(quickWasm)} B brotli\n`);

// 2. Cold start: a new process each sample (import + load + instantiate + first run).
const coldScript = fileURLToPath(new URL('./cold-start.ts', import.meta.url));
const cold = (which: string) => median(Array.from({ length: 5 }, () => Number(execFileSync(process.execPath, [coldScript, which], { encoding: 'utf8' }))));
const coldTana = cold('tana');
const coldQuick = cold('quickjs');
row('cold start (ms, median of 5)', fmt(coldTana), fmt(coldQuick), ratio(coldTana, coldQuick), '≤ 1.0× time');

// 3. Warm executions per second, a fresh realm (Tana) / fresh runtime+context (QuickJS) each time.
for (const { name, request } of exampleRequests()) {
  checkSameDiff(name, request);
  const t = throughput(() => tana.execute(request));
  const q = throughput(() => quickjs.execute(request));
  row(`warm runs/s: ${name}`, fmt(t, 0), fmt(q, 0), ratio(t, q), '≥ 1.0× runs/s');
}

// 4. CPU suite: time per contract.
let tanaTotal = 0;
let quickTotal = 0;
for (const [name, code] of Object.entries(cpuSuite)) {
  const request = buildRequest(code, { gasLimit: 1_000_000_000 });
  checkSameDiff(name, request);
  const t = timeMedian(() => tana.execute(request));
  const q = timeMedian(() => quickjs.execute(request));
  tanaTotal += t;
  quickTotal += q;
  row(`cpu ms: ${name}`, fmt(t), fmt(q), ratio(t, q), '≤ 3.0× time');
}
row('cpu ms: suite total', fmt(tanaTotal), fmt(quickTotal), ratio(tanaTotal, quickTotal), '≤ 3.0× time');

const header = ['measure', 'tana', 'quickjs', 'tana/quickjs', 'target'];
const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
for (const r of [header, ...rows]) console.log(r.map((c, i) => (i ? c.padStart(widths[i]) : c.padEnd(widths[i]))).join('  '));
