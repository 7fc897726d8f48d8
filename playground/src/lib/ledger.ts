// The playground's side of the ledger: its URL (a setting), sync of blocks and contract state
// (each value checked against the block's state root with the ledger's proof), registering users
// and deploying contracts.
import { sameCanonical, signTransaction, transpile, verifyStateProof } from '@tana/engine';
import { deployTransaction, LedgerClient, userTransaction, type ChainInfo } from '@tana/ledger/client';
import type { PlaygroundDb, StoredKey } from './db.ts';
import { replaceCommitted } from './state.ts';
import { enqueue, queuedFrom } from './outbox.ts';

/** Served by `tana start`, the ledger is the page's own origin; from `astro dev`, the local default. */
export function defaultLedgerUrl(): string {
  return location.port === '4321' ? 'http://127.0.0.1:8080' : location.origin;
}

export async function ledgerClient(db: PlaygroundDb): Promise<LedgerClient> {
  return new LedgerClient(await db.setting('ledgerUrl', defaultLedgerUrl()));
}

export async function chainInfo(db: PlaygroundDb): Promise<ChainInfo | undefined> {
  return db.setting<ChainInfo | undefined>('chain', undefined);
}

export interface SyncReport {
  height: number;
  newBlocks: number;
  values: number;
  verified: number;
}

/** Pulls blocks since the last known height, then the given contracts' state with proofs. */
export async function sync(db: PlaygroundDb, contractIds: string[], onProgress?: (message: string) => void): Promise<SyncReport> {
  const client = await ledgerClient(db);
  const chain = await client.chain();
  await db.setSetting('chain', chain);
  let since = ((await db.blocks.orderBy('height').last())?.height ?? -1);
  let newBlocks = 0;
  for (;;) {
    const page = await client.blocksSince(since, 200);
    if (!page.blocks.length) break;
    await db.blocks.bulkPut(page.blocks);
    newBlocks += page.blocks.length;
    since = page.blocks.at(-1)!.height;
    onProgress?.(`synced blocks to ${since} of ${page.head.height}`);
    if (since >= page.head.height) break;
  }
  let values = 0;
  let verified = 0;
  for (const contractId of contractIds) {
    const state = await client.state(contractId).catch(() => undefined);
    if (!state) continue;
    const block = await db.blocks.get(state.height);
    const ok = new Set<string>();
    for (const key of Object.keys(state.state)) {
      const { proof } = await client.value(contractId, key);
      // Check against the root of the block we hold (or fetch it if the head moved on meanwhile).
      const root = (await db.blocks.get(proof.height))?.stateRoot ?? (await client.block(proof.height)).stateRoot;
      if (sameCanonical(proof.leaf, { kind: 'state', contractId, key, value: state.state[key] }) && (await verifyStateProof(proof, root))) ok.add(key);
    }
    await replaceCommitted(db, contractId, state.state, block?.height ?? state.height, ok);
    values += Object.keys(state.state).length;
    verified += ok.size;
  }
  await db.setSetting('syncedHeight', since);
  return { height: since, newBlocks, values, verified };
}

/** Registers the key's user on the ledger (a signed `user` transaction through the outbox). */
export async function register(db: PlaygroundDb, key: StoredKey) {
  const client = await ledgerClient(db);
  const chain = await client.chain();
  const signed = await signTransaction(userTransaction(chain, key.id, key.publicKey), key.privateKey);
  return enqueue(db, signed);
}

export async function deploy(db: PlaygroundDb, key: StoredKey, contractId: string, source: string, fileId: string) {
  const client = await ledgerClient(db);
  const [chain, user] = await Promise.all([client.chain(), client.user(key.id)]);
  const tx = await deployTransaction(chain, key.id, user.nextNonce + (await queuedFrom(db, key.id)), contractId, transpile(source));
  return enqueue(db, await signTransaction(tx, key.privateKey), fileId);
}
