// A database made before profiles, teams and deposits (schema step 1) with a chain in it: the next
// steps keep every row, every reference holds (SQLite rebuilds `contracts` without its foreign key to
// users), and contracts may then belong to teams. On the suite's backend.
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { createPostgresDatabase, sqlOn, testBackend } from '../../../tests/support/database.ts';
import { MIGRATIONS } from './migrations.ts';
import { openStore } from './open-store.ts';
import { emptyWriteSet } from './write-set.ts';

const dir = mkdtempSync(join(tmpdir(), 'tana-migrate-'));
const drops: (() => Promise<void>)[] = [];
after(async () => {
  rmSync(dir, { recursive: true, force: true });
  for (const drop of drops) await drop();
});

const ROWS = [
  "INSERT INTO users (id, public_key, display_name, next_nonce, created_height) VALUES ('alice', 'aa', 'Alice', 2, 1)",
  "INSERT INTO currencies (code, decimals, created_height) VALUES ('USD', 2, 0)",
  "INSERT INTO balances (account, currency, amount, updated_height) VALUES ('alice', 'USD', '100', 1)",
  "INSERT INTO contracts (id, owner, version, code_hash, state_height, created_height) VALUES ('counter', 'alice', 1, 'cc', 2, 2)",
  "INSERT INTO contract_versions (contract_id, version, code, code_hash, height, tx_id) VALUES ('counter', 1, 'code', 'cc', 2, 'tt')",
  "INSERT INTO contract_state (contract_id, key, value) VALUES ('counter', 'n', '1')",
];

/** A database at schema step 1 holding ROWS: its location for openStore. */
async function stepOneDatabase(): Promise<string> {
  if (testBackend === 'sqlite') {
    const path = join(dir, 'old.sqlite');
    const db = new Database(path);
    db.exec(MIGRATIONS[0]!.sqlite);
    for (const row of ROWS) db.exec(row);
    db.pragma('user_version = 1');
    db.close();
    return path;
  }
  const database = await createPostgresDatabase();
  drops.push(database.drop);
  await sqlOn(
    database.url,
    [MIGRATIONS[0]!.postgres],
    ['CREATE TABLE tana_schema (version INTEGER NOT NULL)'],
    ['INSERT INTO tana_schema (version) VALUES (1)'],
    ...ROWS.map((row): [string] => [row]),
  );
  return database.url;
}

test('the later steps keep a step-1 chain’s rows and let a team own a contract', async () => {
  const store = await openStore(await stepOneDatabase());
  try {
    assert.deepEqual(await store.contract('counter'), { id: 'counter', owner: 'alice', version: 1, codeHash: 'cc', stateHeight: 2, createdHeight: 2, depositBytes: 0, deposit: '0' });
    assert.deepEqual(await store.contractState('counter'), { n: 1 });
    assert.equal((await store.contractCode('counter'))?.code, 'code');
    assert.deepEqual(await store.user('alice'), { id: 'alice', publicKey: 'aa', username: null, displayName: 'Alice', bio: null, nextNonce: 2, createdHeight: 1 });
    assert.deepEqual(await store.balances({ account: 'alice' }), [{ account: 'alice', currency: 'USD', amount: '100', ownerType: 'user' }]);
    const rows = await store.tableRows('contracts', 'id');
    assert.equal(rows.length, 1);
    await store.serialised(async (session) => {
      // A contract owned by a team: refused by step 1's foreign key to users, taken now.
      const writes = emptyWriteSet();
      writes.users.set('bob', { id: 'bob', publicKey: 'bb', username: null, displayName: null, bio: null, nextNonce: 0, createdHeight: 3 });
      writes.teams.set('acme', { id: 'acme', name: null, membersMay: [], owners: 1, creator: 'bob', createdHeight: 3 });
      writes.contracts.set('acme-app', { id: 'acme-app', owner: 'acme', version: 1, codeHash: 'dd', stateHeight: 3, createdHeight: 3, depositBytes: 0, deposit: '0' });
      await session.write(writes);
    });
    assert.equal((await store.contract('acme-app'))?.owner, 'acme');
    assert.deepEqual(
      (await store.contracts({ owner: 'acme', limit: 10, offset: 0 })).map((c) => c.id),
      ['acme-app'],
    );
  } finally {
    await store.close();
  }
  if (testBackend === 'sqlite') {
    const db = new Database(join(dir, 'old.sqlite'));
    assert.deepEqual(db.pragma('foreign_key_check'), []);
    assert.equal(db.pragma('user_version', { simple: true }), MIGRATIONS.length);
    db.close();
  }
});
