// Errors name their subject: the missing file, the flag and its JSON error, the corrupt config file,
// the file and line of a syntax error, and how to start a ledger when none answers.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { createServer, type AddressInfo } from 'node:net';
import { join } from 'node:path';
import { TANA_BIN } from '../support/tana-process.ts';

const COUNTER = new URL('../../examples/counter.ts', import.meta.url).pathname;
/** A port nothing listens on (one just freed): connecting is refused at once. */
const NO_LEDGER = await new Promise<string>((resolve) => {
  const server = createServer().listen(0, '127.0.0.1', () => {
    const { port } = server.address() as AddressInfo;
    server.close(() => resolve(`http://127.0.0.1:${port}`));
  });
});

function workspace() {
  const cwd = mkdtempSync(join(tmpdir(), 'tana-errors-'));
  const home = join(cwd, 'home');
  const tana = (...args: string[]) => {
    const result = spawnSync(process.execPath, [TANA_BIN, ...args], { cwd, encoding: 'utf8', env: { ...process.env, TANA_HOME: home, TANA_LEDGER: NO_LEDGER } });
    return { code: result.status, stdout: result.stdout, stderr: result.stderr };
  };
  return { cwd, home, tana };
}

test('a missing contract file names its path, not ENOENT', () => {
  const { tana } = workspace();
  const run = tana('run', 'missing/contract.ts');
  assert.equal(run.code, 2);
  assert.match(run.stderr, /^tana run: no contract file at missing\/contract\.ts\n/);
  assert.doesNotMatch(run.stderr, /ENOENT/);
  const deploy = tana('deploy', 'missing');
  assert.equal(deploy.code, 2);
  assert.match(deploy.stderr, /^tana deploy: no contract file or folder at missing\n/);
});

test('a bad --input names the flag and the JSON error', () => {
  const { tana } = workspace();
  const run = tana('run', COUNTER, '--input', '{name: 1}');
  assert.equal(run.code, 2);
  assert.match(run.stderr, /^tana run: --input must be JSON: .*property name.* \(got "\{name: 1\}"/);
  const call = tana('call', 'counter', '--input', 'hello');
  assert.equal(call.code, 2);
  assert.match(call.stderr, /^tana call: --input must be JSON: .*"hello"/);
  const args = tana('call', 'counter', '--function', 'f', '--args', '{"a":1}');
  assert.equal(args.code, 2);
  assert.match(args.stderr, /--args must be a JSON array/);
});

test('a corrupt config.json is named, with what to do', () => {
  const { home, tana } = workspace();
  mkdirSync(home, { recursive: true });
  writeFileSync(join(home, 'config.json'), '{"ledger": "http://127.0.0.1:8080",');
  const status = tana('status');
  assert.equal(status.code, 1);
  assert.match(status.stderr, new RegExp(`^tana status: ${join(home, 'config.json')} \\(the configuration\\) is not valid JSON: .+; fix it or delete it\\n`));
  const list = tana('user', 'list');
  assert.equal(list.code, 1);
  assert.match(list.stderr, /config\.json \(the configuration\) is not valid JSON/);
});

test('a syntax error names the file and the line', () => {
  const { cwd, tana } = workspace();
  writeFileSync(join(cwd, 'bad.ts'), "import { data } from 'tana:data'\nconst x = ;\n");
  const run = tana('run', 'bad.ts');
  assert.equal(run.code, 1);
  assert.match(run.stdout, /^bad\.ts:2:\d+: ParseError: Unexpected token/m);
  const json = JSON.parse(tana('run', 'bad.ts', '--json').stdout);
  assert.equal(json.error.code, 'ParseError');
  assert.equal(json.error.line, 2);
  const deploy = tana('deploy', 'bad.ts');
  assert.equal(deploy.code, 1);
  assert.match(deploy.stderr, /^tana deploy: bad\.ts:2:\d+: syntax error: Unexpected token/);
});

test('user create with no ledger running says how to start one, and keeps no key', () => {
  const { home, tana } = workspace();
  const created = tana('user', 'create', 'alice');
  assert.equal(created.code, 1);
  assert.match(created.stderr, new RegExp(`^tana user create: Unreachable: cannot reach the ledger at ${NO_LEDGER}.*ECONNREFUSED.*; start one with: tana start \\(or pass --ledger <url>\\)\\n$`));
  assert.equal(existsSync(join(home, 'users', 'alice.json')), false);
  const status = tana('status');
  assert.equal(status.code, 1);
  assert.match(status.stdout, /not reachable .*; start one with: tana start/);
});

test('transfer checks its amount, currency and recipient before signing anything', () => {
  const { tana } = workspace();
  for (const [args, message] of [
    [['bob', '1.50', 'USD'], /the amount must be a positive whole number of the smallest unit \(e\.g\. cents\), as a decimal string, not '1\.50'/],
    [['bob', '150', 'usd'], /'usd' is not a currency code: 1–16 of A–Z, 0–9/],
    [['Bob!', '150', 'USD'], /'Bob!' is not an account id/],
  ] as const) {
    const result = tana('transfer', ...args);
    assert.equal(result.code, 2, args.join(' '));
    assert.match(result.stderr, message);
  }
  assert.match(tana('run', COUNTER, '--gas', '1e6').stderr, /--gas must be a positive whole number, not '1e6'/);
});
