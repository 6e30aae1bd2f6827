import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';

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
