// Every way a transaction is refused, against a real server and SQLite file: each gets its named
// error, and the ledger's state (head, balances, nonces, contract state) is exactly as before.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { LIMITS, loadEngine, signTransaction, type CallTransaction, type SignedTransaction } from '@tana/engine';
import { LedgerRequestError, prepareCall, transferTransaction } from '../../ledger/src/client/index.ts';
import { createUser, deploy, startTestLedger, type TestLedger, type TestUser } from '../support/ledger.ts';
import { waitFor } from '../support/wait.ts';

const counter = readFileSync(new URL('../../examples/counter.ts', import.meta.url), 'utf8');

describe('rejections change nothing', () => {
  let ledger: TestLedger;
  let alice: TestUser;
  let mallory: TestUser;
  before(async () => {
    // The wall clock is a safety net that gas keeps out of reach; here it is set below what the
    // largest gas limit takes, so that one test can reach it.
    ledger = await startTestLedger({ bodyLimitBytes: 64 * 1024, executionTimeoutMs: 400 });
    alice = await createUser(ledger, 'alice');
    mallory = await createUser(ledger, 'mallory');
    await deploy(ledger, alice, 'counter', counter);
    await deploy(ledger, alice, 'thrower', `throw new Error('nope: ' + 42)`);
    await deploy(ledger, alice, 'spinner', `import { data } from 'tana:data'\nlet i = 0\nwhile (true) { i++ }\nawait data.commit()`);
  });
  after(() => ledger.dispose());

  /** Everything a rejection must leave alone. */
  async function snapshot() {
    const { client } = ledger;
    const [head, balances, users, state] = await Promise.all([client.head(), client.balances(), client.users(), client.state('counter')]);
    return { head, balances, users, state: state.state };
  }

  async function expectRejected(code: string, attempt: () => Promise<unknown>, extra?: (error: LedgerRequestError) => void) {
    const before = await snapshot();
    await assert.rejects(attempt, (error: unknown) => {
      assert.ok(error instanceof LedgerRequestError, String(error));
      assert.equal(error.code, code, error.message);
      assert.ok(error.message.length > 10);
      extra?.(error);
      return true;
    });
    assert.deepEqual(await snapshot(), before, `${code} changed the ledger`);
  }

  async function preparedCounterCall(user: TestUser, overrides: Partial<CallTransaction> = {}): Promise<CallTransaction> {
    const engine = await loadEngine();
    const [contract, state, info] = await Promise.all([ledger.client.contract('counter'), ledger.client.state('counter'), ledger.client.user(user.id)]);
    const prepared = await prepareCall(engine, { chain: ledger.chain, sender: user.id, nonce: info.nextNonce, contract, state: state.state, headHeight: state.height });
    return { ...prepared.transaction!, ...overrides };
  }

  /** A call to a contract whose run fails, claiming success anyway (an honest client would never sign it). */
  async function forgedSuccess(user: TestUser, contractId: string, gasLimit = 1_000_000): Promise<CallTransaction> {
    const { codeHash } = await ledger.client.contract(contractId);
    const claim: CallTransaction['outcome'] = { ok: true, value: null, diff: { set: {}, deleted: [], transfers: [] }, gasUsed: 0 };
    return preparedCounterCall(user, { contractId, codeHash, gasLimit, outcome: claim });
  }

  test('a forged diff: DiffMismatch, with both outcomes in the details', async () => {
    const tx = await preparedCounterCall(alice);
    const forged = { ...tx, outcome: { ...tx.outcome, diff: { ...tx.outcome.diff, set: { counter: 1000 } } } };
    await expectRejected(
      'DiffMismatch',
      async () => ledger.client.submit(await signTransaction(forged, alice.privateKey)),
      (error) => {
        const details = error.body?.error.details as { ledger: { diff: { set: unknown } }; claimed: unknown };
        assert.deepEqual(details.ledger.diff.set, { counter: 1 });
      },
    );
  });

  test('a forged gas figure: DiffMismatch', async () => {
    const tx = await preparedCounterCall(alice);
    await expectRejected('DiffMismatch', async () => ledger.client.submit(await signTransaction({ ...tx, outcome: { ...tx.outcome, gasUsed: tx.outcome.gasUsed - 1 } }, alice.privateKey)));
  });

  test('a bad signature (signed by someone else): BadSignature', async () => {
    const tx = await preparedCounterCall(alice);
    await expectRejected('BadSignature', async () => ledger.client.submit(await signTransaction(tx, mallory.privateKey)));
  });

  test('a tampered transaction after signing: BadSignature', async () => {
    const tx = await preparedCounterCall(alice);
    const signed = await signTransaction(tx, alice.privateKey);
    await expectRejected('BadSignature', () => ledger.client.submit({ ...signed, transaction: { ...tx, gasLimit: tx.gasLimit + 1 } }));
  });

  test('a wrong chain id: WrongChain', async () => {
    const tx = await preparedCounterCall(alice, { chainId: 'some-other-chain' });
    await expectRejected('WrongChain', async () => ledger.client.submit(await signTransaction(tx, alice.privateKey)));
  });

  test('another engine: EngineMismatch', async () => {
    const tx = await preparedCounterCall(alice, { engineHash: 'ab'.repeat(32) });
    await expectRejected('EngineMismatch', async () => ledger.client.submit(await signTransaction(tx, alice.privateKey)));
  });

  test('a replay is answered with the original result and applied once', async () => {
    const info = await ledger.client.user(alice.id);
    const signed = await signTransaction(transferTransaction(ledger.chain, alice.id, info.nextNonce, 'mallory', '7', 'USD'), alice.privateKey);
    const first = await ledger.client.submit(signed);
    const before = await snapshot();
    const again = await ledger.client.submit(signed);
    assert.deepEqual({ ...again, replayed: false }, first);
    assert.equal(again.replayed, true);
    assert.deepEqual(await snapshot(), before);
  });

  test('a stale nonce: StaleNonce, with the head', async () => {
    const info = await ledger.client.user(alice.id);
    const tx = transferTransaction(ledger.chain, alice.id, info.nextNonce - 1, 'mallory', '8', 'USD');
    await expectRejected(
      'StaleNonce',
      async () => ledger.client.submit(await signTransaction(tx, alice.privateKey)),
      (error) => assert.ok(error.body?.head),
    );
  });

  test('a nonce gap: NonceGap', async () => {
    const info = await ledger.client.user(alice.id);
    const tx = transferTransaction(ledger.chain, alice.id, info.nextNonce + 5, 'mallory', '8', 'USD');
    await expectRejected('NonceGap', async () => ledger.client.submit(await signTransaction(tx, alice.privateKey)));
  });

  test('two conflicting diffs at once: exactly one commits, the other is a Conflict with the new head', async () => {
    const before = (await ledger.client.state('counter')).state;
    const a = await signTransaction(await preparedCounterCall(alice), alice.privateKey);
    const m = await signTransaction(await preparedCounterCall(mallory), mallory.privateKey);
    const results = await Promise.allSettled([ledger.client.submit(a), ledger.client.submit(m)]);
    const committed = results.filter((r) => r.status === 'fulfilled');
    const refused = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
    assert.equal(committed.length, 1);
    assert.equal(refused.length, 1);
    assert.equal((refused[0]!.reason as LedgerRequestError).code, 'Conflict');
    assert.ok((refused[0]!.reason as LedgerRequestError).body?.head);
    const after = (await ledger.client.state('counter')).state;
    assert.equal(after.counter, ((before.counter as number | undefined) ?? 0) + 1);
  });

  test('a call run on state that has changed since: Conflict (not DiffMismatch), and it commits once re-run', async () => {
    const early = await signTransaction(await preparedCounterCall(mallory), mallory.privateKey);
    await ledger.client.submit(await signTransaction(await preparedCounterCall(alice), alice.privateKey));
    await expectRejected(
      'Conflict',
      () => ledger.client.submit(early),
      (error) => assert.match(error.message, /changed in block/),
    );
    const rerun = await signTransaction(await preparedCounterCall(mallory), mallory.privateKey);
    assert.equal((await ledger.client.submit(rerun)).replayed, false);
  });

  test('a contract that throws: ContractFailed (ContractError, with its line)', async () => {
    const forged = await forgedSuccess(alice, 'thrower');
    await expectRejected(
      'ContractFailed',
      async () => ledger.client.submit(await signTransaction(forged, alice.privateKey)),
      (error) => {
        assert.equal(error.body?.error.engineError, 'ContractError');
        assert.match(error.message, /nope: 42 \(line 1/);
      },
    );
  });

  test('a contract that runs out of gas: ContractFailed (OutOfGas)', async () => {
    const forged = await forgedSuccess(alice, 'spinner', 100_000);
    await expectRejected(
      'ContractFailed',
      async () => ledger.client.submit(await signTransaction(forged, alice.privateKey)),
      (error) => assert.equal(error.body?.error.engineError, 'OutOfGas'),
    );
  });

  test('a contract that outlasts the wall clock: ContractFailed (Timeout), and the server answers meanwhile', async () => {
    const forged = await forgedSuccess(alice, 'spinner', LIMITS.maxGasLimit);
    let settled = false;
    const pending = expectRejected(
      'ContractFailed',
      async () => ledger.client.submit(await signTransaction(forged, alice.privateKey)),
      (error) => assert.equal(error.body?.error.engineError, 'Timeout'),
    ).finally(() => (settled = true));
    // The server answers while the contract occupies a worker: health reports the run in progress.
    const busy = await waitFor(async () => {
      const health = await ledger.client.health();
      return health.reexecution.running > 0 ? health : undefined;
    }, 'health to report the hanging call as running');
    assert.equal(busy.ok, true);
    assert.equal(settled, false, 'answered while the call was still running');
    await pending;
  });

  test('more than the funds: InsufficientFunds', async () => {
    const info = await ledger.client.user(mallory.id);
    const tx = transferTransaction(ledger.chain, mallory.id, info.nextNonce, 'alice', '999999999999', 'USD');
    await expectRejected('InsufficientFunds', async () => ledger.client.submit(await signTransaction(tx, mallory.privateKey)));
  });

  test('an oversized body: PayloadTooLarge (413)', async () => {
    const tx = await preparedCounterCall(alice, { input: 'x'.repeat(100 * 1024) });
    await expectRejected(
      'PayloadTooLarge',
      async () => ledger.client.submit(await signTransaction(tx, alice.privateKey)),
      (error) => assert.equal(error.status, 413),
    );
  });

  test('malformed JSON: MalformedJson (400)', async () => {
    await expectRejected('MalformedJson', async () => {
      const response = await fetch(`${ledger.url}/transactions`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{"transaction": ' });
      const body = await response.json();
      throw new LedgerRequestError(body.error.code, body.error.message, response.status, body);
    });
  });

  test('a body that is JSON but not a transaction: ValidationError naming the field', async () => {
    await expectRejected(
      'ValidationError',
      () => ledger.client.submit({ transaction: { kind: 'transfer' }, signature: 'zz' } as unknown as SignedTransaction),
      (error) => assert.match(error.message, /signature|transaction\./),
    );
  });
});
