// Every example runs on the built engine in Node and matches its .expect.json.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { loadEngine } from '@tana/engine';

const dir = new URL('../../examples/', import.meta.url);
const examples = readdirSync(dir).filter((f) => f.endsWith('.expect.json'));

test('there are examples to run', () => assert.ok(examples.length >= 5));

for (const file of examples) {
  test(`example ${file.replace('.expect.json', '.ts')}`, async () => {
    const engine = await loadEngine();
    const spec = JSON.parse(readFileSync(new URL(file, dir), 'utf8'));
    const source = readFileSync(new URL(file.replace('.expect.json', '.ts'), dir), 'utf8');
    const outcome = engine.run(source, { state: spec.state, context: spec.context });
    for (const [key, expected] of Object.entries(spec.expect)) {
      assert.deepEqual((outcome as Record<string, unknown>)[key], expected, `${key} of ${file}: ${JSON.stringify(outcome.error)}`);
    }
    // Same inputs, fresh instance: byte-identical outcome.
    engine.reset();
    assert.equal(JSON.stringify(engine.run(source, { state: spec.state, context: spec.context })), JSON.stringify(outcome));
  });
}
