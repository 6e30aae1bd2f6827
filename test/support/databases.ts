import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import pg from 'pg';
import { afterEach } from 'vitest';
import { openStorage, type Storage } from '../../src/db/database.js';

/** Every storage test runs on both: the embedded default and the real PostgreSQL of the machine. */
export const DIALECTS = ['sqlite', 'postgres'] as const;
export type TestDialect = (typeof DIALECTS)[number];

const PG_BASE = process.env.FRAUDX_TEST_PG ?? 'postgres://postgres@127.0.0.1:5432';

export interface TestDatabase {
  dataDir: string;
  databaseUrl?: string;
  drop(): Promise<void>;
}

/** A fresh data folder and, on PostgreSQL, a fresh database of its own, removed afterwards. */
export async function freshDatabase(dialect: TestDialect): Promise<TestDatabase> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'fraudx-test-'));
  if (dialect === 'sqlite') {
    return { dataDir, drop: async () => rmSync(dataDir, { recursive: true, force: true }) };
  }
  const name = `fraudx_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: `${PG_BASE}/postgres` });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  return {
    dataDir,
    databaseUrl: `${PG_BASE}/${name}`,
    drop: async () => {
      const client = new pg.Client({ connectionString: `${PG_BASE}/postgres` });
      await client.connect();
      await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await client.end();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/**
 * Storage on a fresh database of `dialect`, opened when a test asks for it and closed and removed
 * after that test. Call it in a `describe` block; migrating is the test's own business.
 */
export function storagePerTest(dialect: TestDialect): () => Promise<Storage> {
  let database: TestDatabase | undefined;
  let storage: Storage | undefined;
  afterEach(async () => {
    await storage?.close();
    await database?.drop();
    storage = undefined;
    database = undefined;
  });
  return async () => {
    database = await freshDatabase(dialect);
    storage = openStorage({ databaseUrl: database.databaseUrl, dataDir: database.dataDir });
    return storage;
  };
}

/** A table's indexes other than its primary key, named with whether they are unique, in name order. */
export async function indexesOf(storage: Storage, table: string): Promise<string[]> {
  if (storage.sqlite) {
    const rows = storage.sqlite.prepare("SELECT name, \"unique\" FROM pragma_index_list(?) WHERE origin != 'pk'").all(table) as { name: string; unique: number }[];
    return rows.map((r) => (r.unique ? `${r.name} (unique)` : r.name)).sort();
  }
  const { rows } = await sql<{ indexname: string; indexdef: string }>`SELECT indexname, indexdef FROM pg_indexes WHERE tablename = ${table} AND indexname <> ${`${table}_pkey`}`.execute(storage.db);
  return rows.map((r) => (r.indexdef.startsWith('CREATE UNIQUE') ? `${r.indexname} (unique)` : r.indexname)).sort();
}
