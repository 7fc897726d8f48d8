// bench/engine/compile.ts: does compiling stay in proportion to the source, and does its gas pay
// for it? The contract's own module is parsed, compiled and linked on every run that finds no
// compiled image, and charged by its size on every run (`CODE_BYTE` gas a byte, cached or not). Each
// shape of source below — many declarations in one scope, many exports, many parameters, runs of
// empty statements — is run at two sizes: the time must about double when the source doubles
// (growth ≈ 2, quadratic would be 4), and its time per gas charged must stay within 10× a plain
// loop's (the rule for all work). QuickJS runs the same sources beside it, as the peer.
//   npm run bench:compile
import { buildRequest, loadEngine } from '@tana/engine';
import { loadQuickJS } from './quickjs-peer.ts';
import { fmt, printTable, ratio, timeMedian } from './measure.ts';
import { FX_INTERNER_SUFFIX, fxCollidingName, letters } from '../../tests/fixtures/fx-collisions.ts';

const list = (n: number, item: (i: number) => string, separator = '\n') => Array.from({ length: n }, (_, i) => item(i)).join(separator);

/** Source shapes, each of `n` declarations (or names) in one scope. */
export const compileShapes: Record<string, (n: number) => string> = {
  'top-level let': (n) => list(n, (i) => `let l${i} = ${i};`),
  'top-level var': (n) => list(n, (i) => `var v${i} = ${i};`),
  'function declarations': (n) => list(n, (i) => `function f${i}() { return ${i} }`),
  'let in a function': (n) => `function g() { ${list(n, (i) => `let l${i} = ${i};`)} return l0 } g()`,
  parameters: (n) => `function f(${list(n, (i) => `a${i}`, ', ')}) { return a0 } f(1)`,
  'one binding, many export names': (n) => `const a = 1; export { ${list(n, (i) => `a as e${i}`, ', ')} }`,
  // Built as two adversarial hunts did against FxHash, which Boa's tables used before they took a
  // seed of the code and the run (patches rustc-hash 01, boa_interner 01): every name one hash.
  'var names of one FxHash (never called)': (n) => `function f() { var ${list(n, fxCollidingName, ', ')}; } export default 1`,
  'string literals of one FxHash': (n) => list(n, (i) => `"${letters(i)}${FX_INTERNER_SUFFIX}";`),
  // What a third hunt found: literals checked when the source is parsed, uncharged.
  'one decimal literal of 40 digits per item': (n) => `let x; if (0) x = ${'7'.repeat(n * 40)}; export default 1`,
  'case-folded class literals': (n) => list(n, () => String.raw`0 && /[^\p{Ll}]/iu;`),
  'ordinary statements (peer shape)': (n) => `let x = 0; ${list(n, (i) => `x = x + ${i};`)}`,
  // What a seventh hunt found: the cheapest statements to write are the dearest to parse per byte.
  'empty statements (40 per item)': (n) => ';'.repeat(n * 40),
  'expression statements (20 per item)': (n) => '0;'.repeat(n * 20),
};

const SIZES = [5_000, 10_000];

const tana = await loadEngine();
const quickjs = await loadQuickJS();
// A plain loop's time per gas: the yardstick of "gas bounds all work".
const LOOP_GAS = 2_000_000;
const loopMsPerGas = timeMedian(() => tana.execute(buildRequest('let i = 0; for (;;) i++', { gasLimit: LOOP_GAS })), 3) / LOOP_GAS;

console.log('bench/engine/compile — compiling large sources: Tana (Boa → wasm) vs QuickJS, Node', process.version);
console.log(`each source at ${SIZES[0]} and ${SIZES[1]} items; growth = time at ${SIZES[1]} / time at ${SIZES[0]} (linear ≈ 2)\n`);
const header = ['shape', 'KB', 'tana ms', 'quickjs ms', 'tana/quickjs', 'tana growth', 'gas', 'time per gas ÷ loop’s'];
const rows: string[][] = [];
for (const [name, shape] of Object.entries(compileShapes)) {
  const times = SIZES.map((n) => {
    const code = shape(n);
    // A new source each time (a numbered comment), so that no engine reuses an earlier compile.
    let sample = 0;
    const fresh = () => buildRequest(`${code}\n// ${sample++}`, { gasLimit: 50_000_000 });
    const outcome = tana.execute(fresh());
    if (!outcome.ok) throw new Error(`${name} at ${n}: ${outcome.error.code} ${outcome.error.message}`);
    return {
      kb: code.length / 1024,
      gas: outcome.gasUsed,
      tana: timeMedian(() => tana.execute(fresh()), 3),
      quickjs: timeMedian(() => quickjs.execute(fresh()), 3),
    };
  });
  const [small, large] = times;
  const perGas = large.tana / large.gas / loopMsPerGas;
  rows.push([name, fmt(large.kb, 0), fmt(large.tana), fmt(large.quickjs), ratio(large.tana, large.quickjs), fmt(large.tana / small.tana, 2), String(large.gas), `${fmt(perGas, 1)}×`]);
}
printTable(header, rows);
