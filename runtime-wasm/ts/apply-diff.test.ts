import { test } from 'node:test';
import assert from 'node:assert/strict';
import { applyDiff } from './apply-diff.ts';

test('deletes, then sets, into a new object', () => {
  const state = { a: 1, b: 2, c: 3 };
  const next = applyDiff(state, { set: { b: 20, d: 4 }, deleted: ['a', 'b'] });
  assert.deepEqual(next, { b: 20, c: 3, d: 4 });
  assert.deepEqual(state, { a: 1, b: 2, c: 3 }, 'the input is not changed');
});
