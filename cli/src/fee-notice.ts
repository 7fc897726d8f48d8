// Showing a transaction's fee before it is signed, and keeping to --max-fee: the fee is the one the
// ledger will charge (@tana/engine's fees.ts over the chain's schedule), signed as the maximum.
import { type FeeSchedule, formatAmount, type Transaction, transactionFee } from '@tana/engine';
import { type ChainInfo, describeFee } from '@tana/ledger/client';
import { UsageError } from './output.ts';

/** Says the fee on stderr before signing; refuses, signing nothing, when it is over `maxFee`. Returns it in words. */
export function announceFee(tx: Transaction, chain: Pick<ChainInfo, 'fees' | 'currencies'>, maxFee: string | undefined): string | undefined {
  const described = describeFee(tx, chain);
  if (maxFee !== undefined && transactionFee(tx, chain.fees) > BigInt(maxFee)) throw new UsageError(`the fee is ${described}, over --max-fee ${maxFee}; nothing was signed`);
  if (described) process.stderr.write(`fee: ${described}\n`);
  return described;
}

/** A chain's schedule in words: "none", or "1 × 0.000001 TANA per gas · deposit 100 × 0.000001 TANA per byte of contract state". */
export function describeSchedule(fees: FeeSchedule | undefined, currencies: { code: string; decimals: number }[]): string {
  if (!fees || (fees.gasPrice === '0' && fees.depositPerByte === '0')) return 'none';
  const unit = `${formatAmount(1n, currencies.find((c) => c.code === fees.currency)?.decimals ?? 0)} ${fees.currency}`;
  return `${fees.gasPrice} × ${unit} per gas · deposit ${fees.depositPerByte} × ${unit} per byte of contract state`;
}
