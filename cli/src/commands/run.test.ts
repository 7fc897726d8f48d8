import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const bin = fileURLToPath(new URL('../../bin/tana.mjs', import.meta.url));
const counter = fileURLToPath(new URL('../../../examples/counter.ts', import.meta.url));

function tana(...args: string[]) {
  const result = spawnSync(process.execPath, [bin, ...args], { encoding: 'utf8' });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

test('--json prints exactly one JSON object with the outcome', () => {
  const { code, stdout } = tana('run', counter, '--json');
  assert.equal(code, 0);
  const lines = stdout.trim().split('\n');
  assert.equal(lines.length, 1);
  const outcome = JSON.parse(lines[0]);
  assert.deepEqual(Object.keys(outcome), ['ok', 'value', 'error', 'diff', 'logs', 'gasUsed']);
  assert.equal(outcome.ok, true);
  assert.deepEqual(outcome.diff.set, { counter: 1 });
});

test('--state reads the committed state and writes it back after success', () => {
  const dir = mkdtempSync(join(tmpdir(), 'tana-cli-'));
  const state = join(dir, 'state.json');
  writeFileSync(state, JSON.stringify({ counter: 5, other: 'kept' }));
  assert.equal(tana('run', counter, '--state', state).code, 0);
  assert.deepEqual(JSON.parse(readFileSync(state, 'utf8')), { counter: 6, other: 'kept' });
  const { stdout } = tana('run', counter, '--state', state);
  assert.match(stdout, /Counter: 6 -> 7/);
  assert.match(stdout, /gas used/i);
});

test('a failing contract exits 1 with its named error and leaves the state file alone', () => {
  const dir = mkdtempSync(join(tmpdir(), 'tana-cli-'));
  const contract = join(dir, 'bad.ts');
  const state = join(dir, 'state.json');
  writeFileSync(contract, "import { data } from 'tana:data'\nawait data.set('x', 1)\nawait data.commit()\nfor (;;) {}\n");
  writeFileSync(state, '{"x":0}');
  const { code, stdout } = tana('run', contract, '--state', state, '--json', '--gas', '100000');
  assert.equal(code, 1);
  const outcome = JSON.parse(stdout);
  assert.equal(outcome.error.code, 'OutOfGas');
  assert.deepEqual(outcome.diff.set, {});
  assert.equal(readFileSync(state, 'utf8'), '{"x":0}');
});

test('usage errors exit 2 with a message', () => {
  assert.equal(tana('run').code, 2);
  assert.equal(tana('frobnicate').code, 2);
});
