// The ledger's storage, as one interface with two implementations: SQLite (sqlite/store.ts, the
// embedded default) and PostgreSQL (postgres/store.ts, for several nodes on one chain). Reads serve
// the API, admission and re-execution; the only write is a block commit (chain/commit.ts): a state
// transition over a read view (`read`) producing a write set (`write`), inside `serialised`, which
// admits one commit at a time for the whole chain — across processes on PostgreSQL.
import type { JsonValue, State } from '@tana/engine';
import type { BalanceRow, BlockRow, CommittedTx, ContractCode, ContractRow, CurrencyRow, LeafRow, MemberRow, OwnedBalanceRow, TeamRow, TxFilter, TxRow, UserRow } from './rows.ts';
import type { WriteSet } from './write-set.ts';

export type {
  BalanceRow,
  BlockRow,
  CommittedTx,
  ContractCode,
  ContractRow,
  CurrencyRow,
  LeafRow,
  MemberRow,
  OwnedBalanceRow,
  TeamRow,
  TxFilter,
  TxResult,
  TxRow,
  UserRow,
} from './rows.ts';

/**
 * The rows a state transition may read: accounts (users, teams and contracts, one id space),
 * team memberships, users by username, balances, contract values (for storage deposits), and which
 * transactions are already in.
 */
export interface ReadKeys {
  accounts: readonly string[];
  members: readonly (readonly [team: string, member: string])[];
  usernames: readonly string[];
  balances: readonly (readonly [account: string, currency: string])[];
  values: readonly (readonly [contractId: string, key: string])[];
  txIds: readonly string[];
}

/** The rows found for ReadKeys (a missing row is not there), the head, and every currency. */
export interface ReadRows {
  head: BlockRow | undefined;
  users: UserRow[];
  teams: TeamRow[];
  contracts: ContractRow[];
  members: MemberRow[];
  /** Users holding one of the usernames asked for. */
  usernames: UserRow[];
  currencies: CurrencyRow[];
  balances: BalanceRow[];
  values: { contractId: string; key: string; value: JsonValue }[];
  committed: CommittedTx[];
}

/** Nothing to read but the head: what genesis asks. */
export const NO_KEYS: ReadKeys = { accounts: [], members: [], usernames: [], balances: [], values: [], txIds: [] };

/** What a commit may do while it holds the chain: read, then write once. */
export interface CommitSession {
  read(keys: ReadKeys): Promise<ReadRows>;
  /** The committed leaves of these buckets, by path (byte order). */
  bucketLeaves(buckets: number[]): Promise<LeafRow[]>;
  /** Every non-empty bucket's root. */
  bucketHashes(): Promise<Map<number, Uint8Array>>;
  /** Writes the block and everything it changed; the commit becomes durable when `serialised` returns. */
  write(writes: WriteSet): Promise<void>;
}

/** A contract call's inputs, read in one snapshot. */
export interface CallInputs {
  head: BlockRow;
  contract: ContractRow;
  code: string;
  state: State;
}

/** What a Merkle proof is built from, read in one snapshot: the head, the value, its bucket, and (unless the caller's copy is of this head) every bucket root. */
export interface ProofInputs<T> {
  head: BlockRow;
  value: T | undefined;
  leaves: LeafRow[];
  buckets?: Map<number, Uint8Array>;
}

export type Backend = 'sqlite' | 'postgres';

export interface LedgerStore {
  readonly backend: Backend;
  /** Where the data is, for people (a file path, or the PostgreSQL URL without its password). */
  readonly location: string;

  // ── commits
  serialised<T>(commit: (session: CommitSession) => Promise<T>): Promise<T>;
  /** The same read as a commit's, outside the lock: for admission, which the commit checks again. */
  read(keys: ReadKeys): Promise<ReadRows>;

  // ── reads
  meta<T>(key: string): Promise<T | undefined>;
  head(): Promise<BlockRow | undefined>;
  block(height: number): Promise<BlockRow | undefined>;
  blocks(fromHeight: number, limit: number, newestFirst?: boolean): Promise<BlockRow[]>;
  user(id: string): Promise<UserRow | undefined>;
  users(limit: number, offset: number): Promise<UserRow[]>;
  userByUsername(username: string): Promise<UserRow | undefined>;
  team(id: string): Promise<TeamRow | undefined>;
  /** Teams, oldest first; with `member`, only that user's teams, each with its role. */
  teams(filter: { member?: string; limit: number; offset: number }): Promise<(TeamRow & { role?: MemberRow['role'] })[]>;
  /** A team's members, owners first, with their profile names. */
  teamMembers(team: string): Promise<(MemberRow & Pick<UserRow, 'username' | 'displayName'>)[]>;
  currencies(): Promise<CurrencyRow[]>;
  balances(filter: { account?: string; currency?: string }): Promise<OwnedBalanceRow[]>;
  contract(id: string): Promise<ContractRow | undefined>;
  contracts(filter: { owner?: string; limit: number; offset: number }): Promise<ContractRow[]>;
  contractCode(id: string, version?: number): Promise<ContractCode | undefined>;
  contractVersions(id: string): Promise<{ version: number; codeHash: string; height: number; txId: string }[]>;
  contractState(id: string): Promise<State>;
  transaction(id: string): Promise<TxRow | undefined>;
  transactions(filter: TxFilter): Promise<TxRow[]>;
  callInputs(contractId: string): Promise<CallInputs | undefined>;
  balanceProof(account: string, currency: string, bucket: number, knownHead?: string): Promise<ProofInputs<BalanceRow>>;
  valueProof(contractId: string, key: string, bucket: number, knownHead?: string): Promise<ProofInputs<JsonValue>>;
  memberProof(team: string, member: string, bucket: number, knownHead?: string): Promise<ProofInputs<MemberRow>>;
  /** A table's rows in a backend-neutral form (bytes as hex, keys sorted), ordered by `orderBy`: what verify compares. */
  tableRows(table: string, orderBy: string): Promise<string[]>;

  /**
   * Calls `listener` whenever any process may have committed a block (PostgreSQL: LISTEN, and after
   * every reconnect; SQLite: never — this process is the only writer and says so itself).
   */
  onForeignCommit(listener: () => void): Promise<void>;
  close(): Promise<void>;
}
