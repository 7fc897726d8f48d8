// All of the playground's browser storage: one Dexie database, versioned stores.
import Dexie, { type EntityTable } from 'dexie';
import type { JsonValue, Outcome, RecordedFetch, SignedTransaction } from '@tana/engine';
import type { Block } from '@tana/ledger/client';

export interface ContractFile {
  id: string;
  name: string;
  content: string;
  /** The id it is deployed under (and runs as locally). */
  contractId: string;
  updatedAt: number;
  /** The call this file runs with: input JSON, and optionally an exported function and its JSON arguments. */
  input?: string;
  fn?: string;
  args?: string;
}

/** A committed value synced from the ledger, and whether its proof checked out against a block root. */
export interface CommittedValue {
  contractId: string;
  key: string;
  value: JsonValue;
  height: number;
  verified: boolean;
}

/** A local, uncommitted change from running contracts in the browser. */
export interface StagedValue {
  contractId: string;
  key: string;
  value: JsonValue | null;
  deleted: boolean;
}

export interface Snapshot {
  id?: number;
  contractId: string;
  name: string;
  staged: StagedValue[];
  createdAt: number;
}

export type OutboxStatus = 'queued' | 'committed' | 'conflict' | 'rejected';

export interface OutboxEntry {
  seq?: number;
  txId: string;
  kind: string;
  fileId?: string;
  signed: SignedTransaction;
  status: OutboxStatus;
  /** The ledger's named error, for conflict and rejected. */
  error?: { code: string; message: string };
  height?: number;
  createdAt: number;
}

export interface StoredKey {
  /** The user id this key signs for. */
  id: string;
  publicKey: string;
  privateKey: CryptoKey;
  registered: boolean;
  createdAt: number;
}

/** A response recorded for a contract's `tana:utils` fetch, replayed on every later run and signed into calls. */
export interface Recording extends RecordedFetch {
  contractId: string;
  recordedAt: number;
}

/** A user's public profile, synced from the ledger: what is shown where an id would be. */
export interface Profile {
  id: string;
  username: string | null;
  displayName: string | null;
}

export interface LastRun {
  fileId: string;
  outcome: Outcome;
  ranAt: number;
}

export class PlaygroundDb extends Dexie {
  files!: EntityTable<ContractFile, 'id'>;
  committed!: Dexie.Table<CommittedValue, [string, string]>;
  staging!: Dexie.Table<StagedValue, [string, string]>;
  snapshots!: EntityTable<Snapshot, 'id'>;
  outbox!: EntityTable<OutboxEntry, 'seq'>;
  blocks!: EntityTable<Block, 'height'>;
  keys!: EntityTable<StoredKey, 'id'>;
  runs!: EntityTable<LastRun, 'fileId'>;
  settings!: Dexie.Table<{ key: string; value: unknown }, string>;
  recordings!: Dexie.Table<Recording, [string, string]>;
  profiles!: EntityTable<Profile, 'id'>;

  constructor(name = 'tana-playground') {
    super(name);
    this.version(1).stores({
      files: 'id, name, updatedAt',
      committed: '[contractId+key], contractId',
      staging: '[contractId+key], contractId',
      snapshots: '++id, contractId, createdAt',
      outbox: '++seq, &txId, status',
      blocks: 'height',
      keys: 'id',
      runs: 'fileId',
      settings: 'key',
    });
    // v2: recorded fetch responses per contract.
    this.version(2).stores({ recordings: '[contractId+url], contractId' });
    // v3: users' profiles from the ledger, shown where ids are.
    this.version(3).stores({ profiles: 'id' });
  }

  async setting<T>(key: string, fallback: T): Promise<T> {
    return ((await this.settings.get(key))?.value as T | undefined) ?? fallback;
  }

  async setSetting(key: string, value: unknown): Promise<void> {
    await this.settings.put({ key, value });
  }
}

export const db = new PlaygroundDb();
