// Staging, committed state and snapshots on a Dexie database (fake-indexeddb in Node).
import 'fake-indexeddb/auto';
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { failedOutcome, type Outcome } from '@tana/engine';
import { PlaygroundDb } from './db.ts';
import { committedState, effectiveState, replaceCommitted, resetStaging, restoreSnapshot, saveSnapshot, stageDiff } from './state.ts';

const fresh = () => new PlaygroundDb(`test-${crypto.randomUUID()}`);
const ran = (set: Record<string, unknown>, deleted: string[] = []): Outcome => ({
  ok: true,
  value: null,
  error: null,
  diff: { set: set as never, deleted, transfers: [] },
  logs: [],
  gasUsed: 1,
  fetches: [],
});

test('a run sees committed state with staging on top, and its diff lands in staging only', async () => {
  const db = fresh();
  await replaceCommitted(db, 'c', { a: 1, b: 2 }, 5, new Set(['a']));
  await stageDiff(db, 'c', ran({ b: 3, c: 4 }, ['a']));
  assert.deepEqual(await effectiveState(db, 'c'), { b: 3, c: 4 });
  assert.deepEqual(await committedState(db, 'c'), { a: 1, b: 2 });
  assert.deepEqual(await effectiveState(db, 'other'), {});
});

test('a failed run stages nothing', async () => {
  const db = fresh();
  await stageDiff(db, 'c', failedOutcome('OutOfGas', 'too much'));
  assert.equal(await db.staging.count(), 0);
});

test('snapshots save and restore staging; reset clears it', async () => {
  const db = fresh();
  await stageDiff(db, 'c', ran({ n: 1 }));
  const id = await saveSnapshot(db, 'c', 'one');
  await stageDiff(db, 'c', ran({ n: 2, m: 1 }));
  assert.deepEqual(await effectiveState(db, 'c'), { n: 2, m: 1 });
  await restoreSnapshot(db, id);
  assert.deepEqual(await effectiveState(db, 'c'), { n: 1 });
  await resetStaging(db, 'c');
  assert.deepEqual(await effectiveState(db, 'c'), {});
  await assert.rejects(() => restoreSnapshot(db, 999), /no snapshot/);
});

test('a sync replaces committed values and records which were proven', async () => {
  const db = fresh();
  await replaceCommitted(db, 'c', { a: 1, gone: true }, 3, new Set());
  await replaceCommitted(db, 'c', { a: 2 }, 4, new Set(['a']));
  const rows = await db.committed.toArray();
  assert.deepEqual(rows, [{ contractId: 'c', key: 'a', value: 2, height: 4, verified: true }]);
});
