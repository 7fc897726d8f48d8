// tana status --watch: prints each block as it is committed, keeps following across a restart of the
// ledger on the same address (EventSource reconnects, Last-Event-ID resumes: no block is missed or
// printed twice), and stops cleanly on Ctrl+C. Also: --db that is not a PostgreSQL URL is a usage error.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { signTransaction } from '@tana/engine';
import { LedgerClient, transferTransaction } from '../../ledger/src/client/index.ts';
import { createUser } from '../support/ledger.ts';
import { freePort } from '../support/postgres-cluster.ts';
import { startTana, TANA_BIN } from '../support/tana-process.ts';
import { waitFor } from '../support/wait.ts';

test('status --watch follows new blocks across a ledger restart, each block once, and exits 0 on Ctrl+C', { timeout: 60_000 }, async () => {
  const home = mkdtempSync(join(tmpdir(), 'tana-watch-'));
  const port = String(await freePort());
  let ledger = await startTana(home, ['--port', port, '--workers', '1']);
  try {
    const client = new LedgerClient(ledger.url);
    const chain = await client.chain();
    const alice = await createUser({ client, chain }, 'alice');
    await createUser({ client, chain }, 'bob');
    const transfer = async () => {
      const { nextNonce } = await client.user('alice');
      return client.submit(await signTransaction(transferTransaction(chain, 'alice', nextNonce, 'bob', '1', 'USD'), alice.privateKey));
    };

    const start = await client.head();
    const watch = spawn(process.execPath, [TANA_BIN, 'status', '--watch', '--ledger', ledger.url], { env: { ...process.env, TANA_HOME: home }, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    watch.stdout.on('data', (chunk) => (out += chunk));
    watch.stderr.on('data', (chunk) => (err += chunk));
    const printed = () => [...out.matchAll(/^block (\d+) \(/gm)].map((m) => Number(m[1]));
    await waitFor(() => out.includes('following new blocks'), 'the watch to start');

    const first = await transfer();
    await waitFor(() => printed().includes(first.height), `block ${first.height} printed`);
    assert.match(out, new RegExp(`^block ${first.height} \\(${first.blockHash.slice(0, 12)}…\\) · 1 transaction · state root`, 'm'));

    assert.equal(await ledger.stop(), 0);
    await waitFor(() => err.includes('connection lost, reconnecting'), 'the watch to notice');
    ledger = await startTana(home, ['--port', port, '--workers', '1']);
    const again = [await transfer(), await transfer()];
    await waitFor(() => printed().includes(again[1]!.height), `block ${again[1]!.height} printed after the restart`);

    const heights = printed();
    assert.deepEqual(
      heights,
      Array.from({ length: again[1]!.height - start.height }, (_, i) => start.height + 1 + i),
      'every block after the start, once, in order',
    );
    watch.kill('SIGINT');
    const code = await new Promise((resolve) => watch.once('exit', resolve));
    assert.equal(code, 0);
  } finally {
    await ledger.stop();
    rmSync(home, { recursive: true, force: true });
  }
});

test('--db that is not a PostgreSQL URL is a usage error naming the expected form', () => {
  const result = spawnSync(process.execPath, [TANA_BIN, 'start', '--db', 'mysql://x'], { encoding: 'utf8' });
  assert.equal(result.status, 2);
  assert.match(result.stderr, /'mysql:\/\/x' is not a PostgreSQL URL: expected postgres:\/\/user@host:port\/database/);
});
