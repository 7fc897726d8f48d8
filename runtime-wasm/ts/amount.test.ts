import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isAmount, isCurrencyCode } from './amount.ts';

test('amounts are positive whole numbers without a leading zero, up to 38 digits', () => {
  for (const amount of ['1', '1500', '9'.repeat(38)]) assert.ok(isAmount(amount), amount);
  for (const amount of ['0', '-5', '1.5', '0100', '1e3', ' 1', 'lots', '9'.repeat(39), '']) assert.ok(!isAmount(amount), amount);
});

test('currency codes are 1–16 of A–Z, 0–9', () => {
  for (const code of ['USD', 'TANA', 'X1']) assert.ok(isCurrencyCode(code), code);
  for (const code of ['usd', '', 'A'.repeat(17), 'US-D']) assert.ok(!isCurrencyCode(code), code);
});
