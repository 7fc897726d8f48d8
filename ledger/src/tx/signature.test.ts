// The ledger's verifier (node:crypto behind the shared checks) gives the same verdict as the engine
// package's (WebCrypto behind the same checks) on every published edge case and on honest keys.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { generateKeyPairSync, sign } from 'node:crypto';
import { fromHex } from '@tana/engine';
import { verifyEd25519 } from '@tana/engine/ed25519';
import { IDENTITY_SIGNATURE, RFC8032_VECTORS, SMALL_ORDER_KEYS, SPECCHECK_VECTORS } from '../../../tests/fixtures/ed25519-vectors.ts';
import { ed25519Valid, publicKeyHexProblem, rawPublicKeyOf } from './signature.ts';

test('the ledger and the clients agree on every edge-case vector', async () => {
  for (const v of [...RFC8032_VECTORS, ...SPECCHECK_VECTORS]) {
    const expected = v.keyProblem === undefined && v.signatureProblem === undefined;
    assert.equal(await verifyEd25519(v.signature, fromHex(v.message), v.publicKey), expected, v.name);
    assert.equal(ed25519Valid(fromHex(v.message), v.signature, v.publicKey), expected, v.name);
  }
});

test('small-order keys: refused for registration, and the identity signature fools nothing', () => {
  for (const { name, publicKey } of SMALL_ORDER_KEYS) {
    assert.equal(publicKeyHexProblem(publicKey), 'the public key is a small-order point', name);
    for (const message of ['', '00', 'ff'.repeat(100)]) assert.equal(ed25519Valid(fromHex(message), IDENTITY_SIGNATURE, publicKey), false, name);
  }
  assert.match(publicKeyHexProblem('AB'.repeat(32))!, /lowercase hex/);
});

test('honest node:crypto keys and signatures pass; a flipped bit does not', () => {
  for (let i = 0; i < 20; i++) {
    const { privateKey } = generateKeyPairSync('ed25519');
    const message = Buffer.from(`message ${i}`);
    const signature = sign(null, message, privateKey).toString('hex');
    const publicKey = rawPublicKeyOf(privateKey);
    assert.equal(publicKeyHexProblem(publicKey), undefined);
    assert.equal(ed25519Valid(message, signature, publicKey), true);
    const flipped = (parseInt(signature[0]!, 16) ^ 1).toString(16) + signature.slice(1);
    assert.equal(ed25519Valid(message, flipped, publicKey), false);
  }
});
