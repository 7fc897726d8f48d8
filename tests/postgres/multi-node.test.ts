// Three nodes, one PostgreSQL database: clients on every node send transfers and calls to one counter
// contract at once (the calls conflict across nodes and are re-run), one node is killed with -9 mid-
// stream, the others keep committing, the killed one comes back at the shared head. Then: one chain
// (tana verify rebuilds every state root), every acknowledged transaction in it exactly once, the
// counter equal to the number of acknowledged calls, and the money supply what was issued.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { LedgerClient } from '../../ledger/src/client/index.ts';
import { createPostgresDatabase } from '../support/database.ts';
import { startLoad } from '../support/load.ts';
import { startNodes } from '../support/nodes.ts';
import { TANA_BIN } from '../support/tana-process.ts';
import { waitFor } from '../support/wait.ts';

test('three nodes, one chain: concurrent clients on each, a kill -9, nothing acknowledged lost, verify passes', { timeout: 60_000 }, async () => {
  const database = await createPostgresDatabase();
  const cluster = await startNodes(3, database.url, ['--workers', '1']);
  try {
    const load = await startLoad(cluster.urls());
    // Calls as well as transfers: under load the calls (which conflict across nodes) lag behind.
    await waitFor(() => load.acknowledged.length >= 60 && load.acknowledgedCalls.length >= 5, '60 acknowledged transactions, 5 of them calls');
    await cluster.nodes[1]!.process.stop('SIGKILL');
    const atKill = load.acknowledged.length;
    await waitFor(() => load.acknowledged.length >= atKill + 30, '30 more acknowledged by the two nodes left');
    const back = await cluster.restart(1);
    await load.stop();

    const clients = cluster.urls().map((url) => new LedgerClient(url));
    const heads = await Promise.all(clients.map((client) => client.head()));
    assert.deepEqual(
      heads.map((h) => h.hash),
      [heads[0]!.hash, heads[0]!.hash, heads[0]!.hash],
      'the restarted node serves the same head as the others',
    );
    assert.equal(load.refusals.get('Internal'), undefined, `no 500s: ${JSON.stringify([...load.refusals])}`);

    // Every acknowledged transaction is in the chain, exactly once.
    const placed = new Map<string, number>();
    for (let since = -1; ; ) {
      const page = await clients[2]!.blocksSince(since, 500);
      for (const block of page.blocks) for (const id of block.txIds) placed.set(id, (placed.get(id) ?? 0) + 1);
      if (!page.blocks.length) break;
      since = page.blocks.at(-1)!.height;
    }
    assert.deepEqual(
      load.acknowledged.filter((id) => placed.get(id) !== 1),
      [],
      `all ${load.acknowledged.length} acknowledged transactions once`,
    );
    assert.ok(
      [...placed.values()].every((n) => n === 1),
      'no transaction twice',
    );

    const calls = (await clients[0]!.transactions({ contract: 'counter', limit: 500 })).transactions.filter((tx) => tx.kind === 'call');
    const value = await new LedgerClient(back.url).value('counter', 'n').catch((error) => assert.fail(`the restarted node has no counter after ${calls.length} committed calls: ${error}`));
    assert.equal(value.value, calls.length, 'the counter counts every committed call (none lost to a race between nodes)');
    const usd = (await clients[0]!.balances({ currency: 'USD' })).balances.reduce((sum, row) => sum + BigInt(row.amount), 0n);
    assert.equal(usd, BigInt(load.accounts) * 100_000n, 'supply conserved: one faucet grant per account');

    await cluster.dispose();
    const { stdout } = await promisify(execFile)(process.execPath, [TANA_BIN, 'verify', '--db', database.url]);
    assert.match(stdout, /^ok: /);
  } finally {
    await cluster.dispose();
    await database.drop();
  }
});
