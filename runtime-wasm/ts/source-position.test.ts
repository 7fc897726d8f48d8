import { test } from 'node:test';
import assert from 'node:assert/strict';
import { formatPosition, lineSuffix, parseErrorOutcome, positionInMessage } from './source-position.ts';
import { transpile } from './transpiler.ts';

test('positions print as line:column, or line alone', () => {
  assert.equal(formatPosition({ line: 3, column: 7 }), '3:7');
  assert.equal(formatPosition({ line: 3 }), '3');
  assert.equal(lineSuffix({ line: 3, column: 7 }), ' (line 3:7)');
  assert.equal(lineSuffix({ line: 3, column: null }), ' (line 3)');
  assert.equal(lineSuffix(null), '');
});

test('a syntax error becomes a ParseError outcome with its line and column', () => {
  let error: unknown;
  try {
    transpile('const a = 1\nlet x = ;\n');
  } catch (caught) {
    error = caught;
  }
  const outcome = parseErrorOutcome(error);
  assert.equal(outcome.ok, false);
  assert.equal(outcome.error?.code, 'ParseError');
  assert.equal(outcome.error?.line, 2);
  assert.equal(typeof outcome.error?.column, 'number');
  assert.equal(positionInMessage('no position here'), undefined);
});
