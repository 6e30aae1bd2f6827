import { readFileSync } from 'node:fs';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import pg from 'pg';
import { pino } from 'pino';
import { openContext } from '../app/context.js';
import { loadConfig } from '../config.js';
import { sql } from 'kysely';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { bulkStatements } from '../modules/indicators/indicators.bulk-sql.js';
import { freshDatabase, type TestDatabase } from '../../test/support/databases.js';
import { openStorage, SQLITE_PAGE_SIZE, type Storage } from './database.js';
import { migrateToLatest } from './migrate.js';

describe('SQLite storage', () => {
  let database: TestDatabase | undefined;
  let storage: Storage | undefined;
  afterEach(async () => {
    await storage?.close();
    await database?.drop();
  });

  const pragma = (name: string) => storage!.sqlite!.pragma(name, { simple: true });

  it('makes a new database with large pages, and checkpoints an import\'s log at 64 MB whatever the page size', async () => {
    database = await freshDatabase('sqlite');
    storage = openStorage({ dataDir: database.dataDir });
    await migrateToLatest(storage.db);
    expect(pragma('page_size')).toBe(SQLITE_PAGE_SIZE);
    expect(pragma('journal_mode')).toBe('wal');
    bulkStatements(storage);
    expect(Number(pragma('wal_autocheckpoint')) * SQLITE_PAGE_SIZE).toBe(64 * 1024 * 1024);
  });

  it('keeps the page size of a database made before, and migrates it', async () => {
    database = await freshDatabase('sqlite');
    const older = new SQLite(path.join(database.dataDir, 'fraudx.sqlite'));
    older.pragma('page_size = 4096');
    older.exec('CREATE TABLE made_before (id INTEGER PRIMARY KEY)');
    older.close();
    storage = openStorage({ dataDir: database.dataDir });
    await migrateToLatest(storage.db);
    expect(pragma('page_size')).toBe(4096);
    bulkStatements(storage);
    expect(pragma('wal_autocheckpoint')).toBe(16384);
    expect(storage.sqlite!.pragma('integrity_check', { simple: true })).toBe('ok');
  });
});

describe('PostgreSQL storage', () => {
  let database: TestDatabase;
  let storage: Storage;
  const lost: Error[] = [];

  beforeAll(async () => {
    database = await freshDatabase('postgres');
    storage = openStorage({ databaseUrl: database.databaseUrl, dataDir: database.dataDir, onConnectionLost: (err) => lost.push(err) });
  });
  afterAll(async () => {
    await storage?.close();
    await database?.drop();
  });

  it('makes the data folder on a first start, where the node keeps its secret key', async () => {
    const dataDir = path.join(database.dataDir, 'made-on-start');
    const ctx = await openContext(loadConfig({ data: dataDir, databaseUrl: database.databaseUrl, port: 0 }, {}), { log: pino({ level: 'silent' }) });
    try {
      expect(ctx.node.secretKey).toBeDefined();
      expect(readFileSync(path.join(dataDir, 'node-key'), 'utf8').trim()).toBe(Buffer.from(ctx.node.secretKey!).toString('base64url'));
    } finally {
      await ctx.close();
    }
  });

  it('outlives the server closing its idle connections, and opens new ones for the next query', async () => {
    await sql`SELECT 1`.execute(storage.db);
    const name = new URL(database.databaseUrl!).pathname.slice(1);
    const admin = new pg.Client({ connectionString: database.databaseUrl!.replace(/\/[^/]+$/, '/postgres') });
    await admin.connect();
    const { rowCount } = await admin.query('SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1', [name]);
    await admin.end();
    expect(rowCount).toBeGreaterThan(0);
    await expect.poll(() => lost.length).toBeGreaterThan(0);
    expect(lost[0].message).toMatch(/terminating connection/);
    const { rows } = await sql<{ answer: number }>`SELECT 42 AS answer`.execute(storage.db);
    expect(rows).toEqual([{ answer: 42 }]);
  });
});
