// bench/engine: Tana's engine (Boa in wasm) against QuickJS (quickjs-emscripten),
// side by side in one run, both behind the same state-in/diff-out protocol.
//   npm run bench:engine
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, constants } from 'node:zlib';
import { createRequire } from 'node:module';
import { loadEngine, buildRequest, LIMITS, type ExecuteRequest } from '@tana/engine';
import { exampleRequests } from '../../tests/support/requests.ts';
import { loadQuickJS } from './quickjs-peer.ts';
import { cpuSuite } from './cpu-suite.ts';
import { fmt, median, printTable, ratio, throughput, timeMedian } from './measure.ts';

const tana = await loadEngine();
const quickjs = await loadQuickJS();
const quickjsShared = await loadQuickJS({ reuseContext: true });
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
const coldOnce = (which: string) => Number(execFileSync(process.execPath, [coldScript, which], { encoding: 'utf8' }));
// The engines take turns, so that a machine getting busier or quieter weighs on both alike.
const coldPairs = Array.from({ length: 7 }, () => [coldOnce('tana'), coldOnce('quickjs')]);
const coldTana = median(coldPairs.map(([t]) => t));
const coldQuick = median(coldPairs.map(([, q]) => q));
row('cold start (ms, median of 7, taking turns)', fmt(coldTana), fmt(coldQuick), ratio(coldTana, coldQuick), '≤ 1.5× time');

// 3. Warm executions per second. Tana: every run starts from the prepared realm's memory image
// (isolated, as fresh as a new instance). QuickJS: a fresh runtime+context per run (isolated), and
// one context reused by every run (no isolation). Each engine first runs the contract for 1 s, so
// that V8 has tiered the code up (TurboFan) before the 1.5 s that are counted.
const warm = (fn: () => void) => {
  throughput(fn, 1000);
  return throughput(fn);
};
for (const { name, request } of exampleRequests()) {
  checkSameDiff(name, request);
  const t = warm(() => tana.execute(request));
  const q = warm(() => quickjs.execute(request));
  const s = warm(() => quickjsShared.execute(request));
  row(`warm runs/s: ${name}`, fmt(t, 0), fmt(q, 0), ratio(t, q), '≥ 2.0× runs/s');
  row(`  … vs QuickJS reusing one context`, fmt(t, 0), fmt(s, 0), ratio(t, s), '≥ 0.5× runs/s');
}

// The first second after load (own process each): runs completed per 100 ms.
const firstScript = fileURLToPath(new URL('./first-second.ts', import.meta.url));
const firstSecond = (which: string): number[] => JSON.parse(execFileSync(process.execPath, [firstScript, which], { encoding: 'utf8' }));
const firstTana = firstSecond('tana');
const firstQuick = firstSecond('quickjs');
const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
row('first second after load: runs', String(sum(firstTana)), String(sum(firstQuick)), ratio(sum(firstTana), sum(firstQuick)), 'reported');
row('  runs in 0–100 ms / 900–1000 ms', `${firstTana[0]}/${firstTana[9]}`, `${firstQuick[0]}/${firstQuick[9]}`, '', 'reported');

// 4. CPU suite: time per contract.
let tanaTotal = 0;
let quickTotal = 0;
for (const [name, code] of Object.entries(cpuSuite)) {
  const request = buildRequest(code, { gasLimit: LIMITS.maxGasLimit });
  checkSameDiff(name, request);
  const t = timeMedian(() => tana.execute(request));
  const q = timeMedian(() => quickjs.execute(request));
  tanaTotal += t;
  quickTotal += q;
  row(`cpu ms: ${name}`, fmt(t), fmt(q), ratio(t, q), '≤ 4.0× time');
}
row('cpu ms: suite total', fmt(tanaTotal), fmt(quickTotal), ratio(tanaTotal, quickTotal), '≤ 3.0× time');

// 5. Memory of one instance (own process each): resident memory after 1,000 and 100,000 runs of
// the token example. QuickJS here reuses one context, the only way its instance serves many runs.
const memoryScript = fileURLToPath(new URL('./memory.ts', import.meta.url));
const memoryRuns = Number(process.env.BENCH_MEMORY_RUNS ?? 100_000);
const memory = (which: string): Array<{ runs: number; rss: number }> => JSON.parse(execFileSync(process.execPath, [memoryScript, which, String(memoryRuns)], { encoding: 'utf8', maxBuffer: 1 << 20 }));
const [tanaFirst, tanaLast] = memory('tana');
const [quickFirst, quickLast] = memory('quickjs');
row(`RSS MiB after ${tanaFirst.runs} runs`, fmt(tanaFirst.rss), fmt(quickFirst.rss), ratio(tanaFirst.rss, quickFirst.rss), 'reported');
row(`RSS MiB after ${tanaLast.runs} runs`, fmt(tanaLast.rss), fmt(quickLast.rss), ratio(tanaLast.rss, quickLast.rss), 'reported');
row(`  growth ${tanaFirst.runs} → ${tanaLast.runs} runs`, ratio(tanaLast.rss, tanaFirst.rss), ratio(quickLast.rss, quickFirst.rss), '', '≤ 1.2× (tana)');

const header = ['measure', 'tana', 'quickjs', 'tana/quickjs', 'target'];
printTable(header, rows);
