// Team rules inside one block: a membership is checked at the position its transaction has in the
// block, so a removal ahead of a member's act refuses the act even when both were admitted together.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { signTransaction, type Transaction } from '@tana/engine';
import { openLedger, type Ledger } from '../ledger.ts';
import { generateKeyPair, membershipTransaction, teamTransaction, transferTransaction, userTransaction, type KeyPair } from '../client/index.ts';
import { transactionIdOf } from '../tx/signature.ts';
import { type TestDatabase, testDatabase } from '../../../tests/support/database.ts';
import { commitBlock } from './commit.ts';

let dir: string;
let ledger: Ledger;
let database: TestDatabase;
const keys = new Map<string, KeyPair>();

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'tana-teams-'));
  database = await testDatabase();
  ledger = await openLedger({ dataDir: dir, database: database.url, workers: 1, faucet: { amount: '1000', currency: 'USD' } });
  for (const name of ['ann', 'ben']) {
    const pair = await generateKeyPair();
    keys.set(name, pair);
    await ledger.submit(await signTransaction(userTransaction(chain(), name, pair.publicKey), pair.privateKey));
  }
  await submit(teamTransaction(chain(), 'ann', 1, 'crew', { membersMay: ['spend'] }));
  await submit(transferTransaction(chain(), 'ann', 2, 'crew', '500', 'USD'));
  await submit(membershipTransaction(chain(), 'ann', 3, 'crew', 'ben', 'member'));
});
after(async () => {
  await ledger.close();
  rmSync(dir, { recursive: true, force: true });
  await database.drop();
});

const chain = () => ({ ...ledger.params, engineHash: ledger.engineHash });

async function signed(tx: Transaction) {
  return signTransaction(tx, keys.get(tx.sender)!.privateKey);
}

async function submit(tx: Transaction) {
  return ledger.submit(await signed(tx));
}

/** Both transactions in one block, in this order, straight through the commit. */
async function oneBlock(...txs: Transaction[]) {
  const entries = await Promise.all(txs.map(async (tx) => ({ id: transactionIdOf(tx), signed: await signed(tx), result: {} })));
  return commitBlock(ledger.store, ledger.tree, ledger.params, entries, { timestamp: Date.now(), engineHash: ledger.engineHash });
}

test('a member acting after its removal in the same block is refused; before it, it lands', async () => {
  const spendFirst = transferTransaction(chain(), 'ben', 1, 'ben', '10', 'USD', Date.now(), { team: 'crew' });
  const removeSecond = membershipTransaction(chain(), 'ann', 4, 'crew', 'ben', 'none');
  const first = await oneBlock(spendFirst, removeSecond);
  assert.equal(first.rejected.size, 0);
  assert.equal((await ledger.store.balances({ account: 'crew' }))[0]!.amount, '490');

  const addAgain = membershipTransaction(chain(), 'ann', 5, 'crew', 'ben', 'member');
  await submit(addAgain);
  const removeFirst = membershipTransaction(chain(), 'ann', 6, 'crew', 'ben', 'none');
  const spendSecond = transferTransaction(chain(), 'ben', 2, 'ben', '10', 'USD', Date.now(), { team: 'crew' });
  const second = await oneBlock(removeFirst, spendSecond);
  assert.equal(second.rejected.get(transactionIdOf(spendSecond))?.code, 'NotTeamMember');
  assert.deepEqual(second.block!.txIds, [transactionIdOf(removeFirst)]);
  assert.equal((await ledger.store.balances({ account: 'crew' }))[0]!.amount, '490');
  assert.equal((await ledger.store.user('ben'))!.nextNonce, 2, 'the refused act used no nonce');
});

test('two owners removing each other in one block: the first lands, the second finds its signer gone', async () => {
  await submit(membershipTransaction(chain(), 'ann', 7, 'crew', 'ben', 'owner'));
  const annRemovesBen = membershipTransaction(chain(), 'ann', 8, 'crew', 'ben', 'none');
  const benRemovesAnn = membershipTransaction(chain(), 'ben', 2, 'crew', 'ann', 'none');
  const result = await oneBlock(annRemovesBen, benRemovesAnn);
  assert.equal(result.rejected.get(transactionIdOf(benRemovesAnn))?.code, 'NotTeamMember');
  const team = (await ledger.store.team('crew'))!;
  assert.equal(team.owners, 1);
  assert.deepEqual(
    (await ledger.store.teamMembers('crew')).map((m) => [m.member, m.role]),
    [['ann', 'owner']],
  );
});
