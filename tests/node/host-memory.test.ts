// A run's memory is an outcome only where it is the same on every host: past the run's cap
// (MemoryLimit) or past the engine's maximum. A host that refuses to grow the memory below that
// maximum is at fault (EngineFailure, which no ledger commits), never the contract — whether the
// refusal traps the run or reaches the contract as a RangeError it could catch.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { LIMITS } from '../../runtime-wasm/ts/generated/limits.ts';

const script = fileURLToPath(new URL('./support/memory-hungry-run.ts', import.meta.url));
/** 48 MiB: more than a prepared instance starts with, less than a run may use (64 MiB). */
const STINGY_PAGES = (48 * 2 ** 20) / 65_536;
const ALL_PAGES = LIMITS.maxMemoryBytes / 65_536;
const REFUSED = `the host refused the engine memory below its ${LIMITS.maxMemoryBytes / 2 ** 20} MiB maximum (an engine fault, not an outcome)`;
const EMPTY_DIFF = { set: {}, deleted: [], transfers: [] };

/** Keeps allocating until something stops it: a trap, where the allocation fails. */
const HUNGRY = "const a = []; for (;;) a.push('x'.repeat(1000) + a.length)";
/** An ArrayBuffer's allocation is fallible: a refusal reaches the contract as a RangeError, which it catches. */
const CATCHING = 'let caught = false; try { new ArrayBuffer(30e6) } catch { caught = true }; export default caught';
const SMALL = 'export default 6 * 7';

/** The outcomes of `codes`, run in order on one engine, in a Node process whose wasm memories grow to `maxPages` at most. */
function runWithMemoryPages(maxPages: number, codes: string[]) {
  const result = spawnSync(process.execPath, [`--wasm-max-mem-pages=${maxPages}`, script, JSON.stringify(codes)], { encoding: 'utf8' });
  assert.equal(result.status, 0, result.stderr);
  return JSON.parse(result.stdout);
}

test('a host that refuses memory below the maximum is an engine fault, and the next run works', () => {
  const [hungry, after] = runWithMemoryPages(STINGY_PAGES, [HUNGRY, SMALL]);
  assert.equal(hungry.ok, false);
  assert.deepEqual(hungry.error, { code: 'EngineFailure', message: REFUSED });
  assert.deepEqual(hungry.diff, EMPTY_DIFF);
  assert.equal(after.value, 42);
});

test('a refusal the contract could catch is an engine fault too, never its outcome', () => {
  const [catching, after] = runWithMemoryPages(STINGY_PAGES, [CATCHING, SMALL]);
  assert.equal(catching.ok, false, `the run ended as ${JSON.stringify(catching)}`);
  assert.deepEqual(catching.error, { code: 'EngineFailure', message: REFUSED });
  assert.deepEqual(catching.diff, EMPTY_DIFF);
  assert.equal(after.value, 42);
});

test('with every page up to the maximum granted, the same runs are a MemoryLimit and a success', () => {
  const [hungry, catching, after] = runWithMemoryPages(ALL_PAGES, [HUNGRY, CATCHING, SMALL]);
  assert.equal(hungry.error.code, 'MemoryLimit');
  assert.equal(catching.ok, true, JSON.stringify(catching.error));
  assert.equal(catching.value, false);
  assert.equal(after.value, 42);
});
