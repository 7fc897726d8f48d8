// Every endpoint and every refusal, through app.request() (no socket), on a real SQLite file.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { signTransaction, transpile, type SignedTransaction, type Transaction } from '@tana/engine';
import { openLedger, type Ledger } from '../ledger.ts';
import { createApp, type LedgerApp } from './app.ts';
import {
  deployTransaction,
  generateKeyPair,
  membershipTransaction,
  prepareCall,
  profileTransaction,
  teamTransaction,
  transferTransaction,
  userTransaction,
  type ChainInfo,
  type KeyPair,
} from '../client/index.ts';
import { loadEngine } from '@tana/engine';
import { type TestDatabase, testDatabase } from '../../../tests/support/database.ts';

describe('ledger HTTP API', () => {
  let dir: string;
  let ledger: Ledger;
  let app: LedgerApp;
  let chain: ChainInfo;
  let alice: KeyPair;
  let bob: KeyPair;
  let admin: Record<string, string>;
  let database: TestDatabase;

  const get = (path: string, headers: Record<string, string> = {}) => app.request(path, { headers });
  const post = (path: string, body: unknown, headers: Record<string, string> = {}) =>
    app.request(path, { method: 'POST', body: typeof body === 'string' ? body : JSON.stringify(body), headers: { 'Content-Type': 'application/json', ...headers } });
  const nonceOf = async (id: string) => (await ledger.store.user(id))!.nextNonce;
  const sign = (tx: Transaction, key: KeyPair) => signTransaction(tx, key.privateKey);

  async function expectError(response: Response | Promise<Response>, status: number, code: string): Promise<{ error: { code: string; message: string } }> {
    const res = await response;
    const body = (await res.json()) as { error: { code: string; message: string } };
    assert.equal(body.error?.code, code, JSON.stringify(body));
    assert.equal(res.status, status);
    assert.ok(body.error.message.length > 5);
    return body;
  }

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'tana-app-test-'));
    database = await testDatabase();
    ledger = await openLedger({ dataDir: dir, database: database.url, workers: 1, chain: { maxCodeBytes: 4096 }, faucet: { amount: '100000', currency: 'USD' } });
    app = createApp(ledger, { rateLimitPerMinute: 100_000, bodyLimitBytes: 32 * 1024 });
    chain = (await (await get('/chain')).json()) as ChainInfo;
    admin = { Authorization: `Bearer ${ledger.adminToken}` };
    alice = await generateKeyPair();
    bob = await generateKeyPair();
  });
  after(async () => {
    await ledger.close();
    rmSync(dir, { recursive: true, force: true });
    await database.drop();
  });

  test('GET /health and /chain describe the ledger', async () => {
    const health = (await (await get('/health')).json()) as { ok: boolean; head: { height: number }; engineHash: string };
    assert.equal(health.ok, true);
    assert.equal(health.head.height, 0);
    assert.equal(health.engineHash, ledger.engineHash);
    assert.equal(chain.chainId, 'tana-local');
    assert.deepEqual(
      chain.currencies.map((c) => c.code),
      ['TANA', 'USD'],
    );
  });

  test('POST /users creates a user (201), answers a replay with 200, refuses a taken id and a forged key', async () => {
    const signed = await sign(userTransaction(chain, 'alice', alice.publicKey, 'Alice'), alice);
    const created = await post('/users', signed);
    assert.equal(created.status, 201);
    const replay = await post('/users', signed);
    assert.equal(replay.status, 200);
    assert.equal(((await replay.json()) as { replayed: boolean }).replayed, true);
    await expectError(post('/users', await sign(userTransaction(chain, 'alice', bob.publicKey, 'Not alice', Date.now() + 1), bob)), 409, 'UserExists');
    await expectError(post('/users', await sign(userTransaction(chain, 'bob', bob.publicKey), alice)), 401, 'BadSignature');
    assert.equal((await post('/users', await sign(userTransaction(chain, 'bob', bob.publicKey), bob))).status, 201);
    await expectError(post('/users', { transaction: { kind: 'deploy' }, signature: '00' }), 400, 'ValidationError');
  });

  test('GET /users and /users/{id}', async () => {
    const list = (await (await get('/users')).json()) as { users: { id: string }[] };
    assert.deepEqual(
      list.users.map((u) => u.id),
      ['ledger', 'alice', 'bob'],
    );
    const one = (await (await get('/users/alice')).json()) as { displayName: string; balances: { amount: string }[]; nextNonce: number };
    assert.equal(one.displayName, 'Alice');
    assert.equal(one.balances[0]!.amount, '100000');
    assert.equal(one.nextNonce, 1);
    await expectError(get('/users/nobody'), 404, 'NotFound');
    await expectError(get('/users/NOT_VALID!'), 400, 'ValidationError');
    await expectError(get('/users?limit=0'), 400, 'ValidationError');
  });

  test('POST /balances mints with the admin token only; GET /balances and one balance with a proof', async () => {
    await expectError(post('/balances', { account: 'bob', currency: 'TANA', amount: '5' }), 401, 'Unauthorized');
    await expectError(post('/balances', { account: 'bob', currency: 'TANA', amount: '5' }, { Authorization: 'Bearer wrong' }), 401, 'Unauthorized');
    assert.equal((await post('/balances', { account: 'bob', currency: 'TANA', amount: '5000000' }, admin)).status, 201);
    await expectError(post('/balances', { account: 'ghost', currency: 'TANA', amount: '5' }, admin), 404, 'UnknownAccount');
    await expectError(post('/balances', { account: 'bob', currency: 'XYZ', amount: '5' }, admin), 404, 'UnknownCurrency');
    assert.equal((await post('/balances', { account: 'bob', currency: 'XYZ', amount: '5', decimals: 0 }, admin)).status, 201);
    await expectError(post('/balances', { account: 'bob', currency: 'TANA', amount: '-5' }, admin), 400, 'ValidationError');

    const bobs = (await (await get('/balances?account=bob')).json()) as { balances: { currency: string; amount: string }[] };
    assert.deepEqual(bobs.balances, [
      { account: 'bob', currency: 'TANA', amount: '5000000', ownerType: 'user' },
      { account: 'bob', currency: 'USD', amount: '100000', ownerType: 'user' },
      { account: 'bob', currency: 'XYZ', amount: '5', ownerType: 'user' },
    ]);
    const one = (await (await get('/balances/bob/TANA')).json()) as { amount: string; proof: { root: string } };
    assert.equal(one.amount, '5000000');
    assert.equal(one.proof.root, (await ledger.store.head())!.stateRoot);
    await expectError(get('/balances/alice/TANA'), 404, 'NotFound');
  });

  test('POST /transactions: transfers and their refusals', async () => {
    const ok = await post('/transactions', await sign(transferTransaction(chain, 'alice', await nonceOf('alice'), 'bob', '100', 'USD'), alice));
    assert.equal(ok.status, 201);
    await expectError(post('/transactions', await sign(transferTransaction(chain, 'alice', await nonceOf('alice'), 'ghost', '1', 'USD'), alice)), 404, 'UnknownAccount');
    await expectError(post('/transactions', await sign(transferTransaction(chain, 'alice', await nonceOf('alice'), 'bob', '1', 'EUR'), alice)), 404, 'UnknownCurrency');
    await expectError(post('/transactions', await sign(transferTransaction(chain, 'alice', await nonceOf('alice'), 'bob', '1', 'USD', Date.now() - 3_600_000), alice)), 400, 'ClockSkew');
    await expectError(post('/transactions', await sign(transferTransaction(chain, 'carol', 0, 'bob', '1', 'USD'), alice)), 404, 'UnknownSender');
    const mint = { ...transferTransaction(chain, 'alice', await nonceOf('alice'), 'alice', '1', 'USD'), kind: 'mint' as const };
    await expectError(post('/transactions', await sign(mint, alice)), 403, 'NotProducer');
    await expectError(post('/transactions', 'not json'), 400, 'MalformedJson');
    await expectError(post('/transactions', { transaction: {}, signature: '', extra: 1 }), 400, 'ValidationError');
    await expectError(post('/transactions', { x: 'y'.repeat(40 * 1024) }), 413, 'PayloadTooLarge');
  });

  test('POST /contracts deploys and versions; only the owner may redeploy; code hash and size are checked', async () => {
    const code = transpile(`import { data } from 'tana:data'\nconst n = ((await data.get('n')) ?? 0) + 1\nawait data.set('n', n)\nawait data.commit()\nexport default n`);
    assert.equal((await post('/contracts', await sign(await deployTransaction(chain, 'alice', await nonceOf('alice'), 'count', code), alice))).status, 201);
    assert.equal((await post('/contracts', await sign(await deployTransaction(chain, 'alice', await nonceOf('alice'), 'count', `${code}\n// v2`), alice))).status, 201);
    await expectError(post('/contracts', await sign(await deployTransaction(chain, 'bob', await nonceOf('bob'), 'count', code), bob)), 403, 'NotContractOwner');
    await expectError(post('/contracts', await sign(await deployTransaction(chain, 'bob', await nonceOf('bob'), 'alice', code), bob)), 409, 'AccountIdTaken');
    await expectError(post('/contracts', await sign(await deployTransaction(chain, 'bob', await nonceOf('bob'), 'big', `${code}\n//${'x'.repeat(5000)}`), bob)), 413, 'CodeTooLarge');
    const badHash = { ...(await deployTransaction(chain, 'bob', await nonceOf('bob'), 'other', code)), codeHash: 'ab'.repeat(32) };
    await expectError(post('/contracts', await sign(badHash, bob)), 400, 'CodeHashMismatch');
    const detail = (await (await get('/contracts/count')).json()) as { version: number; versions: unknown[]; code: string };
    assert.equal(detail.version, 2);
    assert.equal(detail.versions.length, 2);
    assert.match(detail.code, /v2/);
    const list = (await (await get('/contracts')).json()) as { contracts: { id: string }[] };
    assert.deepEqual(
      list.contracts.map((c) => c.id),
      ['count'],
    );
    await expectError(get('/contracts/nothing'), 404, 'NotFound');
  });

  test('calls: committed with their result; refused for a wrong executor, unknown contract, stale code, gas over the cap, a stale block', async () => {
    const engine = await loadEngine();
    const contract = (await (await get('/contracts/count')).json()) as { id: string; code: string; codeHash: string };
    const prepare = async (overrides: Record<string, unknown> = {}, sender = bob, senderId = 'bob') => {
      const state = (await (await get('/contracts/count/state')).json()) as { state: Record<string, number>; height: number };
      const prepared = await prepareCall(engine, { chain, sender: senderId, nonce: await nonceOf(senderId), contract, state: state.state, headHeight: state.height });
      return sign({ ...prepared.transaction!, ...overrides } as Transaction, sender);
    };
    const committed = await post('/transactions', await prepare());
    assert.equal(committed.status, 201);
    const body = (await committed.json()) as { result: { value: number; gasUsed: number } };
    assert.equal(body.result.value, 1);
    assert.ok(body.result.gasUsed > 0);
    await expectError(post('/transactions', await prepare({ block: { height: (await ledger.store.head())!.height + 1, timestamp: Date.now(), executor: 'someone' } })), 400, 'WrongExecutor');
    await expectError(post('/transactions', await prepare({ contractId: 'missing' })), 404, 'UnknownContract');
    await expectError(post('/transactions', await prepare({ codeHash: 'cd'.repeat(32) })), 400, 'CodeHashMismatch');
    await expectError(post('/transactions', await prepare({ gasLimit: chain.maxGas + 1 })), 400, 'GasLimitTooHigh');
    const lagging = await prepare();
    for (let i = 0; i < 12; i++) assert.equal((await post('/blocks', {}, admin)).status, 201); // the head moves on; the contract does not
    assert.equal((await post('/transactions', lagging)).status, 201);
    const stale = await prepare();
    assert.equal((await post('/transactions', await prepare({}, alice, 'alice'))).status, 201); // alice changes the state bob's call read

    const conflict = (await expectError(post('/transactions', stale), 409, 'Conflict')) as { head?: { height: number } };
    assert.equal(conflict.head?.height, (await ledger.store.head())!.height);
  });

  test('GET /contracts/{id}/state and one key with its proof', async () => {
    const state = (await (await get('/contracts/count/state')).json()) as { state: Record<string, number>; stateRoot: string };
    assert.deepEqual(state.state, { n: 3 });
    const value = (await (await get('/contracts/count/state/n')).json()) as { value: number; proof: { steps: unknown[]; root: string } };
    assert.equal(value.value, 3);
    assert.equal(value.proof.root, state.stateRoot);
    assert.ok(value.proof.steps.length >= 8);
    await expectError(get('/contracts/count/state/nope'), 404, 'NotFound');
  });

  test('GET /transactions (filters) and /transactions/{id}', async () => {
    const all = (await (await get('/transactions?limit=500')).json()) as { transactions: { id: string; height: number; kind: string }[] };
    assert.ok(all.transactions.length >= 8);
    assert.ok(all.transactions[0]!.height >= all.transactions.at(-1)!.height, 'newest first');
    const sync = (await (await get('/transactions?fromHeight=0&limit=2')).json()) as { transactions: { height: number }[] };
    assert.ok(sync.transactions[0]!.height <= sync.transactions[1]!.height, 'oldest first when syncing');
    const bobs = (await (await get('/transactions?sender=bob')).json()) as { transactions: { sender: string }[] };
    assert.ok(bobs.transactions.every((t) => t.sender === 'bob'));
    const calls = (await (await get('/transactions?contract=count')).json()) as { transactions: { kind: string }[] };
    assert.ok(calls.transactions.some((t) => t.kind === 'call'));
    const one = (await (await get(`/transactions/${all.transactions[0]!.id}`)).json()) as { signed: SignedTransaction };
    assert.ok(one.signed.signature);
    await expectError(get(`/transactions/${'0'.repeat(64)}`), 404, 'NotFound');
    await expectError(get('/transactions/xyz'), 400, 'ValidationError');
  });

  test('GET /blocks (newest, since), /blocks/head, /blocks/{height}; POST /blocks needs the admin token', async () => {
    await expectError(post('/blocks', {}), 401, 'Unauthorized');
    const head = (await (await get('/blocks/head')).json()) as { height: number; hash: string; parentHash: string };
    const since = (await (await get(`/blocks?since=${head.height - 2}`)).json()) as { blocks: { height: number }[]; head: { height: number } };
    assert.deepEqual(
      since.blocks.map((b) => b.height),
      [head.height - 1, head.height],
    );
    assert.equal(since.head.height, head.height);
    const newest = (await (await get('/blocks?limit=1')).json()) as { blocks: { height: number }[] };
    assert.equal(newest.blocks[0]!.height, head.height);
    const parent = (await (await get(`/blocks/${head.height - 1}`)).json()) as { hash: string };
    assert.equal(parent.hash, head.parentHash);
    await expectError(get('/blocks/999999'), 404, 'NotFound');
  });

  test('POST /teams, /teams/{id}/members and /users/{id}/profile take their own transactions, for the team or user in the path', async () => {
    const created = await post('/teams', await sign(teamTransaction(chain, 'alice', await nonceOf('alice'), 'crew', { name: 'Crew' }), alice));
    assert.equal(created.status, 201);
    const add = await sign(membershipTransaction(chain, 'alice', await nonceOf('alice'), 'crew', 'bob', 'member'), alice);
    await expectError(post('/teams/other/members', add), 400, 'ValidationError');
    assert.equal((await post('/teams/crew/members', add)).status, 201);
    await expectError(post('/teams', await sign(transferTransaction(chain, 'alice', await nonceOf('alice'), 'bob', '1', 'USD'), alice)), 400, 'ValidationError');
    const team = (await (await get('/teams/crew')).json()) as { members: { member: string; role: string }[]; name: string };
    assert.deepEqual(
      team.members.map((m) => [m.member, m.role]),
      [
        ['alice', 'owner'],
        ['bob', 'member'],
      ],
    );
    await expectError(get('/teams/nope'), 404, 'NotFound');
    const profile = await sign(profileTransaction(chain, 'bob', await nonceOf('bob'), { username: 'bob_b', displayName: 'Bob', bio: null }), bob);
    await expectError(post('/users/alice/profile', profile), 400, 'ValidationError');
    assert.equal((await post('/users/bob/profile', profile)).status, 201);
    const bobInfo = (await (await get('/users/bob')).json()) as { username: string; teams: { id: string; role: string }[] };
    assert.equal(bobInfo.username, 'bob_b');
    assert.deepEqual(bobInfo.teams, [{ id: 'crew', name: 'Crew', role: 'member' }]);
    const found = (await (await get('/users?username=bob_b')).json()) as { users: { id: string }[] };
    assert.deepEqual(
      found.users.map((u) => u.id),
      ['bob'],
    );
    await expectError(get('/users?username=Not%20valid'), 400, 'ValidationError');
  });

  test('the OpenAPI document and the docs page list every endpoint', async () => {
    const doc = (await (await get('/openapi.json')).json()) as { paths: Record<string, unknown>; components: { schemas: Record<string, unknown> } };
    for (const path of [
      '/health',
      '/users',
      '/users/{id}/profile',
      '/teams',
      '/teams/{id}',
      '/teams/{id}/members',
      '/teams/{id}/members/{member}',
      '/balances',
      '/transactions',
      '/blocks',
      '/contracts',
      '/contracts/{id}/state/{key}',
      '/blocks/head',
    ]) {
      assert.ok(doc.paths[path], `${path} documented`);
    }
    for (const schema of ['ProfileTransaction', 'CreateTeamTransaction', 'TeamSettingsTransaction', 'MembershipTransaction', 'TeamDetail', 'FeeSchedule', 'FeePaid', 'DepositMoved']) {
      assert.ok(doc.components.schemas[schema], `${schema} documented`);
    }
    const page = await (await get('/docs')).text();
    assert.match(page, /<code>\/contracts\/\{id\}\/state\/\{key\}<\/code>/);
  });

  test('hardening: unknown routes, CORS allowlist, secure headers, rate limit', async () => {
    await expectError(get('/nope'), 404, 'NotFound');
    const allowed = await get('/health', { Origin: 'http://localhost:4321' });
    assert.equal(allowed.headers.get('access-control-allow-origin'), 'http://localhost:4321');
    const refused = await get('/health', { Origin: 'https://evil.example' });
    assert.equal(refused.headers.get('access-control-allow-origin'), null);
    assert.equal(allowed.headers.get('x-content-type-options'), 'nosniff');
    const limited = createApp(ledger, { rateLimitPerMinute: 3 });
    for (let i = 0; i < 3; i++) assert.equal((await limited.request('/health')).status, 200);
    const over = await limited.request('/health');
    assert.equal(over.status, 429);
    assert.ok(over.headers.get('retry-after'));
    assert.equal(((await over.json()) as { error: { code: string } }).error.code, 'RateLimited');
  });

  test('after shutdown begins, new transactions get ShuttingDown (503) and reads still answer', async () => {
    await ledger.processor.drain();
    await expectError(post('/transactions', await sign(transferTransaction(chain, 'alice', await nonceOf('alice'), 'bob', '1', 'USD'), alice)), 503, 'ShuttingDown');
    assert.equal((await get('/health')).status, 200);
  });
});
