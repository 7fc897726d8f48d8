import { test } from 'node:test';
import assert from 'node:assert/strict';
import { failedOutcome, parseErrorOutcome, transpile } from '@tana/engine';
import { errorTitle, explainOutcome, unbalancedBracket } from './diagnose.ts';

function parseError(source: string) {
  try {
    transpile(source);
  } catch (error) {
    return explainOutcome(parseErrorOutcome(error), source, 1000).error!;
  }
  throw new Error('expected a syntax error');
}

test('a syntax error at the end of the file points at the bracket left open', () => {
  const $ = '$';
  const source = `import { console } from 'tana:core'\nconsole.log('a (', \`b ${$}{1 + (2)}\`, /\\(/.test('x')\nconst x = [1, 2]\n// ) in a comment\n`;
  const error = parseError(source);
  assert.equal(error.line, 2);
  assert.equal(error.column, 12);
  assert.match(error.message, /'\(' is never closed/);
});

test('a stray closing bracket is named where it is', () => {
  assert.deepEqual(unbalancedBracket('const a = [1, 2)\n'), { line: 1, column: 16, char: ')', problem: 'unexpected' });
  const $ = '$'; // a template literal inside a template literal, with brackets in strings
  assert.equal(unbalancedBracket(`const s = \`a${$}{\`b${$}{"}"}\`}\` + "(" + '['\n`), undefined);
});

test('a syntax error in the middle keeps its own position', () => {
  const error = parseError('const a = 1 +* 2\nconst b = 3\n');
  assert.equal(error.line, 1);
});

test('a bad tana: import and a missing export are placed at their import', () => {
  const source = "import { console } from 'tana:core'\nimport {\n  data,\n  nope,\n} from 'tana:data'\nimport { x } from 'tana:nothing'\n";
  const bad = explainOutcome(failedOutcome('ModuleNotFound', "cannot import 'tana:nothing': contracts may import only tana:core"), source, 1000).error!;
  assert.deepEqual([bad.line, bad.column], [6, 20]);
  const missing = explainOutcome(failedOutcome('ContractError', 'SyntaxError: could not find export `nope`'), source, 1000).error!;
  assert.deepEqual([missing.line, missing.column], [4, 3]);
});

test('a Stop says Stopped (the engine code, or the sandbox Timeout before it); a real timeout stays Timeout', () => {
  assert.equal(errorTitle(failedOutcome('Timeout', 'the run was stopped').error!), 'Stopped');
  assert.equal(errorTitle({ code: 'Stopped' as never, message: 'the run was stopped' }), 'Stopped');
  assert.equal(errorTitle(failedOutcome('Timeout', 'the run took longer than 10000 ms and was stopped').error!), 'Timeout');
});

test('OutOfGas names the limit', () => {
  const error = explainOutcome(failedOutcome('OutOfGas', 'the run used more gas than its limit', 10_000_000), '', 10_000_000).error!;
  assert.match(error.message, /10,000,000 gas/);
});
