// Signed transactions wait here (IndexedDB) until the ledger takes them: offline, or while it is
// unreachable, they stay queued and go out in order when it is back. A conflict is kept for the
// person to re-run and re-sign; any other refusal is kept with its named error.
import { transactionId, type SignedTransaction } from '@tana/engine';
import { LedgerRequestError } from '@tana/ledger/client';
import type { OutboxEntry, PlaygroundDb } from './db.ts';
import { ledgerClient } from './ledger.ts';

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
  void flush(db);
  return entry;
}

/** Transactions from `sender` still waiting to go out: the next nonce is past them. */
export async function queuedFrom(db: PlaygroundDb, sender: string): Promise<number> {
  return (await db.outbox.where('status').equals('queued').toArray()).filter((e) => e.signed.transaction.sender === sender).length;
}

let flushing: Promise<void> | undefined;

/** Sends queued transactions in order; stops at the first that cannot reach the ledger. */
export function flush(db: PlaygroundDb): Promise<void> {
  flushing ??= (async () => {
    try {
      const client = await ledgerClient(db);
      for (const entry of await db.outbox.where('status').equals('queued').sortBy('seq')) {
        try {
          const done = await client.submit(entry.signed);
          await db.outbox.update(entry.seq!, { status: 'committed', height: done.height, error: undefined });
          await db.setSetting(`nonce:${entry.signed.transaction.sender}`, entry.signed.transaction.nonce + 1);
          if (entry.kind === 'user') await db.keys.update(entry.signed.transaction.sender, { registered: true });
        } catch (error) {
          if (!(error instanceof LedgerRequestError)) throw error;
          if (error.code === 'Unreachable') return;
          const status = error.code === 'Conflict' || error.code === 'StaleNonce' ? 'conflict' : 'rejected';
          await db.outbox.update(entry.seq!, { status, error: { code: error.code, message: error.message } });
        }
      }
    } finally {
      flushing = undefined;
    }
  })();
  return flushing;
}

/** Keeps trying: when the browser comes back online, and every few seconds while anything waits. */
export function startOutbox(db: PlaygroundDb): () => void {
  const kick = () => void flush(db);
  addEventListener('online', kick);
  const timer = setInterval(async () => {
    if ((await db.outbox.where('status').equals('queued').count()) > 0) kick();
  }, 3000);
  kick();
  return () => {
    removeEventListener('online', kick);
    clearInterval(timer);
  };
}
