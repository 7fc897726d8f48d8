// `tana verify` against a database someone edited: every kind of tampering is found, and the first
// problem names the first bad block. Each case removes one of verify's checks from being sufficient:
// deleting the check it exercises makes its test fail. On the suite's backend: a copy of a SQLite
// file, or of a PostgreSQL database (CREATE DATABASE … TEMPLATE), edited with plain SQL.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import Database from 'better-sqlite3';
import { FREE, loadEngine, signTransaction } from '@tana/engine';
import { blockHash } from '../../ledger/src/chain/block.ts';
import { commitBlock } from '../../ledger/src/chain/commit.ts';
import { openLedger } from '../../ledger/src/ledger.ts';
import { transactionIdOf } from '../../ledger/src/tx/signature.ts';
import { callContract, membershipTransaction, prepareCall, teamTransaction, transferTransaction, withFee } from '../../ledger/src/client/index.ts';
import type { BlockRow } from '../../ledger/src/db/store.ts';
import { postgresAdminUrl, sqlOn, testBackend } from '../support/database.ts';
import { createUser, deploy, startTestLedger, type TestUser } from '../support/ledger.ts';
import { TANA_BIN } from '../support/tana-process.ts';

const counter = readFileSync(new URL('../../examples/counter.ts', import.meta.url), 'utf8');

interface Report {
  ok: boolean;
  problems: string[];
}

/** One statement in both dialects ($1, $2… for parameters; SQLite gets them as ?), or the same text for both. */
type Sql = string | { sqlite: string; postgres: string };

/** A copy of the pristine chain: its data directory, its database, and a way to edit it. */
interface Copy {
  dir: string;
  database: string | undefined;
  run(sql: Sql, ...params: unknown[]): Promise<Record<string, unknown>[]>;
  close(): Promise<void>;
}

describe('tana verify finds tampering', () => {
  const root = mkdtempSync(join(tmpdir(), 'tana-tamper-'));
  const pristine = join(root, 'pristine');
  let pristineDatabase: string | undefined;
  const dropLater: string[] = [];
  let alice: TestUser;
  let bob: TestUser;
  /** Heights of the blocks holding each kind of transaction. */
  const at = { transfer: 0, call: 0, transferId: '', head: 0 };

  before(async () => {
    // A chain that charges fees and deposits, so that what was charged is there to tamper with.
    const chain = { fees: { ...FREE, currency: 'USD', gasPrice: '1', depositPerByte: '2' } };
    const ledger = await startTestLedger({ dataDir: pristine, workers: 1, chain, faucet: { amount: '100000000', currency: 'USD' } });
    pristineDatabase = ledger.database;
    alice = await createUser(ledger, 'alice');
    bob = await createUser(ledger, 'bob');
    await createUser(ledger, 'carol');
    const nonce = async () => (await ledger.client.user('alice')).nextNonce;
    await ledger.client.submit(await signTransaction(teamTransaction(ledger.chain, 'alice', await nonce(), 'acme', { membersMay: ['spend'] }), alice.privateKey));
    await ledger.client.submit(await signTransaction(transferTransaction(ledger.chain, 'alice', await nonce(), 'acme', '1000000', 'USD'), alice.privateKey));
    await ledger.client.submit(await signTransaction(membershipTransaction(ledger.chain, 'alice', await nonce(), 'acme', 'carol', 'member'), alice.privateKey));
    await deploy(ledger, alice, 'counter', counter);
    const engine = await loadEngine();
    const call = await callContract(ledger.client, engine, { contractId: 'counter', sender: 'alice', privateKey: alice.privateKey });
    at.call = call.submitted!.height;
    const { nextNonce } = await ledger.client.user('alice');
    const transfer = await ledger.client.submit(await signTransaction(transferTransaction(ledger.chain, 'alice', nextNonce, 'bob', '250', 'USD'), alice.privateKey));
    at.transfer = transfer.height;
    at.transferId = transfer.id;
    at.head = (await callContract(ledger.client, engine, { contractId: 'counter', sender: 'alice', privateKey: alice.privateKey })).submitted!.height;
    await ledger.close(); // keeps the data directory and the database
  });
  after(async () => {
    rmSync(root, { recursive: true, force: true });
    if (testBackend === 'postgres') {
      for (const name of [...dropLater, new URL(pristineDatabase!).pathname.slice(1)]) await sqlOn(await postgresAdminUrl(), [`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`]);
    }
  });

  let copies = 0;
  async function copy(): Promise<Copy> {
    const dir = join(root, `copy${copies++}`);
    mkdirSync(dir);
    for (const file of ['producer-key.pem', 'admin-token']) copyFileSync(join(pristine, file), join(dir, file));
    if (testBackend === 'sqlite') {
      copyFileSync(join(pristine, 'ledger.sqlite'), join(dir, 'ledger.sqlite'));
      const db = new Database(join(dir, 'ledger.sqlite'));
      return {
        dir,
        database: undefined,
        run: async (sql, ...params) => {
          const statement = db.prepare((typeof sql === 'string' ? sql : sql.sqlite).replace(/\$\d+/g, '?'));
          if (statement.reader) return statement.all(...params) as Record<string, unknown>[];
          statement.run(...params);
          return [];
        },
        close: async () => {
          db.close();
        },
      };
    }
    const name = `${new URL(pristineDatabase!).pathname.slice(1)}_copy${copies}`;
    await sqlOn(await postgresAdminUrl(), [`CREATE DATABASE ${name} TEMPLATE ${new URL(pristineDatabase!).pathname.slice(1)}`]);
    dropLater.push(name);
    const url = new URL(pristineDatabase!);
    url.pathname = `/${name}`;
    return {
      dir,
      database: url.toString(),
      run: (sql, ...params) => sqlOn(url.toString(), [typeof sql === 'string' ? sql : sql.postgres, params]),
      close: async () => {},
    };
  }

  /** A copy of the pristine chain, edited by `tamper`, then verified by the tana command. */
  async function verifyTampered(tamper: (copy: Copy) => Promise<unknown>): Promise<Report> {
    const edited = await copy();
    await tamper(edited);
    await edited.close();
    return runVerify(edited);
  }

  async function runVerify(target: { dir: string; database: string | undefined }): Promise<Report> {
    const where = target.database ? ['--db', target.database] : ['--data', target.dir];
    try {
      const { stdout } = await promisify(execFile)(process.execPath, [TANA_BIN, 'verify', ...where, '--json']);
      return JSON.parse(stdout) as Report;
    } catch (error) {
      const failed = error as { code: number; stdout: string };
      assert.equal(failed.code, 1, 'verify exits 1 when it finds problems');
      return JSON.parse(failed.stdout) as Report;
    }
  }

  function expectFirst(report: Report, height: number, pattern: RegExp): void {
    assert.equal(report.ok, false);
    assert.match(report.problems[0] ?? '', new RegExp(`^block ${height}\\b`), report.problems.join('\n'));
    assert.ok(
      report.problems.some((p) => pattern.test(p)),
      `${pattern} in:\n${report.problems.join('\n')}`,
    );
  }

  test('the untouched chain verifies', async () => {
    const report = await runVerify({ dir: pristine, database: pristineDatabase });
    assert.deepEqual(report.problems, []);
  });

  test('a balance edited in place: the head block, balances', async () => {
    const report = await verifyTampered((db) => db.run("UPDATE balances SET amount = '99999999' WHERE account = 'bob' AND currency = 'USD'"));
    expectFirst(report, at.head, /balances: stored .*99999999/);
  });

  test('a contract value edited in place: the head block, contract_state', async () => {
    const report = await verifyTampered((db) => db.run("UPDATE contract_state SET value = '1000' WHERE contract_id = 'counter'"));
    expectFirst(report, at.head, /contract_state: stored .*1000/);
  });

  test('a block hash changed: that block', async () => {
    const report = await verifyTampered((db) => db.run('UPDATE blocks SET hash = $1 WHERE height = $2', 'ab'.repeat(32), at.transfer));
    expectFirst(report, at.transfer, /hash (ab)+, rebuilt/);
  });

  test('a state root rewritten, with every hash after it recomputed to match: that block, its state root', async () => {
    const report = await verifyTampered(async (db) => {
      const blocks = (await db.run(
        'SELECT height, hash, parent_hash AS "parentHash", state_root AS "stateRoot", timestamp, producer, tx_ids AS "txIds", engine_hash AS "engineHash" FROM blocks WHERE height >= $1 ORDER BY height',
        at.transfer,
      )) as unknown as (Omit<BlockRow, 'txIds'> & { txIds: string })[];
      let parentHash = blocks[0]!.parentHash;
      for (const raw of blocks) {
        const block = {
          ...raw,
          height: Number(raw.height),
          timestamp: Number(raw.timestamp),
          txIds: JSON.parse(raw.txIds) as string[],
          parentHash,
          stateRoot: Number(raw.height) === at.transfer ? 'cd'.repeat(32) : raw.stateRoot,
        };
        const { hash: _old, ...content } = block;
        parentHash = blockHash(content);
        await db.run('UPDATE blocks SET hash = $1, parent_hash = $2, state_root = $3 WHERE height = $4', parentHash, block.parentHash, block.stateRoot, block.height);
      }
    });
    expectFirst(report, at.transfer, /state root (cd)+, rebuilt/);
  });

  test('a signature replaced: that block, the transaction’s signature', async () => {
    const report = await verifyTampered((db) =>
      db.run(
        {
          sqlite: "UPDATE transactions SET signed = json_set(signed, '$.signature', $1) WHERE id = $2",
          postgres: "UPDATE transactions SET signed = jsonb_set(signed::jsonb, '{signature}', to_jsonb($1::text))::text WHERE id = $2",
        },
        '11'.repeat(64),
        at.transferId,
      ),
    );
    expectFirst(report, at.transfer, new RegExp(`transaction ${at.transferId} has no valid signature`));
  });

  test('a transaction body changed: that block, not the hash of its content', async () => {
    const report = await verifyTampered((db) =>
      db.run(
        {
          sqlite: "UPDATE transactions SET signed = json_set(signed, '$.transaction.amount', '2') WHERE id = $1",
          postgres: "UPDATE transactions SET signed = jsonb_set(signed::jsonb, '{transaction,amount}', '\"2\"')::text WHERE id = $1",
        },
        at.transferId,
      ),
    );
    expectFirst(report, at.transfer, new RegExp(`transaction ${at.transferId} is not the hash of its content`));
  });

  test('a transaction dropped from a block’s list: that block, its transaction list', async () => {
    const report = await verifyTampered((db) => db.run("UPDATE blocks SET tx_ids = '[]' WHERE height = $1", at.transfer));
    expectFirst(report, at.transfer, /transaction list does not match/);
  });

  test('a fee changed in place: that block, what the transaction is recorded as paying', async () => {
    const report = await verifyTampered((db) =>
      db.run(
        {
          sqlite: "UPDATE transactions SET result = json_set(result, '$.fee.amount', '1') WHERE id = $1",
          postgres: "UPDATE transactions SET result = jsonb_set(result::jsonb, '{fee,amount}', '\"1\"')::text WHERE id = $1",
        },
        at.transferId,
      ),
    );
    expectFirst(report, at.transfer, new RegExp(`transaction ${at.transferId} is recorded as paying .*"amount":"1".*its replay pays`));
  });

  test('the producer’s fee income edited in place: the head block, balances', async () => {
    const report = await verifyTampered((db) => db.run("UPDATE balances SET amount = '1' WHERE account = 'ledger' AND currency = 'USD'"));
    expectFirst(report, at.head, /balances: stored .*"account":"ledger".*"amount":"1"/);
  });

  test('a storage deposit edited in place: the head block, contracts', async () => {
    const report = await verifyTampered((db) => db.run("UPDATE contracts SET deposit = '0' WHERE id = 'counter'"));
    expectFirst(report, at.head, /contracts: stored .*"deposit":"0"/);
  });

  test('a membership row changed in place: the head block, team_members', async () => {
    const report = await verifyTampered((db) => db.run("UPDATE team_members SET role = 'owner' WHERE team = 'acme' AND member = 'carol'"));
    expectFirst(report, at.head, /team_members: stored .*"role":"owner"/);
  });

  test('a membership row slipped in, and a ledger that let the false member spend: that block, the transfer does not apply', async () => {
    const edited = await copy();
    await edited.run("INSERT INTO team_members (team, member, role, height) VALUES ('acme', 'bob', 'member', 1)");
    await edited.close();
    const ledger = await openLedger({ dataDir: edited.dir, database: edited.database, workers: 1 });
    let height: number;
    try {
      const tx = transferTransaction({ ...ledger.params, engineHash: ledger.engineHash }, 'bob', (await ledger.store.user('bob'))!.nextNonce, 'bob', '600', 'USD', Date.now(), { team: 'acme' });
      height = (await ledger.submit(await signTransaction(tx, bob.privateKey))).height;
    } finally {
      await ledger.close();
    }
    const report = await runVerify(edited);
    expectFirst(report, height, /does not apply: NotTeamMember/);
  });

  test('a correctly signed call whose claimed outcome the engine does not reproduce: that block, re-execution', async () => {
    // Committed straight through the ledger's commit code, skipping its re-execution: a ledger that lied.
    const forgedCopy = await copy();
    await forgedCopy.close();
    const ledger = await openLedger({ dataDir: forgedCopy.dir, database: forgedCopy.database, workers: 1 });
    let height: number;
    try {
      const engine = await loadEngine();
      const { store } = ledger;
      const prepared = await prepareCall(engine, {
        chain: { ...ledger.params, engineHash: ledger.engineHash },
        sender: 'alice',
        nonce: (await store.user('alice'))!.nextNonce,
        contract: { id: 'counter', code: (await store.contractCode('counter'))!.code, codeHash: (await store.contract('counter'))!.codeHash },
        state: await store.contractState('counter'),
        headHeight: (await store.head())!.height,
      });
      const claim = prepared.transaction!.outcome;
      const forged = withFee({ ...prepared.transaction!, outcome: { ...claim, diff: { ...claim.diff, set: { counter: 1000 } } } }, { ...ledger.params, engineHash: ledger.engineHash });
      const signed = await signTransaction(forged, alice.privateKey);
      const result = await commitBlock(store, ledger.tree, ledger.params, [{ id: transactionIdOf(forged), signed, result: {} }], { timestamp: Date.now(), engineHash: ledger.engineHash });
      assert.equal(result.rejected.size, 0);
      height = result.block!.height;
    } finally {
      await ledger.close();
    }
    const report = await runVerify(forgedCopy);
    expectFirst(report, height, /re-execution does not give the committed outcome/);
  });
});
