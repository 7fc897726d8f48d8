// ed25519 over canonical bytes, under Tana's one verification rule (@tana/engine's ed25519.ts): the
// encoding and subgroup checks are shared with every client; the equation is node:crypto's (OpenSSL,
// cofactorless, the same as WebCrypto in Node). A public key is checked and parsed once, then cached.
import { createHash, createPublicKey, verify, type KeyObject } from 'node:crypto';
import { canonicalBytes, type Transaction } from '@tana/engine';
import { publicKeyProblem, signatureProblem } from '@tana/engine/ed25519';

// An ed25519 SubjectPublicKeyInfo is this 12-byte DER header followed by the 32-byte raw key.
const SPKI_PREFIX = Buffer.from('302a300506032b6570032100', 'hex');
/** A usable key's KeyObject, or null for a key the rule refuses. */
const keys = new Map<string, KeyObject | null>();
const MAX_CACHED_KEYS = 10_000;

/** The raw 32-byte ed25519 public key (hex) of a private key: the last 32 bytes of its SPKI DER encoding. */
export function rawPublicKeyOf(privateKey: KeyObject): string {
  return createPublicKey(privateKey).export({ type: 'spki', format: 'der' }).subarray(-32).toString('hex');
}

/** Why a hex public key cannot be registered (small order, not canonical, …), or undefined. */
export function publicKeyHexProblem(hex: string): string | undefined {
  if (!/^[0-9a-f]{64}$/.test(hex)) return 'a public key is 64 lowercase hex digits';
  return publicKeyProblem(Buffer.from(hex, 'hex'));
}

function publicKeyObject(hex: string): KeyObject | null {
  let key = keys.get(hex);
  if (key === undefined) {
    key = publicKeyHexProblem(hex) ? null : createPublicKey({ key: Buffer.concat([SPKI_PREFIX, Buffer.from(hex, 'hex')]), format: 'der', type: 'spki' });
    if (keys.size >= MAX_CACHED_KEYS) keys.delete(keys.keys().next().value!);
    keys.set(hex, key);
  }
  return key;
}

/** The transaction id (sha256 of the canonical bytes), synchronously: @tana/engine's transactionId without WebCrypto. */
export function transactionIdOf(transaction: Transaction): string {
  return createHash('sha256').update(canonicalBytes(transaction)).digest('hex');
}

export function signatureValid(transaction: Transaction, signatureHex: string, publicKeyHex: string): boolean {
  return ed25519Valid(canonicalBytes(transaction), signatureHex, publicKeyHex);
}

/** The rule on raw bytes (hex signature and key); false for anything malformed. */
export function ed25519Valid(message: Uint8Array, signatureHex: string, publicKeyHex: string): boolean {
  try {
    const key = publicKeyObject(publicKeyHex);
    if (!key || !/^[0-9a-f]{128}$/.test(signatureHex)) return false;
    const signature = Buffer.from(signatureHex, 'hex');
    return !signatureProblem(signature) && verify(null, message, key, signature);
  } catch {
    return false;
  }
}
