// A seeded generator of contracts that live at the engine's edges: nesting just under, at
// and over every depth limit; built-ins at sizes around their gas limit; values that are
// not JSON; lone surrogates; and ordinary code around them. Every host must give each
// one the same outcome, byte for byte.
import fc from 'fast-check';
import { buildRequest, type ExecuteRequest } from '@tana/engine';

/** How deep each recursive path goes before the engine stops it, roughly: cases land on both sides. */
const DEPTH_EDGES = { nativeLevel: 200, jsCall: 133, bracket: 50, statement: 500 };

const around = (edge: number, spread = 6) => fc.integer({ min: Math.max(1, edge - spread), max: edge + spread });

/** Builds nested arrays `a` of depth n at run time (the source stays small). */
const nestedArray = (n: number) => `let a = [1]; for (let i = 0; i < ${n}; i++) a = [a];`;

const depthCases: fc.Arbitrary<string>[] = [
  around(DEPTH_EDGES.nativeLevel / 2).map((n) => `${nestedArray(n)} export default String(a).length`),
  around(DEPTH_EDGES.nativeLevel).map((n) => `${nestedArray(n)} export default JSON.stringify(a).length`),
  around(DEPTH_EDGES.nativeLevel).map((n) => `${nestedArray(n)} export default a`),
  around(DEPTH_EDGES.nativeLevel).map((n) => `${nestedArray(n)} await data.set('deep', a); await data.commit();`),
  around(DEPTH_EDGES.nativeLevel).map((n) => `${nestedArray(n)} export default a.flat(Infinity).length`),
  around(DEPTH_EDGES.nativeLevel).map((n) => `let p = { x: 1 }; for (let i = 0; i < ${n}; i++) p = new Proxy(p, {}); export default p.x`),
  around(DEPTH_EDGES.nativeLevel).map((n) => `let o = {}; for (let i = 0; i < ${n}; i++) o = Object.create(o); export default 'x' in o`),
  around(DEPTH_EDGES.nativeLevel / 2).map((n) => `let d = ${n}; const o = { get x() { return d-- > 0 ? this.x : 0 } }; export default o.x`),
  around(DEPTH_EDGES.jsCall).map((n) => `function f(k) { return k ? [0].map(() => f(k - 1))[0] : 0 } export default f(${n})`),
  around(400).map((n) => `function f(k) { return k ? f(k - 1) + 1 : 0 } export default f(${n})`),
  around(DEPTH_EDGES.bracket).map((n) => `export default (new Function('return ' + '('.repeat(${n}) + '1' + ')'.repeat(${n})))()`),
  around(DEPTH_EDGES.statement).map((n) => `export default (new Function('let x = 0; ' + 'if (1) '.repeat(${n}) + 'x = 1; return x'))()`),
  around(DEPTH_EDGES.statement).map((n) => `export default (new Function('return ' + Array(${n}).fill('1').join('+')))()`),
  fc.integer({ min: 1, max: 60_000 }).map((n) => `let a = JSON.parse('['.repeat(${n}) + ']'.repeat(${n})), d = 0; while (a.length) { a = a[0]; d++ } export default d`),
  around(DEPTH_EDGES.nativeLevel).map((n) => `export default JSON.parse('['.repeat(${n}) + ']'.repeat(${n}), (k, v) => v).length`),
  around(DEPTH_EDGES.nativeLevel / 2).map((n) => `${nestedArray(n)} console.log(a); export default a.toLocaleString().length`),
];

/** A built-in doing work of a given size; with a gas limit near what it needs, some cases run out. */
const workCases: fc.Arbitrary<string>[] = [
  fc.integer({ min: 1, max: 60_000 }).map((n) => `export default 'ab'.repeat(${n}).replaceAll('a', 'xy').length`),
  fc.integer({ min: 1, max: 40_000 }).map((n) => `export default new Float64Array(${n}).fill(1.5).reduce((s, x) => s + x, 0)`),
  fc.integer({ min: 1, max: 60_000 }).map((n) => `export default new Array(${n}).fill(7).length`),
  fc.integer({ min: 1, max: 5_000 }).map((n) => `const a = []; for (let i = 0; i < ${n}; i++) a.push((i * 7919) % 10007); a.sort(); export default a[${n} >> 1]`),
  fc.integer({ min: 1, max: 19 }).map((n) => `export default /^(a+)+$/.test('a'.repeat(${n}) + 'b')`),
  fc.integer({ min: 1, max: 800 }).map((n) => `const o = { a: [1, 2, 3], b: 'x'.repeat(50) }; let t = 0; for (let i = 0; i < ${n}; i++) t += JSON.stringify(o).length; export default t`),
  fc.integer({ min: 1, max: 15_000 }).map((n) => `export default 'ab,'.repeat(${n}).split(',').join(';').length`),
  fc.integer({ min: 1, max: 2_000 }).map((n) => `export default String(7n ** ${n}n * 3n ** ${n}n).length`),
  fc.integer({ min: 1, max: 600 }).map((n) => `for (let i = 0; i < 50; i++) await data.set('k' + i, i); export default (await data.keys('*' + 'k'.repeat(${n}))).length`),
  // Comparing and hashing long strings, sparse and typed arrays scanned, built-ins calling built-ins.
  fc.integer({ min: 1, max: 300_000 }).map((n) => `const a = 'x'.repeat(${n}), b = 'x'.repeat(${n}); let t = 0; for (let i = 0; i < 20; i++) t += (a === b) + (a < b + 'y'); export default t`),
  fc
    .integer({ min: 1, max: 300_000 })
    .map((n) => `const k = 'k'.repeat(${n}); const o = {}, m = new Map(); for (let i = 0; i < 20; i++) { o[k] = i; m.set(k, i) } export default [o[k], m.get(k), Symbol.for(k) === Symbol.for(k)]`),
  fc.integer({ min: 1, max: 600_000 }).map((n) => `const a = []; a.length = ${n}; a[${n} - 1] = 1; export default [a.indexOf(1), a.lastIndexOf(2), new Uint8Array(${n}).indexOf(1)]`),
  fc.integer({ min: 1, max: 20_000 }).map((n) => `const s = new Set(); for (let i = 0; i < ${n}; i++) s.add(i); export default [s.isSubsetOf(s), s.union(new Set([-1])).size]`),
  fc.integer({ min: 1, max: 800 }).map((n) => `let f = function (...a) { return a.length }; for (let i = 0; i < ${n}; i++) f = f.bind(null, i); export default f()`),
];

/** JavaScript expressions whose JSON form is subtle or does not exist. */
const awkwardValue = fc.constantFrom(
  '{ f() {} }',
  '{ toJSON() { return "T" } }',
  '{ toJSON() { throw new Error("no") } }',
  'new Date(5)',
  '{ get g() { return 7 } }',
  'new String("s")',
  'new Number(4)',
  'new Boolean(false)',
  'Object.defineProperty({ a: 1 }, "hidden", { value: 2, enumerable: false })',
  'new Proxy({ x: 1 }, {})',
  'new Proxy({ x: 1 }, { get: (t, k) => k === "x" ? 9 : undefined })',
  'new Uint8Array([1, 2])',
  '[function () {}, undefined, Symbol("s")]',
  '{ a: undefined, b: () => 1, [Symbol("s")]: 1, c: null }',
  '(() => { const o = {}; o.self = o; return o })()',
  '[1n]',
  '{ big: 10n }',
  '[NaN, Infinity, -0, 1e21, 1e-7, 0.1 + 0.2]',
  '"\\ud800"',
  '{ "\\udc00": 1 }',
  '"e\\u0301 \\ud83d\\ude00"',
  '{ 2: "b", 1: "a", z: 0, "10": "c" }',
  'Object.create({ inherited: 1 }, { own: { value: 2, enumerable: true } })',
);

const valueCases: fc.Arbitrary<string>[] = [
  awkwardValue.map((v) => `export default ${v}`),
  awkwardValue.map((v) => `await data.set('v', ${v}); await data.commit()`),
  awkwardValue.map((v) => `try { await data.set('v', ${v}) } catch (e) { console.log('caught', String(e)) } await data.commit()`),
  awkwardValue.map((v) => `console.log(${v}); export default 1`),
  fc.constantFrom('"\\ud800"', '"\\udfff"', '"ok"', '"a\\ud800b"').map((k) => `await data.set(${k}, 'lone'); await data.commit(); export default await data.get(${k})`),
  fc.constantFrom('"\\ud800"', '"fine"').map((s) => `console.log(${s}); export default 1`),
];

/** Ordinary code: numbers, strings, dates, sorting, JSON, regular expressions, async order. */
const ordinaryCases: fc.Arbitrary<string>[] = [
  fc
    .tuple(fc.double(), fc.integer(), fc.integer({ min: 2, max: 36 }))
    .map(([x, i, r]) => `export default [${Object.is(x, -0) ? '-0' : String(x)} * 3, (${i}).toString(${r}), Math.fround(${i} / 7), (${i} / 3).toFixed(5), Math.hypot(${i}, 3)]`),
  fc.string({ maxLength: 20 }).map((s) => `const s = ${JSON.stringify(s)}; export default [s.toUpperCase(), s.split('').reverse().join(''), s.normalize('NFD').length, encodeURIComponent(s)]`),
  fc.array(fc.integer(), { maxLength: 30 }).map((a) => `export default ${JSON.stringify(a)}.sort().concat(${JSON.stringify(a)}.sort((x, y) => x - y))`),
  fc.integer({ min: 0, max: 4_000_000_000_000 }).map((t) => `export default [new Date(${t}).toISOString(), new Date(${t}).getDay(), Date.UTC(2020, 1, 29)]`),
  fc.jsonValue({ maxDepth: 4 }).map((v) => `const v = ${JSON.stringify(v)}; await data.set('j', v); await data.commit(); export default JSON.parse(JSON.stringify(v))`),
  fc.constant(`const order = []; Promise.resolve().then(() => order.push(1)); globalThis.queueMicrotask?.(() => order.push(2)); await null; order.push(3); export default order`),
  fc.constant('export default [Math.random(), Math.random()]'),
  fc.stringMatching(/^[a-c]{0,12}$/).map((s) => `export default ${JSON.stringify(s)}.replace(/(a+)(b*)/g, '[$1|$2]')`),
];

const snippet = fc.oneof(
  { weight: 4, arbitrary: fc.oneof(...depthCases) },
  { weight: 3, arbitrary: fc.oneof(...workCases) },
  { weight: 4, arbitrary: fc.oneof(...valueCases) },
  { weight: 3, arbitrary: fc.oneof(...ordinaryCases) },
);

const contract = fc.record({
  body: snippet,
  gasLimit: fc.constantFrom(300_000, 1_000_000, 2_000_000),
  wrapInTry: fc.boolean(),
});

export interface DifferentialCase {
  code: string;
  request: ExecuteRequest;
}

/** `count` contracts from `seed`: the same list for the same seed, everywhere. */
export function differentialCases(seed: number, count: number): DifferentialCase[] {
  return fc.sample(contract, { seed, numRuns: count }).map(({ body, gasLimit, wrapInTry }) => {
    const code = `import { data } from 'tana:data';\nimport { console } from 'tana:core';\n${
      wrapInTry && !body.includes('export default') ? `try { ${body} } catch (e) { console.log('caught', String(e)) }` : body
    }`;
    return { code, request: buildRequest(code, { gasLimit, context: { tx: { id: `tx-${seed}` } } }) };
  });
}
