import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DEFAULT_LOCAL_FAUCET, isLoopback, parseFaucet } from './start-options.ts';

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
