// Fees and storage deposits, computed the same way by the client (to show the fee and sign its
// maximum) and by the ledger (to charge it, and again when `tana verify` replays a block).
//
// A transaction's gas is what it costs the chain: a fixed part for admission, signature and commit
// (`txGas`), a part per byte of the transaction as stored (`byteGas`, the canonical JSON without its
// `maxFee`), and for a call the engine's own gasUsed (signed in its outcome, reproduced by the
// ledger). Its fee is gas × the chain's gas price, in the chain's fee currency, paid by the sender or
// the team it acts for, credited to the block's producer. Registering a user and minting are free: a
// new account holds nothing yet, and a mint is the producer paying itself.
//
// A contract's state is backed by a deposit: each byte a call adds (key + value as canonical JSON)
// costs `depositPerByte` from the caller, held with the contract; each byte a call frees is refunded
// to that caller. Fees move money and deposits hold it; neither creates nor destroys any.
import { canonicalBytes, type Transaction } from './transaction.ts';
import type { JsonValue, StateDiff } from './protocol.ts';

export interface FeeSchedule {
  /** The currency fees and deposits are paid in. */
  currency: string;
  /** Smallest units of `currency` per gas, as a decimal string ('0': no fees). */
  gasPrice: string;
  /** Gas every transaction costs (admission, signature check, commit). */
  txGas: number;
  /** Gas per byte of the transaction as stored. */
  byteGas: number;
  /** Smallest units of `currency` held per byte of contract state, as a decimal string ('0': no deposits). */
  depositPerByte: string;
}

/** The schedule of a chain with no fees: what a local chain has by default, and chains made before fees. */
export const FREE: FeeSchedule = { currency: 'TANA', gasPrice: '0', txGas: 25_000, byteGas: 16, depositPerByte: '0' };

export const FEE_FREE_KINDS: ReadonlySet<Transaction['kind']> = new Set(['user', 'mint']);

/** A price or deposit rate: a whole number of the smallest unit, 0 allowed. */
export const PRICE_PATTERN = /^(0|[1-9][0-9]{0,37})$/;

/** The gas a transaction is charged for (0 for the free kinds). */
export function transactionGas(tx: Transaction, schedule: Pick<FeeSchedule, 'txGas' | 'byteGas'>): number {
  if (FEE_FREE_KINDS.has(tx.kind)) return 0;
  const { maxFee: _signedSeparately, ...stored } = tx;
  const engineGas = tx.kind === 'call' ? tx.outcome.gasUsed : 0;
  return schedule.txGas + schedule.byteGas * canonicalBytes(stored).length + engineGas;
}

/** gas × gas price, in the smallest unit of the schedule's currency. */
export function transactionFee(tx: Transaction, schedule: FeeSchedule): bigint {
  return BigInt(transactionGas(tx, schedule)) * BigInt(schedule.gasPrice);
}

/** The bytes one key of contract state occupies: its UTF-8 key plus its value's canonical JSON. */
export function stateEntryBytes(key: string, value: JsonValue | undefined): number {
  return value === undefined ? 0 : new TextEncoder().encode(key).length + canonicalBytes(value).length;
}

/** How many bytes a diff adds to a contract's state (negative: frees), given the values it had before (`before(key)`). */
export function diffGrowth(diff: Pick<StateDiff, 'set' | 'deleted'>, before: (key: string) => JsonValue | undefined): number {
  let bytes = 0;
  for (const [key, value] of Object.entries(diff.set)) bytes += stateEntryBytes(key, value) - stateEntryBytes(key, before(key));
  for (const key of diff.deleted) bytes -= stateEntryBytes(key, before(key));
  return bytes;
}

/** The deposit a diff moves at this schedule: positive paid by the caller, negative refunded to it. */
export function depositFor(bytes: number, schedule: Pick<FeeSchedule, 'depositPerByte'>): bigint {
  return BigInt(bytes) * BigInt(schedule.depositPerByte);
}

/** `amount` (smallest units) with the currency's decimals: formatAmount('2500', 2) is '25.00'. */
export function formatAmount(amount: string | bigint, decimals: number): string {
  const text = BigInt(amount).toString();
  if (decimals === 0) return text;
  const negative = text.startsWith('-');
  const digits = (negative ? text.slice(1) : text).padStart(decimals + 1, '0');
  return `${negative ? '-' : ''}${digits.slice(0, -decimals)}.${digits.slice(-decimals)}`;
}
