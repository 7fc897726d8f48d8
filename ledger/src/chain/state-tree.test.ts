import { test } from 'node:test';
import assert from 'node:assert/strict';
import { verifyStateProof, type StateLeaf } from '@tana/engine';
import { openDatabase } from '../db/open.ts';
import { Store } from '../db/store.ts';
import { StateTree } from './state-tree.ts';

function freshTree(): StateTree {
  return new StateTree(new Store(openDatabase(':memory:')));
}

const leaves: StateLeaf[] = Array.from({ length: 700 }, (_, i) =>
  i % 3 === 0 ? { kind: 'balance', account: `user${i}`, currency: 'USD', amount: String(i * 10) } : { kind: 'state', contractId: `c${i % 7}`, key: `k${i}`, value: { i, tag: 'x'.repeat(i % 5) } },
);

test('every leaf has a proof that leads to the root, and a changed value does not', async () => {
  const tree = freshTree();
  for (const leaf of leaves) tree.put(leaf);
  const root = tree.root();
  for (const leaf of leaves.filter((_, i) => i % 37 === 0)) {
    const steps = tree.proof(leaf)!;
    assert.equal(await verifyStateProof({ leaf, steps, root, height: 1 }, root), true);
    const changed = leaf.kind === 'state' ? { ...leaf, value: 'other' } : { ...leaf, amount: '1' };
    assert.equal(await verifyStateProof({ leaf: changed, steps, root, height: 1 }, root), false);
  }
});

test('the root depends on content, not on the order of writes', () => {
  const forward = freshTree();
  const backward = freshTree();
  for (const leaf of leaves) forward.put(leaf);
  for (const leaf of [...leaves].reverse()) backward.put(leaf);
  assert.equal(forward.root(), backward.root());
});

test('removing a leaf changes the root, and putting it back restores it', () => {
  const tree = freshTree();
  for (const leaf of leaves) tree.put(leaf);
  const root = tree.root();
  const leaf = leaves[4]!;
  tree.remove(leaf);
  assert.notEqual(tree.root(), root);
  assert.equal(tree.proof(leaf), undefined);
  tree.put(leaf);
  assert.equal(tree.root(), root);
});

test('the in-memory top tree gives the same root as a tree rebuilt from the tables', () => {
  const store = new Store(openDatabase(':memory:'));
  const incremental = new StateTree(store);
  for (const [i, leaf] of leaves.entries()) {
    incremental.put(leaf);
    if (i % 50 === 0) incremental.root();
  }
  incremental.remove(leaves[10]!);
  const root = incremental.root();
  assert.equal(new StateTree(store).root(), root, 'a fresh tree over the same tables');
  incremental.invalidate();
  assert.equal(incremental.root(), root);
});
