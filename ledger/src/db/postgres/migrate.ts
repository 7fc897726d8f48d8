// Brings a PostgreSQL database's schema up to date (db/migrations.ts), under a transaction-level
// advisory lock, so nodes starting together on one database migrate it once.
import { MIGRATIONS } from '../migrations.ts';
import { type Pool, transaction } from './connect.ts';

const MIGRATION_LOCK = '32772468883433831'; // any fixed bigint: "migrating"

export async function migratePostgres(pool: Pool, options: { readonly?: boolean } = {}): Promise<void> {
  if (options.readonly) {
    const { rows } = await pool.query<{ exists: boolean }>("SELECT to_regclass('tana_schema') IS NOT NULL AS exists");
    const version = rows[0]?.exists ? ((await pool.query<{ version: number }>('SELECT version FROM tana_schema')).rows[0]?.version ?? 0) : 0;
    checkKnown(version);
    return;
  }
  await transaction(pool, 'BEGIN', async (client) => {
    await client.query('SELECT pg_advisory_xact_lock($1::bigint)', [MIGRATION_LOCK]);
    await client.query('CREATE TABLE IF NOT EXISTS tana_schema (version INTEGER NOT NULL)');
    let row = (await client.query<{ version: number }>('SELECT version FROM tana_schema')).rows[0];
    if (!row) row = (await client.query<{ version: number }>('INSERT INTO tana_schema (version) VALUES (0) RETURNING version')).rows[0]!;
    checkKnown(row.version);
    for (let version = row.version; version < MIGRATIONS.length; version++) {
      await client.query(MIGRATIONS[version]!.postgres);
      await client.query('UPDATE tana_schema SET version = $1', [version + 1]);
    }
  });
}

function checkKnown(version: number): void {
  if (version > MIGRATIONS.length) {
    throw new Error(`the database schema is version ${version}, newer than this ledger knows (${MIGRATIONS.length}); upgrade tana`);
  }
}
