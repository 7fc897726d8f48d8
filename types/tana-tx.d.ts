/**
 * `tana:tx` — the transaction being executed, and staged transfers. Transfers
 * appear in the outcome's diff when the run succeeds; the ledger settles them
 * against balances in the same commit, or rejects the whole transaction.
 */
declare module 'tana:tx' {
  import type { JsonValue } from 'tana:data';

  export interface Transfer {
    /** Defaults to the sender; may only be the sender or this contract's own account. */
    from?: string;
    to: string;
    /** A positive whole number in the currency's smallest unit. */
    amount: number | string;
    /** 1–16 characters, A–Z and 0–9, e.g. `USD`. */
    currency: string;
  }

  export const tx: {
    readonly id: string;
    readonly sender: string;
    readonly nonce: number;
    /** The transaction's JSON input. */
    readonly input: JsonValue;
    readonly caller: string;
    readonly contractId: string;
    readonly chainId: string;
    transfer(transfer: Transfer): void;
    transfers(): Required<Transfer>[];
  };
}
