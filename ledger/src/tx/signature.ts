// ed25519 over canonical bytes with node:crypto; each public key is parsed once into a KeyObject.
import { createHash, createPublicKey, verify, type KeyObject } from 'node:crypto';
import { canonicalBytes, type Transaction } from '@tana/engine';

// An ed25519 SubjectPublicKeyInfo is this 12-byte DER header followed by the 32-byte raw key.
const SPKI_PREFIX = Buffer.from('302a300506032b6570032100', 'hex');
const keys = new Map<string, KeyObject>();
const MAX_CACHED_KEYS = 10_000;

/** The raw 32-byte ed25519 public key (hex) of a private key: the last 32 bytes of its SPKI DER encoding. */
export function rawPublicKeyOf(privateKey: KeyObject): string {
  return createPublicKey(privateKey).export({ type: 'spki', format: 'der' }).subarray(-32).toString('hex');
}

export function publicKeyObject(hex: string): KeyObject {
  let key = keys.get(hex);
  if (!key) {
    key = createPublicKey({ key: Buffer.concat([SPKI_PREFIX, Buffer.from(hex, 'hex')]), format: 'der', type: 'spki' });
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
  try {
    return verify(null, canonicalBytes(transaction), publicKeyObject(publicKeyHex), Buffer.from(signatureHex, 'hex'));
  } catch {
    return false;
  }
}
