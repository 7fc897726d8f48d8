// Every example runs on the built engine in Node and matches its .expect.json.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadEngine } from '@tana/engine';
import { examples } from '../support/requests.ts';

const all = examples();

test('there are examples to run', () => assert.ok(all.length >= 5));

for (const { name, source, spec } of all) {
  test(`example ${name}`, async () => {
    const engine = await loadEngine();
    const outcome = engine.run(source, { state: spec.state, context: spec.context });
    for (const [key, expected] of Object.entries(spec.expect)) {
      assert.deepEqual((outcome as unknown as Record<string, unknown>)[key], expected, `${key} of ${name}: ${JSON.stringify(outcome.error)}`);
    }
    // Same inputs, fresh instance: byte-identical outcome.
    engine.reset();
    assert.equal(JSON.stringify(engine.run(source, { state: spec.state, context: spec.context })), JSON.stringify(outcome));
  });
}
