// bench/engine/compile.ts: does compiling stay in proportion to the source? The contract's own
// module is parsed, compiled and linked uncharged (once, within its 512 KB), so each shape of
// source below — many declarations in one scope, many exports, many parameters — is run at two
// sizes: the time must about double when the source doubles (growth ≈ 2, quadratic would be 4).
// QuickJS runs the same sources beside it, as the peer.
//   npm run bench:compile
import { buildRequest, loadEngine } from '@tana/engine';
import { loadQuickJS } from './quickjs-peer.ts';
import { fmt, printTable, ratio, timeMedian } from './measure.ts';

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
  'ordinary statements (peer shape)': (n) => `let x = 0; ${list(n, (i) => `x = x + ${i};`)}`,
};

/** Four letters numbering `i`. */
function letters(i: number): string {
  let text = '';
  for (let k = 0; k < 4; k++, i = Math.floor(i / 26)) text += String.fromCharCode(0x41 + (i % 26));
  return text;
}

/** Ends an 8-unit literal so that rustc-hash 2.1's byte hash gives it 0 whatever its first four units. */
const FX_INTERNER_SUFFIX = String.fromCharCode(0x7344, 0x0370, 0x8a2e, 0x1319);

/**
 * The `i`th 8-unit name whose FxHash (32-bit, four code units per write, as Boa hashed a string)
 * is 0: units 4–5 are solved for, from the others.
 */
function fxCollidingName(i: number): string {
  const K = 0x93d765dd | 0;
  const add = (h: number, word: number) => Math.imul((h + word) | 0, K);
  const head = letters(i);
  const [u0, u1, u2, u3] = [0, 1, 2, 3].map((k) => head.charCodeAt(k) + (k === 3 ? 0x20 : 0));
  for (let t = 0; ; t++) {
    const u6 = 0x61 + (t % 26);
    const u7 = 0x61 + (Math.floor(t / 26) % 26);
    const h = add(add(add(Math.imul(8, K), (u2 << 16) | u3), (u0 << 16) | u1), (u6 << 16) | u7);
    const solved = -h >>> 0;
    const [u4, u5] = [solved >>> 16, solved & 0xffff];
    const identifierPart = (u: number) => (u < 0xd800 || u > 0xdfff) && /^\p{ID_Continue}$/u.test(String.fromCharCode(u));
    if (identifierPart(u4) && identifierPart(u5)) return String.fromCharCode(u0, u1, u2, u3, u4, u5, u6, u7);
  }
}

const SIZES = [5_000, 10_000];

const tana = await loadEngine();
const quickjs = await loadQuickJS();

console.log('bench/engine/compile — compiling large sources: Tana (Boa → wasm) vs QuickJS, Node', process.version);
console.log(`each source at ${SIZES[0]} and ${SIZES[1]} items; growth = time at ${SIZES[1]} / time at ${SIZES[0]} (linear ≈ 2)\n`);
const header = ['shape', 'KB', 'tana ms', 'quickjs ms', 'tana/quickjs', 'tana growth'];
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
      tana: timeMedian(() => tana.execute(fresh()), 3),
      quickjs: timeMedian(() => quickjs.execute(fresh()), 3),
    };
  });
  const [small, large] = times;
  rows.push([name, fmt(large.kb, 0), fmt(large.tana), fmt(large.quickjs), ratio(large.tana, large.quickjs), fmt(large.tana / small.tana, 2)]);
}
printTable(header, rows);
