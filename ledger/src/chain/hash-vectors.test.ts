// Pinned hashes of the ledger's structures: the state root (empty and of a fixed set of leaves), a
// block hash and a transaction id. Any change to the hashing scheme fails here — on purpose: it
// would make every existing chain fail `tana verify` and every client's proofs.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { leafPath, type StateLeaf, type TransferTransaction } from '@tana/engine';
import { transactionIdOf } from '../tx/signature.ts';
import { blockHash } from './block.ts';
import { bucketRoots, leafRow, levelsFrom, rootOf, withBuckets } from './state-tree.ts';

const leaves: StateLeaf[] = [
  { kind: 'state', contractId: 'counter', key: 'count', value: { n: 1, tags: ['a', 'é'] } },
  { kind: 'balance', account: 'alice', currency: 'USD', amount: '100000' },
  ...Array.from({ length: 10 }, (_, i): StateLeaf => ({ kind: 'balance', account: `u${i}`, currency: 'TANA', amount: String(i + 1) })),
];

test('the empty state root', () => {
  assert.equal(rootOf(levelsFrom(new Map())), '8e4b3745e5f2f7d48e36b192cb39242fa0f7a76fac1e36a519d8ebe00f3e21fb');
});

test('the state root of twelve fixed leaves', () => {
  const roots = bucketRoots([], new Map(leaves.map((leaf) => [leafPath(leaf), leafRow(leaf)])));
  assert.equal(rootOf(withBuckets(levelsFrom(new Map()), roots)), '2bc854423967039d3fbdae8193ebb6bf5cc7cfa29710ccabbcb072079ff14c22');
});

test('a block hash', () => {
  const block = { height: 7, parentHash: 'aa'.repeat(32), stateRoot: 'bb'.repeat(32), timestamp: 1767225600000, producer: 'ledger', txIds: ['cc'.repeat(32)], engineHash: 'dd'.repeat(32) };
  assert.equal(blockHash(block), '08cad44ca1f297e0a9bd02098f371ffbfdf77d6522d4971e3b6794f1b9541fcb');
});

test('a transaction id', () => {
  const transfer: TransferTransaction = {
    kind: 'transfer',
    chainId: 'tana-local',
    sender: 'alice',
    nonce: 3,
    engineHash: 'dd'.repeat(32),
    timestamp: 1767225600000,
    to: 'bob',
    amount: '250',
    currency: 'USD',
  };
  assert.equal(transactionIdOf(transfer), '8c697cbd53df808f56f958846ca4a46f3e98960494bc5ed99208a936733d435c');
});
