// The engine, never the host, decides how deep a run may nest: for every recursive path, the
// deepest depth that works is the same on Node's main thread, in a worker with a large stack and
// in a worker with a very small one (0.4 MiB, of which V8 leaves about 200 KiB to code: less than
// half of what a Chromium Web Worker has), and one more level ends in the path's named error —
// never in the host's own stack overflow.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Worker } from 'node:worker_threads';
import { depthPaths } from '../fixtures/depth.ts';

/** Finds each path's deepest working depth in a worker with the given stack (MiB); null: main thread. */
function deepestWorking(stackSizeMb: number | null): Promise<Array<{ name: string; deepest: number; past: string }>> {
  const script = new URL('./support/depth-search.ts', import.meta.url);
  if (stackSizeMb === null) return import(script.href).then((m) => m.searchAll());
  return new Promise((resolve, reject) => {
    const worker = new Worker(script, { workerData: { run: true }, resourceLimits: { stackSizeMb } });
    worker.once('message', resolve);
    worker.once('error', reject);
  });
}

test('every recursive path stops at the same depth on every host, with its named error', async () => {
  const [main, small, large] = await Promise.all([deepestWorking(null), deepestWorking(0.4), deepestWorking(8)]);
  for (const [i, path] of depthPaths.entries()) {
    assert.equal(main[i].name, path.name);
    assert.equal(main[i].past, path.code_past, `${path.name}: one past the limit ended in ${main[i].past}`);
    assert.ok(main[i].deepest >= 20, `${path.name}: only ${main[i].deepest} levels work`);
    assert.deepEqual(small[i], main[i], `${path.name}: a worker with a small stack`);
    assert.deepEqual(large[i], main[i], `${path.name}: a worker with a large stack`);
  }
});
