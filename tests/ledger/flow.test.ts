// The whole flow on a real SQLite file and a real server on 127.0.0.1:
// create users → deploy → run locally → sign → submit → block → state → proof.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { loadEngine, verifyStateProof } from '@tana/engine';
import { callContract, transferTransaction } from '../../ledger/src/client/index.ts';
import { signTransaction } from '@tana/engine';
import { verifyChain } from '../../ledger/src/index.ts';
import { createUser, deploy, startTestLedger, type TestLedger, type TestUser } from '../support/ledger.ts';

const counter = readFileSync(new URL('../../examples/counter.ts', import.meta.url), 'utf8');
const pay = readFileSync(new URL('../../examples/pay.ts', import.meta.url), 'utf8');

describe('ledger flow', () => {
  let ledger: TestLedger;
  let alice: TestUser;
  let bob: TestUser;
  before(async () => {
    ledger = await startTestLedger();
    alice = await createUser(ledger, 'alice');
    bob = await createUser(ledger, 'bob');
  });
  after(() => ledger.dispose());

  test('a deployed counter is called, committed in a block, and its value proven against the state root', async () => {
    const engine = await loadEngine();
    await deploy(ledger, alice, 'counter', counter);
    const first = await callContract(ledger.client, engine, { contractId: 'counter', sender: alice.id, privateKey: alice.privateKey });
    assert.equal(first.outcome.ok, true);
    assert.ok(first.submitted && !first.submitted.replayed);
    const second = await callContract(ledger.client, engine, { contractId: 'counter', sender: bob.id, privateKey: bob.privateKey });
    assert.deepEqual(second.outcome.diff.set, { counter: 2 });

    const state = await ledger.client.state('counter');
    assert.deepEqual(state.state, { counter: 2 });
    const block = await ledger.client.block(second.submitted!.height);
    assert.ok(block.txIds.includes(second.submitted!.id));

    const { value, proof } = await ledger.client.value('counter', 'counter');
    assert.equal(value, 2);
    const head = await ledger.client.head();
    assert.equal(await verifyStateProof(proof, head.stateRoot), true);
    assert.equal(await verifyStateProof({ ...proof, leaf: { ...proof.leaf, value: 3 } as typeof proof.leaf }, head.stateRoot), false);
    assert.equal(await verifyStateProof(proof, block.parentHash), false);
  });

  test('a contract transfer and a direct transfer move balances, with proofs', async () => {
    const engine = await loadEngine();
    await deploy(ledger, alice, 'pay', pay);
    const paid = await callContract(ledger.client, engine, { contractId: 'pay', sender: alice.id, privateKey: alice.privateKey, input: { to: 'bob', amount: 250 } });
    assert.equal(paid.outcome.ok, true, JSON.stringify(paid.outcome.error));
    const user = await ledger.client.user(alice.id);
    await ledger.client.submit(await signTransaction(transferTransaction(ledger.chain, alice.id, user.nextNonce, 'bob', '50', 'USD'), alice.privateKey));
    const bobUsd = await ledger.client.balance('bob', 'USD');
    assert.equal(bobUsd.amount, String(100000 + 250 + 50));
    const head = await ledger.client.head();
    assert.equal(await verifyStateProof(bobUsd.proof, head.stateRoot), true);
  });

  test('verify rebuilds every block from scratch and finds the same roots', async () => {
    const report = await verifyChain(ledger.database ?? `${ledger.dataDir}/ledger.sqlite`);
    assert.deepEqual(report.problems, []);
    assert.ok(report.reexecuted >= 3);
  });
});
