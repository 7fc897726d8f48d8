// Sync: blocks since the last known height, users' profiles, then contract state, each value checked
// against the block's state root with the ledger's proof.
import { sameCanonical, verifyStateProof } from '@tana/engine';
import { syncProfiles } from './accounts.ts';
import type { PlaygroundDb } from './db.ts';
import { ledgerClient } from './ledger.ts';
import { committedState, replaceCommitted } from './state.ts';

/** The setting that marks a contract's staging as made on a committed state the ledger has since moved past. */
export const staleKey = (contractId: string) => `stagingStale:${contractId}`;

export interface SyncReport {
  height: number;
  newBlocks: number;
  values: number;
  verified: number;
  /** Contracts whose committed values changed in this sync. */
  changed: string[];
}

/**
 * Pulls blocks since the last known height, then the given contracts' state with proofs (contracts
 * not deployed yet are skipped, not asked for). Errors are the client's, named; nothing local is lost.
 */
export async function sync(db: PlaygroundDb, contractIds: string[], onProgress?: (message: string) => void): Promise<SyncReport> {
  const client = await ledgerClient(db);
  const chain = await client.chain();
  await db.setSetting('chain', chain);
  let since = (await db.blocks.orderBy('height').last())?.height ?? -1;
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
  await syncProfiles(db, client);
  let values = 0;
  let verified = 0;
  const changed: string[] = [];
  const deployed = new Set(contractIds.length ? (await client.contracts()).contracts.map((c) => c.id) : []);
  for (const contractId of contractIds) {
    if (!deployed.has(contractId)) continue;
    const state = await client.state(contractId);
    if (!sameCanonical(await committedState(db, contractId), state.state)) {
      changed.push(contractId);
      // Staging made on the old state stays; the person is asked whether to keep it (stagingStale).
      if ((await db.staging.where('contractId').equals(contractId).count()) > 0) await db.setSetting(staleKey(contractId), true);
    }
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
  return { height: since, newBlocks, values, verified, changed };
}
