// ed25519 keys made with WebCrypto, kept in IndexedDB (CryptoKey objects), exportable as PKCS#8.
import { exportPrivateKey, generateKeyPair, importPrivateKey, LedgerRequestError, type LedgerClient } from '@tana/ledger/client';
import { fromBase64Url, isAccountId, toHex, ACCOUNT_ID_RULE } from '@tana/engine';
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

export interface ImportedKey {
  key: StoredKey;
  /** What the ledger said of this user: registered with this key, not registered yet, or not asked (unreachable). */
  ledger: 'registered' | 'unknown user' | 'unreachable';
}

/** Reads a key file, checks its key bytes, and asks the ledger whether its user exists with this key. */
export async function importKey(db: PlaygroundDb, text: string, client: LedgerClient): Promise<ImportedKey> {
  let parsed: { id?: unknown; privateKey?: unknown; publicKey?: unknown };
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new Error('this is not a key file: a key file is JSON with "id" and "privateKey" (as "Export key" writes it)');
  }
  if (typeof parsed?.id !== 'string' || typeof parsed.privateKey !== 'string') throw new Error('this key file lacks "id" or "privateKey" (as "Export key" writes them)');
  if (!isAccountId(parsed.id)) throw new Error(`the key file's id '${parsed.id}' is not a user id: ${ACCOUNT_ID_RULE}`);
  if (!/^[0-9a-f]{96}$/i.test(parsed.privateKey)) throw new Error('the key file\'s "privateKey" is not an ed25519 key: it must be 96 hex digits (PKCS#8, as "Export key" writes it)');
  let privateKey: CryptoKey;
  try {
    privateKey = await importPrivateKey(parsed.privateKey);
  } catch (error) {
    throw new Error(`the key file's "privateKey" is not a valid ed25519 key (${(error as Error).message || (error as Error).name})`);
  }
  const jwk = await crypto.subtle.exportKey('jwk', privateKey);
  const publicKey = toHex(fromBase64Url(jwk.x!));
  if (typeof parsed.publicKey === 'string' && parsed.publicKey !== publicKey) throw new Error('the key file\'s "publicKey" does not belong to its "privateKey": the file is damaged');
  let ledger: ImportedKey['ledger'] = 'unreachable';
  try {
    const user = await client.user(parsed.id);
    if (user.publicKey !== publicKey) throw new Error(`the ledger's user '${parsed.id}' has another public key: this key cannot sign for '${parsed.id}'`);
    ledger = 'registered';
  } catch (error) {
    if (!(error instanceof LedgerRequestError)) throw error;
    if (error.status === 404) ledger = 'unknown user';
    else if (error.code !== 'Unreachable') throw new Error(`could not ask the ledger about '${parsed.id}': ${error.code}: ${error.message}`);
  }
  const key = { id: parsed.id, publicKey, privateKey, registered: ledger === 'registered', createdAt: Date.now() };
  await db.keys.put(key);
  await db.setSetting('activeUser', parsed.id);
  return { key, ledger };
}
