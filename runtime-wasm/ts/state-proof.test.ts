// Pinned vectors for the state commitment's encoding: any change to how leaves or nodes are hashed
// (the 0x00 / 0x01 domain separation, the canonical JSON of a leaf) fails here, in every client.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { sha256Hex, toHex } from './bytes.ts';
import { leafBytes, leafPath, nodeBytes, verifyStateProof, type StateLeaf } from './state-proof.ts';
import { fromHex } from './bytes.ts';

const state: StateLeaf = { kind: 'state', contractId: 'counter', key: 'count', value: { n: 1, tags: ['a', 'é'] } };
const balance: StateLeaf = { kind: 'balance', account: 'alice', currency: 'USD', amount: '100000' };
const STATE_LEAF_HASH = '72d542737e94d1b4fd8be7d78b5a798ef2c815266731534f1dc573421409a3ef';
const BALANCE_LEAF_HASH = 'ba032a2d4153d574e6f1bdc088bcb41db239a98bd46a273d0df90e281551eb9a';
const NODE_HASH = '440cc8be18820ff207ae118ec758ed8b69d8805c5add8d046d2343db38c01aa0';
const USER_LEAF_HASH = 'd9e7e35ba89630f307f393ad529afd5c5c6c7cfb233ec494232399920cd33d02';
const TEAM_LEAF_HASH = '2062e0bf934ad4de7cd76e5bdfb3a8489b66674c01fd0ced7439d6081475bf2f';
const MEMBER_LEAF_HASH = '79706392fca9a134b4845b63e0705e8806f1e0db11538a6a87aa006086d8cdad';
const DEPOSIT_LEAF_HASH = 'e133d11c96431e34bd0e713c4ba5dcc7b2e1b2a4734bc4b67b68fe6171e57b84';

test('leaf bytes: 0x00 then the canonical JSON of [kind, owner, name, value]', async () => {
  assert.equal(toHex(leafBytes(state)), `00${Buffer.from('["state","counter","count",{"n":1,"tags":["a","é"]}]').toString('hex')}`);
  assert.equal(await sha256Hex(leafBytes(state)), STATE_LEAF_HASH);
  assert.equal(await sha256Hex(leafBytes(balance)), BALANCE_LEAF_HASH);
});

test('node bytes: 0x01 then left then right', async () => {
  const bytes = nodeBytes(fromHex(STATE_LEAF_HASH), fromHex(BALANCE_LEAF_HASH));
  assert.equal(toHex(bytes), `01${STATE_LEAF_HASH}${BALANCE_LEAF_HASH}`);
  assert.equal(await sha256Hex(bytes), NODE_HASH);
});

test('a proof leads to its pinned root; sides, values and a node passed off as a leaf do not', async () => {
  const proof = { leaf: state, steps: [{ side: 'right' as const, hash: BALANCE_LEAF_HASH }], root: NODE_HASH, height: 1 };
  assert.equal(await verifyStateProof(proof, NODE_HASH), true);
  assert.equal(await verifyStateProof({ ...proof, steps: [{ side: 'left', hash: BALANCE_LEAF_HASH }] }, NODE_HASH), false);
  assert.equal(await verifyStateProof({ ...proof, leaf: { ...state, value: { n: 2, tags: ['a', 'é'] } } }, NODE_HASH), false);
  assert.equal(await verifyStateProof(proof, BALANCE_LEAF_HASH), false, 'the root must be the expected one');
});

test('leaves of users, teams, memberships and deposits: their bytes and pinned hashes', async () => {
  const cases: [StateLeaf, string, string][] = [
    [
      { kind: 'user', id: 'alice', publicKey: 'ab'.repeat(32), username: 'alice_w', displayName: 'Alice', bio: null },
      `["user","alice",{"bio":null,"displayName":"Alice","publicKey":"${'ab'.repeat(32)}","username":"alice_w"}]`,
      USER_LEAF_HASH,
    ],
    [{ kind: 'team', id: 'acme', name: 'Acme', membersMay: ['deploy', 'spend'] }, '["team","acme",{"membersMay":["deploy","spend"],"name":"Acme"}]', TEAM_LEAF_HASH],
    [{ kind: 'member', team: 'acme', user: 'bob', role: 'member' }, '["member","acme","bob","member"]', MEMBER_LEAF_HASH],
    [{ kind: 'deposit', contractId: 'counter', bytes: 14, amount: '1400' }, '["deposit","counter",{"amount":"1400","bytes":14}]', DEPOSIT_LEAF_HASH],
  ];
  for (const [leaf, json, hash] of cases) {
    assert.equal(toHex(leafBytes(leaf)), `00${Buffer.from(json).toString('hex')}`, leaf.kind);
    assert.equal(await sha256Hex(leafBytes(leaf)), hash, leaf.kind);
  }
});

test('leaf paths never collide across kinds', () => {
  const paths = [
    leafPath({ kind: 'state', contractId: 'acme', key: 'bob' }),
    leafPath({ kind: 'balance', account: 'acme', currency: 'bob' }),
    leafPath({ kind: 'member', team: 'acme', user: 'bob' }),
    leafPath({ kind: 'team', id: 'acme' }),
    leafPath({ kind: 'user', id: 'acme' }),
    leafPath({ kind: 'deposit', contractId: 'acme' }),
  ];
  assert.equal(new Set(paths).size, paths.length);
  assert.equal(leafPath({ kind: 'member', team: 'acme', user: 'bob' }), '["member","acme","bob"]');
});
