// Brings a PostgreSQL database's schema up to date (db/migrations.ts), under a transaction-level
// advisory lock, so nodes starting together on one database migrate it once.
import { MIGRATIONS } from '../migrations.ts';
import type { Sql } from './connect.ts';

const MIGRATION_LOCK = 0x74616e61_6d6967n; // "tana" "mig"

export async function migratePostgres(sql: Sql, options: { readonly?: boolean } = {}): Promise<void> {
  if (options.readonly) {
    const [found] = await sql<{ exists: boolean }[]>`SELECT to_regclass('tana_schema') IS NOT NULL AS exists`;
    const version = found?.exists ? ((await sql<{ version: number }[]>`SELECT version FROM tana_schema`)[0]?.version ?? 0) : 0;
    checkKnown(version);
    return;
  }
  await sql.begin(async (tx) => {
    await tx`SELECT pg_advisory_xact_lock(${MIGRATION_LOCK.toString()}::bigint)`;
    await tx`CREATE TABLE IF NOT EXISTS tana_schema (version INTEGER NOT NULL)`;
    let [row] = await tx<{ version: number }[]>`SELECT version FROM tana_schema`;
    if (!row) [row] = await tx<{ version: number }[]>`INSERT INTO tana_schema (version) VALUES (0) RETURNING version`;
    checkKnown(row!.version);
    for (let version = row!.version; version < MIGRATIONS.length; version++) {
      await tx.unsafe(MIGRATIONS[version]!.postgres);
      await tx`UPDATE tana_schema SET version = ${version + 1}`;
    }
  });
}

function checkKnown(version: number): void {
  if (version > MIGRATIONS.length) {
    throw new Error(`the database schema is version ${version}, newer than this ledger knows (${MIGRATIONS.length}); upgrade tana`);
  }
}
