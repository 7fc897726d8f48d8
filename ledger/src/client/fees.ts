// What a transaction will cost, in words, for a client to show before signing: its fee (gas × the
// chain's gas price, @tana/engine's fees.ts) and, for a call, the storage deposit its diff moves.
import { type CallTransaction, depositFor, diffGrowth, formatAmount, type State, type Transaction, transactionFee, transactionGas } from '@tana/engine';
import type { ChainInfo } from './http.ts';

type Pricing = Pick<ChainInfo, 'fees' | 'currencies'>;

function money(amount: bigint, chain: Pricing): string {
  const decimals = chain.currencies.find((c) => c.code === chain.fees.currency)?.decimals ?? 0;
  return `${formatAmount(amount, decimals)} ${chain.fees.currency}`;
}

/** "0.028488 TANA (28488 gas × 1)", or undefined for a free transaction. */
export function describeFee(tx: Transaction, chain: Pricing): string | undefined {
  const fee = transactionFee(tx, chain.fees);
  return fee === 0n ? undefined : `${money(fee, chain)} (${transactionGas(tx, chain.fees)} gas × ${chain.fees.gasPrice})`;
}

/** "0.000800 TANA for 8 more bytes of state", "… refunded for 8 bytes freed", or undefined when nothing moves. */
export function describeDeposit(tx: CallTransaction, state: State, chain: Pricing): string | undefined {
  const bytes = diffGrowth(tx.outcome.diff, (key) => state[key]);
  const amount = depositFor(bytes, chain.fees);
  if (amount === 0n) return undefined;
  return bytes > 0 ? `${money(amount, chain)} for ${bytes} more bytes of state` : `${money(-amount, chain)} refunded for ${-bytes} bytes freed`;
}
