// Crash safety: kill -9 the ledger in the middle of a load, start it again on the same SQLite
// file, and find every acknowledged transaction there; `tana verify` passes on the result.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { loadEngine, signTransaction } from '@tana/engine';
import { callContract, LedgerClient, transferTransaction, type ChainInfo } from '../../ledger/src/client/index.ts';
import { createUser, deploy, type TestUser } from '../support/ledger.ts';

const bin = fileURLToPath(new URL('../../cli/bin/tana.mjs', import.meta.url));
const counter = readFileSync(new URL('../../examples/counter.ts', import.meta.url), 'utf8');

async function startLedger(home: string): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, [bin, 'start', '--port', '0', '--workers', '2'], { env: { ...process.env, TANA_HOME: home }, stdio: ['ignore', 'pipe', 'inherit'] });
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (chunk) => {
      out += chunk;
      const match = /running at (http:\/\/127\.0\.0\.1:\d+)/.exec(out);
      if (match) resolve(match[1]!);
    });
    child.once('exit', (code) => reject(new Error(`tana start exited with ${code}`)));
  });
  return { child, url };
}

test('every acknowledged transaction survives kill -9, and verify passes', async () => {
  const home = mkdtempSync(join(tmpdir(), 'tana-crash-'));
  try {
    const first = await startLedger(home);
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
    first.child.kill('SIGKILL');
    stop = true;
    await Promise.all([...transfers, calls]);
    assert.ok(acknowledged.length > 20, `load was running (${acknowledged.length} acknowledged)`);

    const second = await startLedger(home);
    try {
      const after = new LedgerClient(second.url);
      for (const id of acknowledged) {
        const record = await after.transaction(id);
        assert.equal(record.id, id);
      }
    } finally {
      const exited = new Promise((resolve) => second.child.once('exit', resolve));
      second.child.kill('SIGTERM');
      await exited;
    }
    const { stdout } = await promisify(execFile)(process.execPath, [bin, 'verify', '--data', join(home, 'ledger')], { env: { ...process.env, TANA_HOME: home } });
    assert.match(stdout, /^ok: /);
  } finally {
    rmSync(home, { recursive: true, force: true });
  }
});
