// Turns verified transactions into one block: each is applied in its own savepoint (a rejected one
// leaves no trace), then the state root and the block are written in the same SQLite transaction.
// better-sqlite3 is synchronous, so commits are sequential by construction.
import type { BlockRow, Store } from '../db/store.ts';
import { LedgerError } from '../errors.ts';
import { applyTransaction, type VerifiedTransaction } from './apply.ts';
import { sealBlock } from './block.ts';
import type { ChainParams } from './params.ts';
import type { StateTree } from './state-tree.ts';

export interface CommitResult {
  /** Undefined when every transaction was rejected (no empty blocks are made for them). */
  block?: BlockRow;
  rejected: Map<string, LedgerError>;
}

export interface BlockSpec {
  timestamp: number;
  engineHash: string;
  /** Make the block even with no transactions (an explicit heartbeat). */
  allowEmpty?: boolean;
}

export function commitBlock(store: Store, tree: StateTree, params: ChainParams, entries: VerifiedTransaction[], spec: BlockSpec): CommitResult {
  const rejected = new Map<string, LedgerError>();
  const commit = store.db.transaction(() => {
    const parent = store.head();
    if (!parent) throw new Error('the ledger has no genesis block');
    const ctx = { store, tree, params, height: parent.height + 1 };
    const accepted: string[] = [];
    for (const entry of entries) {
      try {
        store.db.transaction(() => applyTransaction(ctx, entry, accepted.length))();
        accepted.push(entry.id);
      } catch (error) {
        if (!(error instanceof LedgerError)) throw error;
        rejected.set(entry.id, error);
      }
    }
    if (!accepted.length && !spec.allowEmpty) return undefined;
    const sealed = sealBlock({
      height: ctx.height,
      parentHash: parent.hash,
      stateRoot: tree.root(),
      timestamp: Math.max(spec.timestamp, parent.timestamp),
      producer: params.producer,
      txIds: accepted,
      engineHash: spec.engineHash,
    });
    store.insertBlock(sealed);
    return sealed;
  });
  let block: BlockRow | undefined;
  try {
    block = commit();
  } catch (error) {
    tree.invalidate(); // the tables rolled back; the in-memory tree must not keep what they lost
    throw error;
  }
  return { block, rejected };
}
