// A run's memory is an outcome only where it is the same on every host: past the run's cap
// (MemoryLimit) or past the engine's maximum. A host that refuses to grow the memory below that
// maximum is at fault (EngineFailure, which no ledger commits), never the contract.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { LIMITS } from '../../runtime-wasm/ts/generated/limits.ts';

const script = fileURLToPath(new URL('./support/memory-hungry-run.ts', import.meta.url));

/** The hungry run's outcome, and the next run's, in a Node process whose wasm memories grow to `maxPages` at most. */
function runWithMemoryPages(maxPages: number) {
  const result = spawnSync(process.execPath, [`--wasm-max-mem-pages=${maxPages}`, script], { encoding: 'utf8' });
  assert.equal(result.status, 0, result.stderr);
  return JSON.parse(result.stdout);
}

test('a host that refuses memory below the maximum is an engine fault, and the next run works', () => {
  // 48 MiB: more than a prepared instance starts with, less than a run may use (64 MiB).
  const { hungry, after } = runWithMemoryPages((48 * 2 ** 20) / 65_536);
  assert.equal(hungry.ok, false);
  assert.equal(hungry.error.code, 'EngineFailure');
  assert.match(hungry.error.message, /the host refused the engine memory below its 256 MiB maximum/);
  assert.deepEqual(hungry.diff, { set: {}, deleted: [], transfers: [] });
  assert.equal(after.value, 42);
});

test('with every page up to the maximum granted, the same run is a MemoryLimit', () => {
  const { hungry, after } = runWithMemoryPages(LIMITS.maxMemoryBytes / 65_536);
  assert.equal(hungry.error.code, 'MemoryLimit');
  assert.equal(after.value, 42);
});
