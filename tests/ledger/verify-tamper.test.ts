// `tana verify` against a database someone edited: every kind of tampering is found, and the first
// problem names the first bad block. Each case removes one of verify's checks from being sufficient:
// deleting the check it exercises makes its test fail.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import Database from 'better-sqlite3';
import { loadEngine, signTransaction } from '@tana/engine';
import { blockHash } from '../../ledger/src/chain/block.ts';
import { commitBlock } from '../../ledger/src/chain/commit.ts';
import { openLedger } from '../../ledger/src/ledger.ts';
import { transactionIdOf } from '../../ledger/src/tx/signature.ts';
import { callContract, prepareCall, transferTransaction } from '../../ledger/src/client/index.ts';
import type { BlockRow } from '../../ledger/src/db/store.ts';
import { createUser, deploy, startTestLedger, type TestUser } from '../support/ledger.ts';
import { TANA_BIN } from '../support/tana-process.ts';
import { readFileSync } from 'node:fs';

const counter = readFileSync(new URL('../../examples/counter.ts', import.meta.url), 'utf8');

interface Report {
  ok: boolean;
  problems: string[];
}

describe('tana verify finds tampering', () => {
  const root = mkdtempSync(join(tmpdir(), 'tana-tamper-'));
  const pristine = join(root, 'pristine');
  let alice: TestUser;
  /** Heights of the blocks holding each kind of transaction. */
  const at = { transfer: 0, call: 0, transferId: '' };

  before(async () => {
    const ledger = await startTestLedger({ dataDir: pristine, workers: 1 });
    alice = await createUser(ledger, 'alice');
    await createUser(ledger, 'bob');
    await deploy(ledger, alice, 'counter', counter);
    const engine = await loadEngine();
    const call = await callContract(ledger.client, engine, { contractId: 'counter', sender: 'alice', privateKey: alice.privateKey });
    at.call = call.submitted!.height;
    const { nextNonce } = await ledger.client.user('alice');
    const transfer = await ledger.client.submit(await signTransaction(transferTransaction(ledger.chain, 'alice', nextNonce, 'bob', '250', 'USD'), alice.privateKey));
    at.transfer = transfer.height;
    at.transferId = transfer.id;
    await callContract(ledger.client, engine, { contractId: 'counter', sender: 'alice', privateKey: alice.privateKey });
    await ledger.close(); // keeps the data directory
  });
  after(() => rmSync(root, { recursive: true, force: true }));

  let copies = 0;
  /** A copy of the pristine chain, edited by `tamper`, then verified by the tana command. */
  async function verifyTampered(tamper: (db: Database.Database) => void): Promise<Report> {
    const dir = join(root, `copy${copies++}`);
    mkdirSync(dir);
    copyFileSync(join(pristine, 'ledger.sqlite'), join(dir, 'ledger.sqlite'));
    const db = new Database(join(dir, 'ledger.sqlite'));
    tamper(db);
    db.close();
    return runVerify(dir);
  }

  async function runVerify(dir: string): Promise<Report> {
    try {
      const { stdout } = await promisify(execFile)(process.execPath, [TANA_BIN, 'verify', '--data', dir, '--json']);
      return JSON.parse(stdout) as Report;
    } catch (error) {
      const failed = error as { code: number; stdout: string };
      assert.equal(failed.code, 1, 'verify exits 1 when it finds problems');
      return JSON.parse(failed.stdout) as Report;
    }
  }

  const head = () => {
    const db = new Database(join(pristine, 'ledger.sqlite'), { readonly: true });
    const height = (db.prepare('SELECT MAX(height) AS h FROM blocks').get() as { h: number }).h;
    db.close();
    return height;
  };

  function expectFirst(report: Report, height: number, pattern: RegExp): void {
    assert.equal(report.ok, false);
    assert.match(report.problems[0] ?? '', new RegExp(`^block ${height}\\b`), report.problems.join('\n'));
    assert.ok(
      report.problems.some((p) => pattern.test(p)),
      `${pattern} in:\n${report.problems.join('\n')}`,
    );
  }

  test('the untouched chain verifies', async () => {
    const report = await runVerify(pristine);
    assert.deepEqual(report.problems, []);
  });

  test('a balance edited in place: the head block, balances', async () => {
    const report = await verifyTampered((db) => db.prepare("UPDATE balances SET amount = '99999999' WHERE account = 'bob' AND currency = 'USD'").run());
    expectFirst(report, head(), /balances: stored .*99999999/);
  });

  test('a contract value edited in place: the head block, contract_state', async () => {
    const report = await verifyTampered((db) => db.prepare("UPDATE contract_state SET value = '1000' WHERE contract_id = 'counter'").run());
    expectFirst(report, head(), /contract_state: stored .*1000/);
  });

  test('a block hash changed: that block', async () => {
    const report = await verifyTampered((db) => db.prepare('UPDATE blocks SET hash = ? WHERE height = ?').run('ab'.repeat(32), at.transfer));
    expectFirst(report, at.transfer, /hash (ab)+, rebuilt/);
  });

  test('a state root rewritten, with every hash after it recomputed to match: that block, its state root', async () => {
    const report = await verifyTampered((db) => {
      const blocks = db
        .prepare(
          'SELECT height, hash, parent_hash AS parentHash, state_root AS stateRoot, timestamp, producer, tx_ids AS txIds, engine_hash AS engineHash FROM blocks WHERE height >= ? ORDER BY height',
        )
        .all(at.transfer) as (Omit<BlockRow, 'txIds'> & { txIds: string })[];
      let parentHash = blocks[0]!.parentHash;
      for (const raw of blocks) {
        const block = { ...raw, txIds: JSON.parse(raw.txIds) as string[], parentHash, stateRoot: raw.height === at.transfer ? 'cd'.repeat(32) : raw.stateRoot };
        const { hash: _old, ...content } = block;
        parentHash = blockHash(content);
        db.prepare('UPDATE blocks SET hash = ?, parent_hash = ?, state_root = ? WHERE height = ?').run(parentHash, block.parentHash, block.stateRoot, block.height);
      }
    });
    expectFirst(report, at.transfer, /state root (cd)+, rebuilt/);
  });

  test('a signature replaced: that block, the transaction’s signature', async () => {
    const report = await verifyTampered((db) => db.prepare("UPDATE transactions SET signed = json_set(signed, '$.signature', ?) WHERE id = ?").run('11'.repeat(64), at.transferId));
    expectFirst(report, at.transfer, new RegExp(`transaction ${at.transferId} has no valid signature`));
  });

  test('a transaction body changed: that block, not the hash of its content', async () => {
    const report = await verifyTampered((db) => db.prepare("UPDATE transactions SET signed = json_set(signed, '$.transaction.amount', '2') WHERE id = ?").run(at.transferId));
    expectFirst(report, at.transfer, new RegExp(`transaction ${at.transferId} is not the hash of its content`));
  });

  test('a transaction dropped from a block’s list: that block, its transaction list', async () => {
    const report = await verifyTampered((db) => db.prepare("UPDATE blocks SET tx_ids = '[]' WHERE height = ?").run(at.transfer));
    expectFirst(report, at.transfer, /transaction list does not match/);
  });

  test('a correctly signed call whose claimed outcome the engine does not reproduce: that block, re-execution', async () => {
    // Committed straight through the ledger's commit code, skipping its re-execution: a ledger that lied.
    const dir = join(root, 'forged');
    mkdirSync(dir);
    copyFileSync(join(pristine, 'ledger.sqlite'), join(dir, 'ledger.sqlite'));
    const ledger = await openLedger({ dataDir: dir, workers: 1 });
    let height: number;
    try {
      const engine = await loadEngine();
      const { store } = ledger;
      const prepared = await prepareCall(engine, {
        chain: { ...ledger.params, engineHash: ledger.engineHash },
        sender: 'alice',
        nonce: store.user('alice')!.nextNonce,
        contract: { id: 'counter', code: store.contractCode('counter')!.code, codeHash: store.contract('counter')!.codeHash },
        state: store.contractState('counter'),
        headHeight: store.head()!.height,
      });
      const forged = { ...prepared.transaction!, outcome: { ...prepared.transaction!.outcome, diff: { ...prepared.transaction!.outcome.diff, set: { counter: 1000 } } } };
      const signed = await signTransaction(forged, alice.privateKey);
      const result = commitBlock(store, ledger.tree, ledger.params, [{ id: transactionIdOf(forged), signed, result: {} }], { timestamp: Date.now(), engineHash: ledger.engineHash });
      assert.equal(result.rejected.size, 0);
      height = result.block!.height;
    } finally {
      await ledger.close();
    }
    const report = await runVerify(dir);
    expectFirst(report, height, /re-execution does not give the committed outcome/);
  });
});
