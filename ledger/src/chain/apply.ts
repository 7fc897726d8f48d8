// Applies one verified transaction to a block's draft: the state transition's rules. Everything that
// depends on committed state is checked here, over the read view taken inside the commit's lock, so
// the same code serves live commits and `verify` replays. A LedgerError thrown here drops this
// transaction's writes only (BlockDraft.attempt).
import { type DeployTransaction, isAmount, type SignedTransaction, type StateDiff, type Transaction } from '@tana/engine';
import type { ContractRow, DepositMoved, TxResult } from '../db/rows.ts';
import { LedgerError } from '../errors.ts';
import { chargeFee, settleDeposit, stateGrowth } from './charges.ts';
import type { BlockDraft } from './draft.ts';
import type { ChainParams } from './params.ts';
import { checkAccountIdFree, checkUsernameFree } from './profiles.ts';
import { applyCreateTeam, applyMembership, applyTeamSettings, checkActFor } from './teams.ts';
import type { ChainReader } from './view.ts';

export interface ApplyContext {
  draft: BlockDraft;
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

/** Applies the transaction; returns its result as committed (the re-execution's, plus the fee and deposit it paid). */
export function applyTransaction(ctx: ApplyContext, entry: VerifiedTransaction, position: number): TxResult {
  const { draft } = ctx;
  const tx = entry.signed.transaction;
  checkNonce(draft, tx);
  let deposit: DepositMoved | undefined;
  switch (tx.kind) {
    case 'user': {
      checkAccountIdFree(draft, tx.sender, true);
      if (tx.username) checkUsernameFree(draft, tx.username, tx.sender);
      const profile = { username: tx.username ?? null, displayName: tx.displayName ?? null, bio: tx.bio ?? null };
      draft.putProfile({ id: tx.sender, publicKey: tx.publicKey, ...profile, nextNonce: 0, createdHeight: ctx.height });
      if (ctx.params.faucet) credit(ctx, tx.sender, ctx.params.faucet.currency, BigInt(ctx.params.faucet.amount));
      break;
    }
    case 'profile':
      if (tx.username) checkUsernameFree(draft, tx.username, tx.sender);
      draft.putProfile({ ...draft.user(tx.sender)!, username: tx.username, displayName: tx.displayName, bio: tx.bio });
      break;
    case 'team':
      applyCreateTeam(draft, tx);
      break;
    case 'team-settings':
      applyTeamSettings(draft, tx);
      break;
    case 'membership':
      applyMembership(draft, tx);
      break;
    case 'deploy': {
      const existing = checkDeployable(draft, tx);
      const row: ContractRow = existing
        ? { ...existing, version: existing.version + 1, codeHash: tx.codeHash }
        : { id: tx.contractId, owner: tx.team ?? tx.sender, version: 1, codeHash: tx.codeHash, stateHeight: ctx.height, createdHeight: ctx.height, depositBytes: 0, deposit: '0' };
      draft.putContract(row);
      draft.addContractVersion({ contractId: row.id, version: row.version, code: tx.code, codeHash: row.codeHash, height: ctx.height, txId: entry.id });
      break;
    }
    case 'transfer':
      if (tx.team) checkActFor(draft, tx.team, tx.sender, 'spend');
      move(ctx, tx.team ?? tx.sender, tx.to, tx.amount, tx.currency);
      break;
    case 'mint':
      if (tx.sender !== ctx.params.producer) throw new LedgerError('NotProducer', `only the ledger's producer '${ctx.params.producer}' may mint`);
      if (!draft.currency(tx.currency)) {
        if (tx.decimals === undefined) throw new LedgerError('UnknownCurrency', `unknown currency '${tx.currency}' (give decimals to register it)`);
        draft.addCurrency(tx.currency, tx.decimals);
      }
      if (!draft.accountExists(tx.to)) throw new LedgerError('UnknownAccount', `no account '${tx.to}'`);
      credit(ctx, tx.to, tx.currency, positiveAmount(tx.amount));
      break;
    case 'call': {
      const contract = draft.contract(tx.contractId);
      if (!contract) throw new LedgerError('UnknownContract', `no contract '${tx.contractId}'`);
      if (contract.codeHash !== tx.codeHash) throw new LedgerError('Conflict', `contract '${tx.contractId}' was redeployed; run it again`);
      checkCallFreshness(tx.block.height, ctx.height, contract.stateHeight, tx.contractId);
      if (entry.snapshotHeight !== undefined && entry.snapshotHeight !== contract.stateHeight) {
        throw new LedgerError('Conflict', `contract '${tx.contractId}' state changed after the call was checked; run it again`);
      }
      const growth = stateGrowth(draft, ctx.params, tx);
      applyDiff(ctx, tx.contractId, tx.outcome.diff);
      for (const transfer of tx.outcome.diff.transfers) {
        if (transfer.from !== tx.sender && transfer.from !== tx.contractId) {
          throw new LedgerError('InvalidTransfer', `a contract may move only the sender's or its own funds, not '${transfer.from}'s`);
        }
        move(ctx, transfer.from, transfer.to, transfer.amount, transfer.currency);
      }
      deposit = settleDeposit(draft, ctx.params, tx, growth);
      break;
    }
  }
  const fee = chargeFee(draft, ctx.params, tx);
  draft.putUser({ ...draft.user(tx.sender)!, nextNonce: tx.nonce + 1 });
  const { fee: _fee, deposit: _deposit, ...run } = entry.result; // what the chain charged is decided here, never taken from the entry
  const result: TxResult = { ...run, ...(fee ? { fee } : {}), ...(deposit ? { deposit } : {}) };
  draft.addTransaction({
    id: entry.id,
    height: ctx.height,
    position,
    kind: tx.kind,
    sender: tx.sender,
    nonce: tx.nonce,
    contractId: 'contractId' in tx ? tx.contractId : null,
    signed: entry.signed,
    result,
  });
  return result;
}

/**
 * A new contract needs a free id; a new version, its owner: the sender, or the team it deploys for
 * (which the sender must be allowed to deploy for). Returns the existing contract, if any.
 */
export function checkDeployable(state: ChainReader, tx: DeployTransaction): ContractRow | undefined {
  if (tx.team) checkActFor(state, tx.team, tx.sender, 'deploy');
  const owner = tx.team ?? tx.sender;
  const existing = state.contract(tx.contractId);
  if (existing && existing.owner !== owner) {
    throw new LedgerError('NotContractOwner', `contract '${tx.contractId}' belongs to '${existing.owner}'${tx.team ? '' : ' (a team’s contract is upgraded for the team: tana deploy --team <team>)'}`);
  }
  if (!existing) checkAccountIdFree(state, tx.contractId);
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

export function checkNonce(state: ChainReader, tx: Transaction): void {
  const expected = tx.kind === 'user' ? 0 : state.user(tx.sender)?.nextNonce;
  if (expected === undefined) throw new LedgerError('UnknownSender', `no user '${tx.sender}'`);
  if (tx.nonce < expected) throw new LedgerError('StaleNonce', `nonce ${tx.nonce} is already used; '${tx.sender}' is at ${expected}`);
  if (tx.nonce > expected) throw new LedgerError('NonceGap', `nonce ${tx.nonce} skips ahead; '${tx.sender}' is at ${expected}`);
}

function applyDiff(ctx: ApplyContext, contractId: string, diff: StateDiff): void {
  for (const [key, value] of Object.entries(diff.set)) ctx.draft.setContractValue(contractId, key, value);
  for (const key of diff.deleted) ctx.draft.deleteContractValue(contractId, key);
  if (Object.keys(diff.set).length || diff.deleted.length) ctx.draft.putContract({ ...ctx.draft.contract(contractId)!, stateHeight: ctx.height });
}

export function positiveAmount(amount: string): bigint {
  if (!isAmount(amount)) throw new LedgerError('InvalidAmount', `amount must be a positive whole number, got '${amount}'`);
  return BigInt(amount);
}

function move(ctx: ApplyContext, from: string, to: string, amountText: string, currency: string): void {
  const amount = positiveAmount(amountText);
  if (!ctx.draft.currency(currency)) throw new LedgerError('UnknownCurrency', `unknown currency '${currency}'`);
  if (!ctx.draft.accountExists(to)) throw new LedgerError('UnknownAccount', `no account '${to}'`);
  const available = ctx.draft.balance(from, currency);
  if (available < amount) {
    throw new LedgerError('InsufficientFunds', `'${from}' has ${available} ${currency}, needs ${amount}`, { details: { account: from, currency, available: available.toString() } });
  }
  if (from === to) return;
  ctx.draft.setBalance(from, currency, available - amount);
  ctx.draft.setBalance(to, currency, ctx.draft.balance(to, currency) + amount);
}

function credit(ctx: ApplyContext, account: string, currency: string, amount: bigint): void {
  ctx.draft.setBalance(account, currency, ctx.draft.balance(account, currency) + amount);
}
