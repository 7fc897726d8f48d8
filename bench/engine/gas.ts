// bench/engine/gas.ts: does gas bound time? Each contract below repeats one kind of work
// until it runs out of gas; the time per unit of gas is printed beside the peer, an
// ordinary JavaScript loop, in the same run. Target: every row within 10× the loop, and
// the largest gas limit a run may ask for ending far inside the sandbox's wall clock.
//   npm run bench:gas
import { buildRequest, DEFAULT_TIMEOUT_MS, LIMITS, loadEngine } from '@tana/engine';
import { fmt, median, printTable } from './measure.ts';
import { gasPatterns } from '../../tests/fixtures/gas-patterns.ts';

const GAS = 20_000_000;
const MAX_GAS = LIMITS.maxGasLimit;
const SANDBOX_TIMEOUT_MS = DEFAULT_TIMEOUT_MS;

const engine = await loadEngine();

function secondsToExhaust(code: string, gasLimit: number): number {
  const request = buildRequest(code, { gasLimit });
  const started = performance.now();
  const outcome = engine.execute(request);
  const ms = performance.now() - started;
  if (outcome.ok || outcome.error?.code !== 'OutOfGas') {
    throw new Error(`expected OutOfGas, got ${JSON.stringify(outcome.error ?? outcome.value)} for: ${code}`);
  }
  return ms;
}

if (import.meta.main) {
  console.log(`bench/engine/gas — time per unit of gas, each contract run to ${fmt(GAS / 1e6, 0)} M gas (median of 3), Node ${process.version}\n`);
  const rows: string[][] = [];
  let loopNs = 0;
  let worst = 0;
  for (const [name, code] of Object.entries(gasPatterns)) {
    secondsToExhaust(code, 1_000_000); // warm up: compile and tier up the paths this pattern uses
    const ms = median([0, 1, 2].map(() => secondsToExhaust(code, GAS)));
    const ns = (ms * 1e6) / GAS;
    if (!loopNs) loopNs = ns;
    worst = Math.max(worst, ns);
    rows.push([name, fmt(ns, 1), `${fmt(ns / loopNs, 2)}×`, fmt((ns * MAX_GAS) / 1e6, 0)]);
  }
  const header = ['work', 'ns/gas', '× loop (≤ 10×)', `ms at ${MAX_GAS / 1e6} M gas`];
  printTable(header, rows);
  console.log(
    `\nslowest: ${fmt(worst / loopNs, 1)}× the loop; the largest gas limit (${MAX_GAS / 1e6} M) takes at most ${fmt((worst * MAX_GAS) / 1e6, 0)} ms against a sandbox wall clock of ${SANDBOX_TIMEOUT_MS} ms`,
  );
}
