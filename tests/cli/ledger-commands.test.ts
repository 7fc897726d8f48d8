// The tana command against a real ledger it starts itself: start → user → new → deploy → call →
// transfer → status → keys → stop (graceful) → verify. Everything in a temporary TANA_HOME.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile, spawnSync, type ChildProcess } from 'node:child_process';
import { promisify } from 'node:util';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startTana, TANA_BIN as bin, type TanaProcess } from '../support/tana-process.ts';

const execFileAsync = promisify(execFile);

describe('tana ledger commands', () => {
  const home = mkdtempSync(join(tmpdir(), 'tana-home-'));
  const data = join(home, 'ledger');
  let server: ChildProcess;
  let ledgerProcess: TanaProcess;
  let url = '';
  const env = () => ({ ...process.env, TANA_HOME: home, TANA_LEDGER: url });
  const tana = (...args: string[]) => {
    const result = spawnSync(process.execPath, [bin, ...args], { encoding: 'utf8', env: env(), cwd: home });
    return { code: result.status, stdout: result.stdout, stderr: result.stderr };
  };

  before(async () => {
    ledgerProcess = await startTana(home, ['--workers', '1']);
    server = ledgerProcess.child;
    url = ledgerProcess.url;
  });
  after(() => {
    server.kill('SIGKILL');
    rmSync(home, { recursive: true, force: true });
  });

  test('status reports the running ledger', () => {
    const { code, stdout } = tana('status');
    assert.equal(code, 0, stdout);
    assert.match(stdout, /running/);
    assert.match(stdout, /chain tana-local · block 0/);
  });

  test('user create registers the user and keeps its keys under TANA_HOME/users', () => {
    const created = tana('user', 'create', 'alice', '--name', 'Alice');
    assert.equal(created.code, 0, created.stderr);
    assert.match(created.stdout, /created user 'alice' in block 1/);
    const stored = JSON.parse(readFileSync(join(home, 'users', 'alice.json'), 'utf8'));
    assert.match(stored.privateKey, /^[0-9a-f]+$/);
    assert.equal(tana('user', 'create', 'bob').code, 0);
    assert.match(tana('user', 'show', 'alice').stdout, /alice \(Alice\) · next nonce 1/);
    assert.match(tana('user', 'list').stdout, /\* alice/);
    const local = tana('user', 'create', 'alice');
    assert.equal(local.code, 2, 'never replaces a key it holds');
    assert.match(local.stderr, /already exist/);
    const taken = tana('user', 'create', 'ledger'); // registered on the ledger (its producer), no local key
    assert.equal(taken.code, 1);
    assert.match(taken.stderr, /UserExists/);
    assert.equal(existsSync(join(home, 'users', 'ledger.json')), false, 'the refused registration leaves no key file');

    // A key that cannot be written is never registered: the id stays free for a later attempt.
    const broken = mkdtempSync(join(tmpdir(), 'tana-home-broken-'));
    writeFileSync(join(broken, 'users'), 'a file where the users directory should be');
    const unsaved = spawnSync(process.execPath, [bin, 'user', 'create', 'carol'], { encoding: 'utf8', env: { ...env(), TANA_HOME: broken } });
    assert.equal(unsaved.status, 1, unsaved.stderr);
    rmSync(broken, { recursive: true, force: true });
    assert.match(tana('user', 'show', 'carol').stderr, /NotFound/);
    assert.equal(tana('user', 'create', 'carol').code, 0);
  });

  test('new scaffolds a contract; deploy and call put it on the ledger', () => {
    assert.equal(tana('new', 'visits').code, 0);
    assert.ok(existsSync(join(home, 'visits', 'contract.ts')));
    assert.equal(tana('new', 'visits').code, 2, 'refuses to overwrite');
    const deployed = tana('deploy', 'visits');
    assert.equal(deployed.code, 0, deployed.stderr);
    assert.match(deployed.stdout, /deployed 'visits' v1 in block \d+/);
    assert.equal(deployed.stderr, '', 'no progress lines when stderr is not a terminal');
    const called = tana('call', 'visits', '--as', 'bob');
    assert.equal(called.code, 0, called.stderr);
    assert.match(called.stdout, /visit 1 by bob/);
    assert.match(called.stdout, /committed in block \d+/);
  });

  test('transfer moves money; a refused one names its error and exits 1', () => {
    assert.equal(tana('transfer', 'bob', '250', 'USD').code, 0);
    assert.match(tana('user', 'show', 'bob').stdout, /USD 100250/);
    const refused = tana('transfer', 'bob', '99999999', 'USD');
    assert.equal(refused.code, 1);
    assert.match(refused.stderr, /InsufficientFunds/);
    assert.equal(tana('transfer', 'bob').code, 2);
  });

  test('key export and import round-trip', () => {
    const exported = tana('key', 'export', 'alice');
    assert.equal(exported.code, 0);
    const imported = tana('key', 'import', 'alice2', exported.stdout.trim());
    assert.equal(imported.code, 0, imported.stderr);
    const a = JSON.parse(readFileSync(join(home, 'users', 'alice.json'), 'utf8'));
    const b = JSON.parse(readFileSync(join(home, 'users', 'alice2.json'), 'utf8'));
    assert.equal(a.publicKey, b.publicKey);
    assert.equal(tana('key', 'import', 'bad', 'abcd').code, 2);
    for (const id of ['../escape', '/tmp/abs', 'a/b', '..', '.hidden']) {
      const refused = tana('key', 'import', id, exported.stdout.trim());
      assert.equal(refused.code, 2, id);
      assert.match(refused.stderr, /not a user id/);
    }
    assert.equal(existsSync(join(home, 'escape.json')), false);
    assert.equal(tana('key', 'export', '../users/alice').code, 2);
  });

  test('stop shuts the ledger down gracefully; verify then rebuilds the chain', async () => {
    const exited = new Promise<number | null>((resolve) => server.once('exit', resolve));
    // Asynchronously, so this process can reap the ledger (a zombie would look alive to tana stop).
    const stopped = await execFileAsync(process.execPath, [bin, 'stop', '--data', data], { env: env() });
    assert.match(stopped.stdout, /stopped the ledger/);
    assert.equal(await exited, 0);
    assert.match(tana('status').stdout, /not reachable/);
    const verified = tana('verify', '--data', data);
    assert.equal(verified.code, 0, verified.stdout + verified.stderr);
    assert.match(verified.stdout, /^ok: \d+ blocks, \d+ transactions \(1 calls re-executed\)/);
  });
});
