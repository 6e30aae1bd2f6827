import { mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteDialect } from 'kysely';
import type pg from 'pg';
import type { Database } from './schema.js';

export type DialectName = 'sqlite' | 'postgres';

export interface Storage {
  db: Kysely<Database>;
  dialect: DialectName;
  /** The PostgreSQL connection string, for LISTEN connections; undefined on SQLite. */
  url?: string;
  /** The SQLite file, undefined on PostgreSQL. */
  file?: string;
  /** The SQLite connection under `db`, for bulk statements run inside a write (imports). */
  sqlite?: SQLite.Database;
  close(): Promise<void>;
}

let pgModule: typeof pg | undefined;

/**
 * The PostgreSQL client, loaded the first time a PostgreSQL database is opened: a node on SQLite
 * (and every command it runs) is spared its modules at start. pg is CommonJS, so this is a
 * synchronous require.
 */
export function postgresClient(): typeof pg {
  if (!pgModule) {
    pgModule = createRequire(import.meta.url)('pg') as typeof pg;
    // int8 (sequence numbers, sums of minor units) arrives as text by default; they fit in a double.
    pgModule.types.setTypeParser(20, (v) => Number(v));
  }
  return pgModule;
}

export interface StorageOptions {
  databaseUrl?: string;
  dataDir: string;
  /** Told when the server closes an idle PostgreSQL connection (a restart, an administrator). */
  onConnectionLost?: (err: Error) => void;
}

/**
 * The page size of a new SQLite database: 32 KB, not SQLite's 4 KB. Most keys are time-ordered
 * (UUIDv7 ids, log sequence numbers), so writes fill pages at the right edge of their b-trees;
 * larger pages mean fewer pages, write-ahead-log frames, checkpoint writes and system calls per
 * row, which makes a million-row import about a sixth faster. A small write costs a little more
 * (a changed page is a larger frame in the log): a few tenths of a millisecond per transaction.
 */
export const SQLITE_PAGE_SIZE = 32 * 1024;

export function openStorage(options: StorageOptions): Storage {
  // The data folder holds the node's secret key and the index snapshot whichever the database.
  mkdirSync(options.dataDir, { recursive: true });
  if (options.databaseUrl) {
    const pool = new (postgresClient().Pool)({ connectionString: options.databaseUrl, max: 10 });
    // The pool drops such a connection and opens another for the next query; unheard, its error
    // event would end the process.
    pool.on('error', (err) => options.onConnectionLost?.(err));
    const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
    return { db, dialect: 'postgres', url: options.databaseUrl, close: () => db.destroy() };
  }
  const file = path.join(options.dataDir, 'fraudx.sqlite');
  const sqlite = new SQLite(file);
  // Only a database without tables takes a page size; an existing one keeps its own.
  sqlite.pragma(`page_size = ${SQLITE_PAGE_SIZE}`);
  // WAL lets readers in other processes (an import beside `serve`) work while one writes.
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = NORMAL');
  sqlite.pragma('busy_timeout = 10000');
  sqlite.pragma('foreign_keys = ON');
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: sqlite }) });
  return { db, dialect: 'sqlite', file, sqlite, close: () => db.destroy() };
}
