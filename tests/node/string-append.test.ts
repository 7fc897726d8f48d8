// `a + b` appends in place to a long string built by appending (boa_string patch 05): no value a
// contract holds may change when another is appended to, whatever the widths (Latin-1, UTF-16,
// lone surrogates), branches (two strings appended to the same one), slices and keys made of
// them. A fixed interpreter runs generated programs of such steps in V8 and in the engine, and
// both must describe every value they made the same way.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { buildRequest, loadEngine } from '@tana/engine';
import { inBoth } from '../support/v8-and-engine.ts';

const engine = await loadEngine();

type Step = ['append', number, string] | ['appendNumber', number, number] | ['prepend', number, string] | ['slice', number, number, number] | ['key', number];

/** Runs the steps on a list of values (value 0: a long string), then describes every value by its code units. */
const interpret = `(steps) => {
  const values = ['x'.repeat(300)];
  const keys = {};
  for (const [op, from, a, b] of steps) {
    const s = values[from % values.length];
    if (op === 'append') values.push(s + a);
    else if (op === 'appendNumber') { let t = s; t += a; values.push(t) }
    else if (op === 'prepend') values.push(a + s);
    else if (op === 'slice') values.push(s.slice(a % (s.length + 1), b % (s.length + 1)));
    else if (op === 'key') keys[s] = (keys[s] ?? 0) + 1;
  }
  const units = (s) => s.length + ':' + Array.from({ length: s.length }, (_, i) => s.charCodeAt(i).toString(36)).join('.');
  return values.map(units).concat(Object.keys(keys).map((k) => units(k) + '=' + keys[k]), String(values.filter((v, i) => values.indexOf(v) !== i).length));
}`;

const { v8: inV8, engine: inEngine } = inBoth<[steps: Step[]], string[]>(interpret);

const piece = fc.oneof(fc.string({ maxLength: 3 }), fc.string({ unit: 'binary', maxLength: 3 }), fc.constantFrom('\ud800', '\udc00', 'é', 'y'.repeat(400), '€'.repeat(300)));
const step: fc.Arbitrary<Step> = fc.oneof(
  { weight: 6, arbitrary: fc.tuple(fc.constant('append' as const), fc.nat(), piece) },
  { weight: 1, arbitrary: fc.tuple(fc.constant('appendNumber' as const), fc.nat(), fc.double({ noNaN: false })) },
  { weight: 1, arbitrary: fc.tuple(fc.constant('prepend' as const), fc.nat(), piece) },
  { weight: 1, arbitrary: fc.tuple(fc.constant('slice' as const), fc.nat(), fc.nat(), fc.nat()) },
  { weight: 1, arbitrary: fc.tuple(fc.constant('key' as const), fc.nat()) },
);

test('appending never changes a value already made: branches, widths, slices and keys as in V8', () => {
  const cases: Step[][] = [
    // Two strings appended to the same one: the second must not see the first's tail.
    [
      ['append', 0, 'a'],
      ['append', 0, 'b'],
      ['append', 1, 'c'],
      ['append', 2, 'd'],
    ],
    // A Latin-1 string widened by a UTF-16 piece, then appended to again with both widths.
    [
      ['append', 0, '€'],
      ['append', 1, 'a'],
      ['append', 1, '\ud83d'],
      ['append', 3, '\ude00'],
    ],
    // A long chain (buffers outgrown several times), then keys and slices of its members.
    [...Array.from({ length: 700 }, (_, i): Step => ['append', i, String.fromCharCode(97 + (i % 26))]), ['key', 500], ['key', 500], ['slice', 699, 10, 800], ['append', 400, '!']],
  ];
  for (const steps of cases) assert.deepEqual(inEngine(steps), inV8(steps));
});

test('generated append programs give what V8 gives', () => {
  fc.assert(
    fc.property(fc.array(step, { maxLength: 60 }), (steps) => {
      assert.deepEqual(inEngine(steps), inV8(steps));
    }),
    { numRuns: 300, seed: 5 },
  );
});

test('appending in a loop costs gas in proportion to what is appended, not to the length of the string', () => {
  const gas = (n: number) => engine.execute(buildRequest(`let s = 'x'.repeat(300); for (let i = 0; i < ${n}; i++) s += 'ab'; export default s.length`, { gasLimit: 50_000_000 })).gasUsed;
  const [small, large] = [gas(20_000), gas(80_000)];
  // Quadratic copying would make four times the appends cost about sixteen times the gas.
  assert.ok(large < small * 5, `gas for 20,000 appends ${small}, for 80,000 ${large}`);
});

test('a one-off concatenation of two long strings needs about the memory it always did (no room reserved past a little)', () => {
  // 28 MB + 28 MB fit the 64 MiB heap; with half as much room again reserved, the result alone would take 42 MB.
  const outcome = engine.execute(buildRequest(`const a = 'x'.repeat(28_000_000); const b = a + 'y'; export default b.length`, { gasLimit: 50_000_000 }));
  assert.equal(outcome.error?.code, undefined, JSON.stringify(outcome.error));
  assert.equal(outcome.value, 28_000_001);
});

test('strings made from one long string built by appending each cost about their own size, not half as much again', () => {
  // A 10 M-unit prefix built by appending, then five strings made from it: five buffers of 15 M units would not fit
  // the 64 MiB heap; the first is appended in place, each other one needs 10 M units and a little room.
  const outcome = engine.execute(
    buildRequest(
      `let p = ''; const chunk = 'x'.repeat(10_000); for (let i = 0; i < 1000; i++) p += chunk; const made = ['a', 'b', 'c', 'd', 'e'].map((c) => p + c); export default made.map((s) => s.length)`,
      {
        gasLimit: 50_000_000,
      },
    ),
  );
  assert.equal(outcome.error?.code, undefined, JSON.stringify(outcome.error));
  assert.deepEqual(outcome.value, Array(5).fill(10_000_001));
});
