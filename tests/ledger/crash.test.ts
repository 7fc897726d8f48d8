// Crash safety: kill -9 the ledger in the middle of a load, start it again on the same SQLite
// file, and find every acknowledged transaction there; `tana verify` passes on the result.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { loadEngine, signTransaction } from '@tana/engine';
import { callContract, LedgerClient, transferTransaction, type ChainInfo } from '../../ledger/src/client/index.ts';
import { createUser, deploy, type TestUser } from '../support/ledger.ts';
import { startTana, TANA_BIN } from '../support/tana-process.ts';

const counter = readFileSync(new URL('../../examples/counter.ts', import.meta.url), 'utf8');

test('every acknowledged transaction survives kill -9, and verify passes', async () => {
  const home = mkdtempSync(join(tmpdir(), 'tana-crash-'));
  try {
    const first = await startTana(home, ['--workers', '2'], { stderr: 'inherit' });
    const client = new LedgerClient(first.url);
    const chain: ChainInfo = await client.chain();
    const ledger = { client, chain };
    const users: TestUser[] = [];
    for (const id of ['u0', 'u1', 'u2', 'u3']) users.push(await createUser(ledger, id));
    await deploy(ledger, users[0]!, 'counter', counter);

    const acknowledged: string[] = [];
    let stop = false;
    const engine = await loadEngine();
    const transfers = users.map(async (user, i) => {
      let nonce = (await client.user(user.id)).nextNonce;
      while (!stop) {
        const to = users[(i + 1) % users.length]!.id;
        try {
          const done = await client.submit(await signTransaction(transferTransaction(chain, user.id, nonce, to, '1', 'USD'), user.privateKey));
          acknowledged.push(done.id);
          nonce++;
        } catch {
          return; // the ledger is gone
        }
      }
    });
    const calls = (async () => {
      while (!stop) {
        try {
          const result = await callContract(client, engine, { contractId: 'counter', sender: 'u0', privateKey: users[0]!.privateKey, retries: 10 });
          if (result.submitted) acknowledged.push(result.submitted.id);
        } catch {
          return;
        }
      }
    })();
    await new Promise((resolve) => setTimeout(resolve, 2000));
    await first.stop('SIGKILL');
    stop = true;
    await Promise.all([...transfers, calls]);
    assert.ok(acknowledged.length > 20, `load was running (${acknowledged.length} acknowledged)`);

    const second = await startTana(home, ['--workers', '2'], { stderr: 'inherit' });
    try {
      const after = new LedgerClient(second.url);
      for (const id of acknowledged) {
        const record = await after.transaction(id);
        assert.equal(record.id, id);
      }
    } finally {
      await second.stop();
    }
    const { stdout } = await promisify(execFile)(process.execPath, [TANA_BIN, 'verify', '--data', join(home, 'ledger')], { env: { ...process.env, TANA_HOME: home } });
    assert.match(stdout, /^ok: /);
  } finally {
    rmSync(home, { recursive: true, force: true });
  }
});
