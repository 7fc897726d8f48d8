// Sends the outbox to the ledger, in order: stops at the first transaction that cannot reach it
// (offline, or the ledger down) and tries again when it is back. A call refused as a Conflict only
// because calls queued before it moved the state on is re-signed for the new block when it claims
// the same outcome; any other conflict is kept for the person to re-run and re-sign, and any other
// refusal is kept with its named error.
import { LedgerRequestError } from '@tana/ledger/client';
import type { OutboxEntry, PlaygroundDb } from './db.ts';
import { ledgerClient } from './ledger.ts';
import { queued } from './outbox.ts';
import { rebase } from './signing.ts';
import { noteLedgerResult, watchConnection } from './connection.ts';

let flushing: Promise<void> | undefined;

export function flush(db: PlaygroundDb): Promise<void> {
  flushing ??= (async () => {
    try {
      const client = await ledgerClient(db);
      for (let entry of await queued(db)) {
        try {
          let done: Awaited<ReturnType<typeof client.submit>>;
          try {
            done = await client.submit(entry.signed);
          } catch (error) {
            const again = error instanceof LedgerRequestError && error.code === 'Conflict' ? await rebase(db, client, entry) : undefined;
            if (!again) throw error;
            entry = again;
            done = await client.submit(entry.signed);
          }
          noteLedgerResult();
          await committed(db, entry, done.height);
        } catch (error) {
          if (!(error instanceof LedgerRequestError)) throw error;
          noteLedgerResult(error);
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

async function committed(db: PlaygroundDb, entry: OutboxEntry, height: number): Promise<void> {
  await db.outbox.update(entry.seq!, { status: 'committed', height, error: undefined });
  await db.setSetting(`nonce:${entry.signed.transaction.sender}`, entry.signed.transaction.nonce + 1);
  if (entry.kind === 'user') await db.keys.update(entry.signed.transaction.sender, { registered: true });
}

/** Keeps trying: when the ledger is back (the connection watch), and every few seconds while anything waits. */
export function startOutbox(db: PlaygroundDb, onBack: () => void = () => undefined): () => void {
  const kick = () => void flush(db);
  const stopWatching = watchConnection(db, () => {
    kick();
    onBack();
  });
  const timer = setInterval(async () => {
    if ((await db.outbox.where('status').equals('queued').count()) > 0) kick();
  }, 3000);
  kick();
  return () => {
    stopWatching();
    clearInterval(timer);
  };
}
