// The ledger's rows as both backends read and write them.
import type { JsonValue, SignedTransaction, TeamPermission, TeamRole } from '@tana/engine';

export interface UserRow {
  id: string;
  publicKey: string;
  /** Unique among users; never another account's id. */
  username: string | null;
  displayName: string | null;
  bio: string | null;
  nextNonce: number;
  createdHeight: number;
}

/** A team: an account with no key, acted for by its members. */
export interface TeamRow {
  id: string;
  name: string | null;
  /** What members who are not owners may do (sorted). */
  membersMay: TeamPermission[];
  /** How many owners it has (never below 1): kept with the row so the last-owner rule reads one row. */
  owners: number;
  creator: string;
  createdHeight: number;
}

export interface MemberRow {
  team: string;
  member: string;
  role: TeamRole;
  /** The block that added the member or last changed its role. */
  height: number;
}

export interface ContractRow {
  id: string;
  /** A user or a team. */
  owner: string;
  version: number;
  codeHash: string;
  /** Height of the block that last changed this contract's state: a call run on older state conflicts. */
  stateHeight: number;
  createdHeight: number;
  /** Bytes of state backed by a deposit, and the deposit held for them (chains with a deposit rate; else 0). */
  depositBytes: number;
  deposit: string;
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

export type OwnerType = 'user' | 'team' | 'contract';

/** A balance as the API lists it: with what kind of account holds it (the seeds' owner_type). */
export interface OwnedBalanceRow extends BalanceRow {
  ownerType: OwnerType;
}

export interface CurrencyRow {
  code: string;
  decimals: number;
}

/** The fee a committed transaction paid (absent when it was 0). */
export interface FeePaid {
  payer: string;
  currency: string;
  amount: string;
  gas: number;
}

/** The storage deposit a call paid for the state it grew, or was refunded for the state it freed. */
export interface DepositMoved {
  contractId: string;
  payer: string;
  currency: string;
  /** Bytes of state added (positive) or freed (negative). */
  bytes: number;
  /** Paid (bytes > 0) or refunded (bytes < 0), in the smallest unit. */
  amount: string;
}

/** What the ledger answers for a committed transaction (and again, unchanged, for a replay). */
export interface TxResult {
  /** Call results: the value, console output and gas the ledger's re-execution produced. */
  value?: JsonValue;
  logs?: { level: string; message: string }[];
  gasUsed?: number;
  fee?: FeePaid;
  deposit?: DepositMoved;
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
