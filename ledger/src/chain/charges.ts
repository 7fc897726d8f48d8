// What a transaction costs on the chain (@tana/engine's fees.ts): its fee, quoted over a read view
// (admission, before any re-execution) and charged in its block, and a call's storage deposit. Fees
// go from the payer to the block's producer; deposits from the caller to the contract's deposit and
// back. Money only moves: every currency's supply (balances plus deposits) stays what was issued.
import { type CallTransaction, diffGrowth, type Transaction, transactionGas } from '@tana/engine';
import type { DepositMoved, FeePaid } from '../db/rows.ts';
import { LedgerError } from '../errors.ts';
import type { BlockDraft } from './draft.ts';
import { type ChainParams, feeScheduleOf } from './params.ts';
import { type ChainReader, feePayerOf } from './view.ts';

export interface FeeQuote {
  payer: string;
  currency: string;
  amount: bigint;
  gas: number;
}

/** The fee, checked against the signed maximum and the payer's balance now. */
export function quoteFee(state: ChainReader, params: ChainParams, tx: Transaction): FeeQuote {
  const schedule = feeScheduleOf(params);
  const gas = transactionGas(tx, schedule);
  const amount = BigInt(gas) * BigInt(schedule.gasPrice);
  const quote = { payer: feePayerOf(tx), currency: schedule.currency, amount, gas };
  if (amount === 0n) return quote;
  const max = tx.maxFee === undefined ? 0n : BigInt(tx.maxFee);
  if (amount > max) {
    throw new LedgerError('MaxFeeTooLow', `the fee is ${amount} ${schedule.currency} (${gas} gas × ${schedule.gasPrice}); the transaction allows at most ${max}`, {
      details: { fee: amount.toString(), maxFee: max.toString(), currency: schedule.currency, gas, gasPrice: schedule.gasPrice },
    });
  }
  const available = state.balance(quote.payer, schedule.currency);
  if (available < amount) {
    throw new LedgerError('CannotPayFee', `'${quote.payer}' has ${available} ${schedule.currency}, the fee is ${amount}`, {
      details: { payer: quote.payer, currency: schedule.currency, available: available.toString(), fee: amount.toString() },
    });
  }
  return quote;
}

/** Charges the fee (after the transaction's own effects, so it is paid from what they leave). */
export function chargeFee(draft: BlockDraft, params: ChainParams, tx: Transaction): FeePaid | undefined {
  const quote = quoteFee(draft, params, tx);
  if (quote.amount === 0n) return undefined;
  draft.setBalance(quote.payer, quote.currency, draft.balance(quote.payer, quote.currency) - quote.amount);
  draft.setBalance(params.producer, quote.currency, draft.balance(params.producer, quote.currency) + quote.amount);
  return { payer: quote.payer, currency: quote.currency, amount: quote.amount.toString(), gas: quote.gas };
}

/** How many bytes the call's diff adds to its contract's state (negative: frees), read before the diff is applied; 0 on a chain without deposits. */
export function stateGrowth(state: ChainReader, params: ChainParams, tx: CallTransaction): number {
  if (BigInt(feeScheduleOf(params).depositPerByte) === 0n) return 0;
  return diffGrowth(tx.outcome.diff, (key) => state.value(tx.contractId, key));
}

/** Moves the deposit for `bytes` of growth (or freed) between the caller and the contract. */
export function settleDeposit(draft: BlockDraft, params: ChainParams, tx: CallTransaction, bytes: number): DepositMoved | undefined {
  const { currency, depositPerByte } = feeScheduleOf(params);
  const rate = BigInt(depositPerByte);
  if (rate === 0n || bytes === 0) return undefined;
  const contract = draft.contract(tx.contractId)!;
  const amount = BigInt(Math.abs(bytes)) * rate;
  const held = BigInt(contract.deposit);
  const caller = draft.balance(tx.sender, currency);
  if (bytes > 0) {
    if (caller < amount) {
      throw new LedgerError('CannotPayDeposit', `the call keeps ${bytes} more bytes in '${tx.contractId}': a deposit of ${amount} ${currency}; '${tx.sender}' has ${caller}`, {
        details: { payer: tx.sender, currency, available: caller.toString(), deposit: amount.toString(), bytes },
      });
    }
    draft.setBalance(tx.sender, currency, caller - amount);
    draft.putDeposit({ ...contract, depositBytes: contract.depositBytes + bytes, deposit: (held + amount).toString() });
  } else {
    // Every byte was paid for at this rate when it was added: the deposit always covers the refund.
    if (held < amount || contract.depositBytes < -bytes) throw new Error(`contract '${tx.contractId}' holds a deposit of ${held} for ${contract.depositBytes} bytes, less than it refunds`);
    draft.setBalance(tx.sender, currency, caller + amount);
    draft.putDeposit({ ...contract, depositBytes: contract.depositBytes + bytes, deposit: (held - amount).toString() });
  }
  return { contractId: tx.contractId, payer: tx.sender, currency, bytes, amount: amount.toString() };
}
