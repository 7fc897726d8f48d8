// Building and signing transactions: register, deploy, and a call run exactly as the ledger will
// re-run it. Signed transactions go to the outbox.
import { sha256Hex, signTransaction, transpile, type CallTransaction, type JsonValue, type Outcome, type Transaction } from '@tana/engine';
import { deployTransaction, LedgerRequestError, prepareCall, userTransaction } from '@tana/ledger/client';
import type { OutboxEntry, PlaygroundDb, StoredKey } from './db.ts';
import { chainInfo, ledgerClient } from './ledger.ts';
import { enqueue, queuedFrom } from './outbox.ts';
import { committedState } from './state.ts';
import { getSandbox } from './engine.ts';
import { recordedFetches, recordFetch } from './fetches.ts';

/** Registers the key's user on the ledger (a signed `user` transaction through the outbox). */
export async function register(db: PlaygroundDb, key: StoredKey) {
  const client = await ledgerClient(db);
  const chain = await client.chain();
  const signed = await signTransaction(userTransaction(chain, key.id, key.publicKey), key.privateKey);
  return enqueue(db, signed);
}

export async function deploy(db: PlaygroundDb, key: StoredKey, contractId: string, source: string, fileId: string) {
  const client = await ledgerClient(db);
  const [chain, user] = await Promise.all([client.chain(), client.user(key.id)]);
  const tx = await deployTransaction(chain, key.id, user.nextNonce + (await queuedFrom(db, key.id)), contractId, transpile(source));
  return enqueue(db, await signTransaction(tx, key.privateKey), fileId);
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
