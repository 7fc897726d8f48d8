// The ledger's storage on PostgreSQL: several nodes, one chain. A commit holds a transaction-level
// advisory lock (COMMIT_LOCK) from its first read to its COMMIT, so commits from every node are
// serialised by PostgreSQL itself; under READ COMMITTED each statement after the lock sees every
// earlier commit. UNIQUE(height) and the parent-hash check on the block insert make a fork or a gap
// impossible even for a writer that skipped the lock. The commit NOTIFYs `tana_blocks`, which every
// node LISTENs to (its head events and caches follow commits made elsewhere).
import type { JsonValue, State } from '@tana/engine';
import { neutralRow, parseBlock, parseTx, type RawBlock, type RawTx } from '../raw-rows.ts';
import type { BalanceRow, BlockRow, ContractCode, ContractRow, CurrencyRow, LeafRow, TxFilter, TxResult, TxRow, UserRow } from '../rows.ts';
import type { CallInputs, CommitSession, LedgerStore, ProofInputs, ReadKeys, ReadRows } from '../store.ts';
import type { WriteSet } from '../write-set.ts';
import { type ConnectOptions, connect, type Runner, redactUrl, type Sql } from './connect.ts';
import { postgresError } from './errors.ts';
import { migratePostgres } from './migrate.ts';

const COMMIT_LOCK = '8386093285001291117'; // any fixed bigint: "the chain's head"
export const BLOCKS_CHANNEL = 'tana_blocks';

const userColumns = 'id, public_key AS "publicKey", display_name AS "displayName", next_nonce AS "nextNonce", created_height AS "createdHeight"';
const contractColumns = 'id, owner, version, code_hash AS "codeHash", state_height AS "stateHeight", created_height AS "createdHeight"';
const blockColumns = 'height, hash, parent_hash AS "parentHash", state_root AS "stateRoot", timestamp, producer, tx_ids AS "txIds", engine_hash AS "engineHash"';
const txColumns = 'id, height, position, kind, sender, nonce, contract_id AS "contractId", signed, result';

export async function openPostgresStore(url: string, options: ConnectOptions & { readonly?: boolean } = {}): Promise<PostgresStore> {
  const sql = connect(url, options);
  try {
    await migratePostgres(sql, options);
  } catch (error) {
    await sql.end({ timeout: 1 });
    const failure = postgresError(error);
    throw failure.code === 'Internal' ? error : new Error(`cannot use the database at ${redactUrl(url)}: ${(error as Error).message}`, { cause: error });
  }
  return new PostgresStore(sql, redactUrl(url));
}

export class PostgresStore implements LedgerStore {
  readonly backend = 'postgres' as const;
  readonly location: string;
  private readonly sql: Sql;

  constructor(sql: Sql, location: string) {
    this.sql = sql;
    this.location = location;
  }

  /** Every failure leaves as a named LedgerError (DatabaseUnavailable, StorageFull, Internal). */
  private async guard<T>(work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (error) {
      throw postgresError(error);
    }
  }

  // ── commits
  serialised<T>(commit: (session: CommitSession) => Promise<T>): Promise<T> {
    return this.guard(
      () =>
        this.sql.begin(async (tx) => {
          await tx`SELECT pg_advisory_xact_lock(${COMMIT_LOCK}::bigint)`;
          const session: CommitSession = {
            read: (keys) => readRows(tx, keys),
            bucketLeaves: (buckets) => bucketLeaves(tx, buckets),
            bucketHashes: () => bucketHashes(tx),
            write: (writes) => writeRows(tx, writes),
          };
          return commit(session);
        }) as Promise<T>,
    );
  }

  read(keys: ReadKeys): Promise<ReadRows> {
    return this.guard(() => readRows(this.sql, keys));
  }

  // ── reads
  meta<T>(key: string): Promise<T | undefined> {
    return this.guard(async () => {
      const [row] = await this.sql<{ value: string }[]>`SELECT value FROM meta WHERE key = ${key}`;
      return row ? (JSON.parse(row.value) as T) : undefined;
    });
  }
  head(): Promise<BlockRow | undefined> {
    return this.guard(() => headOf(this.sql));
  }
  block(height: number): Promise<BlockRow | undefined> {
    return this.guard(async () => {
      const [row] = await this.sql.unsafe<RawBlock[]>(`SELECT ${blockColumns} FROM blocks WHERE height = $1`, [height]);
      return row && parseBlock(row);
    });
  }
  blocks(fromHeight: number, limit: number, newestFirst = false): Promise<BlockRow[]> {
    const order = newestFirst ? 'DESC' : 'ASC';
    return this.guard(async () => (await this.sql.unsafe<RawBlock[]>(`SELECT ${blockColumns} FROM blocks WHERE height >= $1 ORDER BY height ${order} LIMIT $2`, [fromHeight, limit])).map(parseBlock));
  }
  user(id: string): Promise<UserRow | undefined> {
    return this.guard(async () => (await this.sql.unsafe<UserRow[]>(`SELECT ${userColumns} FROM users WHERE id = $1`, [id]))[0]);
  }
  users(limit: number, offset: number): Promise<UserRow[]> {
    return this.guard(async () => [...(await this.sql.unsafe<UserRow[]>(`SELECT ${userColumns} FROM users ORDER BY created_height, id LIMIT $1 OFFSET $2`, [limit, offset]))]);
  }
  currencies(): Promise<CurrencyRow[]> {
    return this.guard(() => currenciesOf(this.sql));
  }
  balances(filter: { account?: string; currency?: string }): Promise<BalanceRow[]> {
    return this.guard(async () => [
      ...(await this.sql<BalanceRow[]>`
        SELECT account, currency, amount FROM balances
        WHERE (${filter.account ?? null}::text IS NULL OR account = ${filter.account ?? null}) AND (${filter.currency ?? null}::text IS NULL OR currency = ${filter.currency ?? null})
        ORDER BY account, currency`),
    ]);
  }
  contract(id: string): Promise<ContractRow | undefined> {
    return this.guard(async () => (await this.sql.unsafe<ContractRow[]>(`SELECT ${contractColumns} FROM contracts WHERE id = $1`, [id]))[0]);
  }
  contracts(limit: number, offset: number): Promise<ContractRow[]> {
    return this.guard(async () => [...(await this.sql.unsafe<ContractRow[]>(`SELECT ${contractColumns} FROM contracts ORDER BY created_height, id LIMIT $1 OFFSET $2`, [limit, offset]))]);
  }
  contractCode(id: string, version?: number): Promise<ContractCode | undefined> {
    return this.guard(() => contractCodeOf(this.sql, id, version));
  }
  contractVersions(id: string) {
    return this.guard(async () => [
      ...(await this.sql<{ version: number; codeHash: string; height: number; txId: string }[]>`
        SELECT version, code_hash AS "codeHash", height, tx_id AS "txId" FROM contract_versions WHERE contract_id = ${id} ORDER BY version`),
    ]);
  }
  contractState(id: string): Promise<State> {
    return this.guard(() => contractStateOf(this.sql, id));
  }
  transaction(id: string): Promise<TxRow | undefined> {
    return this.guard(async () => {
      const [row] = await this.sql.unsafe<RawTx[]>(`SELECT ${txColumns} FROM transactions WHERE id = $1`, [id]);
      return row && parseTx(row);
    });
  }
  transactions(filter: TxFilter): Promise<TxRow[]> {
    const order = filter.newestFirst ? 'DESC' : 'ASC';
    return this.guard(async () =>
      (
        await this.sql.unsafe<RawTx[]>(
          `SELECT ${txColumns} FROM transactions WHERE ($1::text IS NULL OR sender = $1) AND ($2::text IS NULL OR contract_id = $2) AND height >= $3 AND height <= $4 ORDER BY height ${order}, position ${order} LIMIT $5`,
          [filter.sender ?? null, filter.contractId ?? null, filter.fromHeight ?? 0, filter.toHeight ?? Number.MAX_SAFE_INTEGER, filter.limit],
        )
      ).map(parseTx),
    );
  }
  callInputs(contractId: string): Promise<CallInputs | undefined> {
    return this.snapshot(async (tx) => {
      const [head, contract, code, state] = await Promise.all([headOf(tx), contractOf(tx, contractId), contractCodeOf(tx, contractId), contractStateOf(tx, contractId)]);
      return contract && code ? { head: head!, contract, code: code.code, state } : undefined;
    });
  }
  balanceProof(account: string, currency: string, bucket: number, knownHead?: string): Promise<ProofInputs<BalanceRow>> {
    return this.snapshot(async (tx) => {
      const value = tx<BalanceRow[]>`SELECT account, currency, amount FROM balances WHERE account = ${account} AND currency = ${currency}`;
      return proofInputs(tx, (await value)[0], bucket, knownHead);
    });
  }
  valueProof(contractId: string, key: string, bucket: number, knownHead?: string): Promise<ProofInputs<JsonValue>> {
    return this.snapshot(async (tx) => {
      const [row] = await tx<{ value: string }[]>`SELECT value FROM contract_state WHERE contract_id = ${contractId} AND key = ${key}`;
      return proofInputs(tx, row && (JSON.parse(row.value) as JsonValue), bucket, knownHead);
    });
  }
  tableRows(table: string, orderBy: string): Promise<string[]> {
    return this.guard(async () =>
      (await this.sql.unsafe<Record<string, unknown>[]>(`SELECT * FROM ${table} ORDER BY ${orderBy}`)).map((row) =>
        // updated_height and the like are BIGINT here, INTEGER in SQLite: both numbers once parsed.
        neutralRow(row),
      ),
    );
  }

  async onForeignCommit(listener: () => void): Promise<void> {
    // postgres.js keeps a dedicated connection for LISTEN and re-listens after every reconnect;
    // onlisten runs each time, so a node catches up on whatever it missed while the database was away.
    await this.guard(() => this.sql.listen(BLOCKS_CHANNEL, () => listener(), listener));
  }

  async close(): Promise<void> {
    await this.sql.end({ timeout: 5 });
  }

  /** Reads that must agree with each other: one REPEATABLE READ, READ ONLY transaction. */
  private snapshot<T>(read: (tx: Runner) => Promise<T>): Promise<T> {
    return this.guard(() => this.sql.begin('isolation level repeatable read read only', (tx) => read(tx)) as Promise<T>);
  }
}

async function headOf(sql: Runner): Promise<BlockRow | undefined> {
  const [row] = await sql.unsafe<RawBlock[]>(`SELECT ${blockColumns} FROM blocks ORDER BY height DESC LIMIT 1`);
  return row && parseBlock(row);
}

async function contractOf(sql: Runner, id: string): Promise<ContractRow | undefined> {
  return (await sql.unsafe<ContractRow[]>(`SELECT ${contractColumns} FROM contracts WHERE id = $1`, [id]))[0];
}

async function currenciesOf(sql: Runner): Promise<CurrencyRow[]> {
  return [...(await sql<CurrencyRow[]>`SELECT code, decimals FROM currencies ORDER BY code`)];
}

async function contractCodeOf(sql: Runner, id: string, version?: number): Promise<ContractCode | undefined> {
  const [row] = await sql<ContractCode[]>`
    SELECT code, code_hash AS "codeHash", version, height FROM contract_versions
    WHERE contract_id = ${id} AND version = COALESCE(${version ?? null}::bigint, (SELECT version FROM contracts WHERE id = ${id}))`;
  return row;
}

async function contractStateOf(sql: Runner, id: string): Promise<State> {
  const rows = await sql<{ key: string; value: string }[]>`SELECT key, value FROM contract_state WHERE contract_id = ${id} ORDER BY key`;
  const state: State = {};
  for (const row of rows) state[row.key] = JSON.parse(row.value) as JsonValue;
  return state;
}

async function proofInputs<T>(sql: Runner, value: T | undefined, bucket: number, knownHead: string | undefined): Promise<ProofInputs<T>> {
  const [head, leaves] = await Promise.all([headOf(sql), bucketLeaves(sql, [bucket])]);
  return { head: head!, value, leaves, buckets: head!.hash === knownHead ? undefined : await bucketHashes(sql) };
}

async function bucketLeaves(sql: Runner, buckets: number[]): Promise<LeafRow[]> {
  return [...(await sql<LeafRow[]>`SELECT path, bucket, hash FROM state_leaves WHERE bucket = ANY(${buckets}::integer[]) ORDER BY path`)];
}

async function bucketHashes(sql: Runner): Promise<Map<number, Uint8Array>> {
  const rows = await sql<{ bucket: number; hash: Uint8Array }[]>`SELECT bucket, hash FROM state_buckets`;
  return new Map(rows.map((row) => [row.bucket, row.hash]));
}

/** The read view's rows in one round of pipelined queries. */
async function readRows(sql: Runner, keys: ReadKeys): Promise<ReadRows> {
  const accounts = [...new Set(keys.accounts)];
  const [head, users, contracts, currencies, balances, committed] = await Promise.all([
    headOf(sql),
    sql.unsafe<UserRow[]>(`SELECT ${userColumns} FROM users WHERE id = ANY($1::text[])`, [accounts]),
    sql.unsafe<ContractRow[]>(`SELECT ${contractColumns} FROM contracts WHERE id = ANY($1::text[])`, [accounts]),
    currenciesOf(sql),
    keys.balances.length
      ? sql<BalanceRow[]>`
          SELECT b.account, b.currency, b.amount FROM balances b
          JOIN unnest(${keys.balances.map((k) => k[0])}::text[], ${keys.balances.map((k) => k[1])}::text[]) AS k(account, currency) ON b.account = k.account AND b.currency = k.currency`
      : [],
    keys.txIds.length
      ? sql<{ id: string; height: number; blockHash: string; result: string }[]>`
          SELECT t.id, t.height, b.hash AS "blockHash", t.result FROM transactions t JOIN blocks b ON b.height = t.height WHERE t.id = ANY(${[...keys.txIds]}::text[])`
      : [],
  ]);
  return {
    head,
    users: [...users],
    contracts: [...contracts],
    currencies,
    balances: [...balances],
    committed: committed.map((row) => ({ ...row, result: JSON.parse(row.result) as TxResult })),
  };
}

/** The write set, one statement per table (multi-row through unnest), pipelined; then the block and the notification. */
async function writeRows(sql: Runner, writes: WriteSet): Promise<void> {
  const statements: Promise<unknown>[] = [];
  const users = [...writes.users.values()];
  const balances = [...writes.balances.values()];
  const contracts = [...writes.contracts.values()];
  const setState = [...writes.contractState.values()].filter((row) => row.value !== undefined);
  const deleteState = [...writes.contractState.values()].filter((row) => row.value === undefined);
  const putLeaves = [...writes.leaves.values()].filter((leaf): leaf is LeafRow => leaf !== undefined);
  const deleteLeaves = [...writes.leaves].filter(([, leaf]) => !leaf).map(([path]) => path);
  const putBuckets = [...writes.buckets].filter(([, hash]) => hash);
  const deleteBuckets = [...writes.buckets].filter(([, hash]) => !hash).map(([bucket]) => bucket);
  const hex = (bytes: Uint8Array) => Buffer.from(bytes).toString('hex');

  for (const [key, value] of writes.meta) {
    statements.push(sql`INSERT INTO meta (key, value) VALUES (${key}, ${JSON.stringify(value)}) ON CONFLICT (key) DO UPDATE SET value = excluded.value`);
  }
  if (writes.currencies.length) {
    statements.push(sql`
      INSERT INTO currencies (code, decimals, created_height)
      SELECT * FROM unnest(${writes.currencies.map((c) => c.code)}::text[], ${writes.currencies.map((c) => c.decimals)}::integer[], ${writes.currencies.map((c) => c.createdHeight)}::bigint[])`);
  }
  if (users.length) {
    statements.push(sql`
      INSERT INTO users (id, public_key, display_name, next_nonce, created_height)
      SELECT * FROM unnest(${users.map((u) => u.id)}::text[], ${users.map((u) => u.publicKey)}::text[], ${users.map((u) => u.displayName)}::text[], ${users.map((u) => u.nextNonce)}::bigint[], ${users.map((u) => u.createdHeight)}::bigint[])
      ON CONFLICT (id) DO UPDATE SET next_nonce = excluded.next_nonce`);
  }
  if (balances.length) {
    statements.push(sql`
      INSERT INTO balances (account, currency, amount, updated_height)
      SELECT * FROM unnest(${balances.map((b) => b.account)}::text[], ${balances.map((b) => b.currency)}::text[], ${balances.map((b) => b.amount)}::text[], ${balances.map((b) => b.height)}::bigint[])
      ON CONFLICT (account, currency) DO UPDATE SET amount = excluded.amount, updated_height = excluded.updated_height`);
  }
  if (contracts.length) {
    statements.push(sql`
      INSERT INTO contracts (id, owner, version, code_hash, state_height, created_height)
      SELECT * FROM unnest(${contracts.map((c) => c.id)}::text[], ${contracts.map((c) => c.owner)}::text[], ${contracts.map((c) => c.version)}::bigint[], ${contracts.map((c) => c.codeHash)}::text[], ${contracts.map((c) => c.stateHeight)}::bigint[], ${contracts.map((c) => c.createdHeight)}::bigint[])
      ON CONFLICT (id) DO UPDATE SET version = excluded.version, code_hash = excluded.code_hash, state_height = excluded.state_height`);
  }
  // Rows that refer to users and contracts go after them (foreign keys); pipelined statements run in order.
  if (writes.contractVersions.length) {
    const rows = writes.contractVersions;
    statements.push(sql`
      INSERT INTO contract_versions (contract_id, version, code, code_hash, height, tx_id)
      SELECT * FROM unnest(${rows.map((r) => r.contractId)}::text[], ${rows.map((r) => r.version)}::bigint[], ${rows.map((r) => r.code)}::text[], ${rows.map((r) => r.codeHash)}::text[], ${rows.map((r) => r.height)}::bigint[], ${rows.map((r) => r.txId)}::text[])`);
  }
  if (setState.length) {
    statements.push(sql`
      INSERT INTO contract_state (contract_id, key, value)
      SELECT * FROM unnest(${setState.map((r) => r.contractId)}::text[], ${setState.map((r) => r.key)}::text[], ${setState.map((r) => JSON.stringify(r.value))}::text[])
      ON CONFLICT (contract_id, key) DO UPDATE SET value = excluded.value`);
  }
  if (deleteState.length) {
    statements.push(sql`
      DELETE FROM contract_state c USING unnest(${deleteState.map((r) => r.contractId)}::text[], ${deleteState.map((r) => r.key)}::text[]) AS d(contract_id, key)
      WHERE c.contract_id = d.contract_id AND c.key = d.key`);
  }
  if (writes.transactions.length) {
    const rows = writes.transactions;
    statements.push(sql`
      INSERT INTO transactions (id, height, position, kind, sender, nonce, contract_id, signed, result)
      SELECT * FROM unnest(${rows.map((r) => r.id)}::text[], ${rows.map((r) => r.height)}::bigint[], ${rows.map((r) => r.position)}::integer[], ${rows.map((r) => r.kind)}::text[],
        ${rows.map((r) => r.sender)}::text[], ${rows.map((r) => r.nonce)}::bigint[], ${rows.map((r) => r.contractId)}::text[], ${rows.map((r) => JSON.stringify(r.signed))}::text[], ${rows.map((r) => JSON.stringify(r.result))}::text[])`);
  }
  if (putLeaves.length) {
    statements.push(sql`
      INSERT INTO state_leaves (path, bucket, hash)
      SELECT p, b, decode(h, 'hex') FROM unnest(${putLeaves.map((l) => l.path)}::text[], ${putLeaves.map((l) => l.bucket)}::integer[], ${putLeaves.map((l) => hex(l.hash))}::text[]) AS t(p, b, h)
      ON CONFLICT (path) DO UPDATE SET hash = excluded.hash`);
  }
  if (deleteLeaves.length) statements.push(sql`DELETE FROM state_leaves WHERE path = ANY(${deleteLeaves}::text[])`);
  if (putBuckets.length) {
    statements.push(sql`
      INSERT INTO state_buckets (bucket, hash)
      SELECT b, decode(h, 'hex') FROM unnest(${putBuckets.map(([b]) => b)}::integer[], ${putBuckets.map(([, h]) => hex(h!))}::text[]) AS t(b, h)
      ON CONFLICT (bucket) DO UPDATE SET hash = excluded.hash`);
  }
  if (deleteBuckets.length) statements.push(sql`DELETE FROM state_buckets WHERE bucket = ANY(${deleteBuckets}::integer[])`);
  const block = writes.block;
  const inserted = block
    ? sql`
      INSERT INTO blocks (height, hash, parent_hash, state_root, timestamp, producer, tx_ids, engine_hash)
      SELECT ${block.height}, ${block.hash}, ${block.parentHash}, ${block.stateRoot}, ${block.timestamp}, ${block.producer}, ${JSON.stringify(block.txIds)}, ${block.engineHash}
      WHERE ${block.height}::bigint = 0 OR EXISTS (SELECT 1 FROM blocks WHERE height = ${block.height - 1} AND hash = ${block.parentHash})`
    : undefined;
  if (inserted) statements.push(inserted, sql`SELECT pg_notify(${BLOCKS_CHANNEL}, ${String(block!.height)})`);
  // postgres.js sends a transaction's queries in the order they are awaited: this order, in one round of pipelining.
  await Promise.all(statements);
  if (inserted && (await inserted).count !== 1) throw new Error(`block ${block!.height} does not extend the head (parent ${block!.parentHash})`);
}
