import { CompiledQuery, sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { DIALECTS, freshDatabase, type TestDatabase } from '../../../test/support/databases.js';
import { restrictedIndicatorsOf } from '../../modules/orgs/orgs.settings.js';
import { openStorage, type Storage } from '../database.js';
import { migrateToLatest } from '../migrate.js';

describe.each(DIALECTS)('the import indexes migration on %s', (dialect) => {
  let database: TestDatabase | undefined;
  let storage: Storage | undefined;
  afterEach(async () => {
    await storage?.close();
    await database?.drop();
  });

  it('drops the unread scored-at index and keeps only restricted assertions in the by-organisation index', async () => {
    database = await freshDatabase(dialect);
    storage = openStorage({ databaseUrl: database.databaseUrl, dataDir: database.dataDir });
    await migrateToLatest(storage.db);

    expect(await indexesOf(storage, 'indicators')).toEqual(['indicators_value (unique)']);
    expect(await indexesOf(storage, 'assertions')).toEqual(['assertions_identity (unique)', 'assertions_report', 'assertions_restricted_org']);
    // The one query by organisation alone is served by the partial index.
    expect(await planOf(storage, restrictedIndicatorsOf(storage.db, 'org-a').compile())).toContain('assertions_restricted_org');
  });

  it('goes back down to the indexes it replaced', async () => {
    database = await freshDatabase(dialect);
    storage = openStorage({ databaseUrl: database.databaseUrl, dataDir: database.dataDir });
    await migrateToLatest(storage.db);
    await migrateToLatest(storage.db, '0012-assertion-identity');

    expect(await indexesOf(storage, 'indicators')).toEqual(['indicators_scored', 'indicators_value (unique)']);
    expect(await indexesOf(storage, 'assertions')).toEqual(['assertions_identity (unique)', 'assertions_org', 'assertions_report']);
  });
});

/** A table's indexes other than its primary key, named with whether they are unique. */
async function indexesOf(storage: Storage, table: string): Promise<string[]> {
  if (storage.sqlite) {
    const rows = storage.sqlite.prepare("SELECT name, \"unique\" FROM pragma_index_list(?) WHERE origin != 'pk'").all(table) as { name: string; unique: number }[];
    return rows.map((r) => (r.unique ? `${r.name} (unique)` : r.name)).sort();
  }
  const { rows } = await sql<{ indexname: string; indexdef: string }>`SELECT indexname, indexdef FROM pg_indexes WHERE tablename = ${table} AND indexname <> ${`${table}_pkey`}`.execute(storage.db);
  return rows.map((r) => (r.indexdef.startsWith('CREATE UNIQUE') ? `${r.indexname} (unique)` : r.indexname)).sort();
}

/** The query plan of a compiled query, as text. On PostgreSQL sequential scans are priced out: the test tables are empty. */
async function planOf(storage: Storage, query: CompiledQuery): Promise<string> {
  if (storage.sqlite) {
    const rows = storage.sqlite.prepare(`EXPLAIN QUERY PLAN ${query.sql}`).all(...(query.parameters as unknown[])) as { detail: string }[];
    return rows.map((r) => r.detail).join('\n');
  }
  return storage.db.transaction().execute(async (trx) => {
    await sql`SET LOCAL enable_seqscan = off`.execute(trx);
    const { rows } = await trx.executeQuery<{ 'QUERY PLAN': string }>(CompiledQuery.raw(`EXPLAIN ${query.sql}`, [...query.parameters]));
    return rows.map((r) => r['QUERY PLAN']).join('\n');
  });
}
