// Building and signing transactions: register, deploy, transfer, teams and profiles (for the next
// nonce, priced for the chain: the fee is the signed maximum), and a call run exactly as the ledger
// will re-run it. Signed transactions go to the outbox; delivery.ts sends them.
import { loadTranspiler, sameCanonical, sha256Hex, signTransaction, transactionId, type CallTransaction, type JsonValue, type Outcome, type State, type Transaction } from '@tana/engine';
import { deployTransaction, prepareCall, profileTransaction, teamTransaction, transferTransaction, userTransaction, type ChainInfo, type LedgerClient } from '@tana/ledger/client';
import type { OutboxEntry, PlaygroundDb, StoredKey } from './db.ts';
import { chainInfo, ledgerClient } from './ledger.ts';
import { enqueue, queuedFrom, withQueuedCalls } from './outbox.ts';
import { committedState } from './state.ts';
import { getSandbox } from './engine.ts';
import { recordedFetches, recordFetch } from './fetches.ts';
import { isUnreachable, noteLedgerResult } from './connection.ts';

/** Registers the key's user on the ledger (a signed `user` transaction through the outbox). */
export async function register(db: PlaygroundDb, key: StoredKey): Promise<OutboxEntry> {
  const chain = await (await ledgerClient(db)).chain();
  return enqueue(db, await signTransaction(userTransaction(chain, key.id, key.publicKey), key.privateKey));
}

/** A transaction to sign, built for the key's next nonce (past what is queued) on the chain as the ledger states it now. */
export interface Unsigned<T extends Transaction = Transaction> {
  transaction: T;
  chain: ChainInfo;
}

async function forNextNonce<T extends Transaction>(db: PlaygroundDb, key: StoredKey, build: (chain: ChainInfo, nonce: number) => T | Promise<T>): Promise<Unsigned<T>> {
  const client = await ledgerClient(db);
  const [chain, user] = await Promise.all([client.chain(), client.user(key.id)]);
  return { transaction: await build(chain, user.nextNonce + (await queuedFrom(db, key.id))), chain };
}

/** A deploy (or upgrade) of the editor's code, for `team` when given. */
export function buildDeploy(db: PlaygroundDb, key: StoredKey, contractId: string, source: string, team?: string) {
  return forNextNonce(db, key, async (chain, nonce) => deployTransaction(chain, key.id, nonce, contractId, (await loadTranspiler())(source), Date.now(), { team }));
}

/** Money from the key's user, or from `team` when given. */
export function buildTransfer(db: PlaygroundDb, key: StoredKey, to: string, amount: string, currency: string, team?: string) {
  return forNextNonce(db, key, (chain, nonce) => transferTransaction(chain, key.id, nonce, to, amount, currency, Date.now(), { team }));
}

/** A new team, the key's user its first owner. */
export function buildCreateTeam(db: PlaygroundDb, key: StoredKey, team: string) {
  return forNextNonce(db, key, (chain, nonce) => teamTransaction(chain, key.id, nonce, team));
}

/** The key's user's new profile (each field; null for none). */
export function buildProfile(db: PlaygroundDb, key: StoredKey, profile: { username: string | null; displayName: string | null; bio: string | null }) {
  return forNextNonce(db, key, (chain, nonce) => profileTransaction(chain, key.id, nonce, profile));
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
  /** The chain it is priced for, and the state it ran on: what the sign box shows the fee and deposit from. */
  chain: ChainInfo;
  state: State;
  /** Where the state and head came from: the ledger now, or the last sync (offline). */
  basis: 'ledger' | 'last sync';
  /** Calls still queued on this contract that this one runs after (their diffs are in its state). */
  after: number;
}

interface Basis {
  chain: ChainInfo;
  /** The deployed code (JavaScript), when read from the ledger. */
  code?: string;
  state: State;
  headHeight: number;
  nonce: number;
}

/** The ledger's view now: its chain, the contract's state and the sender's next nonce; checks the code is what is deployed. */
async function ledgerBasis(client: LedgerClient, sender: string, contractId: string, codeHash: string): Promise<Basis> {
  const [chain, deployed, state, user] = await Promise.all([client.chain(), client.contract(contractId), client.state(contractId), client.user(sender)]);
  if (deployed.codeHash !== codeHash) throw new Error(`the editor's code differs from what is deployed as '${contractId}' (v${deployed.version}); deploy it first`);
  return { chain, code: deployed.code, state: state.state, headHeight: state.height, nonce: user.nextNonce };
}

/**
 * Runs the call exactly as the ledger will re-run it: on committed state (no local staging) plus the
 * calls already queued on this contract, with the real sender, nonce and next block. The diff it
 * shows is the diff that gets signed. With the ledger unreachable it runs on the last sync.
 */
export async function prepareForSigning(db: PlaygroundDb, key: StoredKey, source: string, plan: CallPlan): Promise<PreparedForSigning> {
  const code = (await loadTranspiler())(source);
  const codeHash = await sha256Hex(code);
  const client = await ledgerClient(db);
  const queuedFromSender = await queuedFrom(db, key.id);
  let basis: Basis;
  let from: PreparedForSigning['basis'] = 'ledger';
  try {
    basis = await ledgerBasis(client, key.id, plan.contractId, codeHash);
    noteLedgerResult();
  } catch (error) {
    noteLedgerResult(error);
    if (!isUnreachable(error)) throw error;
    const chain = await chainInfo(db);
    if (!chain) throw new Error('the ledger is unreachable and this browser has never synced with it: connect once, then calls can be signed offline');
    from = 'last sync';
    basis = { chain, state: await committedState(db, plan.contractId), headHeight: await db.setting('syncedHeight', 0), nonce: await db.setting(`nonce:${key.id}`, 1) };
  }
  const pending = await withQueuedCalls(db, plan.contractId, basis.state);
  const prepared = await prepareCall(await getSandbox(), {
    chain: basis.chain,
    sender: key.id,
    nonce: basis.nonce + queuedFromSender,
    contract: { id: plan.contractId, code, codeHash },
    state: pending.state,
    headHeight: basis.headHeight,
    input: plan.input,
    function: plan.function,
    args: plan.args,
    fetches: await recordedFetches(db, plan.contractId),
    fetchResponse: (url) => recordFetch(db, plan.contractId, url),
  });
  return { ...prepared, chain: basis.chain, state: pending.state, basis: from, after: pending.calls };
}

export async function signAndQueue(db: PlaygroundDb, key: StoredKey, transaction: Transaction, fileId?: string): Promise<OutboxEntry> {
  return enqueue(db, await signTransaction(transaction, key.privateKey), fileId);
}

/**
 * A queued call the ledger refused as a Conflict, run again on the ledger's state now. When it
 * claims the very outcome the person signed (the state moved on only by calls queued before it),
 * it is signed again for the new block with the same key and returned, ready to submit; otherwise
 * undefined, and the person re-runs and re-signs it.
 */
export async function rebase(db: PlaygroundDb, client: LedgerClient, entry: OutboxEntry): Promise<OutboxEntry | undefined> {
  const signed = entry.signed.transaction as CallTransaction;
  const key = await db.keys.get(signed.sender);
  if (signed.kind !== 'call' || !key) return undefined;
  const basis = await ledgerBasis(client, signed.sender, signed.contractId, signed.codeHash).catch(() => undefined);
  if (!basis?.code) return undefined;
  const { transaction } = await prepareCall(await getSandbox(), {
    chain: basis.chain,
    sender: signed.sender,
    nonce: basis.nonce,
    contract: { id: signed.contractId, code: basis.code, codeHash: signed.codeHash },
    state: basis.state,
    headHeight: basis.headHeight,
    input: signed.input,
    function: signed.function,
    args: signed.args,
    fetches: signed.fetches,
  });
  if (!transaction || !sameCanonical({ value: transaction.outcome.value, diff: transaction.outcome.diff }, { value: signed.outcome.value, diff: signed.outcome.diff })) return undefined;
  const again = await signTransaction(transaction, key.privateKey);
  const update = { signed: again, txId: await transactionId(again.transaction) };
  await db.outbox.update(entry.seq!, update);
  return { ...entry, ...update };
}
