// Hostile contracts on the built engine in Node: each gets its named error and
// leaves no trace, and the engine keeps working afterwards.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildRequest, loadEngine } from '@tana/engine';
import { adversarialCases } from '../fixtures/adversarial.ts';

const EMPTY = { set: {}, deleted: [], transfers: [] };

for (const c of adversarialCases) {
  test(c.name, async () => {
    const engine = await loadEngine();
    const outcome = engine.execute(buildRequest(c.code, { gasLimit: c.gasLimit }));
    assert.equal(outcome.ok, false);
    assert.ok(c.codes.includes(outcome.error?.code ?? ''), `${c.name}: got ${outcome.error?.code}: ${outcome.error?.message}`);
    assert.deepEqual(outcome.diff, EMPTY);
    assert.equal(engine.run('export default 1').value, 1, 'the engine still works');
  });
}
