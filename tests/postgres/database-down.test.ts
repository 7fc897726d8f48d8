// PostgreSQL stopped mid-stream (pg_ctl stop -m immediate, as a crash): both nodes answer every
// request with 503 DatabaseUnavailable and Retry-After — no hang, no 500, no crash — and commit again
// by themselves once the server is back; their event streams catch up. Then tana verify rebuilds
// every state root, and every acknowledged transaction is there.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { LedgerClient } from '../../ledger/src/client/index.ts';
import { sqlOn } from '../support/database.ts';
import { startLoad } from '../support/load.ts';
import { startNodes } from '../support/nodes.ts';
import { startPostgresCluster } from '../support/postgres-cluster.ts';
import { rawRequest } from '../support/raw-http.ts';
import { openHeadStream } from '../support/sse.ts';
import { TANA_BIN } from '../support/tana-process.ts';
import { waitFor } from '../support/wait.ts';

test('PostgreSQL down: 503 DatabaseUnavailable from every node, then commits resume without a restart', { timeout: 60_000 }, async () => {
  const server = await startPostgresCluster(); // its own: this test stops it
  await sqlOn(server.adminUrl, ['CREATE DATABASE chain']);
  const cluster = await startNodes(2, server.urlFor('chain'), ['--workers', '1']);
  try {
    const load = await startLoad(cluster.urls());
    const stream = openHeadStream(cluster.nodes[1]!.url);
    await waitFor(() => load.acknowledged.length >= 40, '40 acknowledged transactions');

    server.stop('immediate');
    for (const node of cluster.nodes) {
      for (const path of ['/health', '/blocks/head', '/users/u0']) {
        const response = await rawRequest(node.url, { path });
        assert.equal(response.status, 503, `${path}: ${response.body}`);
        assert.equal(response.json().error.code, 'DatabaseUnavailable');
        assert.ok(Number(response.headers['retry-after']) > 0);
      }
    }
    await waitFor(() => (load.refusals.get('DatabaseUnavailable') ?? 0) >= 10, 'the clients to be refused with DatabaseUnavailable');
    const refusedAt = load.acknowledged.length;

    server.start();
    await waitFor(() => load.acknowledged.length >= refusedAt + 30, '30 more acknowledged after the database came back');
    await load.stop();
    const head = await new LedgerClient(cluster.nodes[0]!.url).head();
    await stream.until(head.height);
    stream.close();
    const heights = stream.heads.map((h) => h.height);
    assert.deepEqual(
      heights,
      Array.from({ length: heights.length }, (_, i) => heights[0]! + i),
      'the event stream skipped no block across the outage',
    );

    assert.ok(
      cluster.nodes.every((node) => node.process.child.exitCode === null),
      'both nodes still running',
    );
    assert.equal(load.refusals.get('Internal'), undefined, `no 500s: ${JSON.stringify([...load.refusals])}`);
    assert.deepEqual([...load.unanswered], [], 'every request answered');

    const client = new LedgerClient(cluster.nodes[1]!.url);
    const missing: string[] = [];
    for (const id of load.acknowledged) await client.transaction(id).catch(() => missing.push(id));
    assert.deepEqual(missing, []);
    await cluster.dispose();
    const { stdout } = await promisify(execFile)(process.execPath, [TANA_BIN, 'verify', '--db', server.urlFor('chain')]);
    assert.match(stdout, /^ok: /);
  } finally {
    await cluster.dispose();
    server.dispose();
  }
});
