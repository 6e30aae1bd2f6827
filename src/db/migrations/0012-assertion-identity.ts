import type { Kysely } from 'kysely';
import { sql } from 'kysely';
import { isPostgres } from './0001-core.js';

// Migrations see an untyped database: they describe tables, they do not query them.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyDb = Kysely<any>;

/**
 * An assertion's identity becomes (indicator, organisation, dedupe key), one unique index that
 * also serves every query by indicator or by indicator and organisation, in place of a unique
 * index on the dedupe key and `assertions_indicator` (indicator_id, org_id). Every dedupe key is
 * made from its value and its organisation (a listing's, or its report's), so the two say the
 * same; but a dedupe key is a hash, and its index took each new assertion to a random page: a
 * million-row import rewrote most of that index's pages with every batch. New indicators' ids
 * rise with time, so the new index grows at its end.
 *
 * SQLite cannot drop a column's UNIQUE constraint: the table is copied without it.
 */
export async function up(db: AnyDb): Promise<void> {
  if (isPostgres(db)) {
    await sql`ALTER TABLE assertions DROP CONSTRAINT IF EXISTS assertions_dedupe_key_key`.execute(db);
    await identityIndex(db);
    return;
  }
  // Kysely runs SQLite's migrations outside a transaction: the copy gets one of its own, so a
  // stop half-way leaves the table as it was.
  await db.transaction().execute(async (trx) => {
    await trx.schema
      .createTable('assertions_next')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('indicator_id', 'text', (c) => c.notNull().references('indicators.id'))
      .addColumn('org_id', 'text', (c) => c.notNull().references('orgs.id'))
      .addColumn('report_id', 'text', (c) => c.references('reports.id'))
      .addColumn('role', 'text')
      .addColumn('typology', 'text')
      .addColumn('country', 'text')
      .addColumn('loss_minor', 'bigint')
      .addColumn('loss_currency', 'text')
      .addColumn('observed_at', 'text', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('dedupe_key', 'text', (c) => c.notNull())
      .addColumn('tlp', 'text', (c) => c.notNull().defaultTo('green'))
      .addColumn('distribution', 'text', (c) => c.notNull().defaultTo('community'))
      .addColumn('share_groups', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('audience', 'text', (c) => c.notNull().defaultTo('community'))
      .execute();
    const columns = sql.raw(COLUMNS.join(', '));
    await sql`INSERT INTO assertions_next (${columns}) SELECT ${columns} FROM assertions`.execute(trx);
    await trx.schema.dropTable('assertions').execute();
    await trx.schema.alterTable('assertions_next').renameTo('assertions').execute();
    await trx.schema.createIndex('assertions_org').on('assertions').column('org_id').execute();
    await trx.schema.createIndex('assertions_report').on('assertions').column('report_id').where(sql.ref('report_id'), 'is not', null).execute();
    await identityIndex(trx);
  });
}

async function identityIndex(db: AnyDb): Promise<void> {
  await db.schema.dropIndex('assertions_indicator').ifExists().execute();
  await db.schema.createIndex('assertions_identity').on('assertions').columns(['indicator_id', 'org_id', 'dedupe_key']).unique().execute();
}

export async function down(db: AnyDb): Promise<void> {
  await db.schema.dropIndex('assertions_identity').execute();
  await db.schema.createIndex('assertions_indicator').on('assertions').columns(['indicator_id', 'org_id']).execute();
  // Unique again, as an index: SQLite cannot add the column constraint back without a copy.
  await db.schema.createIndex('assertions_dedupe_key').on('assertions').column('dedupe_key').unique().execute();
}

const COLUMNS = [
  'id', 'indicator_id', 'org_id', 'report_id', 'role', 'typology', 'country', 'loss_minor', 'loss_currency',
  'observed_at', 'created_at', 'dedupe_key', 'tlp', 'distribution', 'share_groups', 'audience',
];
