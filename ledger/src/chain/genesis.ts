// Block 0: the chain's parameters, its currencies and its producer account, with no transactions.
// Made at most once: inside the commit lock, only when the store holds no block yet (nodes starting
// together on one new database make one genesis).
import type { UserRow } from '../db/rows.ts';
import { type LedgerStore, NO_KEYS } from '../db/store.ts';
import { emptyWriteSet } from '../db/write-set.ts';
import { GENESIS_PARENT, sealBlock } from './block.ts';
import { type ChainParams, usersInStateRoot } from './params.ts';
import { bucketRoots, leafRow, levelsFrom, rootOf, withBuckets } from './state-tree.ts';

/** True when this call made the genesis block, false when the store already had a chain. */
export function createGenesis(store: LedgerStore, params: ChainParams, timestamp: number, engineHash: string): Promise<boolean> {
  return store.serialised(async (session) => {
    if ((await session.read(NO_KEYS)).head) return false;
    const writes = emptyWriteSet();
    writes.meta.set('chain', params);
    writes.currencies = params.currencies.map((currency) => ({ ...currency, createdHeight: 0 }));
    const producer: UserRow = { id: params.producer, publicKey: params.producerPublicKey, username: null, displayName: 'Ledger', bio: null, nextNonce: 0, createdHeight: 0 };
    writes.users.set(params.producer, producer);
    if (usersInStateRoot(params)) {
      const leaf = leafRow({ kind: 'user', id: producer.id, publicKey: producer.publicKey, username: null, displayName: producer.displayName, bio: null });
      writes.leaves.set(leaf.path, leaf);
      writes.buckets = bucketRoots([], writes.leaves);
    }
    const stateRoot = rootOf(withBuckets(levelsFrom(new Map()), writes.buckets));
    writes.block = sealBlock({ height: 0, parentHash: GENESIS_PARENT, stateRoot, timestamp, producer: params.producer, txIds: [], engineHash });
    await session.write(writes);
    return true;
  });
}
