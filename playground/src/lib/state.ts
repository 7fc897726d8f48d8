// Committed state (synced from the ledger) plus local staging: what a local run sees, and how
// its diff lands. Snapshots save and restore staging.
import type { Outcome, State } from '@tana/engine';
import type { PlaygroundDb } from './db.ts';

export async function committedState(db: PlaygroundDb, contractId: string): Promise<State> {
  const rows = await db.committed.where('contractId').equals(contractId).toArray();
  return Object.fromEntries(rows.map((row) => [row.key, row.value]));
}

/** Committed values with the staged changes on top. */
export async function effectiveState(db: PlaygroundDb, contractId: string): Promise<State> {
  const state = await committedState(db, contractId);
  for (const staged of await db.staging.where('contractId').equals(contractId).toArray()) {
    if (staged.deleted) delete state[staged.key];
    else state[staged.key] = staged.value!;
  }
  return state;
}

/** A successful local run's diff becomes staging (one Dexie transaction). */
export async function stageDiff(db: PlaygroundDb, contractId: string, outcome: Outcome): Promise<void> {
  if (!outcome.ok) return;
  await db.transaction('rw', db.staging, async () => {
    for (const [key, value] of Object.entries(outcome.diff.set)) await db.staging.put({ contractId, key, value, deleted: false });
    for (const key of outcome.diff.deleted) await db.staging.put({ contractId, key, value: null, deleted: true });
  });
}

export async function resetStaging(db: PlaygroundDb, contractId: string): Promise<void> {
  await db.staging.where('contractId').equals(contractId).delete();
}

export async function saveSnapshot(db: PlaygroundDb, contractId: string, name: string): Promise<number> {
  const staged = await db.staging.where('contractId').equals(contractId).toArray();
  return (await db.snapshots.add({ contractId, name, staged, createdAt: Date.now() })) as number;
}

export async function restoreSnapshot(db: PlaygroundDb, id: number): Promise<void> {
  const snapshot = await db.snapshots.get(id);
  if (!snapshot) throw new Error(`no snapshot ${id}`);
  await db.transaction('rw', db.staging, async () => {
    await db.staging.where('contractId').equals(snapshot.contractId).delete();
    await db.staging.bulkPut(snapshot.staged);
  });
}

/** Replaces a contract's committed values with the ledger's (after a sync). */
export async function replaceCommitted(db: PlaygroundDb, contractId: string, state: State, height: number, verified: Set<string>): Promise<void> {
  await db.transaction('rw', db.committed, async () => {
    await db.committed.where('contractId').equals(contractId).delete();
    await db.committed.bulkPut(Object.entries(state).map(([key, value]) => ({ contractId, key, value, height, verified: verified.has(key) })));
  });
}
