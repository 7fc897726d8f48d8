import { test } from 'node:test';
import assert from 'node:assert/strict';
import { type CallTransaction, FREE, transactionGas, type TransferTransaction } from '@tana/engine';
import { describeDeposit, describeFee } from './fees.ts';

const chain = { fees: { ...FREE, gasPrice: '2', depositPerByte: '100' }, currencies: [{ code: 'TANA', decimals: 6 }] };
const transfer: TransferTransaction = { kind: 'transfer', chainId: 'c', sender: 'a', nonce: 1, engineHash: 'dd'.repeat(32), timestamp: 1, to: 'b', amount: '5', currency: 'USD' };

test('the fee in the fee currency’s decimals, with its gas and price; nothing for a free chain', () => {
  const gas = transactionGas(transfer, chain.fees);
  assert.equal(describeFee(transfer, chain), `0.${String(gas * 2).padStart(6, '0')} TANA (${gas} gas × 2)`);
  assert.equal(describeFee(transfer, { ...chain, fees: FREE }), undefined);
});

test('the deposit a call’s diff pays or gets back', () => {
  const call = (set: Record<string, string>, deleted: string[]) => ({ outcome: { diff: { set, deleted, transfers: [] } } }) as unknown as CallTransaction;
  assert.equal(describeDeposit(call({ k: 'xy' }, []), {}, chain), '0.000500 TANA for 5 more bytes of state');
  assert.equal(describeDeposit(call({}, ['k']), { k: 'xy' }, chain), '0.000500 TANA refunded for 5 bytes freed');
  assert.equal(describeDeposit(call({ k: 'ab' }, []), { k: 'xy' }, chain), undefined);
});
