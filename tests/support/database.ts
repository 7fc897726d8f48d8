// Which database the ledger suite runs on. `npm run test:ledger:postgres` (scripts/with-postgres.ts)
// runs the same test files with TANA_TEST_DB=postgres and one private cluster for the run
// (TANA_TEST_POSTGRES, its admin URL); every test ledger then gets a new, empty database on it.
// Run alone with TANA_TEST_DB=postgres, a test file starts a cluster of its own.
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { type PostgresCluster, startPostgresCluster } from './postgres-cluster.ts';

export type TestBackend = 'sqlite' | 'postgres';
export const testBackend: TestBackend = process.env.TANA_TEST_DB === 'postgres' ? 'postgres' : 'sqlite';

export interface TestDatabase {
  /** The postgres:// URL for `database` / `--db`; undefined on SQLite (the ledger's own file in its data directory). */
  url: string | undefined;
  /** `--db <url>` on PostgreSQL, nothing on SQLite: for `tana start` and `tana verify`. */
  args: string[];
  drop(): Promise<void>;
}

let ownCluster: Promise<PostgresCluster> | undefined;

/** The admin URL of the run's cluster, or of one started for this process. */
export async function postgresAdminUrl(): Promise<string> {
  if (process.env.TANA_TEST_POSTGRES) return process.env.TANA_TEST_POSTGRES;
  ownCluster ??= startPostgresCluster();
  return (await ownCluster).adminUrl;
}

/** Runs statements on a PostgreSQL database with a connection of its own; returns the last one's rows. */
export async function sqlOn(url: string, ...statements: [text: string, values?: unknown[]][]): Promise<Record<string, unknown>[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    let rows: Record<string, unknown>[] = [];
    for (const [text, values] of statements) rows = (await client.query(text, values)).rows;
    return rows;
  } finally {
    await client.end();
  }
}

/** A new empty PostgreSQL database on the run's cluster. */
export async function createPostgresDatabase(): Promise<{ url: string; drop(): Promise<void> }> {
  const admin = await postgresAdminUrl();
  const name = `tana_test_${randomBytes(6).toString('hex')}`;
  await sqlOn(admin, [`CREATE DATABASE ${name}`]);
  const url = new URL(admin);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      await sqlOn(admin, [`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`]);
    },
  };
}

/** A database for one test ledger on the suite's backend. */
export async function testDatabase(): Promise<TestDatabase> {
  if (testBackend === 'sqlite') return { url: undefined, args: [], drop: async () => {} };
  const database = await createPostgresDatabase();
  return { url: database.url, args: ['--db', database.url], drop: database.drop };
}
