// Tana's one ed25519 verification rule, shared by the ledger, the CLI and the playground:
//
//   RFC 8032 §5.1.7, strict (FIPS 186-5) encodings, cofactorless equation, plus:
//   • public key A: the canonical encoding (y < p, no "negative zero") of a point of prime order L —
//     so never one of the eight small-order points, and never a mixed-order point (no honest key is one);
//   • R: a canonical encoding, not of small order;
//   • S < L;
//   • then [S]B = R + [k]A, checked by the platform's RFC 8032 verifier (OpenSSL in Node, WebCrypto in
//     browsers), which compares the encoding of [S]B − [k]A with R byte for byte (cofactorless).
//
// Every input on which RFC 8032 implementations are known to disagree (the "Taming the many EdDSAs"
// vectors, ZIP-215's small-order and non-canonical encodings) is refused by the checks above before
// the equation runs, so the ledger (OpenSSL) and a browser (its own library) reach the same verdict.
// Point decoding and subgroup checks use @noble/curves (audited); the equation stays native for speed.
//
// Its own entry of the package (`@tana/engine/ed25519`), loaded by `verifySignature` on first use:
// importing @noble/curves' ed25519 builds the curve (base-point tables, a probe of the platform's
// random source), 7 ms that every import of the engine paid before its first run.
import { ed25519 } from '@noble/curves/ed25519.js';
import { fromHex } from './bytes.ts';

const L = ed25519.Point.Fn.ORDER;

/** Why `publicKey` (raw 32 bytes) cannot be a Tana key, or undefined when it can. */
export function publicKeyProblem(publicKey: Uint8Array): string | undefined {
  if (publicKey.length !== 32) return 'a public key is 32 bytes';
  const point = canonicalPoint(publicKey);
  if (!point) return 'the public key is not the canonical encoding of a curve point';
  if (point.isSmallOrder()) return 'the public key is a small-order point';
  if (!point.isTorsionFree()) return 'the public key is not in the prime-order subgroup';
  return undefined;
}

/** Why `signature` (64 bytes: R ‖ S) is refused before any equation runs, or undefined. */
export function signatureProblem(signature: Uint8Array): string | undefined {
  if (signature.length !== 64) return 'a signature is 64 bytes';
  const r = canonicalPoint(signature.subarray(0, 32));
  if (!r) return 'R is not the canonical encoding of a curve point';
  if (r.isSmallOrder()) return 'R is a small-order point';
  if (littleEndian(signature.subarray(32)) >= L) return 'S is not below the group order L';
  return undefined;
}

/** The whole rule, with WebCrypto's equation (browsers and Node). Hex inputs; false for anything malformed. */
export async function verifyEd25519(signatureHex: string, message: Uint8Array, publicKeyHex: string): Promise<boolean> {
  try {
    const signature = fromHex(signatureHex);
    const publicKey = fromHex(publicKeyHex);
    if (publicKeyProblem(publicKey) || signatureProblem(signature)) return false;
    const key = await crypto.subtle.importKey('raw', publicKey as BufferSource, 'Ed25519', false, ['verify']);
    return await crypto.subtle.verify('Ed25519', key, signature as BufferSource, message as BufferSource);
  } catch {
    return false;
  }
}

function canonicalPoint(bytes: Uint8Array) {
  try {
    return ed25519.Point.fromBytes(bytes, false); // zip215 = false: refuses y ≥ p and x = 0 with the sign bit set
  } catch {
    return undefined;
  }
}

function littleEndian(bytes: Uint8Array): bigint {
  let value = 0n;
  for (let i = bytes.length - 1; i >= 0; i--) value = (value << 8n) | BigInt(bytes[i]!);
  return value;
}
