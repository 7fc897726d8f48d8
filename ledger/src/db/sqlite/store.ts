// The ledger's storage in one SQLite file (better-sqlite3, WAL): the embedded default. better-sqlite3
// is synchronous, so every read here sees one committed state, and a write set is written in one
// synchronous transaction; `serialised` only queues this process's commits (the file has one writer).
import type { JsonValue, State } from '@tana/engine';
import type { Statement } from 'better-sqlite3';
import type { BalanceRow, BlockRow, CommittedTx, ContractCode, ContractRow, CurrencyRow, LeafRow, MemberRow, OwnedBalanceRow, TeamRow, TxFilter, TxResult, TxRow, UserRow } from '../rows.ts';
import type { CallInputs, CommitSession, LedgerStore, ProofInputs, ReadKeys, ReadRows } from '../store.ts';
import type { WriteSet } from '../write-set.ts';
import { neutralRow, OWNER_TYPE_SQL, parseBlock, parseTeam, parseTx, type RawBlock, type RawTeam, type RawTx } from '../raw-rows.ts';
import { sqliteError } from './errors.ts';
import { type Db, openDatabase } from './open.ts';

const userColumns = 'id, public_key AS publicKey, username, display_name AS displayName, bio, next_nonce AS nextNonce, created_height AS createdHeight';
const teamColumns = 'id, name, members_may AS membersMay, owners, creator, created_height AS createdHeight';
const joinedTeamColumns = 't.id, t.name, t.members_may AS membersMay, t.owners, t.creator, t.created_height AS createdHeight';
const memberColumns = 'team, member, role, height';
const contractColumns = 'id, owner, version, code_hash AS codeHash, state_height AS stateHeight, created_height AS createdHeight, deposit_bytes AS depositBytes, deposit';
const blockColumns = 'height, hash, parent_hash AS parentHash, state_root AS stateRoot, timestamp, producer, tx_ids AS txIds, engine_hash AS engineHash';
const txColumns = 'id, height, position, kind, sender, nonce, contract_id AS contractId, signed, result';

export function openSqliteStore(path: string, options: { readonly?: boolean } = {}): SqliteStore {
  return new SqliteStore(openDatabase(path, options), path);
}

export class SqliteStore implements LedgerStore {
  readonly backend = 'sqlite' as const;
  readonly db: Db;
  readonly location: string;
  private readonly statements = new Map<string, Statement<unknown[]>>();
  private commits: Promise<unknown> = Promise.resolve();

  constructor(db: Db, location: string) {
    this.db = db;
    this.location = location;
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

  // ── commits
  serialised<T>(commit: (session: CommitSession) => Promise<T>): Promise<T> {
    const session: CommitSession = {
      read: (keys) => this.read(keys),
      bucketLeaves: async (buckets) => buckets.flatMap((bucket) => this.bucketLeavesNow(bucket)),
      bucketHashes: async () => this.bucketHashesNow(),
      write: async (writes) => this.writeNow(writes),
    };
    const run = this.commits.then(() => commit(session)).catch((error: unknown) => Promise.reject(sqliteError(error)));
    this.commits = run.catch(() => undefined);
    return run;
  }

  async read(keys: ReadKeys): Promise<ReadRows> {
    const rows: ReadRows = { head: this.headNow(), users: [], teams: [], contracts: [], members: [], usernames: [], currencies: this.currenciesNow(), balances: [], values: [], committed: [] };
    for (const id of new Set(keys.accounts)) {
      const user = this.userNow(id);
      if (user) rows.users.push(user);
      const team = this.teamNow(id);
      if (team) rows.teams.push(team);
      const contract = this.contractNow(id);
      if (contract) rows.contracts.push(contract);
    }
    for (const [team, member] of keys.members) {
      const row = this.sql(`SELECT ${memberColumns} FROM team_members WHERE team = ? AND member = ?`).get(team, member) as MemberRow | undefined;
      if (row) rows.members.push(row);
    }
    for (const username of new Set(keys.usernames)) {
      const row = this.sql(`SELECT ${userColumns} FROM users WHERE username = ?`).get(username) as UserRow | undefined;
      if (row) rows.usernames.push(row);
    }
    for (const [contractId, key] of keys.values) {
      const row = this.sql('SELECT value FROM contract_state WHERE contract_id = ? AND key = ?').get(contractId, key) as { value: string } | undefined;
      if (row) rows.values.push({ contractId, key, value: JSON.parse(row.value) as JsonValue });
    }
    for (const [account, currency] of keys.balances) {
      const row = this.sql('SELECT account, currency, amount FROM balances WHERE account = ? AND currency = ?').get(account, currency) as BalanceRow | undefined;
      if (row) rows.balances.push(row);
    }
    for (const id of new Set(keys.txIds)) {
      const row = this.sql('SELECT t.id, t.height, b.hash AS blockHash, t.result FROM transactions t JOIN blocks b ON b.height = t.height WHERE t.id = ?').get(id) as
        | (Omit<CommittedTx, 'result'> & { result: string })
        | undefined;
      if (row) rows.committed.push({ ...row, result: JSON.parse(row.result) as TxResult });
    }
    return rows;
  }

  private writeNow(writes: WriteSet): void {
    this.db.transaction(() => {
      for (const [key, value] of writes.meta) {
        this.sql('INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value').run(key, JSON.stringify(value));
      }
      for (const currency of writes.currencies) this.sql('INSERT INTO currencies (code, decimals, created_height) VALUES (?, ?, ?)').run(currency.code, currency.decimals, currency.createdHeight);
      for (const username of writes.releasedUsernames) this.sql('UPDATE users SET username = NULL WHERE username = ?').run(username);
      for (const user of writes.users.values()) {
        this.sql(
          `INSERT INTO users (id, public_key, username, display_name, bio, next_nonce, created_height) VALUES (?, ?, ?, ?, ?, ?, ?)
           ON CONFLICT(id) DO UPDATE SET username = excluded.username, display_name = excluded.display_name, bio = excluded.bio, next_nonce = excluded.next_nonce`,
        ).run(user.id, user.publicKey, user.username, user.displayName, user.bio, user.nextNonce, user.createdHeight);
      }
      for (const team of writes.teams.values()) {
        this.sql(
          `INSERT INTO teams (id, name, members_may, owners, creator, created_height) VALUES (?, ?, ?, ?, ?, ?)
           ON CONFLICT(id) DO UPDATE SET name = excluded.name, members_may = excluded.members_may, owners = excluded.owners`,
        ).run(team.id, team.name, JSON.stringify(team.membersMay), team.owners, team.creator, team.createdHeight);
      }
      for (const [key, row] of writes.members) {
        if (row)
          this.sql('INSERT INTO team_members (team, member, role, height) VALUES (?, ?, ?, ?) ON CONFLICT(team, member) DO UPDATE SET role = excluded.role, height = excluded.height').run(
            row.team,
            row.member,
            row.role,
            row.height,
          );
        else {
          const [team, member] = key.split('\u0000');
          this.sql('DELETE FROM team_members WHERE team = ? AND member = ?').run(team, member);
        }
      }
      for (const row of writes.balances.values()) {
        this.sql(
          'INSERT INTO balances (account, currency, amount, updated_height) VALUES (?, ?, ?, ?) ON CONFLICT(account, currency) DO UPDATE SET amount = excluded.amount, updated_height = excluded.updated_height',
        ).run(row.account, row.currency, row.amount, row.height);
      }
      for (const row of writes.contracts.values()) {
        this.sql(
          `INSERT INTO contracts (id, owner, version, code_hash, state_height, created_height, deposit_bytes, deposit) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
           ON CONFLICT(id) DO UPDATE SET version = excluded.version, code_hash = excluded.code_hash, state_height = excluded.state_height, deposit_bytes = excluded.deposit_bytes, deposit = excluded.deposit`,
        ).run(row.id, row.owner, row.version, row.codeHash, row.stateHeight, row.createdHeight, row.depositBytes, row.deposit);
      }
      for (const row of writes.contractVersions) {
        this.sql('INSERT INTO contract_versions (contract_id, version, code, code_hash, height, tx_id) VALUES (?, ?, ?, ?, ?, ?)').run(
          row.contractId,
          row.version,
          row.code,
          row.codeHash,
          row.height,
          row.txId,
        );
      }
      for (const { contractId, key, value } of writes.contractState.values()) {
        if (value === undefined) this.sql('DELETE FROM contract_state WHERE contract_id = ? AND key = ?').run(contractId, key);
        else
          this.sql('INSERT INTO contract_state (contract_id, key, value) VALUES (?, ?, ?) ON CONFLICT(contract_id, key) DO UPDATE SET value = excluded.value').run(
            contractId,
            key,
            JSON.stringify(value),
          );
      }
      for (const row of writes.transactions) {
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
      for (const [path, leaf] of writes.leaves) {
        if (leaf) this.sql('INSERT INTO state_leaves (path, bucket, hash) VALUES (?, ?, ?) ON CONFLICT(path) DO UPDATE SET hash = excluded.hash').run(path, leaf.bucket, leaf.hash);
        else this.sql('DELETE FROM state_leaves WHERE path = ?').run(path);
      }
      for (const [bucket, hash] of writes.buckets) {
        if (hash) this.sql('INSERT INTO state_buckets (bucket, hash) VALUES (?, ?) ON CONFLICT(bucket) DO UPDATE SET hash = excluded.hash').run(bucket, hash);
        else this.sql('DELETE FROM state_buckets WHERE bucket = ?').run(bucket);
      }
      const block = writes.block;
      if (block) {
        const parent = block.height === 0 ? undefined : this.blockNow(block.height - 1);
        if (block.height > 0 && parent?.hash !== block.parentHash) throw new Error(`block ${block.height} does not extend the head (parent ${block.parentHash})`);
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
    })();
  }

  // ── reads
  async meta<T>(key: string): Promise<T | undefined> {
    const row = this.sql('SELECT value FROM meta WHERE key = ?').get(key) as { value: string } | undefined;
    return row ? (JSON.parse(row.value) as T) : undefined;
  }
  async head() {
    return this.headNow();
  }
  async block(height: number) {
    return this.blockNow(height);
  }
  async blocks(fromHeight: number, limit: number, newestFirst = false): Promise<BlockRow[]> {
    const order = newestFirst ? 'DESC' : 'ASC';
    const rows = this.sql(`SELECT ${blockColumns} FROM blocks WHERE height >= ? ORDER BY height ${order} LIMIT ?`).all(fromHeight, limit) as RawBlock[];
    return rows.map(parseBlock);
  }
  async user(id: string) {
    return this.userNow(id);
  }
  async users(limit: number, offset: number): Promise<UserRow[]> {
    return this.sql(`SELECT ${userColumns} FROM users ORDER BY created_height, id LIMIT ? OFFSET ?`).all(limit, offset) as UserRow[];
  }
  async userByUsername(username: string): Promise<UserRow | undefined> {
    return this.sql(`SELECT ${userColumns} FROM users WHERE username = ?`).get(username) as UserRow | undefined;
  }
  async team(id: string) {
    return this.teamNow(id);
  }
  async teams(filter: { member?: string; limit: number; offset: number }): Promise<(TeamRow & { role?: MemberRow['role'] })[]> {
    const rows = filter.member
      ? (this.sql(`SELECT ${joinedTeamColumns}, m.role FROM teams t JOIN team_members m ON m.team = t.id WHERE m.member = ? ORDER BY t.created_height, t.id LIMIT ? OFFSET ?`).all(
          filter.member,
          filter.limit,
          filter.offset,
        ) as (RawTeam & { role: MemberRow['role'] })[])
      : (this.sql(`SELECT ${teamColumns} FROM teams ORDER BY created_height, id LIMIT ? OFFSET ?`).all(filter.limit, filter.offset) as RawTeam[]);
    return rows.map(parseTeam);
  }
  async teamMembers(team: string): Promise<(MemberRow & Pick<UserRow, 'username' | 'displayName'>)[]> {
    return this.sql(
      'SELECT m.team, m.member, m.role, m.height, u.username, u.display_name AS displayName FROM team_members m JOIN users u ON u.id = m.member WHERE m.team = ? ORDER BY m.role DESC, m.member',
    ).all(team) as (MemberRow & Pick<UserRow, 'username' | 'displayName'>)[];
  }
  async currencies() {
    return this.currenciesNow();
  }
  async balances(filter: { account?: string; currency?: string }): Promise<OwnedBalanceRow[]> {
    return this.sql(
      `SELECT account, currency, amount, ${OWNER_TYPE_SQL} AS ownerType FROM balances WHERE (@account IS NULL OR account = @account) AND (@currency IS NULL OR currency = @currency) ORDER BY account, currency`,
    ).all({
      account: filter.account ?? null,
      currency: filter.currency ?? null,
    }) as OwnedBalanceRow[];
  }
  async contract(id: string) {
    return this.contractNow(id);
  }
  async contracts(filter: { owner?: string; limit: number; offset: number }): Promise<ContractRow[]> {
    return this.sql(`SELECT ${contractColumns} FROM contracts WHERE (@owner IS NULL OR owner = @owner) ORDER BY created_height, id LIMIT @limit OFFSET @offset`).all({
      owner: filter.owner ?? null,
      limit: filter.limit,
      offset: filter.offset,
    }) as ContractRow[];
  }
  async contractCode(id: string, version?: number) {
    return this.contractCodeNow(id, version);
  }
  async contractVersions(id: string) {
    return this.sql('SELECT version, code_hash AS codeHash, height, tx_id AS txId FROM contract_versions WHERE contract_id = ? ORDER BY version').all(id) as {
      version: number;
      codeHash: string;
      height: number;
      txId: string;
    }[];
  }
  async contractState(id: string) {
    return this.contractStateNow(id);
  }
  async transaction(id: string) {
    const row = this.sql(`SELECT ${txColumns} FROM transactions WHERE id = ?`).get(id) as RawTx | undefined;
    return row && parseTx(row);
  }
  async transactions(filter: TxFilter): Promise<TxRow[]> {
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
  async callInputs(contractId: string): Promise<CallInputs | undefined> {
    const contract = this.contractNow(contractId);
    const code = this.contractCodeNow(contractId);
    if (!contract || !code) return undefined;
    return { head: this.headNow()!, contract, code: code.code, state: this.contractStateNow(contractId) };
  }
  async balanceProof(account: string, currency: string, bucket: number, knownHead?: string): Promise<ProofInputs<BalanceRow>> {
    const value = this.sql('SELECT account, currency, amount FROM balances WHERE account = ? AND currency = ?').get(account, currency) as BalanceRow | undefined;
    return this.proofInputs(value, bucket, knownHead);
  }
  async valueProof(contractId: string, key: string, bucket: number, knownHead?: string): Promise<ProofInputs<JsonValue>> {
    const row = this.sql('SELECT value FROM contract_state WHERE contract_id = ? AND key = ?').get(contractId, key) as { value: string } | undefined;
    return this.proofInputs(row && (JSON.parse(row.value) as JsonValue), bucket, knownHead);
  }
  async memberProof(team: string, member: string, bucket: number, knownHead?: string): Promise<ProofInputs<MemberRow>> {
    const row = this.sql(`SELECT ${memberColumns} FROM team_members WHERE team = ? AND member = ?`).get(team, member) as MemberRow | undefined;
    return this.proofInputs(row, bucket, knownHead);
  }
  async tableRows(table: string, orderBy: string): Promise<string[]> {
    return (this.db.prepare(`SELECT * FROM ${table} ORDER BY ${orderBy}`).all() as Record<string, unknown>[]).map(neutralRow);
  }

  async onForeignCommit(): Promise<void> {}

  async close(): Promise<void> {
    await this.commits;
    this.db.close();
  }

  // ── synchronous reads (one consistent state within a call)
  private proofInputs<T>(value: T | undefined, bucket: number, knownHead: string | undefined): ProofInputs<T> {
    const head = this.headNow()!;
    return { head, value, leaves: this.bucketLeavesNow(bucket), buckets: head.hash === knownHead ? undefined : this.bucketHashesNow() };
  }
  private headNow(): BlockRow | undefined {
    const row = this.sql(`SELECT ${blockColumns} FROM blocks ORDER BY height DESC LIMIT 1`).get() as RawBlock | undefined;
    return row && parseBlock(row);
  }
  private blockNow(height: number): BlockRow | undefined {
    const row = this.sql(`SELECT ${blockColumns} FROM blocks WHERE height = ?`).get(height) as RawBlock | undefined;
    return row && parseBlock(row);
  }
  private userNow(id: string): UserRow | undefined {
    return this.sql(`SELECT ${userColumns} FROM users WHERE id = ?`).get(id) as UserRow | undefined;
  }
  private teamNow(id: string): TeamRow | undefined {
    const row = this.sql(`SELECT ${teamColumns} FROM teams WHERE id = ?`).get(id) as RawTeam | undefined;
    return row && parseTeam(row);
  }
  private contractNow(id: string): ContractRow | undefined {
    return this.sql(`SELECT ${contractColumns} FROM contracts WHERE id = ?`).get(id) as ContractRow | undefined;
  }
  private currenciesNow(): CurrencyRow[] {
    return this.sql('SELECT code, decimals FROM currencies ORDER BY code').all() as CurrencyRow[];
  }
  private contractCodeNow(id: string, version?: number): ContractCode | undefined {
    return this.sql(
      'SELECT code, code_hash AS codeHash, version, height FROM contract_versions WHERE contract_id = @id AND version = COALESCE(@version, (SELECT version FROM contracts WHERE id = @id))',
    ).get({ id, version: version ?? null }) as ContractCode | undefined;
  }
  private contractStateNow(id: string): State {
    const rows = this.sql('SELECT key, value FROM contract_state WHERE contract_id = ? ORDER BY key').all(id) as { key: string; value: string }[];
    const state: State = {};
    for (const row of rows) state[row.key] = JSON.parse(row.value) as JsonValue;
    return state;
  }
  private bucketLeavesNow(bucket: number): LeafRow[] {
    return this.sql('SELECT path, bucket, hash FROM state_leaves WHERE bucket = ? ORDER BY path').all(bucket) as LeafRow[];
  }
  private bucketHashesNow(): Map<number, Uint8Array> {
    const rows = this.sql('SELECT bucket, hash FROM state_buckets').all() as { bucket: number; hash: Uint8Array }[];
    return new Map(rows.map((row) => [row.bucket, row.hash]));
  }
}
