// Signed transactions wait here (IndexedDB) until the ledger takes them (delivery.ts sends them, in
// order). What is queued counts: the next nonce is past it, and a call signed now runs on the
// committed state plus the calls queued before it.
import { applyDiff, transactionId, type CallTransaction, type SignedTransaction, type State } from '@tana/engine';
import type { OutboxEntry, PlaygroundDb } from './db.ts';

export async function enqueue(db: PlaygroundDb, signed: SignedTransaction, fileId?: string): Promise<OutboxEntry> {
  const entry: OutboxEntry = {
    txId: await transactionId(signed.transaction),
    kind: signed.transaction.kind,
    fileId,
    signed,
    status: 'queued',
    createdAt: Date.now(),
  };
  entry.seq = (await db.outbox.add(entry)) as number;
  return entry;
}

export async function queued(db: PlaygroundDb): Promise<OutboxEntry[]> {
  return db.outbox.where('status').equals('queued').sortBy('seq');
}

/** Transactions from `sender` still waiting to go out: the next nonce is past them. */
export async function queuedFrom(db: PlaygroundDb, sender: string): Promise<number> {
  return (await queued(db)).filter((e) => e.signed.transaction.sender === sender).length;
}

/** The state a new call on `contractId` will find once everything queued before it has gone through. */
export async function withQueuedCalls(db: PlaygroundDb, contractId: string, state: State): Promise<{ state: State; calls: number }> {
  let calls = 0;
  for (const entry of await queued(db)) {
    const tx = entry.signed.transaction;
    if (tx.kind !== 'call' || (tx as CallTransaction).contractId !== contractId) continue;
    state = applyDiff(state, (tx as CallTransaction).outcome.diff);
    calls++;
  }
  return { state, calls };
}
