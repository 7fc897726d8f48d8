// Issue 12, attacked as an adversary would, on real servers on 127.0.0.1 and real SQLite files: one
// test per hole. Clients are told apart by their source address (127.0.0.2, .3, …: all loopback).
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { loadEngine, signTransaction } from '@tana/engine';
import { callContract, prepareCall, transferTransaction, userTransaction, type Submitted } from '../../ledger/src/client/index.ts';
import { IDENTITY_SIGNATURE, SMALL_ORDER_KEYS } from '../fixtures/ed25519-vectors.ts';
import { createUser, deploy, startTestLedger, unrunCall, type TestLedger, type TestUser } from '../support/ledger.ts';
import { rawRequest } from '../support/raw-http.ts';
import { waitFor } from '../support/wait.ts';
import type { SqliteStore } from '../../ledger/src/db/sqlite/store.ts';
import { testBackend } from '../support/database.ts';

const counter = readFileSync(new URL('../../examples/counter.ts', import.meta.url), 'utf8');
const spinner = `import { data } from 'tana:data'\nwhile (true) {}\nawait data.commit()`;

/** Everything a refusal must leave alone. */
async function snapshot(ledger: TestLedger) {
  const [head, balances, users] = await Promise.all([ledger.client.head(), ledger.client.balances(), ledger.client.users()]);
  return { head, balances, users };
}

/** Each part of this suite is bounded in time, as a fault test must be. */
const BOUNDED = { timeout: 20_000 };

describe('1. small-order public keys', BOUNDED, () => {
  let ledger: TestLedger;
  before(async () => (ledger = await startTestLedger({ workers: 1 })));
  after(() => ledger.dispose());

  test('registration refuses every small-order key (InvalidPublicKey), and the identity signature registers nothing', async () => {
    const before = await snapshot(ledger);
    for (const [i, { name, publicKey }] of SMALL_ORDER_KEYS.entries()) {
      const transaction = userTransaction(ledger.chain, `weak${i}`, publicKey);
      const response = await rawRequest(ledger.url, { method: 'POST', path: '/users', body: JSON.stringify({ transaction, signature: IDENTITY_SIGNATURE }) });
      assert.equal(response.status, 400, name);
      assert.equal(response.json().error.code, 'InvalidPublicKey', name);
      assert.match(response.json().error.message, /small-order/);
    }
    assert.deepEqual(await snapshot(ledger), before);
  });
});

describe('2. rate limit per client address', BOUNDED, () => {
  let direct: TestLedger;
  let proxied: TestLedger;
  before(async () => {
    direct = await startTestLedger({ workers: 1, rateLimitPerMinute: 5 });
    proxied = await startTestLedger({ workers: 1, rateLimitPerMinute: 5, trustProxy: ['127.0.0.4'] });
  });
  after(async () => {
    await direct.dispose();
    await proxied.dispose();
  });

  const health = (ledger: TestLedger, from: string, headers: Record<string, string> = {}) => rawRequest(ledger.url, { path: '/health', from, headers });

  test('one noisy address is limited; another is not; forwarding headers from an untrusted client change nothing', async () => {
    for (let i = 0; i < 5; i++) assert.equal((await health(direct, '127.0.0.2')).status, 200);
    const limited = await health(direct, '127.0.0.2');
    assert.equal(limited.status, 429);
    assert.equal(limited.json().error.code, 'RateLimited');
    assert.ok(Number(limited.headers['retry-after']) > 0);
    assert.equal((await health(direct, '127.0.0.2', { 'X-Forwarded-For': '203.0.113.9' })).status, 429, 'a made-up X-Forwarded-For is not a new client');
    assert.equal((await health(direct, '127.0.0.2', { Forwarded: 'for=203.0.113.10' })).status, 429, 'nor a made-up Forwarded');
    assert.equal((await health(direct, '127.0.0.3')).status, 200, 'another client is unaffected');
  });

  test('behind a trusted proxy (--trust-proxy), the forwarded client is the key', async () => {
    for (let i = 0; i < 5; i++) assert.equal((await health(proxied, '127.0.0.4', { 'X-Forwarded-For': '198.51.100.1' })).status, 200);
    assert.equal((await health(proxied, '127.0.0.4', { 'X-Forwarded-For': '198.51.100.1' })).status, 429);
    assert.equal((await health(proxied, '127.0.0.4', { 'X-Forwarded-For': '198.51.100.2' })).status, 200, 'another client behind the proxy');
    assert.equal((await health(proxied, '127.0.0.4', { Forwarded: 'for="[2001:db8::7]:4711"' })).status, 200);
    // A client that prepends its own entry cannot hide behind it: the proxy's entry (the rightmost) counts.
    assert.equal((await health(proxied, '127.0.0.4', { 'X-Forwarded-For': '203.0.113.5, 198.51.100.1' })).status, 429);
    // The same header from a socket that is not the proxy is ignored.
    for (let i = 0; i < 5; i++) assert.equal((await health(proxied, '127.0.0.5', { 'X-Forwarded-For': `192.0.2.${i}` })).status, 200);
    assert.equal((await health(proxied, '127.0.0.5', { 'X-Forwarded-For': '192.0.2.99' })).status, 429);
  });
});

describe('3. 413 on a keep-alive connection', BOUNDED, () => {
  let ledger: TestLedger;
  before(async () => (ledger = await startTestLedger({ workers: 1, bodyLimitBytes: 64 * 1024 })));
  after(() => ledger.dispose());

  test('every oversized body (with a length, larger, chunked) gets its 413 and Connection: close, and the next request works', async () => {
    const chunked = () =>
      new ReadableStream({
        start(controller) {
          for (let i = 0; i < 16; i++) controller.enqueue(new Uint8Array(16 * 1024).fill(0x20));
          controller.close();
        },
      });
    const bodies: [string, () => BodyInit][] = [
      ['Content-Length just over', () => 'x'.repeat(128 * 1024)],
      ['Content-Length far over', () => 'x'.repeat(8 * 1024 * 1024)],
      ['chunked', chunked],
    ];
    for (const [name, body] of bodies) {
      for (let attempt = 0; attempt < 5; attempt++) {
        const response = await fetch(`${ledger.url}/transactions`, { method: 'POST', body: body(), headers: { 'Content-Type': 'application/json' }, duplex: 'half' } as RequestInit);
        assert.equal(response.status, 413, name);
        assert.equal(response.headers.get('connection'), 'close', name);
        assert.equal(((await response.json()) as { error: { code: string } }).error.code, 'PayloadTooLarge');
        assert.equal((await fetch(`${ledger.url}/health`)).status, 200, `${name}: the next request`);
      }
    }
  });
});

describe('4. hostile calls do not starve honest ones', BOUNDED, () => {
  let ledger: TestLedger;
  let honest: TestUser;
  const hostile: TestUser[] = [];
  before(async () => {
    ledger = await startTestLedger({ workers: 2, maxCallGas: 20_000_000 });
    honest = await createUser(ledger, 'honest');
    for (const id of ['mallory', 'trudy']) hostile.push(await createUser(ledger, id));
    await deploy(ledger, honest, 'counter', counter);
    await deploy(ledger, hostile[0]!, 'spinner', spinner);
  });
  after(() => ledger.dispose());

  const submitFrom = (from: string, body: unknown) => rawRequest(ledger.url, { method: 'POST', path: '/transactions', body: JSON.stringify(body), from });

  test('six spinning calls from one address take one worker; the honest call is answered while they still wait', async () => {
    const answers: string[] = [];
    const spins = [];
    const seventhSigned = await signTransaction({ ...(await unrunCall(ledger, hostile[0]!, 'spinner', 20_000_000)), timestamp: Date.now() + 99 }, hostile[0]!.privateKey);
    for (const user of hostile) {
      for (let i = 0; i < 3; i++) {
        // Each is distinct (its own timestamp) and signed; none would ever commit (it runs out of gas).
        const signed = await signTransaction({ ...(await unrunCall(ledger, user, 'spinner', 20_000_000)), timestamp: Date.now() + i }, user.privateKey);
        spins.push(submitFrom('127.0.0.2', signed).then((response) => answers.push(`hostile ${response.status} ${response.json().error.code}`)));
      }
    }
    const admitted = await waitFor(async () => {
      const health = (await ledger.client.health()) as { reexecution?: { running: number; queued: number } };
      return health.reexecution && health.reexecution.running + health.reexecution.queued === 6 ? health.reexecution : undefined;
    }, 'the six hostile calls to be admitted');
    assert.equal(admitted.running, 1, 'one address never holds every worker');

    // A seventh from a busy sender is turned away at once, and says when to come back. It was
    // signed ahead, so it arrives while the six are surely in flight (each spins for seconds).
    const seventh = await submitFrom('127.0.0.2', seventhSigned);
    assert.equal(seventh.status, 429, seventh.body);
    assert.equal(seventh.json().error.code, 'TooManyInFlight');
    assert.ok(Number(seventh.headers['retry-after']) >= 1);

    const engine = await loadEngine();
    const [contract, state, info] = await Promise.all([ledger.client.contract('counter'), ledger.client.state('counter'), ledger.client.user('honest')]);
    const prepared = await prepareCall(engine, { chain: ledger.chain, sender: 'honest', nonce: info.nextNonce, contract, state: state.state, headHeight: state.height });
    const answer = await submitFrom('127.0.0.3', await signTransaction(prepared.transaction!, honest.privateKey));
    answers.push(`honest ${answer.status}`);
    assert.equal(answer.status, 201, answer.body);
    const health = (await ledger.client.health()) as { reexecution: { running: number; queued: number } };
    assert.ok(health.reexecution.queued >= 3, `the honest call was answered while ${health.reexecution.queued} hostile calls still waited`);
    assert.ok(answers.filter((a) => a.startsWith('hostile')).length <= 2, answers.join(', '));

    await Promise.all(spins);
    assert.deepEqual(
      answers.filter((a) => a.startsWith('hostile')),
      Array(6).fill('hostile 422 ContractFailed'),
    );
  });

  test('the operator’s gas ceiling is what /chain announces and what calls may ask for', async () => {
    assert.equal(ledger.chain.maxGas, 20_000_000);
    const over = await signTransaction(await unrunCall(ledger, hostile[1]!, 'spinner', 20_000_001), hostile[1]!.privateKey);
    const refused = await submitFrom('127.0.0.2', over);
    assert.equal(refused.status, 400);
    assert.equal(refused.json().error.code, 'GasLimitTooHigh');
  });
});

describe('5. calls while transfers stream', BOUNDED, () => {
  let ledger: TestLedger;
  const streamers: TestUser[] = [];
  let caller: TestUser;
  before(async () => {
    ledger = await startTestLedger({ workers: 2 });
    for (const id of ['s0', 's1', 's2', 's3']) streamers.push(await createUser(ledger, id));
    caller = await createUser(ledger, 'caller');
    await deploy(ledger, caller, 'mine', counter);
  });
  after(() => ledger.dispose());

  test('a call on an untouched contract lands however many blocks transfers made meanwhile; ≥ 95 % land first time', async () => {
    let streaming = true;
    const streams = streamers.map(async (user, i) => {
      let nonce = (await ledger.client.user(user.id)).nextNonce;
      while (streaming) {
        await ledger.client.submit(await signTransaction(transferTransaction(ledger.chain, user.id, nonce++, streamers[(i + 1) % 4]!.id, '1', 'USD'), user.privateKey));
      }
    });
    try {
      const engine = await loadEngine();
      // Signed against the state at one height, submitted after a dozen blocks of transfers.
      const [contract, state, info] = await Promise.all([ledger.client.contract('mine'), ledger.client.state('mine'), ledger.client.user('caller')]);
      const prepared = await prepareCall(engine, { chain: ledger.chain, sender: 'caller', nonce: info.nextNonce, contract, state: state.state, headHeight: state.height });
      await waitFor(async () => (await ledger.client.head()).height >= state.height + 12, 'a dozen blocks of transfers');
      const late = await ledger.client.submit(await signTransaction(prepared.transaction!, caller.privateKey));
      assert.ok(late.height > state.height + 12);

      let firstTime = 0;
      const calls = 40;
      for (let i = 0; i < calls; i++) {
        const result = await callContract(ledger.client, engine, { contractId: 'mine', sender: 'caller', privateKey: caller.privateKey, retries: 5 });
        assert.ok(result.submitted);
        if (result.attempts === 1) firstTime++;
      }
      assert.ok(firstTime >= 0.95 * calls, `${firstTime} of ${calls} calls landed on the first attempt`);
    } finally {
      streaming = false;
      await Promise.all(streams);
    }
  });
});

describe('7. deeply nested input', BOUNDED, () => {
  let ledger: TestLedger;
  let alice: TestUser;
  before(async () => {
    ledger = await startTestLedger({ workers: 1, bodyLimitBytes: 2 * 1024 * 1024 });
    alice = await createUser(ledger, 'alice');
    await deploy(ledger, alice, 'counter', counter);
  });
  after(() => ledger.dispose());

  test('an input nested 20 000 or 400 000 levels deep is NestingTooDeep (400), and changes nothing', async () => {
    const call = await signTransaction(await unrunCall(ledger, alice, 'counter', 1_000_000), alice.privateKey);
    const text = JSON.stringify(call);
    const before = await snapshot(ledger);
    for (const depth of [20_000, 400_000]) {
      const body = text.replace('"input":null', `"input":${'['.repeat(depth)}${']'.repeat(depth)}`);
      const response = await rawRequest(ledger.url, { method: 'POST', path: '/transactions', body });
      assert.equal(response.status, 400, `${depth}: ${response.body.slice(0, 200)}`);
      assert.equal(response.json().error.code, 'NestingTooDeep');
    }
    const brackets = await rawRequest(ledger.url, { method: 'POST', path: '/transactions', body: text.replace('"input":null', `"input":"${'['.repeat(5000)}"`) });
    assert.notEqual(brackets.json().error.code, 'NestingTooDeep', 'brackets inside a string are not nesting');
    assert.deepEqual(await snapshot(ledger), before);
  });
});

describe('8. a full disk', BOUNDED, () => {
  let ledger: TestLedger;
  let alice: TestUser;
  before(async () => {
    ledger = await startTestLedger({ workers: 1 });
    alice = await createUser(ledger, 'alice');
    await createUser(ledger, 'bob');
  });
  after(() => ledger.dispose());

  const skip =
    testBackend === 'sqlite'
      ? false
      : 'SQLite’s max_page_count stands in for a full disk; a PostgreSQL server that runs out of disk stops (PANIC on WAL), which tests/postgres/database-down.test.ts covers';
  test('a commit that finds no room is StorageFull (503, Retry-After), commits nothing, and works again once there is room', { skip }, async () => {
    const { db } = ledger.ledger.store as SqliteStore;
    // SQLite answers SQLITE_FULL, exactly as on a full disk, once the file would grow past this.
    db.pragma(`max_page_count = ${db.pragma('page_count', { simple: true }) as number}`);
    let refused: Awaited<ReturnType<typeof rawRequest>> | undefined;
    let before = await snapshot(ledger);
    for (let i = 0; i < 2000 && !refused; i++) {
      before = await snapshot(ledger);
      const { nextNonce } = await ledger.client.user('alice');
      const signed = await signTransaction(transferTransaction(ledger.chain, 'alice', nextNonce, 'bob', '1', 'USD'), alice.privateKey);
      const response = await rawRequest(ledger.url, { method: 'POST', path: '/transactions', body: JSON.stringify(signed) });
      if (response.status !== 201) refused = response;
    }
    assert.ok(refused, 'the file filled up');
    assert.equal(refused.status, 503, refused.body);
    assert.equal(refused.json().error.code, 'StorageFull');
    assert.ok(Number(refused.headers['retry-after']) > 0);
    assert.deepEqual(await snapshot(ledger), before, 'nothing of the refused transaction was committed');

    db.pragma('max_page_count = 1073741823'); // the operator makes room; no restart
    const { nextNonce } = await ledger.client.user('alice');
    const done: Submitted = await ledger.client.submit(await signTransaction(transferTransaction(ledger.chain, 'alice', nextNonce, 'bob', '1', 'USD'), alice.privateKey));
    assert.equal(done.replayed, false);
  });
});

describe('9. the faucet', BOUNDED, () => {
  test('off unless the operator turns it on; when on, each grant is a signed mint on the chain', async () => {
    const plain = await startTestLedger({ workers: 1, faucet: undefined });
    const generous = await startTestLedger({ workers: 1, faucet: { amount: '500', currency: 'TANA' } });
    try {
      assert.equal(plain.chain.faucet, null);
      await createUser(plain, 'newcomer');
      assert.deepEqual((await plain.client.user('newcomer')).balances, []);
      const supply = (await plain.client.balances()).balances;
      assert.deepEqual(supply, [], 'no money from nowhere');

      assert.deepEqual(generous.chain.faucet, { amount: '500', currency: 'TANA' });
      await createUser(generous, 'newcomer');
      assert.deepEqual((await generous.client.user('newcomer')).balances, [{ account: 'newcomer', currency: 'TANA', amount: '500' }]);
      const mints = (await generous.client.transactions({ sender: generous.chain.producer })).transactions;
      assert.deepEqual(
        mints.map((t) => [t.kind, (t.signed.transaction as { to?: string }).to]),
        [['mint', 'newcomer']],
      );
    } finally {
      await plain.dispose();
      await generous.dispose();
    }
  });
});

describe('11. the admin token', BOUNDED, () => {
  let ledger: TestLedger;
  before(async () => {
    ledger = await startTestLedger({ workers: 1 });
    await createUser(ledger, 'alice');
  });
  after(() => ledger.dispose());

  test('only the exact token mints; near misses are Unauthorized (401) and change nothing', async () => {
    const token = ledger.ledger.adminToken;
    const mint = (authorization?: string) =>
      rawRequest(ledger.url, {
        method: 'POST',
        path: '/balances',
        headers: authorization === undefined ? {} : { Authorization: authorization },
        body: JSON.stringify({ account: 'alice', currency: 'TANA', amount: '5' }),
      });
    const before = await snapshot(ledger);
    for (const authorization of [undefined, '', 'Bearer', `Bearer ${token.slice(0, -1)}`, `Bearer ${token}x`, `Bearer ${token.toUpperCase()}`, `Basic ${token}`, `Bearer  ${token} extra`, token]) {
      const response = await mint(authorization);
      assert.equal(response.status, 401, String(authorization));
      assert.equal(response.json().error.code, 'Unauthorized');
    }
    assert.deepEqual(await snapshot(ledger), before);
    assert.equal((await mint(`Bearer ${token}`)).status, 201);
  });
});
