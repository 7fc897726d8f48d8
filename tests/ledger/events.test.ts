// GET /events on a real server: every committed block once, in order, with the stored hash, state
// root and transaction ids; a stream resumed with Last-Event-ID (or started with ?since=) begins with
// the block after it, from memory or from the store; refusals are named; shutdown ends the streams.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { signTransaction } from '@tana/engine';
import { transferTransaction } from '../../ledger/src/client/index.ts';
import { EVENT_STREAM_LIMITS } from '../../ledger/src/http/routes/events.ts';
import { createUser, startTestLedger, type TestLedger, type TestUser } from '../support/ledger.ts';
import { rawRequest } from '../support/raw-http.ts';
import { openHeadStream } from '../support/sse.ts';

describe('GET /events', () => {
  let ledger: TestLedger;
  let alice: TestUser;
  before(async () => {
    ledger = await startTestLedger({ workers: 1 });
    alice = await createUser(ledger, 'alice');
    await createUser(ledger, 'bob');
  });
  after(() => ledger.dispose());

  const transfer = async () => {
    const { nextNonce } = await ledger.client.user('alice');
    return ledger.client.submit(await signTransaction(transferTransaction(ledger.chain, 'alice', nextNonce, 'bob', '1', 'USD'), alice.privateKey));
  };

  test('starts with the current head, then every new block once, in order, as stored', async () => {
    const head = await ledger.client.head();
    const stream = openHeadStream(ledger.url);
    try {
      await stream.until(head.height);
      const done = [];
      for (let i = 0; i < 5; i++) done.push(await transfer());
      await stream.until(done.at(-1)!.height);
      assert.deepEqual(
        stream.heads.map((h) => h.height),
        Array.from({ length: done.at(-1)!.height - head.height + 1 }, (_, i) => head.height + i),
      );
      for (const block of stream.heads) assert.deepEqual(block, await ledger.client.block(block.height));
      assert.ok(done.every((tx) => stream.heads.find((h) => h.height === tx.height)!.txIds.includes(tx.id)));
    } finally {
      stream.close();
    }
  });

  test('Last-Event-ID resumes after that block (even from the start of the chain); ?since= does the same for a first connection', async () => {
    const head = await ledger.client.head();
    const resumed = openHeadStream(ledger.url, { lastEventId: 1, since: head.height });
    const fresh = openHeadStream(ledger.url, { since: head.height - 2 });
    try {
      await resumed.until(head.height);
      await fresh.until(head.height);
      assert.deepEqual(
        resumed.heads.map((h) => h.height),
        Array.from({ length: head.height - 1 }, (_, i) => i + 2),
        'Last-Event-ID wins over ?since=',
      );
      assert.deepEqual(
        fresh.heads.map((h) => h.height),
        [head.height - 1, head.height],
      );
    } finally {
      resumed.close();
      fresh.close();
    }
  });

  test('a Last-Event-ID that is not a height is a ValidationError', async () => {
    const response = await rawRequest(ledger.url, { method: 'GET', path: '/events', headers: { 'Last-Event-ID': 'x' } });
    assert.equal(response.status, 400);
    assert.equal(response.json().error.code, 'ValidationError');
  });

  test(`one address may hold ${EVENT_STREAM_LIMITS.perClient} streams; the next is TooManyInFlight`, async () => {
    const streams = Array.from({ length: EVENT_STREAM_LIMITS.perClient }, () => openHeadStream(ledger.url));
    try {
      const head = await ledger.client.head();
      await Promise.all(streams.map((s) => s.until(head.height)));
      const response = await rawRequest(ledger.url, { method: 'GET', path: '/events' });
      assert.equal(response.status, 429);
      assert.equal(response.json().error.code, 'TooManyInFlight');
    } finally {
      for (const stream of streams) stream.close();
    }
  });
});

test('closing the ledger ends its event streams (the close does not wait for them)', async () => {
  const ledger = await startTestLedger({ workers: 1 });
  const stream = openHeadStream(ledger.url);
  await stream.until(0);
  await ledger.dispose();
  stream.close();
});
