// Signed transactions wait here (IndexedDB) until the ledger takes them: offline, or while it is
// unreachable, they stay queued and go out in order when it is back. A conflict is kept for the
// person to re-run and re-sign; any other refusal is kept with its named error.
import {
  sha256Hex,
  signTransaction,
  transactionId,
  transpile,
  type CallTransaction,
  type JsonValue,
  type Outcome,
  type SignedTransaction,
  type Transaction,
} from '@tana/engine';
import { LedgerRequestError, prepareCall } from '@tana/ledger/client';
import type { OutboxEntry, PlaygroundDb, StoredKey } from './db.ts';
import { ledgerClient, chainInfo } from './ledger.ts';
import { committedState } from './state.ts';
import { getSandbox } from './engine.ts';
import { recordedFetches, recordFetch } from './fetches.ts';

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

export interface CallPlan {
  contractId: string;
  input: JsonValue;
  function?: string;
  args?: JsonValue[];
}

export interface PreparedForSigning {
  outcome: Outcome;
  transaction?: CallTransaction;
  /** Where the state and head came from: the ledger now, or the last sync (offline). */
  basis: 'ledger' | 'last sync';
}

/**
 * Runs the call exactly as the ledger will re-run it: on committed state only (no local staging),
 * with the real sender, nonce and next block. The diff it shows is the diff that gets signed.
 */
export async function prepareForSigning(db: PlaygroundDb, key: StoredKey, source: string, plan: CallPlan): Promise<PreparedForSigning> {
  const code = transpile(source);
  const codeHash = await sha256Hex(code);
  const client = await ledgerClient(db);
  const queued = await queuedFrom(db, key.id);
  let basis: PreparedForSigning['basis'] = 'ledger';
  let chain, state, headHeight, nonce;
  try {
    const [c, deployed, s, user] = await Promise.all([client.chain(), client.contract(plan.contractId), client.state(plan.contractId), client.user(key.id)]);
    if (deployed.codeHash !== codeHash) throw new Error(`the editor's code differs from what is deployed as '${plan.contractId}' (v${deployed.version}); deploy it first`);
    chain = c;
    state = s.state;
    headHeight = s.height;
    nonce = user.nextNonce + queued;
  } catch (error) {
    if (!(error instanceof LedgerRequestError && error.code === 'Unreachable')) throw error;
    chain = await chainInfo(db);
    if (!chain) throw new Error('the ledger is unreachable and this browser has never synced with it');
    basis = 'last sync';
    state = await committedState(db, plan.contractId);
    headHeight = await db.setting('syncedHeight', 0);
    nonce = (await db.setting(`nonce:${key.id}`, 1)) + queued;
  }
  const prepared = await prepareCall(await getSandbox(), {
    chain,
    sender: key.id,
    nonce,
    contract: { id: plan.contractId, code, codeHash },
    state,
    headHeight,
    input: plan.input,
    function: plan.function,
    args: plan.args,
    fetches: await recordedFetches(db, plan.contractId),
    fetchResponse: (url) => recordFetch(db, plan.contractId, url),
  });
  return { ...prepared, basis };
}

export async function signAndQueue(db: PlaygroundDb, key: StoredKey, transaction: Transaction, fileId?: string): Promise<OutboxEntry> {
  return enqueue(db, await signTransaction(transaction, key.privateKey), fileId);
}
