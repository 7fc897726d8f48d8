// Tana's ed25519 rule against the published edge cases, and against signatures built here to tell
// the cofactored from the cofactorless equation apart.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ed25519, ED25519_TORSION_SUBGROUP } from '@noble/curves/ed25519.js';
import { sha512 } from '@noble/hashes/sha2.js';
import { IDENTITY_SIGNATURE, RFC8032_VECTORS, SMALL_ORDER_KEYS, SPECCHECK_VECTORS } from '../../tests/fixtures/ed25519-vectors.ts';
import { fromHex, toHex } from './bytes.ts';
import { publicKeyProblem, signatureProblem, verifyEd25519 } from './ed25519.ts';

const problemOf = (v: { publicKey: string; signature: string }) => publicKeyProblem(fromHex(v.publicKey)) ?? signatureProblem(fromHex(v.signature));

test('RFC 8032 test vectors verify', async () => {
  for (const v of RFC8032_VECTORS) {
    assert.equal(problemOf(v), undefined, v.name);
    assert.equal(await verifyEd25519(v.signature, fromHex(v.message), v.publicKey), true, v.name);
    assert.equal(await verifyEd25519(v.signature, fromHex(`${v.message}00`), v.publicKey), false, `${v.name}, another message`);
  }
});

test('every "Taming the many EdDSAs" edge case is refused, each for its named reasons', async () => {
  assert.equal(SPECCHECK_VECTORS.length, 12);
  for (const v of SPECCHECK_VECTORS) {
    assert.equal(publicKeyProblem(fromHex(v.publicKey)), v.keyProblem, v.name);
    assert.equal(signatureProblem(fromHex(v.signature)), v.signatureProblem, v.name);
    assert.equal(await verifyEd25519(v.signature, fromHex(v.message), v.publicKey), false, v.name);
  }
});

test('small-order public keys are refused, including the identity key whose all-zero S fools OpenSSL', async () => {
  for (const { name, publicKey } of SMALL_ORDER_KEYS) {
    assert.equal(publicKeyProblem(fromHex(publicKey)), 'the public key is a small-order point', name);
    for (const message of ['', '00', 'deadbeef']) assert.equal(await verifyEd25519(IDENTITY_SIGNATURE, fromHex(message), publicKey), false, name);
  }
  for (const torsion of ED25519_TORSION_SUBGROUP) {
    const problem = publicKeyProblem(fromHex(torsion));
    assert.ok(problem === 'the public key is a small-order point' || problem?.includes('canonical'), `${torsion}: ${problem}`);
  }
});

/** A signature by `secret` whose R is rB + T for a torsion point T (the scalar S computed honestly for that R). */
function signWithTorsionInR(secret: Uint8Array, message: Uint8Array, torsion: string, r: bigint) {
  const { scalar, pointBytes } = ed25519.utils.getExtendedPublicKey(secret);
  const Fn = ed25519.Point.Fn;
  const R = r === 0n ? ed25519.Point.fromHex(torsion) : ed25519.Point.BASE.multiply(r).add(ed25519.Point.fromHex(torsion));
  const Rbytes = R.toBytes();
  const k = Fn.create(bytesToNumberLE(sha512(new Uint8Array([...Rbytes, ...pointBytes, ...message]))));
  const S = Fn.create(r + k * scalar);
  return { publicKey: toHex(pointBytes), signature: toHex(Rbytes) + toHex(Fn.toBytes(S)) };
}

test('the equation is cofactorless: an R with a torsion component fails even where the cofactored equation holds', async () => {
  const secret = new Uint8Array(32).fill(7);
  const message = new TextEncoder().encode('tana');
  const order8 = ED25519_TORSION_SUBGROUP[1]!;
  const mixed = signWithTorsionInR(secret, message, order8, 123456789n);
  assert.equal(ed25519.verify(fromHex(mixed.signature), message, fromHex(mixed.publicKey), { zip215: false }), true, 'the cofactored equation holds');
  assert.equal(problemOf(mixed), undefined, 'R is canonical, of mixed order: no precheck refuses it');
  assert.equal(await verifyEd25519(mixed.signature, message, mixed.publicKey), false);

  const small = signWithTorsionInR(secret, message, order8, 0n);
  assert.equal(ed25519.verify(fromHex(small.signature), message, fromHex(small.publicKey), { zip215: false }), true, 'the cofactored equation holds');
  assert.equal(problemOf(small), 'R is a small-order point');
  assert.equal(await verifyEd25519(small.signature, message, small.publicKey), false);

  const honest = toHex(ed25519.sign(message, secret));
  assert.equal(await verifyEd25519(honest, message, mixed.publicKey), true);
});

test('malformed input is refused, never thrown', async () => {
  const v = RFC8032_VECTORS[0]!;
  for (const [signature, publicKey] of [
    ['zz', v.publicKey],
    [v.signature.slice(0, 126), v.publicKey],
    [v.signature, v.publicKey.slice(0, 62)],
    [v.signature, ''],
  ]) {
    assert.equal(await verifyEd25519(signature!, new Uint8Array(), publicKey!), false);
  }
});

function bytesToNumberLE(bytes: Uint8Array): bigint {
  return BigInt(`0x${toHex(Uint8Array.from(bytes).reverse()) || '0'}`);
}
