// Property: whatever transfers and contract calls are attempted — valid, overdrawn, to unknown
// accounts, in unknown currencies, growing and freeing contract state — on a chain that charges fees
// and storage deposits, each currency's total supply (balances plus the deposits contracts hold) stays
// what was issued, and no balance goes negative.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { FREE, loadEngine, type Engine, type SignedTransaction, signTransaction, transpile } from '@tana/engine';
import { openLedger, type Ledger } from '../ledger.ts';
import { deployTransaction, generateKeyPair, prepareCall, transferTransaction, userTransaction, type KeyPair } from '../client/index.ts';
import { LedgerError } from '../errors.ts';
import { type TestDatabase, testDatabase } from '../../../tests/support/database.ts';

const names = ['ann', 'ben', 'cat', 'dan'];
const FAUCET = 100_000_000n;
let dir: string;
let ledger: Ledger;
let database: TestDatabase;
let engine: Engine;
const keys = new Map<string, KeyPair>();

/** Keeps or deletes `count` keys of `size` characters: state to back with deposits, and to free. */
const store = `import { data } from 'tana:data'
import { tx } from 'tana:tx'
const { count, size } = tx.input
for (let i = 0; i < 4; i++) {
  if (i < count) await data.set('k' + i, 'x'.repeat(size))
  else await data.delete('k' + i)
}
await data.commit()`;

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'tana-supply-'));
  database = await testDatabase();
  ledger = await openLedger({
    dataDir: dir,
    database: database.url,
    workers: 1,
    chain: { fees: { ...FREE, currency: 'USD', gasPrice: '1', depositPerByte: '7' } },
    faucet: { amount: FAUCET.toString(), currency: 'USD' },
  });
  engine = await loadEngine();
  for (const name of names) {
    const pair = await generateKeyPair();
    keys.set(name, pair);
    await ledger.submit(await signTransaction(userTransaction(chain(), name, pair.publicKey), pair.privateKey));
  }
  await ledger.mint('ann', '1000', 'TANA');
  await ledger.mint('cat', '250', 'TANA');
  const deploy = await deployTransaction(chain(), 'ann', (await ledger.store.user('ann'))!.nextNonce, 'store', transpile(store));
  await ledger.submit(await signTransaction(deploy, keys.get('ann')!.privateKey));
});
after(async () => {
  await ledger.close();
  rmSync(dir, { recursive: true, force: true });
  await database.drop();
});

const chain = () => ({ ...ledger.params, engineHash: ledger.engineHash });

/** Balances, plus (in the fee currency) the deposits contracts hold. */
async function supply(currency: string): Promise<bigint> {
  const balances = (await ledger.store.balances({ currency })).reduce((sum, row) => sum + BigInt(row.amount), 0n);
  const deposits = currency === 'USD' ? (await ledger.store.contracts({ limit: 500, offset: 0 })).reduce((sum, row) => sum + BigInt(row.deposit), 0n) : 0n;
  return balances + deposits;
}

/** A call of the store contract by `from`, run on the state now, signed; or undefined if its run fails. */
async function storeCall(from: string, count: number, size: number) {
  const [user, contract, code, state, head] = await Promise.all([
    ledger.store.user(from),
    ledger.store.contract('store'),
    ledger.store.contractCode('store'),
    ledger.store.contractState('store'),
    ledger.store.head(),
  ]);
  const prepared = await prepareCall(engine, {
    chain: chain(),
    sender: from,
    nonce: user!.nextNonce,
    contract: { id: 'store', code: code!.code, codeHash: contract!.codeHash },
    state,
    headHeight: head!.height,
    input: { count, size },
  });
  return prepared.transaction && signTransaction(prepared.transaction, keys.get(from)!.privateKey);
}

test('random transfers and calls, with fees and deposits, conserve every currency’s supply', async () => {
  const issued = { USD: await supply('USD'), TANA: await supply('TANA') };
  assert.equal(issued.USD, 4n * FAUCET);
  assert.equal(issued.TANA, 1250n);
  const transfer = fc.record({
    kind: fc.constant('transfer' as const),
    from: fc.constantFrom(...names),
    to: fc.constantFrom(...names, 'nobody'),
    amount: fc.oneof(fc.bigInt({ min: 1n, max: 2000n }), fc.bigInt({ min: 1n, max: 10n ** 30n })),
    currency: fc.constantFrom('USD', 'TANA', 'EUR'),
  });
  const call = fc.record({ kind: fc.constant('call' as const), from: fc.constantFrom(...names), count: fc.integer({ min: 0, max: 4 }), size: fc.integer({ min: 0, max: 300 }) });
  let committed = 0;
  let refused = 0;
  let deposits = 0;
  await fc.assert(
    fc.asyncProperty(fc.array(fc.oneof(transfer, call), { minLength: 1, maxLength: 12 }), async (actions) => {
      // Sent concurrently: they race for nonces, funds and the contract's state, as real clients would.
      await Promise.all(
        actions.map(async (action) => {
          try {
            let signed: SignedTransaction | undefined;
            if (action.kind === 'call') signed = await storeCall(action.from, action.count, action.size);
            else {
              const tx = transferTransaction(chain(), action.from, (await ledger.store.user(action.from))!.nextNonce, action.to, action.amount.toString(), action.currency);
              signed = await signTransaction(tx, keys.get(action.from)!.privateKey);
            }
            if (!signed) return;
            const submitted = await ledger.processor.submit(signed);
            if (submitted.result.deposit) deposits++;
            committed++;
          } catch (error) {
            if (!(error instanceof LedgerError)) throw error;
            refused++;
          }
        }),
      );
      assert.equal(await supply('USD'), issued.USD);
      assert.equal(await supply('TANA'), issued.TANA);
      assert.equal(await supply('EUR'), 0n);
      assert.ok((await ledger.store.balances({})).every((row) => BigInt(row.amount) >= 0n));
    }),
    { numRuns: 40 },
  );
  assert.ok(committed > 20 && refused > 20 && deposits > 5, `every path exercised (committed ${committed}, refused ${refused}, deposits moved ${deposits})`);
  assert.ok(BigInt((await ledger.store.balances({ account: 'ledger', currency: 'USD' }))[0]?.amount ?? '0') > 0n, 'fees reached the producer');
});
