// ed25519 keys with WebCrypto (browsers and Node alike): made, exported, imported.
import { fromHex, toHex } from '@tana/engine';

export interface KeyPair {
  /** Raw 32-byte public key, hex: what the ledger stores. */
  publicKey: string;
  privateKey: CryptoKey;
}

export async function generateKeyPair(): Promise<KeyPair> {
  const pair = (await crypto.subtle.generateKey('Ed25519', true, ['sign', 'verify'])) as CryptoKeyPair;
  const raw = new Uint8Array(await crypto.subtle.exportKey('raw', pair.publicKey));
  return { publicKey: toHex(raw), privateKey: pair.privateKey };
}

/** The private key as PKCS#8, hex — what `tana` keeps under ~/.config/tana/users and the playground in IndexedDB. */
export async function exportPrivateKey(key: CryptoKey): Promise<string> {
  return toHex(new Uint8Array(await crypto.subtle.exportKey('pkcs8', key)));
}

export async function importPrivateKey(pkcs8Hex: string): Promise<CryptoKey> {
  return crypto.subtle.importKey('pkcs8', fromHex(pkcs8Hex) as BufferSource, 'Ed25519', true, ['sign']);
}
