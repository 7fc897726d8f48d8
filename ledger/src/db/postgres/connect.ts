// One node-postgres (pg) pool per node. pg, not postgres.js: both were as fast on this ledger's
// commit pattern (bench figures in the ledger README), but postgres.js 3.4.9 crashed the process when
// the server stopped mid-stream (a write scheduled on a closed socket, thrown from setImmediate:
// upstream issues #1154 and #1208, unfixed), which tests/postgres/database-down.test.ts does on purpose.
// BIGINT columns (heights, timestamps, nonces) are read as JS numbers: they stay far below 2^53.
import pg from 'pg';

export type Pool = pg.Pool;
export type PoolClient = pg.PoolClient;
/** Something to run a query on: the pool, or one checked-out client (a transaction). */
export type Runner = Pick<pg.Pool | pg.PoolClient, 'query'>;

const INT8 = 20;

export interface ConnectOptions {
  /** Connections in the pool (default 10). */
  max?: number;
}

export function clientConfig(url: string): pg.ClientConfig {
  return {
    connectionString: url,
    application_name: 'tana-ledger',
    // A database that does not take a connection within this is unavailable (503), not a hang.
    connectionTimeoutMillis: 5000,
    types: { getTypeParser: ((oid: number, format?: 'text' | 'binary') => (oid === INT8 ? Number : pg.types.getTypeParser(oid, format))) as typeof pg.types.getTypeParser },
  };
}

export function connect(url: string, options: ConnectOptions = {}): Pool {
  const pool = new pg.Pool({ ...clientConfig(url), max: options.max ?? 10, idleTimeoutMillis: 60_000 });
  // An idle connection the server closed (a restart, a failover) is dropped by the pool; the next query makes a new one.
  pool.on('error', () => {});
  return pool;
}

/** Runs `work` on one client in a transaction begun with `begin`; a client whose connection broke is discarded, not reused. */
export async function transaction<T>(pool: Pool, begin: string, work: (client: PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  const broken = (): void => {};
  client.on('error', broken); // a connection lost mid-transaction rejects the query in flight; this keeps the event from crashing the process
  let failure: unknown;
  try {
    await client.query(begin);
    const result = await work(client);
    await client.query('COMMIT');
    return result;
  } catch (error) {
    failure = error;
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    client.off('error', broken);
    client.release(failure instanceof Error && !('severity' in failure) ? failure : undefined);
  }
}

/** The URL without its password, for messages. */
export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return 'postgres://…';
  }
}
