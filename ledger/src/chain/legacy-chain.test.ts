// A chain made before users' profiles were leaves and before fees (parameters with no `ruleset` and no
// `fees`) is replayed under its own rules: its genesis root is the empty root, a registration adds
// no user leaf, nothing is charged — and `tana verify` finds it whole.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { signTransaction } from '@tana/engine';
import { openLedger, type Ledger } from '../ledger.ts';
import { generateKeyPair, transferTransaction, userTransaction } from '../client/index.ts';
import { type TestDatabase, testDatabase } from '../../../tests/support/database.ts';
import { verifyChain } from './verify.ts';

let dir: string;
let ledger: Ledger;
let database: TestDatabase;
before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'tana-legacy-'));
  database = await testDatabase();
  ledger = await openLedger({ dataDir: dir, database: database.url, workers: 1, chain: { ruleset: undefined, fees: undefined }, faucet: { amount: '100', currency: 'USD' } });
});
after(async () => {
  await ledger.close();
  rmSync(dir, { recursive: true, force: true });
  await database.drop();
});

test('a chain of the first rules: no user leaves, no fees, and it verifies', async () => {
  assert.equal(ledger.params.ruleset, undefined);
  assert.equal(ledger.params.fees, undefined);
  assert.equal((await ledger.store.block(0))!.stateRoot, '8e4b3745e5f2f7d48e36b192cb39242fa0f7a76fac1e36a519d8ebe00f3e21fb', 'the empty root');
  const chain = { ...ledger.params, engineHash: ledger.engineHash };
  const keys = await generateKeyPair();
  await ledger.submit(await signTransaction(userTransaction(chain, 'ann', keys.publicKey, 'Ann'), keys.privateKey));
  const paid = await ledger.submit(await signTransaction(transferTransaction(chain, 'ann', 1, 'ledger', '40', 'USD'), keys.privateKey));
  assert.equal(paid.result.fee, undefined);
  const paths = (await ledger.store.tableRows('state_leaves', 'path')).map((row) => (JSON.parse(row) as { path: string }).path);
  assert.deepEqual(paths.sort(), ['["balance","ann","USD"]', '["balance","ledger","USD"]']);
  const report = await verifyChain(database.url ?? join(dir, 'ledger.sqlite'));
  assert.deepEqual(report.problems, []);
});
