// Applies one verified transaction to the ledger's state. Everything that depends on committed
// state is checked here, inside the block's SQLite transaction, so the same code serves live
// commits and `verify` replays. A LedgerError thrown here rolls back this transaction only.
import { isAmount, type SignedTransaction, type StateDiff, type Transaction } from '@tana/engine';
import type { Store, TxResult } from '../db/store.ts';
import { LedgerError } from '../errors.ts';
import type { ChainParams } from './params.ts';
import type { StateTree } from './state-tree.ts';

export interface ApplyContext {
  store: Store;
  tree: StateTree;
  params: ChainParams;
  height: number;
}

export interface VerifiedTransaction {
  id: string;
  signed: SignedTransaction;
  result: TxResult;
  /** For calls: the contract's `stateHeight` when the ledger re-executed it. */
  snapshotHeight?: number;
}

export function applyTransaction(ctx: ApplyContext, entry: VerifiedTransaction, position: number): void {
  const tx = entry.signed.transaction;
  checkNonce(ctx, tx);
  switch (tx.kind) {
    case 'user':
      checkUserIdFree(ctx, tx.sender);
      ctx.store.insertUser({ id: tx.sender, publicKey: tx.publicKey, displayName: tx.displayName ?? null, createdHeight: ctx.height });
      if (ctx.params.faucet) credit(ctx, tx.sender, ctx.params.faucet.currency, BigInt(ctx.params.faucet.amount));
      break;
    case 'deploy': {
      const existing = checkDeployable(ctx, tx.sender, tx.contractId);
      const row = existing
        ? { ...existing, version: existing.version + 1, codeHash: tx.codeHash }
        : { id: tx.contractId, owner: tx.sender, version: 1, codeHash: tx.codeHash, stateHeight: ctx.height, createdHeight: ctx.height };
      ctx.store.upsertContract(row, tx.code, entry.id, ctx.height);
      break;
    }
    case 'transfer':
      move(ctx, tx.sender, tx.to, tx.amount, tx.currency);
      break;
    case 'mint':
      if (tx.sender !== ctx.params.producer) throw new LedgerError('NotProducer', `only the ledger's producer '${ctx.params.producer}' may mint`);
      if (!ctx.store.currency(tx.currency)) {
        if (tx.decimals === undefined) throw new LedgerError('UnknownCurrency', `unknown currency '${tx.currency}' (give decimals to register it)`);
        ctx.store.insertCurrency(tx.currency, tx.decimals, ctx.height);
      }
      if (!ctx.store.accountExists(tx.to)) throw new LedgerError('UnknownAccount', `no account '${tx.to}'`);
      credit(ctx, tx.to, tx.currency, positiveAmount(tx.amount));
      break;
    case 'call': {
      const contract = ctx.store.contract(tx.contractId);
      if (!contract) throw new LedgerError('UnknownContract', `no contract '${tx.contractId}'`);
      if (contract.codeHash !== tx.codeHash) throw new LedgerError('Conflict', `contract '${tx.contractId}' was redeployed; run it again`);
      checkCallFreshness(tx.block.height, ctx.height, contract.stateHeight, tx.contractId);
      if (entry.snapshotHeight !== undefined && entry.snapshotHeight !== contract.stateHeight) {
        throw new LedgerError('Conflict', `contract '${tx.contractId}' state changed after the call was checked; run it again`);
      }
      applyDiff(ctx, tx.contractId, tx.outcome.diff);
      for (const transfer of tx.outcome.diff.transfers) {
        if (transfer.from !== tx.sender && transfer.from !== tx.contractId) {
          throw new LedgerError('InvalidTransfer', `a contract may move only the sender's or its own funds, not '${transfer.from}'s`);
        }
        move(ctx, transfer.from, transfer.to, transfer.amount, transfer.currency);
      }
      break;
    }
  }
  ctx.store.setNextNonce(tx.sender, tx.nonce + 1);
  ctx.store.insertTransaction({
    id: entry.id,
    height: ctx.height,
    position,
    kind: tx.kind,
    sender: tx.sender,
    nonce: tx.nonce,
    contractId: 'contractId' in tx ? tx.contractId : null,
    signed: entry.signed,
    result: entry.result,
  });
}

export function checkUserIdFree(ctx: Pick<ApplyContext, 'store'>, id: string): void {
  if (ctx.store.accountExists(id)) throw new LedgerError(ctx.store.user(id) ? 'UserExists' : 'AccountIdTaken', `the id '${id}' is already taken`);
}

/** A new contract needs a free id; a new version, its owner. Returns the existing contract, if any. */
export function checkDeployable(ctx: Pick<ApplyContext, 'store'>, sender: string, contractId: string) {
  const existing = ctx.store.contract(contractId);
  if (existing && existing.owner !== sender) throw new LedgerError('NotContractOwner', `contract '${contractId}' belongs to '${existing.owner}'`);
  if (!existing && ctx.store.accountExists(contractId)) throw new LedgerError('AccountIdTaken', `the id '${contractId}' is already taken`);
  return existing;
}

/**
 * A call ran for block `claimed`, on the state the client read at `claimed - 1`. It conflicts only if
 * what it read changed since: its contract's state (the only committed data a contract can read;
 * balances its transfers need are checked again when they apply). However many blocks other
 * transactions made meanwhile, it lands in block `next`; its signed timestamp, within the ledger's
 * clock skew, bounds how late that can be.
 */
export function checkCallFreshness(claimed: number, next: number, stateHeight: number, contractId: string): void {
  if (claimed > next) throw new LedgerError('Conflict', `the call ran for block ${claimed}, but the next block is ${next}; run it again`);
  if (stateHeight >= claimed) {
    throw new LedgerError('Conflict', `contract '${contractId}' changed in block ${stateHeight}, after the state the call ran on; run it again`);
  }
}

export function checkNonce(ctx: Pick<ApplyContext, 'store'>, tx: Transaction): void {
  const expected = tx.kind === 'user' ? 0 : ctx.store.user(tx.sender)?.nextNonce;
  if (expected === undefined) throw new LedgerError('UnknownSender', `no user '${tx.sender}'`);
  if (tx.nonce < expected) throw new LedgerError('StaleNonce', `nonce ${tx.nonce} is already used; '${tx.sender}' is at ${expected}`);
  if (tx.nonce > expected) throw new LedgerError('NonceGap', `nonce ${tx.nonce} skips ahead; '${tx.sender}' is at ${expected}`);
}

function applyDiff(ctx: ApplyContext, contractId: string, diff: StateDiff): void {
  for (const [key, value] of Object.entries(diff.set)) {
    ctx.store.setContractValue(contractId, key, value);
    ctx.tree.put({ kind: 'state', contractId, key, value });
  }
  for (const key of diff.deleted) {
    ctx.store.deleteContractValue(contractId, key);
    ctx.tree.remove({ kind: 'state', contractId, key });
  }
  if (Object.keys(diff.set).length || diff.deleted.length) ctx.store.setContractStateHeight(contractId, ctx.height);
}

export function positiveAmount(amount: string): bigint {
  if (!isAmount(amount)) throw new LedgerError('InvalidAmount', `amount must be a positive whole number, got '${amount}'`);
  return BigInt(amount);
}

function move(ctx: ApplyContext, from: string, to: string, amountText: string, currency: string): void {
  const amount = positiveAmount(amountText);
  if (!ctx.store.currency(currency)) throw new LedgerError('UnknownCurrency', `unknown currency '${currency}'`);
  if (!ctx.store.accountExists(to)) throw new LedgerError('UnknownAccount', `no account '${to}'`);
  const available = ctx.store.balance(from, currency);
  if (available < amount) {
    throw new LedgerError('InsufficientFunds', `'${from}' has ${available} ${currency}, needs ${amount}`, { details: { account: from, currency, available: available.toString() } });
  }
  if (from === to) return;
  setBalance(ctx, from, currency, available - amount);
  setBalance(ctx, to, currency, ctx.store.balance(to, currency) + amount);
}

function credit(ctx: ApplyContext, account: string, currency: string, amount: bigint): void {
  setBalance(ctx, account, currency, ctx.store.balance(account, currency) + amount);
}

function setBalance(ctx: ApplyContext, account: string, currency: string, amount: bigint): void {
  ctx.store.setBalance(account, currency, amount, ctx.height);
  ctx.tree.put({ kind: 'balance', account, currency, amount: amount.toString() });
}
