// Users as in the seeds, on a real server and database: a username (unique, validated, never another
// account's id), a display name and a bio, set at registration and changed by a signed update; in the
// API, proven by the state root (the user leaf) and rebuilt by `tana verify`.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { leafBytes, signTransaction, type Transaction } from '@tana/engine';
import { generateKeyPair, LedgerRequestError, profileTransaction, teamTransaction, userTransaction } from '../../ledger/src/client/index.ts';
import { verifyChain } from '../../ledger/src/index.ts';
import { createUser, startTestLedger, type TestLedger, type TestUser } from '../support/ledger.ts';

describe('user profiles', () => {
  let ledger: TestLedger;
  let alice: TestUser;
  let bob: TestUser;
  before(async () => {
    ledger = await startTestLedger({ workers: 1 });
    const keys = await generateKeyPair();
    await ledger.client.submit(
      await signTransaction(userTransaction(ledger.chain, 'alice', keys.publicKey, 'Alice Liddell', Date.now(), { username: 'alice_l', bio: 'Curious.\nVery.' }), keys.privateKey),
    );
    alice = { id: 'alice', ...keys };
    bob = await createUser(ledger, 'bob');
  });
  after(() => ledger.dispose());

  const nonce = async (user: TestUser) => (await ledger.client.user(user.id)).nextNonce;
  const submit = async (tx: Transaction, user: TestUser) => ledger.client.submit(await signTransaction(tx, user.privateKey));
  const profile = async (user: TestUser, fields: { username: string | null; displayName: string | null; bio: string | null }) =>
    submit(profileTransaction(ledger.chain, user.id, await nonce(user), fields), user);
  /** Starts the attempt only after the users are read, so that it cannot reject unobserved meanwhile. */
  const refused = async (code: string, attempt: () => Promise<unknown>) => {
    const before = await ledger.client.users();
    await assert.rejects(attempt(), (error: unknown) => {
      assert.ok(error instanceof LedgerRequestError, String(error));
      assert.equal(error.code, code, error.message);
      return true;
    });
    assert.deepEqual(await ledger.client.users(), before, `${code} changed a user`);
  };

  test('registration sets the profile; the API shows it and finds a user by username', async () => {
    const user = await ledger.client.user('alice');
    assert.equal(user.username, 'alice_l');
    assert.equal(user.displayName, 'Alice Liddell');
    assert.equal(user.bio, 'Curious.\nVery.');
    assert.equal((await ledger.client.userByUsername('alice_l'))?.id, 'alice');
    assert.equal(await ledger.client.userByUsername('nobody_here'), undefined);
    const plain = await ledger.client.user('bob');
    assert.deepEqual([plain.username, plain.displayName, plain.bio], [null, null, null]);
  });

  test('a signed update replaces the profile; only its owner can sign it', async () => {
    await profile(bob, { username: 'bobby', displayName: 'Bob B.', bio: null });
    assert.deepEqual((({ username, displayName, bio }) => ({ username, displayName, bio }))(await ledger.client.user('bob')), { username: 'bobby', displayName: 'Bob B.', bio: null });
    const forged = await signTransaction(profileTransaction(ledger.chain, 'bob', await nonce(bob), { username: 'evil', displayName: null, bio: null }), alice.privateKey);
    await refused('BadSignature', async () => ledger.client.submit(forged));
  });

  test('usernames are unique and never another account’s id; ids are never someone’s username', async () => {
    await refused('UsernameTaken', async () => profile(bob, { username: 'alice_l', displayName: null, bio: null }));
    await refused('UsernameTaken', async () => profile(bob, { username: 'alice', displayName: null, bio: null })); // alice's id, though a valid username
    await profile(alice, { username: 'alice', displayName: 'Alice Liddell', bio: null }); // one's own id is fine
    const keys = await generateKeyPair();
    await refused('AccountIdTaken', async () => ledger.client.submit(await signTransaction(userTransaction(ledger.chain, 'bobby', keys.publicKey), keys.privateKey)));
    await refused('AccountIdTaken', async () => submit(teamTransaction(ledger.chain, 'alice', await nonce(alice), 'bobby'), alice));
    // alice gave up alice_l: now anyone may take it.
    await profile(bob, { username: 'alice_l', displayName: 'Bob B.', bio: null });
    assert.equal((await ledger.client.userByUsername('alice_l'))?.id, 'bob');
    assert.equal(await ledger.client.userByUsername('bobby'), undefined);
  });

  test('invalid profiles are named and change nothing', async () => {
    for (const fields of [
      { username: 'Al', displayName: null, bio: null },
      { username: 'a-b-c', displayName: null, bio: null },
      { username: null, displayName: 'tab\there', bio: null },
      { username: null, displayName: 'x'.repeat(65), bio: null },
      { username: null, displayName: null, bio: 'b'.repeat(281) },
    ]) {
      await refused('ValidationError', async () => profile(bob, fields));
    }
  });

  test('a user’s profile is a leaf of the state root', async () => {
    const user = await ledger.client.user('bob');
    const leaf = { kind: 'user' as const, id: 'bob', publicKey: user.publicKey, username: user.username, displayName: user.displayName, bio: user.bio };
    const rows = await ledger.ledger.store.tableRows('state_leaves', 'path');
    const stored = rows.map((row) => JSON.parse(row) as { path: string; hash: string }).find((row) => row.path === '["user","bob"]');
    assert.equal(stored?.hash, createHash('sha256').update(leafBytes(leaf)).digest('hex'));
  });

  test('tana verify rebuilds every profile from the blocks', async () => {
    const report = await verifyChain(ledger.database ?? `${ledger.dataDir}/ledger.sqlite`);
    assert.deepEqual(report.problems, []);
  });
});
