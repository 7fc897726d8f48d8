// Opens the ledger's store: PostgreSQL for a postgres:// URL, else the SQLite file at that path.
import { openPostgresStore } from './postgres/store.ts';
import { openSqliteStore } from './sqlite/store.ts';
import type { LedgerStore } from './store.ts';

export function isPostgresUrl(location: string): boolean {
  return /^postgres(ql)?:\/\//i.test(location);
}

export async function openStore(location: string, options: { readonly?: boolean } = {}): Promise<LedgerStore> {
  if (isPostgresUrl(location)) return openPostgresStore(location, options);
  return openSqliteStore(location, options);
}
