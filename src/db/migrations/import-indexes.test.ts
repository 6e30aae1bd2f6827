import { CompiledQuery, sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { DIALECTS, indexesOf, storagePerTest } from '../../../test/support/databases.js';
import { restrictedIndicatorsOf } from '../../modules/orgs/orgs.settings.js';
import type { Storage } from '../database.js';
import { migrateToLatest } from '../migrate.js';

describe.each(DIALECTS)('the import indexes migration on %s', (dialect) => {
  const freshStorage = storagePerTest(dialect);

  it('drops the unread scored-at index and keeps only restricted assertions in the by-organisation index', async () => {
    const storage = await freshStorage();
    await migrateToLatest(storage.db);

    expect(await indexesOf(storage, 'indicators')).toEqual(['indicators_value (unique)']);
    expect(await indexesOf(storage, 'assertions')).toEqual(['assertions_identity (unique)', 'assertions_report', 'assertions_restricted_org']);
    // The one query by organisation alone is served by the partial index.
    expect(await planOf(storage, restrictedIndicatorsOf(storage.db, 'org-a').compile())).toContain('assertions_restricted_org');
  });

  it('goes back down to the indexes it replaced', async () => {
    const storage = await freshStorage();
    await migrateToLatest(storage.db);
    await migrateToLatest(storage.db, '0012-assertion-identity');

    expect(await indexesOf(storage, 'indicators')).toEqual(['indicators_scored', 'indicators_value (unique)']);
    expect(await indexesOf(storage, 'assertions')).toEqual(['assertions_identity (unique)', 'assertions_org', 'assertions_report']);
  });
});

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
