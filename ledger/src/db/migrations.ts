// The schema, as numbered steps, one place for both backends: each step in SQLite's and in
// PostgreSQL's dialect, the same tables, columns and orders. SQLite records how many steps have run in
// `PRAGMA user_version`, PostgreSQL in `tana_schema`; a ledger applies the rest at start (SQLite: each
// in its own transaction; PostgreSQL: together, under a lock, so nodes starting together migrate once). Append, never
// edit a shipped step. PostgreSQL's text columns use the "C" collation so every ORDER BY sorts bytes,
// as SQLite does: the state tree and `tana verify` compare rows in that order. SQLite runs the steps
// with foreign keys off (the only way to rebuild a referenced table) and checks them all afterwards.
export interface Migration {
  sqlite: string;
  postgres: string;
}

export const MIGRATIONS: Migration[] = [
  {
    sqlite: `
  CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);

  CREATE TABLE users (
    id TEXT PRIMARY KEY,
    public_key TEXT NOT NULL,
    display_name TEXT,
    next_nonce INTEGER NOT NULL DEFAULT 0,
    created_height INTEGER NOT NULL
  );

  CREATE TABLE currencies (
    code TEXT PRIMARY KEY,
    decimals INTEGER NOT NULL CHECK (decimals BETWEEN 0 AND 18),
    created_height INTEGER NOT NULL
  );

  -- Amounts are whole numbers of the smallest unit, as decimal text (no 2^63 ceiling).
  CREATE TABLE balances (
    account TEXT NOT NULL,
    currency TEXT NOT NULL REFERENCES currencies(code),
    amount TEXT NOT NULL CHECK (amount GLOB '[0-9]*' AND amount NOT GLOB '*[^0-9]*'),
    updated_height INTEGER NOT NULL,
    PRIMARY KEY (account, currency)
  ) WITHOUT ROWID;

  CREATE TABLE contracts (
    id TEXT PRIMARY KEY,
    owner TEXT NOT NULL REFERENCES users(id),
    version INTEGER NOT NULL,
    code_hash TEXT NOT NULL,
    -- Height of the block that last changed this contract's state: a call run on older state conflicts.
    state_height INTEGER NOT NULL,
    created_height INTEGER NOT NULL
  );

  CREATE TABLE contract_versions (
    contract_id TEXT NOT NULL REFERENCES contracts(id),
    version INTEGER NOT NULL,
    code TEXT NOT NULL,
    code_hash TEXT NOT NULL,
    height INTEGER NOT NULL,
    tx_id TEXT NOT NULL,
    PRIMARY KEY (contract_id, version)
  );

  CREATE TABLE contract_state (
    contract_id TEXT NOT NULL REFERENCES contracts(id),
    key TEXT NOT NULL,
    value TEXT NOT NULL,
    PRIMARY KEY (contract_id, key)
  ) WITHOUT ROWID;

  CREATE TABLE transactions (
    id TEXT PRIMARY KEY,
    height INTEGER NOT NULL,
    position INTEGER NOT NULL,
    kind TEXT NOT NULL,
    sender TEXT NOT NULL,
    nonce INTEGER NOT NULL,
    contract_id TEXT,
    signed TEXT NOT NULL,
    result TEXT NOT NULL
  );
  CREATE INDEX transactions_by_height ON transactions(height, position);
  CREATE INDEX transactions_by_sender ON transactions(sender, nonce);
  CREATE INDEX transactions_by_contract ON transactions(contract_id, height);

  CREATE TABLE blocks (
    height INTEGER PRIMARY KEY,
    hash TEXT NOT NULL UNIQUE,
    parent_hash TEXT NOT NULL,
    state_root TEXT NOT NULL,
    timestamp INTEGER NOT NULL,
    producer TEXT NOT NULL,
    tx_ids TEXT NOT NULL,
    engine_hash TEXT NOT NULL
  );

  -- The state commitment (see @tana/engine state-proof.ts): one row per leaf, one per non-empty bucket.
  CREATE TABLE state_leaves (path TEXT PRIMARY KEY, bucket INTEGER NOT NULL, hash BLOB NOT NULL) WITHOUT ROWID;
  CREATE INDEX state_leaves_by_bucket ON state_leaves(bucket, path);
  CREATE TABLE state_buckets (bucket INTEGER PRIMARY KEY, hash BLOB NOT NULL);
  `,
    postgres: `
  CREATE TABLE meta (key TEXT COLLATE "C" PRIMARY KEY, value TEXT NOT NULL);

  CREATE TABLE users (
    id TEXT COLLATE "C" PRIMARY KEY,
    public_key TEXT COLLATE "C" NOT NULL,
    display_name TEXT COLLATE "C",
    next_nonce BIGINT NOT NULL DEFAULT 0,
    created_height BIGINT NOT NULL
  );

  CREATE TABLE currencies (
    code TEXT COLLATE "C" PRIMARY KEY,
    decimals INTEGER NOT NULL CHECK (decimals BETWEEN 0 AND 18),
    created_height BIGINT NOT NULL
  );

  -- Amounts are whole numbers of the smallest unit, as decimal text (no 2^63 ceiling).
  CREATE TABLE balances (
    account TEXT COLLATE "C" NOT NULL,
    currency TEXT COLLATE "C" NOT NULL REFERENCES currencies(code),
    amount TEXT COLLATE "C" NOT NULL CHECK (amount ~ '^[0-9]+$'),
    updated_height BIGINT NOT NULL,
    PRIMARY KEY (account, currency)
  );

  CREATE TABLE contracts (
    id TEXT COLLATE "C" PRIMARY KEY,
    owner TEXT COLLATE "C" NOT NULL REFERENCES users(id),
    version BIGINT NOT NULL,
    code_hash TEXT COLLATE "C" NOT NULL,
    -- Height of the block that last changed this contract's state: a call run on older state conflicts.
    state_height BIGINT NOT NULL,
    created_height BIGINT NOT NULL
  );

  CREATE TABLE contract_versions (
    contract_id TEXT COLLATE "C" NOT NULL REFERENCES contracts(id),
    version BIGINT NOT NULL,
    code TEXT NOT NULL,
    code_hash TEXT COLLATE "C" NOT NULL,
    height BIGINT NOT NULL,
    tx_id TEXT COLLATE "C" NOT NULL,
    PRIMARY KEY (contract_id, version)
  );

  CREATE TABLE contract_state (
    contract_id TEXT COLLATE "C" NOT NULL REFERENCES contracts(id),
    key TEXT COLLATE "C" NOT NULL,
    value TEXT NOT NULL,
    PRIMARY KEY (contract_id, key)
  );

  CREATE TABLE transactions (
    id TEXT COLLATE "C" PRIMARY KEY,
    height BIGINT NOT NULL,
    position INTEGER NOT NULL,
    kind TEXT COLLATE "C" NOT NULL,
    sender TEXT COLLATE "C" NOT NULL,
    nonce BIGINT NOT NULL,
    contract_id TEXT COLLATE "C",
    signed TEXT NOT NULL,
    result TEXT NOT NULL
  );
  CREATE INDEX transactions_by_height ON transactions(height, position);
  CREATE INDEX transactions_by_sender ON transactions(sender, nonce);
  CREATE INDEX transactions_by_contract ON transactions(contract_id, height);

  -- UNIQUE(height) (the key) and the parent-hash check on insert: the chain cannot fork or skip.
  CREATE TABLE blocks (
    height BIGINT PRIMARY KEY,
    hash TEXT COLLATE "C" NOT NULL UNIQUE,
    parent_hash TEXT COLLATE "C" NOT NULL,
    state_root TEXT COLLATE "C" NOT NULL,
    timestamp BIGINT NOT NULL,
    producer TEXT COLLATE "C" NOT NULL,
    tx_ids TEXT NOT NULL,
    engine_hash TEXT COLLATE "C" NOT NULL
  );

  -- The state commitment (see @tana/engine state-proof.ts): one row per leaf, one per non-empty bucket.
  CREATE TABLE state_leaves (path TEXT COLLATE "C" PRIMARY KEY, bucket INTEGER NOT NULL, hash BYTEA NOT NULL);
  CREATE INDEX state_leaves_by_bucket ON state_leaves(bucket, path);
  CREATE TABLE state_buckets (bucket INTEGER PRIMARY KEY, hash BYTEA NOT NULL);
  `,
  },
  {
    // Profiles, teams, and contracts owned by teams and backed by a storage deposit.
    sqlite: `
  ALTER TABLE users ADD COLUMN username TEXT;
  ALTER TABLE users ADD COLUMN bio TEXT;
  CREATE UNIQUE INDEX users_by_username ON users(username);

  CREATE TABLE teams (
    id TEXT PRIMARY KEY,
    name TEXT,
    -- JSON array, sorted: what members who are not owners may do ("deploy", "spend").
    members_may TEXT NOT NULL,
    owners INTEGER NOT NULL CHECK (owners >= 1),
    creator TEXT NOT NULL REFERENCES users(id),
    created_height INTEGER NOT NULL
  );

  CREATE TABLE team_members (
    team TEXT NOT NULL REFERENCES teams(id),
    member TEXT NOT NULL REFERENCES users(id),
    role TEXT NOT NULL CHECK (role IN ('owner', 'member')),
    height INTEGER NOT NULL,
    PRIMARY KEY (team, member)
  ) WITHOUT ROWID;
  CREATE INDEX team_members_by_member ON team_members(member, team);

  -- A contract's owner is a user or a team: the table is rebuilt without its foreign key to users.
  CREATE TABLE contracts_v2 (
    id TEXT PRIMARY KEY,
    owner TEXT NOT NULL,
    version INTEGER NOT NULL,
    code_hash TEXT NOT NULL,
    state_height INTEGER NOT NULL,
    created_height INTEGER NOT NULL,
    deposit_bytes INTEGER NOT NULL DEFAULT 0,
    deposit TEXT NOT NULL DEFAULT '0' CHECK (deposit GLOB '[0-9]*' AND deposit NOT GLOB '*[^0-9]*')
  );
  INSERT INTO contracts_v2 (id, owner, version, code_hash, state_height, created_height) SELECT id, owner, version, code_hash, state_height, created_height FROM contracts;
  DROP TABLE contracts;
  ALTER TABLE contracts_v2 RENAME TO contracts;
  CREATE INDEX contracts_by_owner ON contracts(owner, created_height);
  `,
    postgres: `
  ALTER TABLE users ADD COLUMN username TEXT COLLATE "C", ADD COLUMN bio TEXT;
  CREATE UNIQUE INDEX users_by_username ON users(username);

  CREATE TABLE teams (
    id TEXT COLLATE "C" PRIMARY KEY,
    name TEXT COLLATE "C",
    -- JSON array, sorted: what members who are not owners may do ("deploy", "spend").
    members_may TEXT COLLATE "C" NOT NULL,
    owners INTEGER NOT NULL CHECK (owners >= 1),
    creator TEXT COLLATE "C" NOT NULL REFERENCES users(id),
    created_height BIGINT NOT NULL
  );

  CREATE TABLE team_members (
    team TEXT COLLATE "C" NOT NULL REFERENCES teams(id),
    member TEXT COLLATE "C" NOT NULL REFERENCES users(id),
    role TEXT COLLATE "C" NOT NULL CHECK (role IN ('owner', 'member')),
    height BIGINT NOT NULL,
    PRIMARY KEY (team, member)
  );
  CREATE INDEX team_members_by_member ON team_members(member, team);

  -- A contract's owner is a user or a team.
  ALTER TABLE contracts
    DROP CONSTRAINT contracts_owner_fkey,
    ADD COLUMN deposit_bytes BIGINT NOT NULL DEFAULT 0,
    ADD COLUMN deposit TEXT COLLATE "C" NOT NULL DEFAULT '0' CHECK (deposit ~ '^[0-9]+$');
  CREATE INDEX contracts_by_owner ON contracts(owner, created_height);
  `,
  },
];
