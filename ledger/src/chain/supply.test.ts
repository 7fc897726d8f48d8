// Property: whatever transfers are attempted — valid, overdrawn, to unknown accounts, in unknown
// currencies — each currency's total supply stays what was issued, and no balance goes negative.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { signTransaction } from '@tana/engine';
import { openLedger, type Ledger } from '../ledger.ts';
import { generateKeyPair, transferTransaction, userTransaction, type KeyPair } from '../client/index.ts';
import { LedgerError } from '../errors.ts';
import { type TestDatabase, testDatabase } from '../../../tests/support/database.ts';

const names = ['ann', 'ben', 'cat', 'dan'];
let dir: string;
let ledger: Ledger;
let database: TestDatabase;
const keys = new Map<string, KeyPair>();

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'tana-supply-'));
  database = await testDatabase();
  ledger = await openLedger({ dataDir: dir, database: database.url, workers: 1, faucet: { amount: '100000', currency: 'USD' } });
  for (const name of names) {
    const pair = await generateKeyPair();
    keys.set(name, pair);
    await ledger.submit(await signTransaction(userTransaction(chain(), name, pair.publicKey), pair.privateKey));
  }
  await ledger.mint('ann', '1000', 'TANA');
  await ledger.mint('cat', '250', 'TANA');
});
after(async () => {
  await ledger.close();
  rmSync(dir, { recursive: true, force: true });
  await database.drop();
});

const chain = () => ({ ...ledger.params, engineHash: ledger.engineHash });

async function supply(currency: string): Promise<bigint> {
  return (await ledger.store.balances({ currency })).reduce((sum, row) => sum + BigInt(row.amount), 0n);
}

test('random transfer sequences conserve every currency’s supply', async () => {
  const issued = { USD: await supply('USD'), TANA: await supply('TANA') };
  assert.equal(issued.USD, 4n * 100000n);
  assert.equal(issued.TANA, 1250n);
  const transfer = fc.record({
    from: fc.constantFrom(...names),
    to: fc.constantFrom(...names, 'nobody'),
    amount: fc.oneof(fc.bigInt({ min: 1n, max: 2000n }), fc.bigInt({ min: 1n, max: 10n ** 30n })),
    currency: fc.constantFrom('USD', 'TANA', 'EUR'),
  });
  let committed = 0;
  let refused = 0;
  await fc.assert(
    fc.asyncProperty(fc.array(transfer, { minLength: 1, maxLength: 12 }), async (transfers) => {
      // Sent concurrently: they race for nonces and funds, as real clients would.
      await Promise.all(
        transfers.map(async (t) => {
          const sender = keys.get(t.from)!;
          const tx = transferTransaction(chain(), t.from, (await ledger.store.user(t.from))!.nextNonce, t.to, t.amount.toString(), t.currency);
          try {
            await ledger.processor.submit(await signTransaction(tx, sender.privateKey));
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
  assert.ok(committed > 20 && refused > 20, `both paths exercised (committed ${committed}, refused ${refused})`);
});
