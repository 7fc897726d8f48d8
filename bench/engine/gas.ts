// bench/engine/gas.ts: does gas bound time? Each contract below repeats one kind of work
// until it runs out of gas; the time per unit of gas is printed beside the peer, an
// ordinary JavaScript loop, in the same run. Target: every row within 10× the loop, and
// the largest gas limit a run may ask for ending far inside the sandbox's wall clock.
//   npm run bench:gas
import { buildRequest, DEFAULT_TIMEOUT_MS, LIMITS, loadEngine } from '@tana/engine';
import { fmt, median, printTable } from './measure.ts';
import { FX_INTERNER_SUFFIX, fxCollidingName } from './fx-collisions.ts';

const fxKeys = JSON.stringify(Array.from({ length: 16000 }, (_, i) => fxCollidingName(i)));

const GAS = 20_000_000;
const MAX_GAS = LIMITS.maxGasLimit;
const SANDBOX_TIMEOUT_MS = DEFAULT_TIMEOUT_MS;

/** One kind of work each, repeated until the gas runs out. */
export const gasPatterns: Record<string, string> = {
  'ordinary loop (peer)': 'let i = 0; for (;;) i++',
  'repeat + replaceAll': "for (;;) 'a'.repeat(30000).replaceAll('a', 'bb')",
  'Float64Array fill': 'for (;;) new Float64Array(400000).fill(1)',
  'Array fill': 'for (;;) new Array(100000).fill(0)',
  'sort, comparator': 'const a = []; for (let i = 0; i < 20000; i++) a.push((i * 7919) % 10007); for (;;) a.slice().sort((x, y) => x - y)',
  'sort, default': 'const a = []; for (let i = 0; i < 20000; i++) a.push((i * 7919) % 10007); for (;;) a.slice().sort()',
  'catastrophic regex': "for (;;) /^(a+)+$/.test('a'.repeat(24) + 'b')",
  'regex compile, plain': "for (;;) new RegExp('a', 'u')",
  'regex compile, Unicode classes': "for (;;) new RegExp('[\\\\p{L}\\\\p{N}\\\\p{Sc}]', 'u')",
  'regex compile, alternation and counts': "for (;;) new RegExp('(a|b|c|d|e|f|g|h){1,100}x{5,1000}', 'u')",
  'regex compile, long pattern': "const p = 'x'.repeat(20000); for (;;) new RegExp(p)",
  'eval of a long source': "const src = 'x = 1;'.repeat(4000); let x; for (;;) eval(src)",
  'new Function, long body': "const src = 'let x = 0;' + 'x += 1;'.repeat(2000) + 'return x'; for (;;) new Function(src)",
  normalize: "const s = 'e\\u0301'.repeat(20000); for (;;) s.normalize('NFC')",
  'localeCompare, long strings': "const a = 'e\\u0301'.repeat(20000), b = a + 'x'; for (;;) a.localeCompare(b)",
  toUpperCase: "const s = 'abc'.repeat(30000); for (;;) s.toUpperCase()",
  'JSON.stringify': "const o = { a: [1, 2, 3], b: 'x'.repeat(100), c: { d: true } }; for (;;) JSON.stringify(o)",
  'JSON.parse': "const t = JSON.stringify({ a: [1, 2, 3], b: 'x'.repeat(100), c: { d: true } }); for (;;) JSON.parse(t)",
  'data.keys, long pattern': "import { data } from 'tana:data'; for (let i = 0; i < 200; i++) await data.set('key:' + i, i); const p = '*' + 'k'.repeat(1000); for (;;) await data.keys(p)",
  'string doubling': "for (;;) { let s = 'x'; for (let i = 0; i < 20; i++) s = s + s }",
  'split + join': "const s = 'ab,'.repeat(20000); for (;;) s.split(',').join(';')",
  'indexOf in a long string': "const s = 'a'.repeat(100000) + 'b'; for (;;) s.indexOf('aab')",
  'BigInt multiply': 'const x = 7n ** 3000n; for (;;) x * x',
  'BigInt to string': 'const x = 7n ** 3000n; for (;;) String(x)',
  'Object.keys': 'const o = {}; for (let i = 0; i < 10000; i++) o["k" + i] = i; for (;;) Object.keys(o)',
  'Array.from(iterable)': 'const s = new Set(); for (let i = 0; i < 10000; i++) s.add(i); for (;;) Array.from(s)',
  'spread arguments': 'const a = Array(50000).fill(1); for (;;) Math.max(...a)',
  'long strings compared': "const a = 'x'.repeat(100000), b = 'x'.repeat(100000); let n = 0; for (;;) if (a === b || a < b) n++",
  'long property key': "const k = 'k'.repeat(100000); const o = {}; for (;;) o[k] = 1",
  'Map.set, long key': "const k = 'k'.repeat(100000); const m = new Map(); for (;;) m.set(k, 1)",
  'sort, long strings': "const k = 'k'.repeat(10000); const a = []; for (let i = 0; i < 300; i++) a.push(k + ((i * 7919) % 300)); for (;;) a.slice().sort()",
  'indexOf, sparse array': 'const a = []; a.length = 1000000; for (;;) a.indexOf(1)',
  'Uint8Array indexOf': 'const u = new Uint8Array(1000000); for (;;) u.indexOf(7)',
  'Set isSubsetOf': 'const s = new Set(); for (let i = 0; i < 10000; i++) s.add(i); for (;;) s.isSubsetOf(s)',
  'ArrayBuffer resize': 'const b = new ArrayBuffer(0, { maxByteLength: 4000000 }); for (;;) { b.resize(4000000); b.resize(0) }',
  'toString(3)': 'for (;;) (1e300).toString(3)',
  'String of a symbol, long description': "const s = Symbol('d'.repeat(100000)); for (;;) String(s)",
  'typed array set across element types': 'const a = new BigUint64Array(100000), b = new BigInt64Array(100000); for (;;) b.set(a)',
  'failed regex compile, long pattern': "const p = 'a'.repeat(100000) + '('; for (;;) try { new RegExp(p) } catch {}",
  'JSON.rawJSON, long text': "const t = JSON.stringify('a'.repeat(100000)); for (;;) JSON.rawJSON(t)",
  'instanceof, deep chain': 'function F() {} let o = {}; for (let i = 0; i < 50000; i++) o = Object.create(o); for (;;) o instanceof F',
  'setPrototypeOf, deep chain': 'let o = {}; for (let i = 0; i < 50000; i++) o = Object.create(o); const x = {}; for (;;) { Object.setPrototypeOf(x, o); Object.setPrototypeOf(x, null) }',
  'Array.isArray through proxies': 'let p = []; for (let i = 0; i < 5000; i++) p = new Proxy(p, {}); for (;;) Array.isArray(p)',
  'shift + push, long array': 'const a = []; for (let i = 0; i < 100000; i++) a.push(i); for (;;) a.push(a.shift())',
  'delete front key, big object': "const o = {}; for (let i = 0; i < 5000; i++) o['k' + i] = i; for (let k = 0; ; k = (k + 1) % 5000) { delete o['k' + k]; o['k' + k] = k }",
  'BigInt == long string': "const s = '1'.repeat(20000); let n = 0; for (;;) if (1n == s) n++",
  'throw past 3000 try blocks': "const f = new Function('k', 'if (k) throw 1;' + 'try { k++ } catch {}'.repeat(3000)); for (;;) try { f(1) } catch {}",
  'calls of a function with 3000 locals': "const f = new Function('k', 'if (k) return 1;' + Array.from({ length: 3000 }, (_, i) => 'let v' + i + ' = 0;').join('')); for (;;) f(1)",
  'object rest, 300 excluded keys':
    "const o = {}; for (let i = 0; i < 3000; i++) o['k' + i] = i; const f = new Function('o', 'const {' + Array.from({ length: 300 }, (_, i) => 'k' + i).join(',') + ', ...r} = o; return r'); for (;;) f(o)",
  // Found by an adversarial hunt: keys that collide under FxHash (the hash Boa used for property
  // tables), sparse indices that collide under it, lookups after eval through 400 blocks, exact
  // formatting of big floats, shape tables copied, case folding in a pattern compile.
  'property lookup, 4096 keys of one FxHash':
    "const P = [[[22208,38351,22905],[28805,31633,39762]],[[25322,20886,27217],[24528,33599,36310]],[[20900,29027,27657],[24974,25343,36259]],[[24391,33437,37612],[29101,21836,29891]],[[36085,22438,31225],[23075,22587,22330]],[[24240,21870,40057],[22763,39802,36810]],[[31873,32556,30188],[31426,34517,27390]],[[33590,25005,26979],[28065,38130,32719]],[[30155,26847,35326],[36490,31878,25052]],[[33527,24423,20021],[28974,35164,33669]],[[34552,24188,39973],[26637,40106,28402]],[[35407,35322,38476],[39301,29181,27471]]].map(([a, b]) => [String.fromCharCode(...a), String.fromCharCode(...b)]); const key = (j) => { let s = ''; for (let b = 0; b < P.length; b++) s += P[b][(j >> b) & 1]; return s }; const o = {}; const n = 1 << P.length; for (let j = 0; j < n - 1; j++) o[key(j)] = 1; const miss = key(n - 1); let s = 0; for (;;) s += o[miss] === undefined",
  'sparse lookup, 32767 indices of one FxHash bucket':
    'const Kinv = 0x7aae1a75 | 0; const key = (j) => { const H = (12345 + j * 131072) >>> 0; const r = ((H >>> 15) | (H << 17)) >>> 0; return Math.imul(r, Kinv) >>> 0 }; const o = {}; for (let j = 0; j < 32767; j++) o[key(j)] = 1; const m = key(32767); let s = 0; for (;;) s += o[m] === undefined',
  'lookups after eval, 400 nested blocks': "Function('zz', \"var s = 0; eval(''); \" + '{ let b = 0; '.repeat(400) + ' for (;;) s += zz; ' + '}'.repeat(400))(1)",
  'toPrecision(100) of 1e300': 'for (let i = 0; ; i++) (1.2345e300 * (i + 1)).toPrecision(100)',
  'toExponential(100) of 1e-300': 'for (let i = 0; ; i++) (1.2345e-300 * (i + 1)).toExponential(100)',
  'new key on a 1000-property object': "const o = {}; for (let i = 0; i < 1000; i++) o['p' + i] = i; for (let i = 0; ; i++) { o['x' + i] = 1; delete o['x' + i] }",
  'regex compile, case-folded class': "for (let i = 0; ; i++) new RegExp('[^\\\\p{Ll}]' + i, 'iu')",
  'replace, long template expanding to nothing': "const h = 'a'.repeat(100); const r = '$1'.repeat(64000); for (;;) h.replace(/(b)?a/g, r)",
  'padEnd, long filler': "const f = 'b'.repeat(256000); for (;;) 'a'.padEnd(2, f)",
  'Map delete front + set': 'const m = new Map(); for (let i = 0; i < 20000; i++) m.set(i, i); for (let k = 0; ; k = (k + 1) % 20000) { m.delete(k); m.set(k, k) }',
  'missing property, 190 prototypes': 'let o = {}; for (let i = 0; i < 190; i++) o = Object.create(o); for (;;) o.zzz',
  'missing property, 190 proxies': 'let p = {}; for (let i = 0; i < 190; i++) p = new Proxy(p, {}); for (;;) p.zzz',
  '"in", 190 prototypes': "let o = {}; for (let i = 0; i < 190; i++) o = Object.create(o); for (;;) 'zzz' in o",
  'for…in, deep chain': 'let o = {}; for (let i = 0; i < 5000; i++) o = Object.create(o); for (;;) for (const k in o) {}',
  'backreference, long text': "const s = 'x'.repeat(2000); for (;;) /^(.*)\\1$/.test(s)",
  'species through bound functions': 'let F = Array; for (let i = 0; i < 1000; i++) F = F.bind(null); const a = [1]; a.constructor = { [Symbol.species]: F }; for (;;) a.map((x) => x)',
  'Map forEach, callback throws': 'const m = new Map(); for (let i = 0; i < 100000; i++) m.set(i, i); const t = () => { throw 0 }; for (;;) try { m.forEach(t) } catch {}',
  'call on a big non-function': "const o = {}; for (let i = 0; i < 10000; i++) o['k' + i] = i; const call = Function.prototype.call; for (;;) try { call.call(o) } catch {}",
  'private fields, many': `class C { ${Array.from({ length: 300 }, (_, i) => `#p${i} = ${i};`).join(' ')} } for (;;) new C()`,
  // Found by two more hunts: tables of Boa's own still keyed by FxHash (a for…in's visited keys, a
  // proxy's ownKeys check, the interner), text formatted for errors and stacks, lengths reserved
  // ahead, chains of alternatives, literals checked when a source is parsed.
  'for…in, 16000 keys of one FxHash': `const o = {}; for (const k of ${fxKeys}) o[k] = 1; for (;;) for (const k in o) {}`,
  'proxy ownKeys, 16000 keys of one FxHash': `const keys = ${fxKeys}; const p = new Proxy({}, { ownKeys: () => keys }); for (;;) Reflect.ownKeys(p)`,
  'eval of literals of one FxHash': `for (let i = 0; ; i++) eval('"' + (i + 46656).toString(36) + '${FX_INTERNER_SUFFIX}"')`,
  'const assignment, 5000-unit name': `const ${'\u4e00'.repeat(5000)} = 1; for (;;) try { ${'\u4e00'.repeat(5000)} = 2 } catch {}`,
  'error stack read, 60 frames': 'let e; (function deep(n) { if (n) return deep(n - 1); e = new Error() })(60); let s = 0; for (;;) s += e.stack.length',
  'join of an array-like of length 2e6, 100000 objects alive':
    "const keep = JSON.parse('[' + '{},'.repeat(100000) + '{}]'); const al = { length: 2e6, get 0() { throw 0 } }; for (;;) try { [].join.call(al) } catch {}",
  'regex compile, 6000 alternatives': "const p = 'x|'.repeat(6000) + 'y'; for (;;) new RegExp(p)",
  'eval of a 100000-digit decimal literal': "const src = '7'.repeat(100000); for (;;) eval(src)",
  'eval of case-folded class literals': "const src = '0 && /[^\\\\p{Ll}]/iu;'.repeat(100); for (;;) eval(src)",
  // Found by hunts 7 and 8: BigInts read whole, class-set work in v-flag patterns, compiles that
  // ran past the gas left, elements split('') made, backtraces copied.
  'BigInt ===, 300000 bits': 'const x = (1n << 300000n) | 1n, y = x + 0n; for (;;) x === y',
  'BigInt Map key, 300000 bits': 'const x = (1n << 300000n) | 1n; const m = new Map(); for (;;) m.set(x, 1)',
  'Number() of a 300000-bit BigInt': 'const x = (1n << 300000n) | 12345n; for (;;) Number(x)',
  'BigInt64Array fill, 300000-bit value': 'const x = (1n << 300000n) | 1n; const a = new BigInt64Array(10000); for (;;) a.fill(x)',
  'regex compile, 100 intersections of \\p{L}': "const p = '[' + '\\\\p{L}&&'.repeat(100) + '\\\\p{L}]'; for (;;) new RegExp(p, 'v')",
  'regex compile, 3000 intersections of \\p{L}': "const p = '[' + '\\\\p{L}&&'.repeat(3000) + '\\\\p{L}]'; for (;;) new RegExp(p, 'v')",
  'eval of a v-flag literal, 500 intersections': "const src = '0 && /[' + '\\\\p{L}&&'.repeat(500) + '\\\\p{L}]/v'; for (;;) eval(src)",
  "split('') of non-Latin1 text": "const s = '€'.repeat(20000); for (;;) s.split('')",
  'regex compile, 1000 duplicate names 200 deep': "const p = '('.repeat(200) + '(?<a>x)|'.repeat(1000) + 'y' + ')'.repeat(200); for (;;) new RegExp(p)",
  'collections over a WeakMap chain stored against its order':
    'const wm = new WeakMap(), ks = []; for (let i = 0; i <= 15000; i++) ks.push({}); for (let i = 14999; i >= 0; i--) wm.set(ks[i], ks[i + 1]); const k0 = ks[0]; ks.length = 0; let g; for (;;) g = { a: 1 }',
  'ReferenceError caught at depth 60': 'function f(n) { if (n) return f(n - 1); for (;;) try { zzz } catch {} } f(60)',
};

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
