// One engine instance serves run after run; no run may see anything of an earlier one. Polluters
// and an observer in a row on one instance, and random sequences of runs (fast-check), give
// byte-identical outcomes to the same runs each on a fresh instance.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { buildRequest, loadEngine, type ExecuteRequest } from '@tana/engine';
import { OBSERVER, POLLUTERS, PRISTINE } from '../fixtures/isolation.ts';
import { adversarialRequests, exampleRequests, isolationRequests } from '../support/requests.ts';

const engine = await loadEngine();
const outcomeText = (request: ExecuteRequest) => JSON.stringify(engine.execute(request));
function fresh(request: ExecuteRequest): string {
  engine.reset();
  return outcomeText(request);
}

test('an observer after each polluter sees a realm nobody touched', () => {
  const observer = buildRequest(OBSERVER);
  const first = engine.execute(observer);
  assert.ok(first.ok, JSON.stringify(first.error));
  assert.deepEqual({ ...(first.value as object), globals: undefined, random: undefined, now: undefined }, { ...PRISTINE, globals: undefined, random: undefined, now: undefined });
  for (const polluter of POLLUTERS) {
    engine.execute(buildRequest(polluter.code));
    assert.equal(outcomeText(observer), JSON.stringify(first), `after: ${polluter.name}`);
  }
});

test('the isolation sequence in a row on one instance equals each run on a fresh instance', () => {
  const requests = isolationRequests();
  const each = requests.map((r) => fresh(r.request));
  engine.reset();
  for (const [i, r] of requests.entries()) assert.equal(outcomeText(r.request), each[i], r.name);
});

test('random sequences of runs on one warm instance equal the same runs each on a fresh instance (fast-check)', () => {
  const pool = [...exampleRequests(), ...isolationRequests(), ...adversarialRequests().slice(0, 12)];
  const expected = new Map(pool.map((r) => [r, fresh(r.request)]));
  engine.reset();
  fc.assert(
    fc.property(fc.array(fc.constantFrom(...pool), { minLength: 2, maxLength: 8 }), (sequence) => {
      for (const r of sequence) assert.equal(outcomeText(r.request), expected.get(r), r.name);
    }),
    { numRuns: 25, seed: 13 },
  );
});

test('garbage of earlier runs counts against no later run’s memory cap', () => {
  // 48 MiB kept to the end of each run: two such runs together would pass the 64 MiB cap.
  const hungry = buildRequest('const kept = [1, 2].map(() => new Uint8Array(24 * 2 ** 20)); export default kept.length');
  for (let i = 0; i < 6; i++) {
    const outcome = engine.execute(hungry);
    assert.equal(outcome.value, 2, `run ${i}: ${JSON.stringify(outcome.error)}`);
  }
});

test('a contract run again starts from its compiled image and ends exactly as its first run, gas included', () => {
  const [counter, ...others] = exampleRequests();
  engine.reset();
  const first = outcomeText(counter.request); // parsed, and its image kept
  const again = outcomeText(counter.request); // from its image
  for (const other of others) outcomeText(other.request);
  const afterOthers = outcomeText(counter.request);
  assert.equal(again, first);
  assert.equal(afterOthers, first);
  assert.ok((JSON.parse(first) as { gasUsed: number }).gasUsed > 0);
});

test('code that does not parse answers ParseError each time, and leaves nothing for the next run', () => {
  const broken = buildRequest('export default (');
  const observer = buildRequest(OBSERVER);
  const before = outcomeText(observer);
  const a = engine.execute(broken);
  const b = engine.execute(broken);
  assert.equal(a.error?.code, 'ParseError');
  assert.deepEqual(b, a);
  assert.equal(outcomeText(observer), before);
});

test('hash-heavy contracts end the same on every fresh instance', () => {
  // Every table a contract's keys go into — properties, Map, Set, Symbol.for, groupBy, sparse
  // elements — filled and read back in every order the language defines.
  const hashed = buildRequest(`
    const o = {}, m = new Map(), s = new Set(), sparse = [];
    for (let i = 0; i < 3000; i++) { const k = 'k' + ((i * 7919) % 3001); o[k] = i; m.set(k, i); s.add(i % 97 ? k : i); sparse[(i * 104729) % 1000003] = i }
    for (let i = 0; i < 3000; i += 7) { delete o['k' + i]; m.delete('k' + i); s.delete('k' + i) }
    const symbols = ['a', 'b', 'a'].map((d) => Symbol.keyFor(Symbol.for(d)));
    const text = JSON.stringify([Object.keys(o), [...m], [...s], Object.keys(sparse), symbols, Object.groupBy(Object.keys(o), (k) => k.length), [...Map.groupBy([...s].slice(0, 50), (k) => typeof k)]]);
    let sum = 0; for (let i = 0; i < text.length; i++) sum = (sum * 31 + text.charCodeAt(i)) | 0;
    export default [text.length, sum]`);
  const runs = [0, 1, 2].map(() => fresh(hashed));
  assert.ok(JSON.parse(runs[0]!).ok, runs[0]);
  assert.equal(runs[1], runs[0]);
  assert.equal(runs[2], runs[0]);
});
