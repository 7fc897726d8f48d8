// Block 0: the chain's parameters, its currencies and its producer account, with no transactions.
import type { Store } from '../db/store.ts';
import { GENESIS_PARENT, sealBlock } from './block.ts';
import type { ChainParams } from './params.ts';
import type { StateTree } from './state-tree.ts';

export function createGenesis(store: Store, tree: StateTree, params: ChainParams, timestamp: number, engineHash: string): void {
  store.db.transaction(() => {
    store.setMeta('chain', params);
    for (const currency of params.currencies) store.insertCurrency(currency.code, currency.decimals, 0);
    store.insertUser({ id: params.producer, publicKey: params.producerPublicKey, displayName: 'Ledger', createdHeight: 0 });
    store.insertBlock(sealBlock({ height: 0, parentHash: GENESIS_PARENT, stateRoot: tree.root(), timestamp, producer: params.producer, txIds: [], engineHash }));
  })();
}
