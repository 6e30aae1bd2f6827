import pg from 'pg';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshDatabase, type TestDatabase } from '../../test/support/databases.js';
import { openStorage, type Storage } from './database.js';

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
