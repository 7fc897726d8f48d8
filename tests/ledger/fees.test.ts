// Fees and storage deposits on a real server and database, on a chain with a gas price and a deposit
// rate: every fee is gas × price (computed here from each transaction and its outcome's gasUsed, never
// from pinned gas figures), paid by the sender or its team to the producer; a sender that cannot pay
// is refused before any re-execution and nothing changes; a call that grows a contract's state pays a
// deposit, one that frees it is refunded; supply (balances plus deposits) never changes; verify agrees.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { FREE, loadEngine, signTransaction, stateEntryBytes, transactionFee, transactionGas, type JsonValue, type Transaction } from '@tana/engine';
import { callContract, LedgerRequestError, membershipTransaction, prepareCall, teamTransaction, transferTransaction, withFee } from '../../ledger/src/client/index.ts';
import { verifyChain } from '../../ledger/src/index.ts';
import { createUser, deploy, startTestLedger, type TestLedger, type TestUser, unrunCall } from '../support/ledger.ts';

const fees = { ...FREE, currency: 'USD', gasPrice: '1', depositPerByte: '100' };
const faucet = { amount: '10000000', currency: 'USD' };

/** Keeps `count` keys of `size` characters each under `prefix` (input), or deletes them ({ drop: true }). */
const store = `import { data } from 'tana:data'
import { tx } from 'tana:tx'
const { prefix, count, size, drop } = tx.input
for (let i = 0; i < count; i++) {
  if (drop) await data.delete(prefix + i)
  else await data.set(prefix + i, 'x'.repeat(size))
}
await data.commit()`;

describe('fees and storage deposits', () => {
  let ledger: TestLedger;
  let alice: TestUser;
  let bob: TestUser;
  let issued: bigint;
  before(async () => {
    ledger = await startTestLedger({ workers: 1, chain: { fees }, faucet });
    alice = await createUser(ledger, 'alice');
    bob = await createUser(ledger, 'bob');
    issued = await supply();
  });

  /** A new user, granted the faucet's money: the only money that enters. */
  const newUser = async (id: string) => {
    const user = await createUser(ledger, id);
    issued += BigInt(faucet.amount);
    return user;
  };
  after(() => ledger.dispose());

  const nonce = async (user: TestUser) => (await ledger.client.user(user.id)).nextNonce;
  const usd = async (account: string) => BigInt((await ledger.client.balances({ account, currency: 'USD' })).balances[0]?.amount ?? '0');
  /** Every USD there is: balances plus the deposits contracts hold. */
  async function supply(): Promise<bigint> {
    const balances = (await ledger.client.balances({ currency: 'USD' })).balances.reduce((sum, row) => sum + BigInt(row.amount), 0n);
    const deposits = (await ledger.client.contracts()).contracts.reduce((sum, contract) => sum + BigInt(contract.deposit), 0n);
    return balances + deposits;
  }
  const refused = async (code: string, attempt: () => Promise<unknown>) => {
    const before = { head: await ledger.client.head(), balances: await ledger.client.balances(), contracts: await ledger.client.contracts() };
    await assert.rejects(attempt, (error: unknown) => {
      assert.ok(error instanceof LedgerRequestError, String(error));
      assert.equal(error.code, code, error.message);
      return true;
    });
    assert.deepEqual({ head: await ledger.client.head(), balances: await ledger.client.balances(), contracts: await ledger.client.contracts() }, before, `${code} changed the ledger`);
  };

  test('GET /chain states the fee currency, the gas price and the deposit rate', () => {
    assert.deepEqual(ledger.chain.fees, fees);
  });

  test('a transfer pays gas × price to the producer; the sender signs that fee as its maximum', async () => {
    const [aliceBefore, producerBefore] = [await usd('alice'), await usd('ledger')];
    const tx = transferTransaction(ledger.chain, 'alice', await nonce(alice), 'bob', '250', 'USD');
    const fee = BigInt(transactionGas(tx, fees)) * 1n;
    assert.ok(fee > 0n);
    assert.equal(tx.maxFee, fee.toString());
    const submitted = await ledger.client.submit(await signTransaction(tx, alice.privateKey));
    assert.deepEqual(submitted.result.fee, { payer: 'alice', currency: 'USD', amount: fee.toString(), gas: transactionGas(tx, fees) });
    assert.equal(await usd('alice'), aliceBefore - 250n - fee);
    assert.equal(await usd('ledger'), producerBefore + fee);
    assert.equal((await ledger.client.transaction(submitted.id)).result.fee?.amount, fee.toString());
    assert.equal(await supply(), issued);
  });

  test('a call pays for its own gas too, computed from its outcome’s gasUsed', async () => {
    await deploy(ledger, alice, 'counter', `import { data } from 'tana:data'\nawait data.set('n', ((await data.get('n')) ?? 0) + 1)\nawait data.commit()`);
    const before = await usd('bob');
    const result = await callContract(ledger.client, await loadEngine(), { contractId: 'counter', sender: 'bob', privateKey: bob.privateKey });
    const signed = result.signed!.transaction;
    const expected = (25_000n + 16n * BigInt(new TextEncoder().encode(JSON.stringify(sortedWithout(signed, 'maxFee'))).length) + BigInt(result.outcome.gasUsed)) * 1n;
    assert.equal(transactionFee(signed, fees), expected, 'fee = (txGas + byteGas × stored bytes + the outcome’s gasUsed) × gasPrice');
    const deposit = BigInt(stateEntryBytes('n', 1)) * 100n;
    assert.equal(result.submitted!.result.fee?.amount, expected.toString());
    assert.deepEqual(result.submitted!.result.deposit, { contractId: 'counter', payer: 'bob', currency: 'USD', bytes: stateEntryBytes('n', 1), amount: deposit.toString() });
    assert.equal(await usd('bob'), before - expected - deposit);
    assert.equal(await supply(), issued);
  });

  test('a team pays for what is done for it', async () => {
    await ledger.client.submit(await signTransaction(teamTransaction(ledger.chain, 'alice', await nonce(alice), 'acme'), alice.privateKey));
    await ledger.client.submit(await signTransaction(transferTransaction(ledger.chain, 'alice', await nonce(alice), 'acme', '50000', 'USD'), alice.privateKey));
    const [teamBefore, aliceBefore] = [await usd('acme'), await usd('alice')];
    const add = membershipTransaction(ledger.chain, 'alice', await nonce(alice), 'acme', 'bob', 'member');
    const added = await ledger.client.submit(await signTransaction(add, alice.privateKey));
    assert.equal(added.result.fee?.payer, 'acme');
    assert.equal(await usd('acme'), teamBefore - transactionFee(add, fees));
    assert.equal(await usd('alice'), aliceBefore, 'the signer pays nothing for the team');
    assert.equal(await supply(), issued);
  });

  test('leaving a team is the member’s own act: it pays, so it can leave a team that could not', async () => {
    await ledger.client.submit(await signTransaction(teamTransaction(ledger.chain, 'bob', await nonce(bob), 'broke'), bob.privateKey));
    const add = membershipTransaction(ledger.chain, 'bob', await nonce(bob), 'broke', 'alice', 'member');
    await refused('CannotPayFee', async () => ledger.client.submit(await signTransaction(add, bob.privateKey))); // the team pays for what its owners do
    await ledger.client.submit(await signTransaction(transferTransaction(ledger.chain, 'bob', await nonce(bob), 'broke', '30000', 'USD'), bob.privateKey));
    await ledger.client.submit(await signTransaction(membershipTransaction(ledger.chain, 'bob', await nonce(bob), 'broke', 'alice', 'member'), bob.privateKey));
    const aliceBefore = await usd('alice');
    const leave = membershipTransaction(ledger.chain, 'alice', await nonce(alice), 'broke', 'alice', 'none');
    assert.ok((await usd('broke')) < transactionFee(leave, fees), 'the team could not pay for it');
    const left = await ledger.client.submit(await signTransaction(leave, alice.privateKey));
    assert.equal(left.result.fee?.payer, 'alice');
    assert.equal(await usd('alice'), aliceBefore - transactionFee(leave, fees));
    assert.equal(await supply(), issued);
  });

  test('a sender that cannot pay the fee is refused before re-execution, and nothing changes', async () => {
    const poor = await newUser('poor');
    const balance = await usd('poor');
    const all = balance - transactionFee(transferTransaction(ledger.chain, 'poor', await nonce(poor), 'alice', balance.toString(), 'USD'), fees);
    await ledger.client.submit(await signTransaction(transferTransaction(ledger.chain, 'poor', await nonce(poor), 'alice', all.toString(), 'USD'), poor.privateKey));
    assert.ok((await usd('poor')) < 100n, 'all but a few cents sent');
    await refused('CannotPayFee', async () => ledger.client.submit(await signTransaction(transferTransaction(ledger.chain, 'poor', await nonce(poor), 'alice', '1', 'USD'), poor.privateKey)));
    // A call that would spin to its gas limit is refused at once: no worker runs it.
    await deploy(ledger, alice, 'spinner', 'while (true) {}');
    const spin = withFee(await unrunCall(ledger, poor, 'spinner', 5_000_000), ledger.chain);
    await refused('CannotPayFee', async () => ledger.client.submit(await signTransaction(spin, poor.privateKey)));
    assert.deepEqual(ledger.ledger.scheduler.stats(), { running: 0, queued: 0 });
  });

  test('a fee over the signed maximum, or with no maximum signed, is refused', async () => {
    const tx = transferTransaction(ledger.chain, 'alice', await nonce(alice), 'bob', '1', 'USD');
    const { maxFee: _, ...unpriced } = tx;
    await refused('MaxFeeTooLow', async () => ledger.client.submit(await signTransaction(unpriced, alice.privateKey)));
    await refused('MaxFeeTooLow', async () => ledger.client.submit(await signTransaction({ ...tx, maxFee: (BigInt(tx.maxFee!) - 1n).toString() }, alice.privateKey)));
    const generous = { ...unpriced, maxFee: '999999999' };
    const paid = await ledger.client.submit(await signTransaction(generous, alice.privateKey));
    assert.equal(paid.result.fee?.amount, transactionFee(generous, fees).toString(), 'the fee charged, not the maximum');
  });

  test('a deposit backs the state a call keeps: charged to the caller that grew it, refunded to the caller that frees it', async () => {
    await deploy(ledger, alice, 'store', store);
    const engine = await loadEngine();
    const call = (user: TestUser, input: JsonValue) => callContract(ledger.client, engine, { contractId: 'store', sender: user.id, privateKey: user.privateKey, input });
    const bytes = 3 * stateEntryBytes('k0', 'x'.repeat(100));
    const aliceBefore = await usd('alice');
    const grown = await call(alice, { prefix: 'k', count: 3, size: 100 });
    assert.deepEqual(grown.submitted!.result.deposit, { contractId: 'store', payer: 'alice', currency: 'USD', bytes, amount: String(bytes * 100) });
    assert.equal(await usd('alice'), aliceBefore - BigInt(bytes * 100) - transactionFee(grown.signed!.transaction, fees));
    let contract = await ledger.client.contract('store');
    assert.deepEqual([contract.depositBytes, contract.deposit], [bytes, String(bytes * 100)]);

    const bobBefore = await usd('bob');
    const freed = await call(bob, { prefix: 'k', count: 3, drop: true });
    assert.deepEqual(freed.submitted!.result.deposit, { contractId: 'store', payer: 'bob', currency: 'USD', bytes: -bytes, amount: String(bytes * 100) });
    assert.equal(await usd('bob'), bobBefore + BigInt(bytes * 100) - transactionFee(freed.signed!.transaction, fees));
    contract = await ledger.client.contract('store');
    assert.deepEqual([contract.depositBytes, contract.deposit], [0, '0']);
    assert.equal(await supply(), issued);
  });

  test('a caller that cannot pay the deposit is refused and nothing changes', async () => {
    const engine = await loadEngine();
    const thin = await newUser('thin');
    const [info, contract, state] = await Promise.all([ledger.client.user('thin'), ledger.client.contract('store'), ledger.client.state('store')]);
    // Nine values of 9 KB, signed for thin's next nonce but one; then thin keeps the fee and half the deposit.
    const prepared = await prepareCall(engine, {
      chain: ledger.chain,
      sender: 'thin',
      nonce: info.nextNonce + 1,
      contract,
      state: state.state,
      headHeight: state.height,
      input: { prefix: 'big', count: 9, size: 9000 },
    });
    assert.ok(prepared.transaction, JSON.stringify(prepared.outcome.error));
    const fee = transactionFee(prepared.transaction, fees);
    const deposit = Object.entries(prepared.transaction.outcome.diff.set).reduce((sum, [key, value]) => sum + BigInt(stateEntryBytes(key, value)) * 100n, 0n);
    const drain = transferTransaction(ledger.chain, 'thin', info.nextNonce, 'alice', '1', 'USD');
    const keep = fee + deposit / 2n;
    const away = (await usd('thin')) - keep - transactionFee(drain, fees) - 100n; // an amount of a few more digits costs a few more units
    await ledger.client.submit(await signTransaction(transferTransaction(ledger.chain, 'thin', info.nextNonce, 'alice', away.toString(), 'USD'), thin.privateKey));
    assert.ok((await usd('thin')) >= fee && (await usd('thin')) < deposit);
    await refused('CannotPayDeposit', async () => ledger.client.submit(await signTransaction(prepared.transaction!, thin.privateKey)));
  });

  test('tana verify replays every fee and deposit', async () => {
    const report = await verifyChain(ledger.database ?? `${ledger.dataDir}/ledger.sqlite`);
    assert.deepEqual(report.problems, []);
    assert.equal(await supply(), issued);
  });
});

/** The transaction as canonical JSON sorts it (RFC 8785: keys in order), without one field. */
function sortedWithout(tx: Transaction, field: string): unknown {
  const sort = (value: unknown): unknown =>
    Array.isArray(value)
      ? value.map(sort)
      : value && typeof value === 'object'
        ? Object.fromEntries(
            Object.keys(value)
              .sort()
              .map((key) => [key, sort((value as Record<string, unknown>)[key])]),
          )
        : value;
  const { [field]: _, ...rest } = tx as unknown as Record<string, unknown>;
  return sort(rest);
}
