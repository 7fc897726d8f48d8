// GET /events across nodes of one chain: a stream on node A hears the blocks node B commits (LISTEN/
// NOTIFY); when A is killed, a client that reconnects to B with Last-Event-ID gets every block after
// the last one it saw, once, including those made while it was away.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { signTransaction } from '@tana/engine';
import { LedgerClient, transferTransaction } from '../../ledger/src/client/index.ts';
import { createPostgresDatabase } from '../support/database.ts';
import { createUser } from '../support/ledger.ts';
import { startNodes } from '../support/nodes.ts';
import { openHeadStream } from '../support/sse.ts';

test('a stream on one node hears every node’s commits, and resumes on another with Last-Event-ID', { timeout: 60_000 }, async () => {
  const database = await createPostgresDatabase();
  const cluster = await startNodes(2, database.url, ['--workers', '1']);
  try {
    const [a, b] = cluster.nodes.map((node) => new LedgerClient(node.url)) as [LedgerClient, LedgerClient];
    const chain = await b.chain();
    const alice = await createUser({ client: b, chain }, 'alice');
    await createUser({ client: b, chain }, 'bob');
    const transfer = async () => {
      const { nextNonce } = await b.user('alice');
      return b.submit(await signTransaction(transferTransaction(chain, 'alice', nextNonce, 'bob', '1', 'USD'), alice.privateKey));
    };

    const start = await a.head();
    const onA = openHeadStream(cluster.nodes[0]!.url);
    await onA.until(start.height);
    const made = [await transfer(), await transfer()];
    await onA.until(made[1]!.height);
    onA.close();
    const seen = onA.heads.at(-1)!.height;
    assert.deepEqual(
      onA.heads.map((h) => h.height),
      Array.from({ length: seen - start.height + 1 }, (_, i) => start.height + i),
    );
    assert.ok(
      made.every((tx) => onA.heads.some((h) => h.txIds.includes(tx.id))),
      'node A announced node B’s blocks',
    );

    await cluster.nodes[0]!.process.stop('SIGKILL');
    const whileAway = [await transfer(), await transfer()];
    const onB = openHeadStream(cluster.nodes[1]!.url, { lastEventId: seen });
    await onB.until(whileAway[1]!.height);
    onB.close();
    assert.deepEqual(
      onB.heads.map((h) => h.height),
      Array.from({ length: whileAway[1]!.height - seen }, (_, i) => seen + 1 + i),
      'every block after the last one seen, once',
    );
  } finally {
    await cluster.dispose();
    await database.drop();
  }
});
