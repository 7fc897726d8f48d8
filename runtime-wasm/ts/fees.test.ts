import { test } from 'node:test';
import assert from 'node:assert/strict';
import { canonicalBytes, type CallTransaction, type TransferTransaction } from './transaction.ts';
import { depositFor, diffGrowth, FREE, formatAmount, stateEntryBytes, transactionFee, transactionGas } from './fees.ts';

const transfer: TransferTransaction = { kind: 'transfer', chainId: 'c', sender: 'alice', nonce: 0, engineHash: 'dd'.repeat(32), timestamp: 1, to: 'bob', amount: '5', currency: 'USD' };
const schedule = { ...FREE, gasPrice: '3' };

test('gas: the fixed part, a part per stored byte (without maxFee), and a call’s engine gas', () => {
  const bytes = canonicalBytes(transfer).length;
  assert.equal(transactionGas(transfer, schedule), 25_000 + 16 * bytes);
  assert.equal(transactionGas({ ...transfer, maxFee: '999999' }, schedule), 25_000 + 16 * bytes, 'the signed maximum does not change the fee it bounds');
  const call = { ...transfer, kind: 'call', outcome: { ok: true, value: null, diff: { set: {}, deleted: [], transfers: [] }, gasUsed: 777 } } as unknown as CallTransaction;
  assert.equal(transactionGas(call, schedule), 25_000 + 16 * canonicalBytes(call).length + 777);
  assert.equal(transactionFee(transfer, schedule), BigInt(transactionGas(transfer, schedule)) * 3n);
  assert.equal(transactionFee(transfer, FREE), 0n);
});

test('registering a user and minting are free', () => {
  assert.equal(transactionGas({ ...transfer, kind: 'user', publicKey: 'aa'.repeat(32) } as never, schedule), 0);
  assert.equal(transactionGas({ ...transfer, kind: 'mint' } as never, schedule), 0);
});

test('state bytes: UTF-8 key plus canonical JSON value; nothing for a deleted key', () => {
  assert.equal(stateEntryBytes('count', 12), 5 + 2);
  assert.equal(stateEntryBytes('é', { b: 1, a: 'x' }), 2 + '{"a":"x","b":1}'.length);
  assert.equal(stateEntryBytes('count', undefined), 0);
});

test('amounts with decimals', () => {
  assert.equal(formatAmount('2500', 2), '25.00');
  assert.equal(formatAmount('5', 6), '0.000005');
  assert.equal(formatAmount(0n, 2), '0.00');
  assert.equal(formatAmount('-150', 2), '-1.50');
  assert.equal(formatAmount('42', 0), '42');
});

test('a diff’s growth: new and larger values add bytes, smaller and deleted ones free them', () => {
  const before: Record<string, unknown> = { a: 'xxxx', gone: 1 };
  const growth = diffGrowth({ set: { a: 'x', b: 'yy' }, deleted: ['gone', 'never'] }, (key) => before[key] as never);
  assert.equal(growth, 1 + 3 - (1 + 6) + (1 + 4) - (4 + 1));
  assert.equal(depositFor(growth, { depositPerByte: '10' }), BigInt(growth) * 10n);
});
