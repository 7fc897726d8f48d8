// JSON.parse in a contract gives what V8's gives, text for text: the same values (every string's
// code units, -0, numbers past the range), the same keys in the same order, the same texts refused
// (a SyntaxError in both), and with a reviver the same calls with the same `context.source`.
// The engine parses JSON with a parser of its own (runtime-wasm/patches/boa_engine-*/41-*), so
// this compares it with V8 on hand-picked edges and on texts fast-check generates and damages.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { buildRequest, loadEngine } from '@tana/engine';
import { inBoth } from '../support/v8-and-engine.ts';

const engine = await loadEngine();

/** Describes what JSON.parse gives for each text, as text that can leave a contract (code units written out). */
const describe = `(texts, revive) => texts.map((text) => {
  const units = (s) => '"' + Array.from({ length: s.length }, (_, i) => s.charCodeAt(i).toString(16)).join(' ') + '"';
  const shape = (v) => typeof v === 'string' ? units(v)
    : typeof v === 'number' ? (Object.is(v, -0) ? '-0' : String(v))
    : v === null || typeof v === 'boolean' ? String(v)
    : Array.isArray(v) ? '[' + v.map(shape).join(',') + ']'
    : '{' + Object.keys(v).map((k) => units(k) + ':' + shape(v[k])).join(',') + '}';
  try {
    const calls = [];
    const value = revive
      ? JSON.parse(text, function (key, v, context) { calls.push(units(key) + '=' + (context && 'source' in context ? units(context.source) : '-')); return key === 'drop' ? undefined : v; })
      : JSON.parse(text);
    return shape(value) + (revive ? ' calls ' + calls.join(';') : '');
  } catch (error) {
    return 'throws ' + error.name;
  }
})`;

const { v8: inV8, engine: inEngine } = inBoth<[texts: string[], revive: boolean], string[]>(describe);

const EDGES = [
  '0',
  '-0',
  '1',
  '-1',
  '1.5',
  '1e400',
  '-1e400',
  '1e-400',
  '2147483647',
  '2147483648',
  '-2147483648',
  '-2147483649',
  '9007199254740993',
  '0.1',
  '1E2',
  '1e+2',
  '1e-2',
  '123456789012345678901234567890',
  '5e-324',
  '1.7976931348623157e308',
  '0.30000000000000004',
  '"\\ud800"',
  '"\\udc00\\ud800"',
  '"\\uD83D\\uDE00"',
  '"\\u0000"',
  '"\\/\\b\\f\\n\\r\\t\\"\\\\"',
  '"é"',
  '"\u00ff"',
  '"\u0100"',
  '"\ud83d\ude00"',
  '"\ud800"',
  '{"a":1,"b":2,"a":3}',
  '{"__proto__":1}',
  '{"__proto__":{"x":1}}',
  '{"2":1,"1":2,"b":3,"a":4}',
  '{"4294967295":1,"4294967294":2}',
  '{"":1}',
  '{"-0":1,"01":2}',
  ' \t\n\r[ 1 , 2 ] \n',
  '[]',
  '{}',
  '[[]]',
  '[{}]',
  'true',
  'false',
  'null',
  '""',
  // refused
  '',
  ' ',
  '01',
  '-',
  '1.',
  '.1',
  '1e',
  '+1',
  '0x10',
  'NaN',
  'Infinity',
  '[1,]',
  '{"a":1,}',
  '[,1]',
  "{'a':1}",
  '{a:1}',
  '"\t"',
  '"\n"',
  '"\\x41"',
  '"\\u12"',
  '"\\u12G4"',
  'tru',
  'nul',
  'True',
  '[1 2]',
  '{"a" 1}',
  '{"a":}',
  '1 2',
  '"abc',
  '[',
  '{',
  ']',
  '\u00a0 1',
  '\ufeff1',
  '\u2028 1',
  '//1\n1',
  '/*x*/1',
  '"\\',
  '[1]]',
];

test('JSON.parse: the edges of the grammar, numbers, strings and keys give what V8 gives', () => {
  assert.deepEqual(inEngine(EDGES, false), inV8(EDGES, false));
});

test('JSON.parse with a reviver: the same calls, the same context.source, the same result', () => {
  const texts = [...EDGES, '{"a":[1,"x",{"b":1.0}],"drop":5,"c":-0}', '[1,[2,[3,[4]]]]', '{"a":1,"a":2.50}', '{"1":"one","0":"zero"}'];
  assert.deepEqual(inEngine(texts, true), inV8(texts, true));
});

test('JSON.parse agrees with V8 on generated texts, whole and damaged', () => {
  const damaged = fc
    .tuple(fc.json({ maxDepth: 4 }), fc.nat(), fc.constantFrom('', ',', '"', '\\', ']', '}', ':', '-', '.', 'e', '\ud800', ' ', '0'))
    .map(([text, at, insert]) => text.slice(0, at % (text.length + 1)) + insert + text.slice(at % (text.length + 1)));
  const texts = fc.sample(fc.oneof(fc.json({ maxDepth: 5 }), fc.json({ maxDepth: 3, stringUnit: 'binary' }), damaged), { numRuns: 600, seed: 13 });
  for (const revive of [false, true]) {
    const engineSays = inEngine(texts, revive);
    const v8Says = inV8(texts, revive);
    for (const [i, text] of texts.entries()) assert.equal(engineSays[i], v8Says[i], `${revive ? 'with a reviver: ' : ''}${JSON.stringify(text)}`);
  }
});

test('JSON.parse nests as deep as memory allows (no stack), and a reviver stops at the depth limit, named', () => {
  const deep = (n: number) => `JSON.parse('['.repeat(${n}) + ']'.repeat(${n}))`;
  const run = (expr: string) => engine.execute(buildRequest(`let a = ${expr}, d = 0; while (Array.isArray(a) && a.length) { a = a[0]; d++ } export default d`, { gasLimit: 50_000_000 }));
  assert.deepEqual(run(deep(100_000)).value, 99_999);
  const revived = run(`${deep(100_000).slice(0, -1)}, (k, v) => v)`);
  assert.equal(revived.error?.code, 'DepthLimit');
  assert.deepEqual(run(`${deep(150).slice(0, -1)}, (k, v) => v)`).value, 149);
});
