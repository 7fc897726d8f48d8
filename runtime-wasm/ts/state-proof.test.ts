// Pinned vectors for the state commitment's encoding: any change to how leaves or nodes are hashed
// (the 0x00 / 0x01 domain separation, the canonical JSON of a leaf) fails here, in every client.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { sha256Hex, toHex } from './bytes.ts';
import { leafBytes, nodeBytes, verifyStateProof, type StateLeaf } from './state-proof.ts';
import { fromHex } from './bytes.ts';

const state: StateLeaf = { kind: 'state', contractId: 'counter', key: 'count', value: { n: 1, tags: ['a', 'é'] } };
const balance: StateLeaf = { kind: 'balance', account: 'alice', currency: 'USD', amount: '100000' };
const STATE_LEAF_HASH = '72d542737e94d1b4fd8be7d78b5a798ef2c815266731534f1dc573421409a3ef';
const BALANCE_LEAF_HASH = 'ba032a2d4153d574e6f1bdc088bcb41db239a98bd46a273d0df90e281551eb9a';
const NODE_HASH = '440cc8be18820ff207ae118ec758ed8b69d8805c5add8d046d2343db38c01aa0';

test('leaf bytes: 0x00 then the canonical JSON of [kind, owner, name, value]', async () => {
  assert.equal(
    toHex(leafBytes(state)),
    `00${Buffer.from('["state","counter","count",{"n":1,"tags":["a","é"]}]').toString('hex')}`,
  );
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
