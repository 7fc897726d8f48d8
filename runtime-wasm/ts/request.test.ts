import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildRequest, DEFAULT_ALLOWED_HOSTS } from './request.ts';

test('fills neutral defaults', () => {
  const request = buildRequest('export default 1');
  assert.deepEqual(request.state, {});
  assert.equal(request.context.chainId, 'local');
  assert.deepEqual(request.context.block, { height: 1, timestamp: 0, executor: 'local' });
  assert.deepEqual(request.context.allowedHosts, DEFAULT_ALLOWED_HOSTS);
});

test('partial block and tx override only what they name; the caller defaults to the sender', () => {
  const request = buildRequest('', { context: { block: { height: 9 }, tx: { sender: 'alice', input: { a: 1 } } } });
  assert.deepEqual(request.context.block, { height: 9, timestamp: 0, executor: 'local' });
  assert.equal(request.context.tx.sender, 'alice');
  assert.equal(request.context.caller, 'alice');
  assert.deepEqual(request.context.tx.input, { a: 1 });
});
