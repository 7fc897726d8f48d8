// Files in the workspace: created from examples, share links, imports and bundles; state survives reloads.
import type { ContractFile, PlaygroundDb } from './db.ts';
import { contractIdFor, isAccountId, type JsonValue } from '@tana/engine';
import { EXAMPLES, type Example } from './examples.ts';

/** A new file named `name` (or `name-2`, …); it runs as `contractId` when given (a shared contract keeps its id). */
export async function createFile(db: PlaygroundDb, name: string, content: string, contractId?: string): Promise<ContractFile> {
  const taken = new Set((await db.files.toArray()).map((f) => f.name));
  let unique = name;
  for (let i = 2; taken.has(unique); i++) unique = `${name}-${i}`;
  const file = { id: crypto.randomUUID(), name: unique, content, contractId: contractId && isAccountId(contractId) ? contractId : contractIdFor(unique), updatedAt: Date.now() };
  await db.files.add(file);
  return file;
}

/** Opens an example as a new file, with the state it expects staged for its contract. */
export async function openExample(db: PlaygroundDb, example: Example): Promise<ContractFile> {
  const file = await createFile(db, example.name, example.source);
  await db.files.update(file.id, { input: example.input });
  await db.staging.bulkPut(Object.entries(example.state).map(([key, value]) => ({ contractId: file.contractId, key, value: value as JsonValue, deleted: false })));
  await db.recordings.bulkPut(example.fetches.map((fetch) => ({ ...fetch, contractId: file.contractId, recordedAt: Date.now() })));
  return file;
}

/** First visit: one file per example, so the gallery is one click away and the editor is never empty. */
export async function seedWorkspace(db: PlaygroundDb): Promise<void> {
  if ((await db.files.count()) > 0 || (await db.setting('seeded', false))) return;
  for (const example of EXAMPLES) await openExample(db, example);
  await db.setSetting('seeded', true);
}

export async function saveContent(db: PlaygroundDb, id: string, content: string): Promise<void> {
  await db.files.update(id, { content, updatedAt: Date.now() });
}
