// The schema, as numbered steps. `PRAGMA user_version` records how many have run; the service
// applies the rest at start, each in its own transaction. Append, never edit a shipped step.
export const MIGRATIONS: string[] = [
  `
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
];
