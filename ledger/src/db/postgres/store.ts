// The ledger's storage on PostgreSQL (node-postgres): several nodes, one chain. A commit holds a transaction-level
// advisory lock (COMMIT_LOCK) from its first read to its COMMIT, so commits from every node are
// serialised by PostgreSQL itself; under READ COMMITTED each statement after the lock sees every
// earlier commit. UNIQUE(height) and the parent-hash check on the block insert make a fork or a gap
// impossible even for a writer that skipped the lock. The commit NOTIFYs `tana_blocks`, which every
// node LISTENs to (its head events and caches follow commits made elsewhere).
import type { JsonValue, State } from '@tana/engine';
import { neutralRow, OWNER_TYPE_SQL, parseBlock, parseTeam, parseTx, type RawBlock, type RawTeam, type RawTx } from '../raw-rows.ts';
import type { BalanceRow, BlockRow, ContractCode, ContractRow, CurrencyRow, LeafRow, MemberRow, OwnedBalanceRow, TeamRow, TxFilter, TxResult, TxRow, UserRow } from '../rows.ts';
import type { CallInputs, CommitSession, LedgerStore, ProofInputs, ReadKeys, ReadRows } from '../store.ts';
import type { WriteSet } from '../write-set.ts';
import { type ConnectOptions, connect, type Pool, type Runner, redactUrl, transaction } from './connect.ts';
import { postgresError } from './errors.ts';
import { type Listener, listen } from './listen.ts';
import { migratePostgres } from './migrate.ts';

const COMMIT_LOCK = '8386093285001291117'; // any fixed bigint: "the chain's head"
export const BLOCKS_CHANNEL = 'tana_blocks';

const userColumns = 'id, public_key AS "publicKey", username, display_name AS "displayName", bio, next_nonce AS "nextNonce", created_height AS "createdHeight"';
const teamColumns = 'id, name, members_may AS "membersMay", owners, creator, created_height AS "createdHeight"';
const joinedTeamColumns = 't.id, t.name, t.members_may AS "membersMay", t.owners, t.creator, t.created_height AS "createdHeight"';
const memberColumns = 'team, member, role, height';
const contractColumns = 'id, owner, version, code_hash AS "codeHash", state_height AS "stateHeight", created_height AS "createdHeight", deposit_bytes AS "depositBytes", deposit';
const blockColumns = 'height, hash, parent_hash AS "parentHash", state_root AS "stateRoot", timestamp, producer, tx_ids AS "txIds", engine_hash AS "engineHash"';
const txColumns = 'id, height, position, kind, sender, nonce, contract_id AS "contractId", signed, result';

export async function openPostgresStore(url: string, options: ConnectOptions & { readonly?: boolean } = {}): Promise<PostgresStore> {
  const pool = connect(url, options);
  try {
    await migratePostgres(pool, options);
  } catch (error) {
    await pool.end();
    const failure = postgresError(error);
    throw failure.code === 'Internal' ? error : new Error(`cannot use the database at ${redactUrl(url)}: ${(error as Error).message || (error as { code?: string }).code}`, { cause: error });
  }
  return new PostgresStore(pool, url);
}

async function rows<T>(sql: Runner, text: string, values: unknown[] = []): Promise<T[]> {
  return (await sql.query(text, values)).rows as T[];
}

export class PostgresStore implements LedgerStore {
  readonly backend = 'postgres' as const;
  readonly location: string;
  private readonly pool: Pool;
  private readonly url: string;
  private listener: Listener | undefined;

  constructor(pool: Pool, url: string) {
    this.pool = pool;
    this.url = url;
    this.location = redactUrl(url);
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
    return this.guard(() =>
      transaction(this.pool, 'BEGIN', async (tx) => {
        await tx.query('SELECT pg_advisory_xact_lock($1::bigint)', [COMMIT_LOCK]);
        return commit({
          read: (keys) => readRows(tx, keys),
          bucketLeaves: (buckets) => bucketLeaves(tx, buckets),
          bucketHashes: () => bucketHashes(tx),
          write: (writes) => writeRows(tx, writes),
        });
      }),
    );
  }

  read(keys: ReadKeys): Promise<ReadRows> {
    return this.guard(() => readRows(this.pool, keys));
  }

  // ── reads
  meta<T>(key: string): Promise<T | undefined> {
    return this.guard(async () => {
      const [row] = await rows<{ value: string }>(this.pool, 'SELECT value FROM meta WHERE key = $1', [key]);
      return row ? (JSON.parse(row.value) as T) : undefined;
    });
  }
  head(): Promise<BlockRow | undefined> {
    return this.guard(() => headOf(this.pool));
  }
  block(height: number): Promise<BlockRow | undefined> {
    return this.guard(async () => {
      const [row] = await rows<RawBlock>(this.pool, `SELECT ${blockColumns} FROM blocks WHERE height = $1`, [height]);
      return row && parseBlock(row);
    });
  }
  blocks(fromHeight: number, limit: number, newestFirst = false): Promise<BlockRow[]> {
    const order = newestFirst ? 'DESC' : 'ASC';
    return this.guard(async () => (await rows<RawBlock>(this.pool, `SELECT ${blockColumns} FROM blocks WHERE height >= $1 ORDER BY height ${order} LIMIT $2`, [fromHeight, limit])).map(parseBlock));
  }
  user(id: string): Promise<UserRow | undefined> {
    return this.guard(async () => (await rows<UserRow>(this.pool, `SELECT ${userColumns} FROM users WHERE id = $1`, [id]))[0]);
  }
  users(limit: number, offset: number): Promise<UserRow[]> {
    return this.guard(() => rows<UserRow>(this.pool, `SELECT ${userColumns} FROM users ORDER BY created_height, id LIMIT $1 OFFSET $2`, [limit, offset]));
  }
  userByUsername(username: string): Promise<UserRow | undefined> {
    return this.guard(async () => (await rows<UserRow>(this.pool, `SELECT ${userColumns} FROM users WHERE username = $1`, [username]))[0]);
  }
  team(id: string): Promise<TeamRow | undefined> {
    return this.guard(async () => (await teamsOf(this.pool, [id]))[0]);
  }
  teams(filter: { member?: string; limit: number; offset: number }): Promise<(TeamRow & { role?: MemberRow['role'] })[]> {
    return this.guard(async () => {
      const found = filter.member
        ? await rows<RawTeam & { role: MemberRow['role'] }>(
            this.pool,
            `SELECT ${joinedTeamColumns}, m.role FROM teams t JOIN team_members m ON m.team = t.id WHERE m.member = $1 ORDER BY t.created_height, t.id LIMIT $2 OFFSET $3`,
            [filter.member, filter.limit, filter.offset],
          )
        : await rows<RawTeam>(this.pool, `SELECT ${teamColumns} FROM teams ORDER BY created_height, id LIMIT $1 OFFSET $2`, [filter.limit, filter.offset]);
      return found.map(parseTeam);
    });
  }
  teamMembers(team: string): Promise<(MemberRow & Pick<UserRow, 'username' | 'displayName'>)[]> {
    return this.guard(() =>
      rows<MemberRow & Pick<UserRow, 'username' | 'displayName'>>(
        this.pool,
        'SELECT m.team, m.member, m.role, m.height, u.username, u.display_name AS "displayName" FROM team_members m JOIN users u ON u.id = m.member WHERE m.team = $1 ORDER BY m.role DESC, m.member',
        [team],
      ),
    );
  }
  currencies(): Promise<CurrencyRow[]> {
    return this.guard(() => currenciesOf(this.pool));
  }
  balances(filter: { account?: string; currency?: string }): Promise<OwnedBalanceRow[]> {
    return this.guard(() =>
      rows<OwnedBalanceRow>(
        this.pool,
        `SELECT account, currency, amount, ${OWNER_TYPE_SQL} AS "ownerType" FROM balances WHERE ($1::text IS NULL OR account = $1) AND ($2::text IS NULL OR currency = $2) ORDER BY account, currency`,
        [filter.account ?? null, filter.currency ?? null],
      ),
    );
  }
  contract(id: string): Promise<ContractRow | undefined> {
    return this.guard(() => contractOf(this.pool, id));
  }
  contracts(filter: { owner?: string; limit: number; offset: number }): Promise<ContractRow[]> {
    return this.guard(() =>
      rows<ContractRow>(this.pool, `SELECT ${contractColumns} FROM contracts WHERE ($1::text IS NULL OR owner = $1) ORDER BY created_height, id LIMIT $2 OFFSET $3`, [
        filter.owner ?? null,
        filter.limit,
        filter.offset,
      ]),
    );
  }
  contractCode(id: string, version?: number): Promise<ContractCode | undefined> {
    return this.guard(() => contractCodeOf(this.pool, id, version));
  }
  contractVersions(id: string) {
    return this.guard(() =>
      rows<{ version: number; codeHash: string; height: number; txId: string }>(
        this.pool,
        'SELECT version, code_hash AS "codeHash", height, tx_id AS "txId" FROM contract_versions WHERE contract_id = $1 ORDER BY version',
        [id],
      ),
    );
  }
  contractState(id: string): Promise<State> {
    return this.guard(() => contractStateOf(this.pool, id));
  }
  transaction(id: string): Promise<TxRow | undefined> {
    return this.guard(async () => {
      const [row] = await rows<RawTx>(this.pool, `SELECT ${txColumns} FROM transactions WHERE id = $1`, [id]);
      return row && parseTx(row);
    });
  }
  transactions(filter: TxFilter): Promise<TxRow[]> {
    const order = filter.newestFirst ? 'DESC' : 'ASC';
    return this.guard(async () =>
      (
        await rows<RawTx>(
          this.pool,
          `SELECT ${txColumns} FROM transactions WHERE ($1::text IS NULL OR sender = $1) AND ($2::text IS NULL OR contract_id = $2) AND height >= $3 AND height <= $4 ORDER BY height ${order}, position ${order} LIMIT $5`,
          [filter.sender ?? null, filter.contractId ?? null, filter.fromHeight ?? 0, filter.toHeight ?? Number.MAX_SAFE_INTEGER, filter.limit],
        )
      ).map(parseTx),
    );
  }
  callInputs(contractId: string): Promise<CallInputs | undefined> {
    return this.snapshot(async (tx) => {
      const head = await headOf(tx);
      const contract = await contractOf(tx, contractId);
      const code = await contractCodeOf(tx, contractId);
      return contract && code ? { head: head!, contract, code: code.code, state: await contractStateOf(tx, contractId) } : undefined;
    });
  }
  balanceProof(account: string, currency: string, bucket: number, knownHead?: string): Promise<ProofInputs<BalanceRow>> {
    return this.snapshot(async (tx) => {
      const [value] = await rows<BalanceRow>(tx, 'SELECT account, currency, amount FROM balances WHERE account = $1 AND currency = $2', [account, currency]);
      return proofInputs(tx, value, bucket, knownHead);
    });
  }
  valueProof(contractId: string, key: string, bucket: number, knownHead?: string): Promise<ProofInputs<JsonValue>> {
    return this.snapshot(async (tx) => {
      const [row] = await rows<{ value: string }>(tx, 'SELECT value FROM contract_state WHERE contract_id = $1 AND key = $2', [contractId, key]);
      return proofInputs(tx, row && (JSON.parse(row.value) as JsonValue), bucket, knownHead);
    });
  }
  memberProof(team: string, member: string, bucket: number, knownHead?: string): Promise<ProofInputs<MemberRow>> {
    return this.snapshot(async (tx) => {
      const [row] = await rows<MemberRow>(tx, `SELECT ${memberColumns} FROM team_members WHERE team = $1 AND member = $2`, [team, member]);
      return proofInputs(tx, row, bucket, knownHead);
    });
  }
  tableRows(table: string, orderBy: string): Promise<string[]> {
    return this.guard(async () => (await rows<Record<string, unknown>>(this.pool, `SELECT * FROM ${table} ORDER BY ${orderBy}`)).map(neutralRow));
  }

  async onForeignCommit(listener: () => void): Promise<void> {
    this.listener = await this.guard(() => listen(this.url, BLOCKS_CHANNEL, listener, listener));
  }

  async close(): Promise<void> {
    await this.listener?.close();
    await this.pool.end();
  }

  /** Reads that must agree with each other: one REPEATABLE READ, READ ONLY transaction. */
  private snapshot<T>(read: (tx: Runner) => Promise<T>): Promise<T> {
    return this.guard(() => transaction(this.pool, 'BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY', read));
  }
}

async function headOf(sql: Runner): Promise<BlockRow | undefined> {
  const [row] = await rows<RawBlock>(sql, `SELECT ${blockColumns} FROM blocks ORDER BY height DESC LIMIT 1`);
  return row && parseBlock(row);
}

async function teamsOf(sql: Runner, ids: string[]): Promise<TeamRow[]> {
  return (await rows<RawTeam>(sql, `SELECT ${teamColumns} FROM teams WHERE id = ANY($1::text[])`, [ids])).map(parseTeam);
}

async function contractOf(sql: Runner, id: string): Promise<ContractRow | undefined> {
  return (await rows<ContractRow>(sql, `SELECT ${contractColumns} FROM contracts WHERE id = $1`, [id]))[0];
}

function currenciesOf(sql: Runner): Promise<CurrencyRow[]> {
  return rows<CurrencyRow>(sql, 'SELECT code, decimals FROM currencies ORDER BY code');
}

async function contractCodeOf(sql: Runner, id: string, version?: number): Promise<ContractCode | undefined> {
  const [row] = await rows<ContractCode>(
    sql,
    'SELECT code, code_hash AS "codeHash", version, height FROM contract_versions WHERE contract_id = $1 AND version = COALESCE($2::bigint, (SELECT version FROM contracts WHERE id = $1))',
    [id, version ?? null],
  );
  return row;
}

async function contractStateOf(sql: Runner, id: string): Promise<State> {
  const state: State = {};
  for (const row of await rows<{ key: string; value: string }>(sql, 'SELECT key, value FROM contract_state WHERE contract_id = $1 ORDER BY key', [id]))
    state[row.key] = JSON.parse(row.value) as JsonValue;
  return state;
}

async function proofInputs<T>(sql: Runner, value: T | undefined, bucket: number, knownHead: string | undefined): Promise<ProofInputs<T>> {
  const head = (await headOf(sql))!;
  const leaves = await bucketLeaves(sql, [bucket]);
  return { head, value, leaves, buckets: head.hash === knownHead ? undefined : await bucketHashes(sql) };
}

function bucketLeaves(sql: Runner, buckets: number[]): Promise<LeafRow[]> {
  return rows<LeafRow>(sql, 'SELECT path, bucket, hash FROM state_leaves WHERE bucket = ANY($1::integer[]) ORDER BY path', [buckets]);
}

async function bucketHashes(sql: Runner): Promise<Map<number, Uint8Array>> {
  return new Map((await rows<{ bucket: number; hash: Uint8Array }>(sql, 'SELECT bucket, hash FROM state_buckets')).map((row) => [row.bucket, row.hash]));
}

/** The read view's rows: one statement per table, each for every key at once. */
async function readRows(sql: Runner, keys: ReadKeys): Promise<ReadRows> {
  const accounts = [...new Set(keys.accounts)];
  const head = await headOf(sql);
  const users = await rows<UserRow>(sql, `SELECT ${userColumns} FROM users WHERE id = ANY($1::text[])`, [accounts]);
  const teams = await teamsOf(sql, accounts);
  const contracts = await rows<ContractRow>(sql, `SELECT ${contractColumns} FROM contracts WHERE id = ANY($1::text[])`, [accounts]);
  const members = keys.members.length
    ? await rows<MemberRow>(sql, `SELECT m.team, m.member, m.role, m.height FROM team_members m JOIN unnest($1::text[], $2::text[]) AS k(team, member) ON m.team = k.team AND m.member = k.member`, [
        keys.members.map((k) => k[0]),
        keys.members.map((k) => k[1]),
      ])
    : [];
  const usernames = keys.usernames.length ? await rows<UserRow>(sql, `SELECT ${userColumns} FROM users WHERE username = ANY($1::text[])`, [[...new Set(keys.usernames)]]) : [];
  const values = keys.values.length
    ? await rows<{ contractId: string; key: string; value: string }>(
        sql,
        'SELECT s.contract_id AS "contractId", s.key, s.value FROM contract_state s JOIN unnest($1::text[], $2::text[]) AS k(contract_id, key) ON s.contract_id = k.contract_id AND s.key = k.key',
        [keys.values.map((k) => k[0]), keys.values.map((k) => k[1])],
      )
    : [];
  const currencies = await currenciesOf(sql);
  const balances = keys.balances.length
    ? await rows<BalanceRow>(
        sql,
        'SELECT b.account, b.currency, b.amount FROM balances b JOIN unnest($1::text[], $2::text[]) AS k(account, currency) ON b.account = k.account AND b.currency = k.currency',
        [keys.balances.map((k) => k[0]), keys.balances.map((k) => k[1])],
      )
    : [];
  const committed = keys.txIds.length
    ? await rows<{ id: string; height: number; blockHash: string; result: string }>(
        sql,
        'SELECT t.id, t.height, b.hash AS "blockHash", t.result FROM transactions t JOIN blocks b ON b.height = t.height WHERE t.id = ANY($1::text[])',
        [[...keys.txIds]],
      )
    : [];
  return {
    head,
    users,
    teams,
    contracts,
    members,
    usernames,
    currencies,
    balances,
    values: values.map((row) => ({ ...row, value: JSON.parse(row.value) as JsonValue })),
    committed: committed.map((row) => ({ ...row, result: JSON.parse(row.result) as TxResult })),
  };
}

/** The write set, one statement per table (multi-row through unnest), in foreign-key order; then the block and the notification. */
async function writeRows(sql: Runner, writes: WriteSet): Promise<void> {
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
  const run = (text: string, values: unknown[]) => sql.query(text, values);

  for (const [key, value] of writes.meta) await run('INSERT INTO meta (key, value) VALUES ($1, $2) ON CONFLICT (key) DO UPDATE SET value = excluded.value', [key, JSON.stringify(value)]);
  const currencies = writes.currencies;
  if (currencies.length) {
    await run('INSERT INTO currencies (code, decimals, created_height) SELECT * FROM unnest($1::text[], $2::integer[], $3::bigint[])', [
      currencies.map((c) => c.code),
      currencies.map((c) => c.decimals),
      currencies.map((c) => c.createdHeight),
    ]);
  }
  if (writes.releasedUsernames.size) await run('UPDATE users SET username = NULL WHERE username = ANY($1::text[])', [[...writes.releasedUsernames]]);
  if (users.length) {
    await run(
      `INSERT INTO users (id, public_key, username, display_name, bio, next_nonce, created_height)
       SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::bigint[], $7::bigint[])
       ON CONFLICT (id) DO UPDATE SET username = excluded.username, display_name = excluded.display_name, bio = excluded.bio, next_nonce = excluded.next_nonce`,
      [
        users.map((u) => u.id),
        users.map((u) => u.publicKey),
        users.map((u) => u.username),
        users.map((u) => u.displayName),
        users.map((u) => u.bio),
        users.map((u) => u.nextNonce),
        users.map((u) => u.createdHeight),
      ],
    );
  }
  const teams = [...writes.teams.values()];
  if (teams.length) {
    await run(
      `INSERT INTO teams (id, name, members_may, owners, creator, created_height) SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::integer[], $5::text[], $6::bigint[])
       ON CONFLICT (id) DO UPDATE SET name = excluded.name, members_may = excluded.members_may, owners = excluded.owners`,
      [teams.map((t) => t.id), teams.map((t) => t.name), teams.map((t) => JSON.stringify(t.membersMay)), teams.map((t) => t.owners), teams.map((t) => t.creator), teams.map((t) => t.createdHeight)],
    );
  }
  const putMembers = [...writes.members.values()].filter((row): row is MemberRow => row !== undefined);
  const removedMembers = [...writes.members].filter(([, row]) => !row).map(([key]) => key.split('\u0000') as [string, string]);
  if (putMembers.length) {
    await run(
      `INSERT INTO team_members (team, member, role, height) SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::bigint[])
       ON CONFLICT (team, member) DO UPDATE SET role = excluded.role, height = excluded.height`,
      [putMembers.map((m) => m.team), putMembers.map((m) => m.member), putMembers.map((m) => m.role), putMembers.map((m) => m.height)],
    );
  }
  if (removedMembers.length) {
    await run('DELETE FROM team_members m USING unnest($1::text[], $2::text[]) AS d(team, member) WHERE m.team = d.team AND m.member = d.member', [
      removedMembers.map(([team]) => team),
      removedMembers.map(([, member]) => member),
    ]);
  }
  if (balances.length) {
    await run(
      `INSERT INTO balances (account, currency, amount, updated_height) SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::bigint[])
       ON CONFLICT (account, currency) DO UPDATE SET amount = excluded.amount, updated_height = excluded.updated_height`,
      [balances.map((b) => b.account), balances.map((b) => b.currency), balances.map((b) => b.amount), balances.map((b) => b.height)],
    );
  }
  if (contracts.length) {
    await run(
      `INSERT INTO contracts (id, owner, version, code_hash, state_height, created_height, deposit_bytes, deposit)
       SELECT * FROM unnest($1::text[], $2::text[], $3::bigint[], $4::text[], $5::bigint[], $6::bigint[], $7::bigint[], $8::text[])
       ON CONFLICT (id) DO UPDATE SET version = excluded.version, code_hash = excluded.code_hash, state_height = excluded.state_height, deposit_bytes = excluded.deposit_bytes, deposit = excluded.deposit`,
      [
        contracts.map((c) => c.id),
        contracts.map((c) => c.owner),
        contracts.map((c) => c.version),
        contracts.map((c) => c.codeHash),
        contracts.map((c) => c.stateHeight),
        contracts.map((c) => c.createdHeight),
        contracts.map((c) => c.depositBytes),
        contracts.map((c) => c.deposit),
      ],
    );
  }
  const versions = writes.contractVersions;
  if (versions.length) {
    await run('INSERT INTO contract_versions (contract_id, version, code, code_hash, height, tx_id) SELECT * FROM unnest($1::text[], $2::bigint[], $3::text[], $4::text[], $5::bigint[], $6::text[])', [
      versions.map((r) => r.contractId),
      versions.map((r) => r.version),
      versions.map((r) => r.code),
      versions.map((r) => r.codeHash),
      versions.map((r) => r.height),
      versions.map((r) => r.txId),
    ]);
  }
  if (setState.length) {
    await run(
      `INSERT INTO contract_state (contract_id, key, value) SELECT * FROM unnest($1::text[], $2::text[], $3::text[])
       ON CONFLICT (contract_id, key) DO UPDATE SET value = excluded.value`,
      [setState.map((r) => r.contractId), setState.map((r) => r.key), setState.map((r) => JSON.stringify(r.value))],
    );
  }
  if (deleteState.length) {
    await run('DELETE FROM contract_state c USING unnest($1::text[], $2::text[]) AS d(contract_id, key) WHERE c.contract_id = d.contract_id AND c.key = d.key', [
      deleteState.map((r) => r.contractId),
      deleteState.map((r) => r.key),
    ]);
  }
  const txs = writes.transactions;
  if (txs.length) {
    await run(
      'INSERT INTO transactions (id, height, position, kind, sender, nonce, contract_id, signed, result) SELECT * FROM unnest($1::text[], $2::bigint[], $3::integer[], $4::text[], $5::text[], $6::bigint[], $7::text[], $8::text[], $9::text[])',
      [
        txs.map((r) => r.id),
        txs.map((r) => r.height),
        txs.map((r) => r.position),
        txs.map((r) => r.kind),
        txs.map((r) => r.sender),
        txs.map((r) => r.nonce),
        txs.map((r) => r.contractId),
        txs.map((r) => JSON.stringify(r.signed)),
        txs.map((r) => JSON.stringify(r.result)),
      ],
    );
  }
  if (putLeaves.length) {
    await run(
      `INSERT INTO state_leaves (path, bucket, hash) SELECT p, b, decode(h, 'hex') FROM unnest($1::text[], $2::integer[], $3::text[]) AS t(p, b, h)
       ON CONFLICT (path) DO UPDATE SET hash = excluded.hash`,
      [putLeaves.map((l) => l.path), putLeaves.map((l) => l.bucket), putLeaves.map((l) => hex(l.hash))],
    );
  }
  if (deleteLeaves.length) await run('DELETE FROM state_leaves WHERE path = ANY($1::text[])', [deleteLeaves]);
  if (putBuckets.length) {
    await run(
      `INSERT INTO state_buckets (bucket, hash) SELECT b, decode(h, 'hex') FROM unnest($1::integer[], $2::text[]) AS t(b, h)
       ON CONFLICT (bucket) DO UPDATE SET hash = excluded.hash`,
      [putBuckets.map(([b]) => b), putBuckets.map(([, h]) => hex(h!))],
    );
  }
  if (deleteBuckets.length) await run('DELETE FROM state_buckets WHERE bucket = ANY($1::integer[])', [deleteBuckets]);
  const block = writes.block;
  if (block) {
    const inserted = await run(
      `INSERT INTO blocks (height, hash, parent_hash, state_root, timestamp, producer, tx_ids, engine_hash)
       SELECT $1, $2, $3, $4, $5, $6, $7, $8 WHERE $1::bigint = 0 OR EXISTS (SELECT 1 FROM blocks WHERE height = $1::bigint - 1 AND hash = $3)`,
      [block.height, block.hash, block.parentHash, block.stateRoot, block.timestamp, block.producer, JSON.stringify(block.txIds), block.engineHash],
    );
    if (inserted.rowCount !== 1) throw new Error(`block ${block.height} does not extend the head (parent ${block.parentHash})`);
    await run('SELECT pg_notify($1, $2)', [BLOCKS_CHANNEL, String(block.height)]);
  }
}
