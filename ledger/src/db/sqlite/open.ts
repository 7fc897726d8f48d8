import Database from 'better-sqlite3';
import { MIGRATIONS } from '../migrations.ts';

export type Db = Database.Database;

/**
 * Opens (creating if needed) the ledger's SQLite file and brings its schema up to date.
 * WAL lets readers run beside the writer; synchronous=FULL makes every commit durable
 * (the WAL is fsynced) before the ledger acknowledges it.
 */
export function openDatabase(path: string, options: { readonly?: boolean } = {}): Db {
  const db = new Database(path, { readonly: options.readonly ?? false, fileMustExist: options.readonly ?? false });
  if (!options.readonly) {
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    migrate(db);
    db.pragma('foreign_keys = ON');
  }
  db.pragma('busy_timeout = 5000');
  return db;
}

/** Runs the steps not yet run, with foreign keys off (SQLite's procedure for rebuilding a table), each checked before it commits. */
export function migrate(db: Db): void {
  const current = db.pragma('user_version', { simple: true }) as number;
  if (current > MIGRATIONS.length) {
    throw new Error(`the database schema is version ${current}, newer than this ledger knows (${MIGRATIONS.length}); upgrade tana`);
  }
  db.pragma('foreign_keys = OFF');
  for (let version = current; version < MIGRATIONS.length; version++) {
    db.transaction(() => {
      db.exec(MIGRATIONS[version]!.sqlite);
      const broken = db.pragma('foreign_key_check') as unknown[];
      if (broken.length) throw new Error(`schema step ${version + 1} leaves ${broken.length} rows with broken references: ${JSON.stringify(broken.slice(0, 3))}`);
      db.pragma(`user_version = ${version + 1}`);
    })();
  }
}
