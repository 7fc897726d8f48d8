// Showing a transaction's fee before it is signed, and keeping to --max-fee: the fee is the one the
// ledger will charge (@tana/engine's fees.ts over the chain's schedule), signed as the maximum.
import { type Transaction, transactionFee } from '@tana/engine';
import { type ChainInfo, describeFee } from '@tana/ledger/client';
import { UsageError } from './output.ts';

/** Says the fee on stderr before signing; refuses, signing nothing, when it is over `maxFee`. Returns it in words. */
export function announceFee(tx: Transaction, chain: Pick<ChainInfo, 'fees' | 'currencies'>, maxFee: string | undefined): string | undefined {
  const described = describeFee(tx, chain);
  if (maxFee !== undefined && transactionFee(tx, chain.fees) > BigInt(maxFee)) throw new UsageError(`the fee is ${described}, over --max-fee ${maxFee}; nothing was signed`);
  if (described) process.stderr.write(`fee: ${described}\n`);
  return described;
}
