// The tana command with several chains and a node configuration, as in the seeds: `tana start --node`
// reads $TANA_HOME/nodes/<name>.json (here: a chain that charges fees); `tana chain add/use/list/remove`
// keep chains/<name>.json and the default in config.json; every ledger command takes --chain. Then
// teams (create, add, act with --from and --team, remove), profiles, fees shown before signing and
// --max-fee, and `tana verify` over all of it. Nothing here sets $TANA_LEDGER: the chains decide.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { startTana, TANA_BIN, type TanaProcess } from '../support/tana-process.ts';
import { waitFor } from '../support/wait.ts';

describe('tana with chains, a node config, teams and fees', () => {
  const home = mkdtempSync(join(tmpdir(), 'tana-chains-'));
  const data = join(home, 'node-data');
  let ledger: TanaProcess;
  const env = () => {
    const { TANA_LEDGER: _unset, ...rest } = process.env;
    return { ...rest, TANA_HOME: home };
  };
  const tana = (...args: string[]) => {
    const result = spawnSync(process.execPath, [TANA_BIN, ...args], { encoding: 'utf8', env: env(), cwd: home });
    return { code: result.status, stdout: result.stdout, stderr: result.stderr };
  };
  const ok = (...args: string[]) => {
    const result = tana(...args);
    assert.equal(result.code, 0, `tana ${args.join(' ')}: ${result.stderr}${result.stdout}`);
    return result;
  };

  before(async () => {
    mkdirSync(join(home, 'nodes'), { recursive: true });
    writeFileSync(
      join(home, 'nodes', 'paid.json'),
      JSON.stringify({ port: 1, workers: 1, data, faucet: '50000000', gasPrice: '1:USD', depositPerByte: 5, cors: ['https://a.example', 'https://b.example'] }),
    );
    ledger = await startTana(home, ['--node', 'paid']); // startTana passes --port 0: a flag given wins over the file's port 1
  });
  after(async () => {
    await ledger.stop('SIGKILL');
    rmSync(home, { recursive: true, force: true });
  });

  test('start --node takes its options from nodes/<name>.json; a bad node file is named', async () => {
    assert.ok(existsSync(join(data, 'ledger.sqlite')), 'the node file’s data directory');
    const cors = await fetch(`${ledger.url}/health`, { headers: { Origin: 'https://b.example' } });
    assert.equal(cors.headers.get('access-control-allow-origin'), 'https://b.example', 'the node file’s CORS origins');
    writeFileSync(join(home, 'nodes', 'typo.json'), JSON.stringify({ prot: 9000 }));
    const typo = tana('start', '--node', 'typo');
    assert.equal(typo.code, 2);
    assert.match(typo.stderr, /nodes\/typo\.json: unknown option 'prot' \(known: port, /);
    const missing = tana('start', '--node', 'ghost');
    assert.equal(missing.code, 2);
    assert.match(missing.stderr, /no node 'ghost': .*nodes\/ghost\.json does not exist \(known: paid, typo\)/);
    writeFileSync(join(home, 'nodes', 'bad.json'), JSON.stringify({ workers: 'many' }));
    assert.match(tana('start', '--node', 'bad').stderr, /--workers must be a positive whole number, not 'many'/);
  });

  test('a fee-charging chain whose faucet pays in another currency says so at start', async () => {
    const other = mkdtempSync(join(tmpdir(), 'tana-fee-note-'));
    const started = await startTana(other, ['--workers', '1', '--gas-price', '1']);
    try {
      await waitFor(() => started.output().includes('max gas') && started.output().includes('(Ctrl+C'), 'the start banner');
      assert.match(started.output(), /fees 1 × 0\.000001 TANA per gas · deposit 0 × 0\.000001 TANA per byte of contract state/);
      assert.match(started.output(), /note: new users get USD from the faucet but fees are paid in TANA: mint some \(POST \/balances\) or start a new chain with --gas-price 1:USD/);
    } finally {
      await started.stop();
      rmSync(other, { recursive: true, force: true });
    }
  });

  test('chain add learns the chain id and engine; use makes it the default; --chain picks one', () => {
    const none = ok('chain', 'list');
    assert.match(none.stdout, /no chains added/);
    const added = ok('chain', 'add', 'local', ledger.url);
    assert.match(added.stdout, /added chain 'local': http:\/\/127\.0\.0\.1:\d+ · chain tana-local · engine [0-9a-f]{12}…/);
    const stored = JSON.parse(readFileSync(join(home, 'chains', 'local.json'), 'utf8'));
    assert.equal(stored.url, ledger.url);
    assert.equal(stored.chainId, 'tana-local');
    assert.match(stored.engineHash, /^[0-9a-f]{64}$/);
    // Not the default yet: commands still go to the local default URL, where nothing listens.
    assert.match(tana('status').stdout, /http:\/\/127\.0\.0\.1:8080: not reachable/);
    assert.match(ok('status', '--chain', 'local').stdout, /\(chain 'local'\): running/);
    ok('chain', 'use', 'local');
    assert.equal(JSON.parse(readFileSync(join(home, 'config.json'), 'utf8')).defaultChain, 'local');
    const status = ok('status');
    assert.match(status.stdout, /\(chain 'local'\): running/);
    assert.match(status.stdout, /fees: 1 × 0\.01 USD per gas · deposit 5 × 0\.01 USD per byte of contract state/);
    assert.match(ok('chain', 'list').stdout, /\* local {2}http/);

    const unknown = tana('status', '--chain', 'mainnet');
    assert.equal(unknown.code, 2);
    assert.match(unknown.stderr, /no chain 'mainnet' \(known: local\); add it with: tana chain add mainnet <url>/);
    const both = tana('status', '--chain', 'local', '--ledger', ledger.url);
    assert.equal(both.code, 2);
    assert.match(tana('chain', 'add', 'local', 'http://127.0.0.1:1').stderr, /the chain 'local' is http:\/\/127\.0\.0\.1:\d+; remove it first/);
    assert.equal(tana('chain', 'add', '../evil', ledger.url).code, 2);
  });

  test('a chain whose ledger now answers for another chain is refused before anything is signed', () => {
    ok('chain', 'add', 'other', ledger.url);
    const file = join(home, 'chains', 'other.json');
    writeFileSync(file, JSON.stringify({ ...JSON.parse(readFileSync(file, 'utf8')), chainId: 'tana-elsewhere' }));
    const refused = tana('status', '--chain', 'other');
    assert.equal(refused.code, 1);
    assert.match(refused.stderr, /now answers with chain id 'tana-local' \(added as 'tana-elsewhere'\) for chain 'other'; if that is expected, add it again: tana chain add other http/);
    assert.match(tana('user', 'create', 'nobody', '--chain', 'other').stderr, /added as 'tana-elsewhere'/);
    assert.equal(existsSync(join(home, 'users', 'nobody.json')), false, 'no key made');
    ok('chain', 'add', 'other', ledger.url); // same URL: learns again
    ok('status', '--chain', 'other');
    ok('chain', 'remove', 'other');
    assert.equal(tana('chain', 'remove', 'other').code, 2);
  });

  test('profiles: user create --username, user update, user show', () => {
    ok('user', 'create', 'alice', '--name', 'Alice', '--username', 'alice_w', '--bio', 'Builds counters.');
    ok('user', 'create', 'bob');
    ok('user', 'create', 'carol');
    assert.match(ok('user', 'show', 'alice').stdout, /^alice \(Alice\) @alice_w · next nonce 1/);
    const updated = ok('user', 'update', '--as', 'bob', '--username', 'bobby', '--name', 'Bob');
    assert.match(updated.stdout, /updated Bob \(@bobby\) in block \d+ · fee [\d.]+ USD \(\d+ gas × 1\)/);
    assert.match(updated.stderr, /^fee: [\d.]+ USD \(\d+ gas × 1\)\n$/, 'the fee is said before signing');
    const taken = tana('user', 'update', '--as', 'carol', '--username', 'bobby');
    assert.equal(taken.code, 1);
    assert.match(taken.stderr, /UsernameTaken/);
    assert.equal(tana('user', 'update', '--as', 'carol', '--username', 'No Way').code, 2);
    assert.equal(tana('user', 'update', '--as', 'carol').code, 2);
  });

  test('teams: create, add, act for it with --from and --team, show, list, remove, refused after', () => {
    writeFileSync(join(home, 'counter.ts'), readFileSync(new URL('../../examples/counter.ts', import.meta.url)));
    assert.match(ok('team', 'create', 'acme', '--name', 'Acme', '--members-may', 'spend,deploy').stdout, /created team 'acme' in block \d+; alice is its owner/);
    ok('transfer', 'acme', '10000000', 'USD');
    ok('team', 'add', 'acme', 'bob');
    const sent = ok('transfer', 'carol', '500', 'USD', '--from', 'acme', '--as', 'bob', '--json');
    const paid = JSON.parse(sent.stdout);
    assert.equal(paid.from, 'acme');
    assert.equal(paid.fee.payer, 'acme');
    const deployed = JSON.parse(ok('deploy', 'counter.ts', '--id', 'acme-counter', '--team', 'acme', '--as', 'bob', '--json').stdout);
    assert.equal(deployed.owner, 'acme');
    const shown = ok('team', 'show', 'acme').stdout;
    assert.match(shown, /^acme \(Acme\) · created by alice in block \d+ · members may deploy and spend/);
    assert.match(shown, /owner {2}alice \(Alice\) @alice_w\n {2}member bob \(Bob\) @bobby/);
    assert.match(shown, /contract acme-counter v1/);
    assert.match(ok('team', 'list', '--as', 'bob').stdout, /^acme \(Acme\) · member · 1 owner\(s\)/);
    assert.match(ok('user', 'show', 'bob').stdout, /team acme \(Acme\): member/);
    ok('team', 'remove', 'acme', 'bob');
    const after = tana('transfer', 'carol', '1', 'USD', '--from', 'acme', '--as', 'bob');
    assert.equal(after.code, 1);
    assert.match(after.stderr, /NotTeamMember: 'bob' is not a member of team 'acme'/);
    const denied = tana('team', 'add', 'acme', 'carol', '--as', 'carol');
    assert.match(denied.stderr, /NotTeamMember/);
    assert.match(tana('team', 'create', 'acme').stderr, /AccountIdTaken/);
    assert.equal(tana('team', 'set', 'acme', '--members-may', 'everything').code, 2);
    assert.match(ok('team', 'set', 'acme', '--members-may', 'nothing').stdout, /members may do nothing but leave/);
  });

  test('the fee is shown before signing; --max-fee below it signs nothing', () => {
    const { nextNonce } = JSON.parse(ok('user', 'show', 'alice', '--json').stdout);
    const refused = tana('transfer', 'bob', '1', 'USD', '--max-fee', '10');
    assert.equal(refused.code, 2);
    assert.match(refused.stderr, /the fee is [\d.]+ USD \(\d+ gas × 1\), over --max-fee 10; nothing was signed/);
    assert.equal(JSON.parse(ok('user', 'show', 'alice', '--json').stdout).nextNonce, nextNonce);
    const called = ok('call', 'acme-counter', '--max-fee', '1000000');
    assert.match(called.stderr, /fee: [\d.]+ USD \(\d+ gas × 1\)\ndeposit: [\d.]+ USD for \d+ more bytes of state\n/);
  });

  test('tana verify rebuilds all of it', async () => {
    const exited = await ledger.stop();
    assert.equal(exited, 0);
    const { stdout } = await promisify(execFile)(process.execPath, [TANA_BIN, 'verify', '--data', data], { env: env() });
    assert.match(stdout, /^ok: \d+ blocks, \d+ transactions \(1 calls re-executed\)/);
  });
});
