import { test } from 'node:test';
import assert from 'node:assert/strict';
import { contractIdFor, isAccountId } from './ids.ts';

test('account ids: lower-case names that are also safe file names', () => {
  for (const id of ['alice', 'a', '0x1', 'my-token.v2', 'a_b', 'x'.repeat(64)]) assert.ok(isAccountId(id), id);
  for (const id of ['', 'Alice', '.hidden', '-x', '_x', 'a/b', '..', 'a b', 'x'.repeat(65), 'é']) assert.ok(!isAccountId(id), id);
});

test('the contract id a name suggests is always an account id', () => {
  assert.equal(contractIdFor('My Token'), 'my-token');
  assert.equal(contractIdFor('--Hello World!!'), 'hello-world-');
  assert.equal(contractIdFor('x'.repeat(80)), 'x'.repeat(64));
  assert.equal(contractIdFor('!!!'), 'contract');
  assert.equal(contractIdFor('!!!', ''), '');
  for (const name of ['My Token', 'ÀÉ', '__init__', '.env', 'a/b/c']) assert.ok(isAccountId(contractIdFor(name)), name);
});
