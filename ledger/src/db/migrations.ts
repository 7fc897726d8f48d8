// The schema, as numbered steps, one place for both backends: each step in SQLite's and in
// PostgreSQL's dialect, the same tables, columns and orders. SQLite records how many steps have run in
// `PRAGMA user_version`, PostgreSQL in `tana_schema`; a ledger applies the rest at start (SQLite: each
// in its own transaction; PostgreSQL: together, under a lock, so nodes starting together migrate once). Append, never
// edit a shipped step. PostgreSQL's text columns use the "C" collation so every ORDER BY sorts bytes,
// as SQLite does: the state tree and `tana verify` compare rows in that order.
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
];
