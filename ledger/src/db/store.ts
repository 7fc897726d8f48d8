// Typed reads and writes over the ledger's tables. Writes are only called inside a block commit.
import type { JsonValue, SignedTransaction, State } from '@tana/engine';
import type { Statement } from 'better-sqlite3';
import type { Db } from './open.ts';

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
  stateHeight: number;
  createdHeight: number;
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

const userColumns = 'id, public_key AS publicKey, display_name AS displayName, next_nonce AS nextNonce, created_height AS createdHeight';
const contractColumns = 'id, owner, version, code_hash AS codeHash, state_height AS stateHeight, created_height AS createdHeight';
const blockColumns = 'height, hash, parent_hash AS parentHash, state_root AS stateRoot, timestamp, producer, tx_ids AS txIds, engine_hash AS engineHash';
const txColumns = 'id, height, position, kind, sender, nonce, contract_id AS contractId, signed, result';

type RawBlock = Omit<BlockRow, 'txIds'> & { txIds: string };
type RawTx = Omit<TxRow, 'signed' | 'result'> & { signed: string; result: string };

export class Store {
  readonly db: Db;
  private readonly statements = new Map<string, Statement<unknown[]>>();

  constructor(db: Db) {
    this.db = db;
  }

  /** Prepared once, reused: better-sqlite3 statements are cheap to keep. */
  private sql(text: string): Statement<unknown[]> {
    let statement = this.statements.get(text);
    if (!statement) {
      statement = this.db.prepare<unknown[]>(text);
      this.statements.set(text, statement);
    }
    return statement;
  }

  // ── meta
  meta<T>(key: string): T | undefined {
    const row = this.sql('SELECT value FROM meta WHERE key = ?').get(key) as { value: string } | undefined;
    return row ? (JSON.parse(row.value) as T) : undefined;
  }
  setMeta(key: string, value: unknown): void {
    this.sql('INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value').run(key, JSON.stringify(value));
  }

  // ── users
  user(id: string): UserRow | undefined {
    return this.sql(`SELECT ${userColumns} FROM users WHERE id = ?`).get(id) as UserRow | undefined;
  }
  users(limit: number, offset: number): UserRow[] {
    return this.sql(`SELECT ${userColumns} FROM users ORDER BY created_height, id LIMIT ? OFFSET ?`).all(limit, offset) as UserRow[];
  }
  insertUser(user: Omit<UserRow, 'nextNonce'>): void {
    this.sql('INSERT INTO users (id, public_key, display_name, next_nonce, created_height) VALUES (?, ?, ?, 0, ?)').run(user.id, user.publicKey, user.displayName, user.createdHeight);
  }
  setNextNonce(id: string, nonce: number): void {
    this.sql('UPDATE users SET next_nonce = ? WHERE id = ?').run(nonce, id);
  }

  // ── currencies and balances
  currency(code: string): CurrencyRow | undefined {
    return this.sql('SELECT code, decimals FROM currencies WHERE code = ?').get(code) as CurrencyRow | undefined;
  }
  currencies(): CurrencyRow[] {
    return this.sql('SELECT code, decimals FROM currencies ORDER BY code').all() as CurrencyRow[];
  }
  insertCurrency(code: string, decimals: number, height: number): void {
    this.sql('INSERT INTO currencies (code, decimals, created_height) VALUES (?, ?, ?)').run(code, decimals, height);
  }
  balance(account: string, currency: string): bigint {
    const row = this.sql('SELECT amount FROM balances WHERE account = ? AND currency = ?').get(account, currency) as { amount: string } | undefined;
    return row ? BigInt(row.amount) : 0n;
  }
  balances(filter: { account?: string; currency?: string }): BalanceRow[] {
    return this.sql('SELECT account, currency, amount FROM balances WHERE (@account IS NULL OR account = @account) AND (@currency IS NULL OR currency = @currency) ORDER BY account, currency').all({
      account: filter.account ?? null,
      currency: filter.currency ?? null,
    }) as BalanceRow[];
  }
  setBalance(account: string, currency: string, amount: bigint, height: number): void {
    if (amount < 0n) throw new Error(`balance of ${account} in ${currency} would be negative`);
    this.sql(
      'INSERT INTO balances (account, currency, amount, updated_height) VALUES (?, ?, ?, ?) ON CONFLICT(account, currency) DO UPDATE SET amount = excluded.amount, updated_height = excluded.updated_height',
    ).run(account, currency, amount.toString(), height);
  }

  // ── contracts
  contract(id: string): ContractRow | undefined {
    return this.sql(`SELECT ${contractColumns} FROM contracts WHERE id = ?`).get(id) as ContractRow | undefined;
  }
  contracts(limit: number, offset: number): ContractRow[] {
    return this.sql(`SELECT ${contractColumns} FROM contracts ORDER BY created_height, id LIMIT ? OFFSET ?`).all(limit, offset) as ContractRow[];
  }
  contractCode(id: string, version?: number): { code: string; codeHash: string; version: number; height: number } | undefined {
    return this.sql(
      'SELECT code, code_hash AS codeHash, version, height FROM contract_versions WHERE contract_id = @id AND version = COALESCE(@version, (SELECT version FROM contracts WHERE id = @id))',
    ).get({ id, version: version ?? null }) as { code: string; codeHash: string; version: number; height: number } | undefined;
  }
  contractVersions(id: string): { version: number; codeHash: string; height: number; txId: string }[] {
    return this.sql('SELECT version, code_hash AS codeHash, height, tx_id AS txId FROM contract_versions WHERE contract_id = ? ORDER BY version').all(id) as {
      version: number;
      codeHash: string;
      height: number;
      txId: string;
    }[];
  }
  /** Creates the contract or moves it to a new version; its state stays. */
  upsertContract(row: ContractRow, code: string, txId: string, height: number): void {
    this.sql(
      'INSERT INTO contracts (id, owner, version, code_hash, state_height, created_height) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT(id) DO UPDATE SET version = excluded.version, code_hash = excluded.code_hash',
    ).run(row.id, row.owner, row.version, row.codeHash, row.stateHeight, row.createdHeight);
    this.sql('INSERT INTO contract_versions (contract_id, version, code, code_hash, height, tx_id) VALUES (?, ?, ?, ?, ?, ?)').run(row.id, row.version, code, row.codeHash, height, txId);
  }
  setContractStateHeight(id: string, height: number): void {
    this.sql('UPDATE contracts SET state_height = ? WHERE id = ?').run(height, id);
  }
  contractState(id: string): State {
    const rows = this.sql('SELECT key, value FROM contract_state WHERE contract_id = ? ORDER BY key').all(id) as { key: string; value: string }[];
    const state: State = {};
    for (const row of rows) state[row.key] = JSON.parse(row.value) as JsonValue;
    return state;
  }
  contractValue(id: string, key: string): JsonValue | undefined {
    const row = this.sql('SELECT value FROM contract_state WHERE contract_id = ? AND key = ?').get(id, key) as { value: string } | undefined;
    return row ? (JSON.parse(row.value) as JsonValue) : undefined;
  }
  setContractValue(id: string, key: string, value: JsonValue): void {
    this.sql('INSERT INTO contract_state (contract_id, key, value) VALUES (?, ?, ?) ON CONFLICT(contract_id, key) DO UPDATE SET value = excluded.value').run(id, key, JSON.stringify(value));
  }
  deleteContractValue(id: string, key: string): void {
    this.sql('DELETE FROM contract_state WHERE contract_id = ? AND key = ?').run(id, key);
  }

  /** Whether an account (a user or a contract) exists: they share one id space. */
  accountExists(id: string): boolean {
    return this.sql('SELECT 1 FROM users WHERE id = @id UNION ALL SELECT 1 FROM contracts WHERE id = @id LIMIT 1').get({ id }) !== undefined;
  }

  // ── transactions
  transaction(id: string): TxRow | undefined {
    const row = this.sql(`SELECT ${txColumns} FROM transactions WHERE id = ?`).get(id) as RawTx | undefined;
    return row && parseTx(row);
  }
  transactions(filter: { sender?: string; contractId?: string; fromHeight?: number; toHeight?: number; limit: number; newestFirst?: boolean }): TxRow[] {
    const order = filter.newestFirst ? 'DESC' : 'ASC';
    const rows = this.sql(
      `SELECT ${txColumns} FROM transactions WHERE (@sender IS NULL OR sender = @sender) AND (@contract IS NULL OR contract_id = @contract) AND height >= @from AND height <= @to ORDER BY height ${order}, position ${order} LIMIT @limit`,
    ).all({
      sender: filter.sender ?? null,
      contract: filter.contractId ?? null,
      from: filter.fromHeight ?? 0,
      to: filter.toHeight ?? Number.MAX_SAFE_INTEGER,
      limit: filter.limit,
    }) as RawTx[];
    return rows.map(parseTx);
  }
  insertTransaction(row: TxRow): void {
    this.sql('INSERT INTO transactions (id, height, position, kind, sender, nonce, contract_id, signed, result) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)').run(
      row.id,
      row.height,
      row.position,
      row.kind,
      row.sender,
      row.nonce,
      row.contractId,
      JSON.stringify(row.signed),
      JSON.stringify(row.result),
    );
  }

  // ── blocks
  head(): BlockRow | undefined {
    const row = this.sql(`SELECT ${blockColumns} FROM blocks ORDER BY height DESC LIMIT 1`).get() as RawBlock | undefined;
    return row && parseBlock(row);
  }
  block(height: number): BlockRow | undefined {
    const row = this.sql(`SELECT ${blockColumns} FROM blocks WHERE height = ?`).get(height) as RawBlock | undefined;
    return row && parseBlock(row);
  }
  blocks(fromHeight: number, limit: number, newestFirst = false): BlockRow[] {
    const order = newestFirst ? 'DESC' : 'ASC';
    const rows = this.sql(`SELECT ${blockColumns} FROM blocks WHERE height >= ? ORDER BY height ${order} LIMIT ?`).all(fromHeight, limit) as RawBlock[];
    return rows.map(parseBlock);
  }
  insertBlock(block: BlockRow): void {
    this.sql('INSERT INTO blocks (height, hash, parent_hash, state_root, timestamp, producer, tx_ids, engine_hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?)').run(
      block.height,
      block.hash,
      block.parentHash,
      block.stateRoot,
      block.timestamp,
      block.producer,
      JSON.stringify(block.txIds),
      block.engineHash,
    );
  }

  // ── the state commitment
  setLeaf(path: string, bucket: number, hash: Uint8Array): void {
    this.sql('INSERT INTO state_leaves (path, bucket, hash) VALUES (?, ?, ?) ON CONFLICT(path) DO UPDATE SET hash = excluded.hash').run(path, bucket, hash);
  }
  deleteLeaf(path: string): void {
    this.sql('DELETE FROM state_leaves WHERE path = ?').run(path);
  }
  bucketLeaves(bucket: number): { path: string; hash: Uint8Array }[] {
    return this.sql('SELECT path, hash FROM state_leaves WHERE bucket = ? ORDER BY path').all(bucket) as { path: string; hash: Uint8Array }[];
  }
  bucketHashes(): Map<number, Uint8Array> {
    const rows = this.sql('SELECT bucket, hash FROM state_buckets').all() as { bucket: number; hash: Uint8Array }[];
    return new Map(rows.map((row) => [row.bucket, row.hash]));
  }
  setBucketHash(bucket: number, hash: Uint8Array | undefined): void {
    if (hash) this.sql('INSERT INTO state_buckets (bucket, hash) VALUES (?, ?) ON CONFLICT(bucket) DO UPDATE SET hash = excluded.hash').run(bucket, hash);
    else this.sql('DELETE FROM state_buckets WHERE bucket = ?').run(bucket);
  }
}

function parseBlock(row: RawBlock): BlockRow {
  return { ...row, txIds: JSON.parse(row.txIds) as string[] };
}

function parseTx(row: RawTx): TxRow {
  return { ...row, signed: JSON.parse(row.signed) as SignedTransaction, result: JSON.parse(row.result) as TxResult };
}
