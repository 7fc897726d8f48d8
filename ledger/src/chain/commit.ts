// Turns verified transactions into one block, holding the chain (LedgerStore.serialised: one commit
// at a time, across every node on PostgreSQL): read the view, apply each transaction to the draft in
// its own layer (a rejected one leaves no trace), rehash the touched buckets, seal the block on the
// head, write it all in one batch. A transaction another node has committed meanwhile is answered
// with its original result, once.
import type { BlockRow, CommittedTx, TxResult } from '../db/rows.ts';
import type { LedgerStore } from '../db/store.ts';
import { LedgerError } from '../errors.ts';
import { applyTransaction, type VerifiedTransaction } from './apply.ts';
import { sealBlock } from './block.ts';
import { BlockDraft } from './draft.ts';
import { type ChainParams, usersInStateRoot } from './params.ts';
import { bucketOf, bucketRoots, rootOf, type TreeCache, withBuckets } from './state-tree.ts';
import { ChainView, readKeysOf } from './view.ts';

export interface CommitResult {
  /** Undefined when no transaction was accepted (no empty blocks are made for them). */
  block?: BlockRow;
  /** The accepted transactions' results as committed (with the fee and deposit each paid). */
  accepted: Map<string, TxResult>;
  rejected: Map<string, LedgerError>;
  /** Already in the chain (committed by another node, or an earlier attempt): their original answers. */
  replayed: Map<string, CommittedTx>;
}

export interface BlockSpec {
  timestamp: number;
  engineHash: string;
  /** Make the block even with no transactions (an explicit heartbeat). */
  allowEmpty?: boolean;
}

export function commitBlock(store: LedgerStore, tree: TreeCache, params: ChainParams, entries: VerifiedTransaction[], spec: BlockSpec): Promise<CommitResult> {
  return store.serialised(async (session) => {
    const keys = readKeysOf(
      entries.map((entry) => entry.signed.transaction),
      params,
      entries.map((entry) => entry.id),
    );
    const view = new ChainView(keys, await session.read(keys));
    const parent = view.head;
    if (!parent) throw new Error('the ledger has no genesis block');
    const draft = new BlockDraft(view, parent.height + 1, { userLeaves: usersInStateRoot(params) });
    const ctx = { draft, params, height: draft.height };
    const result: CommitResult = { accepted: new Map(), rejected: new Map(), replayed: new Map() };
    const accepted: string[] = [];
    for (const entry of entries) {
      const committed = view.committed(entry.id);
      if (committed) {
        result.replayed.set(entry.id, committed);
        continue;
      }
      try {
        draft.attempt(() => result.accepted.set(entry.id, applyTransaction(ctx, entry, accepted.length)));
        accepted.push(entry.id);
      } catch (error) {
        if (!(error instanceof LedgerError)) throw error;
        result.rejected.set(entry.id, error);
      }
    }
    if (!accepted.length && !spec.allowEmpty) return result;

    const writes = draft.writeSet();
    const touched = [...new Set([...writes.leaves.keys()].map(bucketOf))];
    const roots = bucketRoots(touched.length ? await session.bucketLeaves(touched) : [], writes.leaves);
    const levels = withBuckets(await tree.at(parent.hash, () => session.bucketHashes()), roots);
    writes.buckets = roots;
    writes.block = sealBlock({
      height: draft.height,
      parentHash: parent.hash,
      stateRoot: rootOf(levels),
      timestamp: Math.max(spec.timestamp, parent.timestamp),
      producer: params.producer,
      txIds: accepted,
      engineHash: spec.engineHash,
    });
    await session.write(writes);
    // Kept for the block's hash: right even if the write does not become durable (it is never the head then).
    tree.remember(writes.block.hash, levels);
    result.block = writes.block;
    return result;
  });
}
