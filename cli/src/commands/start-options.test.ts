import { test } from 'node:test';
import assert from 'node:assert/strict';
import { FREE } from '@tana/engine';
import { DEFAULT_LOCAL_FAUCET, DEFAULT_PUBLIC_FEES, isLoopback, parseFaucet, parseFees } from './start-options.ts';

test('the faucet is on by default only for a loopback ledger, and --faucet sets or stops it', () => {
  assert.deepEqual(parseFaucet(undefined, '127.0.0.1'), DEFAULT_LOCAL_FAUCET);
  assert.deepEqual(parseFaucet(undefined, '::1'), DEFAULT_LOCAL_FAUCET);
  for (const host of ['0.0.0.0', '::', '192.168.1.5', 'ledger.example.com']) {
    assert.equal(isLoopback(host), false, host);
    assert.equal(parseFaucet(undefined, host), undefined, host);
  }
  assert.deepEqual(parseFaucet('2500', '0.0.0.0'), { amount: '2500', currency: 'USD' });
  assert.deepEqual(parseFaucet('5000000:TANA', '0.0.0.0'), { amount: '5000000', currency: 'TANA' });
  assert.equal(parseFaucet('off', '127.0.0.1'), undefined);
  for (const bad of ['-5', '1.5', 'lots', '100:usd', '0100']) assert.throws(() => parseFaucet(bad, '127.0.0.1'), /--faucet takes/, bad);
});

test('fees: free on loopback, charged beyond it, and --gas-price / --deposit-per-byte set them', () => {
  assert.deepEqual(parseFees(undefined, undefined, '127.0.0.1'), FREE);
  assert.deepEqual(parseFees(undefined, undefined, '0.0.0.0'), DEFAULT_PUBLIC_FEES);
  assert.deepEqual(parseFees('0', undefined, '0.0.0.0'), { ...DEFAULT_PUBLIC_FEES, gasPrice: '0' });
  assert.deepEqual(parseFees('3:USD', '7', '127.0.0.1'), { ...FREE, currency: 'USD', gasPrice: '3', depositPerByte: '7' });
  for (const bad of ['-1', '1.5', '2:usd', '1:USD:x', 'cheap']) assert.throws(() => parseFees(bad, undefined, '127.0.0.1'), /--gas-price takes/, bad);
  assert.throws(() => parseFees(undefined, '0100', '127.0.0.1'), /--deposit-per-byte takes/);
});
