// The ledger's rows as both backends read and write them.
import type { JsonValue, SignedTransaction } from '@tana/engine';

export interface UserRow {
  id: string;
  publicKey: string;
  displayName: string | null;
  nextNonce: number;
  createdHeight: number;
}

export interface ContractRow {
  id: string;
  owner: string;
  version: number;
  codeHash: string;
  /** Height of the block that last changed this contract's state: a call run on older state conflicts. */
  stateHeight: number;
  createdHeight: number;
}

export interface ContractVersionRow {
  contractId: string;
  version: number;
  code: string;
  codeHash: string;
  height: number;
  txId: string;
}

export interface ContractCode {
  code: string;
  codeHash: string;
  version: number;
  height: number;
}

export interface BlockRow {
  height: number;
  hash: string;
  parentHash: string;
  stateRoot: string;
  timestamp: number;
  producer: string;
  txIds: string[];
  engineHash: string;
}

export interface BalanceRow {
  account: string;
  currency: string;
  amount: string;
}

export interface CurrencyRow {
  code: string;
  decimals: number;
}

/** What the ledger answers for a committed transaction (and again, unchanged, for a replay). */
export interface TxResult {
  /** Call results: the value, console output and gas the ledger's re-execution produced. */
  value?: JsonValue;
  logs?: { level: string; message: string }[];
  gasUsed?: number;
}

export interface TxRow {
  id: string;
  height: number;
  position: number;
  kind: string;
  sender: string;
  nonce: number;
  contractId: string | null;
  signed: SignedTransaction;
  result: TxResult;
}

/** A transaction already in the chain, as a replay answers it. */
export interface CommittedTx {
  id: string;
  height: number;
  blockHash: string;
  result: TxResult;
}

/** One leaf of the state commitment (see chain/state-tree.ts). */
export interface LeafRow {
  path: string;
  bucket: number;
  hash: Uint8Array;
}

export interface TxFilter {
  sender?: string;
  contractId?: string;
  fromHeight?: number;
  toHeight?: number;
  limit: number;
  newestFirst?: boolean;
}
