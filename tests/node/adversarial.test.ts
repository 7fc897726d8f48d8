// Hostile contracts on the built engine in Node: each gets its named error and
// leaves no trace, and the engine keeps working afterwards.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildRequest, createSandbox, DEFAULT_TIMEOUT_MS, loadEngine } from '@tana/engine';
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

// The ledger re-executes in worker sandboxes, whose wall clock is only a safety net: every hostile
// case must end there exactly as on the main thread — by gas, depth or memory, never by `Timeout`.
test('in the worker sandbox, at the production wall clock, every case ends as on the main thread and none times out', async () => {
  const engine = await loadEngine();
  const sandbox = await createSandbox({ timeoutMs: DEFAULT_TIMEOUT_MS });
  try {
    for (const c of adversarialCases) {
      const request = buildRequest(c.code, { gasLimit: c.gasLimit });
      const inWorker = await sandbox.execute(request);
      assert.notEqual(inWorker.error?.code, 'Timeout', `${c.name} reached the wall clock`);
      assert.deepEqual(inWorker, engine.execute(request), c.name);
    }
  } finally {
    await sandbox.close();
  }
});
