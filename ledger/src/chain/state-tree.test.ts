import { test } from 'node:test';
import assert from 'node:assert/strict';
import { leafPath, type StateLeaf, verifyStateProof } from '@tana/engine';
import type { LeafRow } from '../db/rows.ts';
import { bucketOf, bucketRoots, type Levels, leafRow, levelsFrom, proofSteps, rootOf, withBuckets } from './state-tree.ts';

const leaves: StateLeaf[] = Array.from({ length: 700 }, (_, i) =>
  i % 3 === 0 ? { kind: 'balance', account: `user${i}`, currency: 'USD', amount: String(i * 10) } : { kind: 'state', contractId: `c${i % 7}`, key: `k${i}`, value: { i, tag: 'x'.repeat(i % 5) } },
);

/** Committed leaves and the top tree over them, as the tables and a node's cache hold them. */
class Tables {
  rows = new Map<string, LeafRow>();
  buckets = new Map<number, Uint8Array>();
  levels: Levels = levelsFrom(new Map());

  /** One commit: these changes (undefined removes) over the committed leaves of the buckets they touch. */
  commit(changes: Map<string, LeafRow | undefined>): string {
    const touched = new Set([...changes.keys()].map(bucketOf));
    const roots = bucketRoots(
      [...this.rows.values()].filter((row) => touched.has(row.bucket)),
      changes,
    );
    for (const [path, row] of changes) row ? this.rows.set(path, row) : this.rows.delete(path);
    for (const [bucket, hash] of roots) hash ? this.buckets.set(bucket, hash) : this.buckets.delete(bucket);
    this.levels = withBuckets(this.levels, roots);
    return rootOf(this.levels);
  }
  proof(leaf: StateLeaf) {
    const path = leafPath(leaf);
    return proofSteps(
      path,
      [...this.rows.values()].filter((row) => row.bucket === bucketOf(path)),
      this.levels[0]!,
    );
  }
}

const put = (list: StateLeaf[]) => new Map(list.map((leaf) => [leafPath(leaf), leafRow(leaf)] as [string, LeafRow | undefined]));

test('every leaf has a proof that leads to the root, and a changed value does not', async () => {
  const tables = new Tables();
  const root = tables.commit(put(leaves));
  for (const leaf of leaves.filter((_, i) => i % 37 === 0)) {
    const steps = tables.proof(leaf)!;
    assert.equal(await verifyStateProof({ leaf, steps, root, height: 1 }, root), true);
    const changed = leaf.kind === 'state' ? { ...leaf, value: 'other' } : { ...leaf, amount: '1' };
    assert.equal(await verifyStateProof({ leaf: changed, steps, root, height: 1 }, root), false);
  }
});

test('the root depends on content, not on the order of writes', () => {
  assert.equal(new Tables().commit(put(leaves)), new Tables().commit(put([...leaves].reverse())));
});

test('removing a leaf changes the root, and putting it back restores it', () => {
  const tables = new Tables();
  const root = tables.commit(put(leaves));
  const leaf = leaves[4]!;
  assert.notEqual(tables.commit(new Map([[leafPath(leaf), undefined]])), root);
  assert.equal(tables.proof(leaf), undefined);
  assert.equal(tables.commit(put([leaf])), root);
});

test('a top tree updated commit by commit equals one rebuilt from the stored bucket roots', () => {
  const incremental = new Tables();
  for (let i = 0; i < leaves.length; i += 50) incremental.commit(put(leaves.slice(i, i + 50)));
  const root = incremental.commit(new Map([[leafPath(leaves[10]!), undefined]]));
  assert.equal(rootOf(levelsFrom(incremental.buckets)), root, 'another node, loading the bucket roots');
  assert.equal(new Tables().commit(put(leaves.filter((_, i) => i !== 10))), root, 'one commit of the same leaves');
});

test('paths are ordered by their UTF-8 bytes, as SQLite and PostgreSQL ("C") sort them, not by UTF-16 units', () => {
  // U+FF5E (3 UTF-8 bytes, one UTF-16 unit) sorts before U+1F600 (4 bytes, a surrogate pair) in bytes, after it in UTF-16.
  // Contract 'c235' puts both in one bucket.
  const a: StateLeaf = { kind: 'state', contractId: 'c235', key: '\uff5e', value: 1 };
  const b: StateLeaf = { kind: 'state', contractId: 'c235', key: '\u{1f600}', value: 2 };
  assert.ok('\uff5e' > '\u{1f600}', 'UTF-16 order');
  assert.ok(Buffer.compare(Buffer.from(leafPath(a)), Buffer.from(leafPath(b))) < 0, 'byte order');
  assert.equal(leafRow(a).bucket, leafRow(b).bucket);
  const tables = new Tables();
  tables.commit(put([b, a]));
  assert.equal(tables.proof(a)![0]!.side, 'right', 'a is the left leaf of its pair');
  assert.equal(tables.proof(a)![0]!.hash, Buffer.from(leafRow(b).hash).toString('hex'));
});
