// Block 0: the chain's parameters, its currencies and its producer account, with no transactions.
// Made at most once: inside the commit lock, only when the store holds no block yet (nodes starting
// together on one new database make one genesis).
import type { LedgerStore } from '../db/store.ts';
import { emptyWriteSet } from '../db/write-set.ts';
import { GENESIS_PARENT, sealBlock } from './block.ts';
import type { ChainParams } from './params.ts';
import { levelsFrom, rootOf } from './state-tree.ts';

/** True when this call made the genesis block, false when the store already had a chain. */
export function createGenesis(store: LedgerStore, params: ChainParams, timestamp: number, engineHash: string): Promise<boolean> {
  return store.serialised(async (session) => {
    if ((await session.read({ accounts: [], balances: [], txIds: [] })).head) return false;
    const writes = emptyWriteSet();
    writes.meta.set('chain', params);
    writes.currencies = params.currencies.map((currency) => ({ ...currency, createdHeight: 0 }));
    writes.users.set(params.producer, { id: params.producer, publicKey: params.producerPublicKey, displayName: 'Ledger', nextNonce: 0, createdHeight: 0 });
    writes.block = sealBlock({ height: 0, parentHash: GENESIS_PARENT, stateRoot: rootOf(levelsFrom(new Map())), timestamp, producer: params.producer, txIds: [], engineHash });
    await session.write(writes);
    return true;
  });
}
