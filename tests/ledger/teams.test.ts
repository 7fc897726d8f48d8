// Teams on a real server and database: the life cycle (create, add, act, remove, refused after
// removal), non-members, the role rules, team-owned contracts deployed and upgraded, replayed and
// reordered membership changes, proofs of membership — and `tana verify` over all of it.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { signTransaction, type Transaction, transpile, verifyStateProof } from '@tana/engine';
import { deployTransaction, LedgerRequestError, membershipTransaction, teamSettingsTransaction, teamTransaction, transferTransaction } from '../../ledger/src/client/index.ts';
import { verifyChain } from '../../ledger/src/index.ts';
import { createUser, startTestLedger, type TestLedger, type TestUser } from '../support/ledger.ts';

const counter = readFileSync(new URL('../../examples/counter.ts', import.meta.url), 'utf8');

describe('teams', () => {
  let ledger: TestLedger;
  let alice: TestUser;
  let bob: TestUser;
  let carol: TestUser;
  before(async () => {
    ledger = await startTestLedger({ workers: 1 });
    alice = await createUser(ledger, 'alice');
    bob = await createUser(ledger, 'bob');
    carol = await createUser(ledger, 'carol');
  });
  after(() => ledger.dispose());

  const nonce = async (user: TestUser) => (await ledger.client.user(user.id)).nextNonce;
  const submit = async (tx: Transaction, user: TestUser) => ledger.client.submit(await signTransaction(tx, user.privateKey));
  const refused = async (code: string, attempt: Promise<unknown>) => {
    await assert.rejects(attempt, (error: unknown) => {
      assert.ok(error instanceof LedgerRequestError, String(error));
      assert.equal(error.code, code, error.message);
      return true;
    });
  };
  const fromTeam = async (user: TestUser, team: string, to: string, amount: string) =>
    submit(transferTransaction(ledger.chain, user.id, await nonce(user), to, amount, 'USD', Date.now(), { team }), user);
  const setRole = async (by: TestUser, team: string, member: string, role: 'owner' | 'member' | 'none') => submit(membershipTransaction(ledger.chain, by.id, await nonce(by), team, member, role), by);

  test('life cycle: create, add, act, remove — and refused after removal', async () => {
    await submit(teamTransaction(ledger.chain, 'alice', await nonce(alice), 'acme', { name: 'Acme', membersMay: ['spend'] }), alice);
    const created = await ledger.client.team('acme');
    assert.deepEqual(
      created.members.map((m) => [m.member, m.role]),
      [['alice', 'owner']],
    );
    assert.equal(created.name, 'Acme');
    assert.equal(created.creator, 'alice');

    await submit(transferTransaction(ledger.chain, 'alice', await nonce(alice), 'acme', '5000', 'USD'), alice);
    await setRole(alice, 'acme', 'bob', 'member');
    const paid = await fromTeam(bob, 'acme', 'carol', '700');
    assert.equal((await ledger.client.balance('acme', 'USD')).amount, '4300');
    assert.equal((await ledger.client.balance('carol', 'USD')).amount, '100700');
    assert.equal((await ledger.client.balance('bob', 'USD')).amount, '100000', "bob's own money did not move");
    assert.ok(paid.height > 0);

    // Signed while bob was a member, submitted after his removal: the block it would land in decides.
    const signedBefore = await signTransaction(transferTransaction(ledger.chain, 'bob', await nonce(bob), 'bob', '1', 'USD', Date.now(), { team: 'acme' }), bob.privateKey);
    const removed = await setRole(alice, 'acme', 'bob', 'none');
    await refused('NotTeamMember', ledger.client.submit(signedBefore));
    assert.equal((await ledger.client.head()).height, removed.height, 'no block was made for it');
    assert.equal((await ledger.client.balance('acme', 'USD')).amount, '4300');
    assert.deepEqual((await ledger.client.teams({ member: 'bob' })).teams, []);
    assert.deepEqual(
      (await ledger.client.teams({ member: 'alice' })).teams.map((t) => [t.id, t.role]),
      [['acme', 'owner']],
    );
  });

  test('a non-member cannot act for a team, however it names it', async () => {
    await refused('NotTeamMember', fromTeam(carol, 'acme', 'carol', '1'));
    await refused('NotTeamMember', setRole(carol, 'acme', 'carol', 'owner'));
    await refused('NotTeamMember', setRole(carol, 'acme', 'carol', 'none'));
    await refused('UnknownTeam', fromTeam(carol, 'nope', 'carol', '1'));
    await refused('UnknownTeam', fromTeam(carol, 'alice', 'carol', '1')); // a user is not a team
    await refused('UnknownSender', submit(transferTransaction(ledger.chain, 'acme', 0, 'carol', '1', 'USD'), alice)); // a team has no key and no nonce
    assert.equal((await ledger.client.balance('acme', 'USD')).amount, '4300');
  });

  test('role rules: owners manage, members do what the team allows, anyone may leave, one owner always stays', async () => {
    await submit(teamTransaction(ledger.chain, 'carol', await nonce(carol), 'guild'), carol);
    await submit(transferTransaction(ledger.chain, 'carol', await nonce(carol), 'guild', '100', 'USD'), carol);
    await setRole(carol, 'guild', 'bob', 'member');
    await refused('TeamPermissionDenied', fromTeam(bob, 'guild', 'bob', '1')); // members may do nothing by default
    await refused('TeamPermissionDenied', setRole(bob, 'guild', 'alice', 'member')); // only owners manage members
    await refused('TeamPermissionDenied', submit(teamSettingsTransaction(ledger.chain, 'bob', await nonce(bob), 'guild', { name: 'Mine', membersMay: ['spend'] }), bob));
    await refused('AlreadyMember', setRole(carol, 'guild', 'bob', 'member'));
    await refused('InvalidMember', setRole(carol, 'guild', 'acme', 'member')); // a team cannot be a member
    await refused('UnknownAccount', setRole(carol, 'guild', 'zed', 'member'));
    await refused('LastOwner', setRole(carol, 'guild', 'carol', 'none'));
    await refused('LastOwner', setRole(carol, 'guild', 'carol', 'member'));

    await submit(teamSettingsTransaction(ledger.chain, 'carol', await nonce(carol), 'guild', { name: 'The Guild', membersMay: ['spend'] }), carol);
    await fromTeam(bob, 'guild', 'bob', '10');
    assert.equal((await ledger.client.balance('guild', 'USD')).amount, '90');

    await setRole(carol, 'guild', 'bob', 'owner');
    assert.equal((await ledger.client.team('guild')).owners, 2);
    await setRole(carol, 'guild', 'carol', 'none'); // leaving, now that bob owns it too
    const guild = await ledger.client.team('guild');
    assert.deepEqual(
      guild.members.map((m) => [m.member, m.role]),
      [['bob', 'owner']],
    );
    assert.equal(guild.owners, 1);
    assert.equal(guild.name, 'The Guild');
    await refused('NotTeamMember', fromTeam(carol, 'guild', 'carol', '1'));
  });

  test('a team owns contracts: deployed and upgraded by those allowed to, by nobody else', async () => {
    await submit(teamSettingsTransaction(ledger.chain, 'alice', await nonce(alice), 'acme', { name: 'Acme', membersMay: ['deploy'] }), alice);
    await setRole(alice, 'acme', 'bob', 'member');
    const code = transpile(counter);
    await submit(await deployTransaction(ledger.chain, 'alice', await nonce(alice), 'acme-counter', code, Date.now(), { team: 'acme' }), alice);
    assert.equal((await ledger.client.contract('acme-counter')).owner, 'acme');
    await submit(await deployTransaction(ledger.chain, 'bob', await nonce(bob), 'acme-counter', `${code}\n// v2`, Date.now(), { team: 'acme' }), bob);
    assert.equal((await ledger.client.contract('acme-counter')).version, 2);
    await refused('NotContractOwner', submit(await deployTransaction(ledger.chain, 'alice', await nonce(alice), 'acme-counter', `${code}\n// v3`), alice)); // not for the team
    await refused('NotTeamMember', submit(await deployTransaction(ledger.chain, 'carol', await nonce(carol), 'acme-counter', `${code}\n// v3`, Date.now(), { team: 'acme' }), carol));
    await refused('TeamPermissionDenied', fromTeam(bob, 'acme', 'bob', '1')); // deploy was allowed, spending no longer is
    const team = await ledger.client.team('acme');
    assert.deepEqual(
      team.contracts.map((c) => [c.id, c.version]),
      [['acme-counter', 2]],
    );
    assert.deepEqual(
      team.balances.map((b) => [b.currency, b.amount]),
      [['USD', '4300']],
    );
    const listed = (await ledger.client.balances({ account: 'acme' })).balances;
    assert.deepEqual(
      listed.map((b) => b.ownerType),
      ['team'],
    );
    await setRole(alice, 'acme', 'bob', 'none');
    await refused('NotTeamMember', submit(await deployTransaction(ledger.chain, 'bob', await nonce(bob), 'acme-counter', `${code}\n// v3`, Date.now(), { team: 'acme' }), bob));
    assert.equal((await ledger.client.contract('acme-counter')).version, 2);
  });

  test('a replayed membership change is answered, never applied again; an out-of-order one waits for its nonce', async () => {
    const add = await signTransaction(membershipTransaction(ledger.chain, 'alice', await nonce(alice), 'acme', 'carol', 'member'), alice.privateKey);
    const remove = await signTransaction(membershipTransaction(ledger.chain, 'alice', add.transaction.nonce + 1, 'acme', 'carol', 'none'), alice.privateKey);
    await refused('NonceGap', ledger.client.submit(remove));
    await ledger.client.submit(add);
    await ledger.client.submit(remove);
    const again = await ledger.client.submit(add);
    assert.equal(again.replayed, true);
    assert.deepEqual((await ledger.client.teams({ member: 'carol' })).teams, []);
  });

  test('a membership is proven against the state root; a removed one is gone from it', async () => {
    const { proof, role } = await ledger.client.member('acme', 'alice');
    assert.equal(role, 'owner');
    const head = await ledger.client.head();
    assert.equal(await verifyStateProof(proof, head.stateRoot), true);
    assert.equal(await verifyStateProof({ ...proof, leaf: { ...proof.leaf, role: 'member' } as typeof proof.leaf }, head.stateRoot), false);
    await refused('NotFound', ledger.client.member('acme', 'bob'));
  });

  test('tana verify rebuilds teams, memberships and team balances from the blocks', async () => {
    const report = await verifyChain(ledger.database ?? `${ledger.dataDir}/ledger.sqlite`);
    assert.deepEqual(report.problems, []);
  });
});
