// ed25519 keys made with WebCrypto, kept in IndexedDB (CryptoKey objects), exportable as PKCS#8.
import { exportPrivateKey, generateKeyPair, importPrivateKey } from '@tana/ledger/client';
import { fromBase64Url, toHex } from '@tana/engine';
import type { PlaygroundDb, StoredKey } from './db.ts';

export async function createKey(db: PlaygroundDb, id: string): Promise<StoredKey> {
  const pair = await generateKeyPair();
  const key = { id, publicKey: pair.publicKey, privateKey: pair.privateKey, registered: false, createdAt: Date.now() };
  await db.keys.put(key);
  await db.setSetting('activeUser', id);
  return key;
}

/** A JSON text a person can keep: the user id and the PKCS#8 private key. */
export async function exportKey(key: StoredKey): Promise<string> {
  return JSON.stringify({ id: key.id, publicKey: key.publicKey, privateKey: await exportPrivateKey(key.privateKey) }, null, 2);
}

export async function importKey(db: PlaygroundDb, text: string): Promise<StoredKey> {
  let parsed: { id?: string; privateKey?: string };
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new Error('a key file is JSON with "id" and "privateKey"');
  }
  if (!parsed.id || !parsed.privateKey) throw new Error('a key file needs "id" and "privateKey"');
  const privateKey = await importPrivateKey(parsed.privateKey);
  const jwk = await crypto.subtle.exportKey('jwk', privateKey);
  const publicKey = toHex(fromBase64Url(jwk.x!));
  const key = { id: parsed.id, publicKey, privateKey, registered: true, createdAt: Date.now() };
  await db.keys.put(key);
  await db.setSetting('activeUser', parsed.id);
  return key;
}
