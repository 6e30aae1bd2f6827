import type { Kysely } from 'kysely';
import { sql } from 'kysely';

// Migrations see an untyped database: they describe tables, they do not query them.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyDb = Kysely<any>;

/**
 * Fewer index entries per written row, which is what bulk imports pay for: every listing adds an
 * assertion and most add an indicator and a change-log event.
 * - `change_log_entity` (entity, entity_id) is a prefix of `change_log_entity_seq`, which serves
 *   every query it served.
 * - `assertions_audience` (indicator_id, audience): the queries that filter on audience all name
 *   the indicators too, and `assertions_indicator` (indicator_id, org_id) finds those rows.
 * - `change_log_origin` stays unique where an origin sequence is set; events made here leave it
 *   empty, so they no longer add an entry to it.
 * - `assertions_report` holds assertions that come from a report: a listing has none, and every
 *   query on the column names a report (an equality, a range or a list), which the partial index
 *   serves on both databases.
 */
export async function up(db: AnyDb): Promise<void> {
  await db.schema.dropIndex('change_log_entity').ifExists().execute();
  await db.schema.dropIndex('assertions_audience').ifExists().execute();
  await db.schema.dropIndex('change_log_origin').execute();
  await db.schema
    .createIndex('change_log_origin')
    .on('change_log')
    .columns(['origin_node', 'origin_seq'])
    .unique()
    .where(sql.ref('origin_seq'), 'is not', null)
    .execute();
  await db.schema.dropIndex('assertions_report').execute();
  await db.schema.createIndex('assertions_report').on('assertions').column('report_id').where(sql.ref('report_id'), 'is not', null).execute();
}

export async function down(db: AnyDb): Promise<void> {
  await db.schema.dropIndex('assertions_report').execute();
  await db.schema.createIndex('assertions_report').on('assertions').column('report_id').execute();
  await db.schema.dropIndex('change_log_origin').execute();
  await db.schema.createIndex('change_log_origin').on('change_log').columns(['origin_node', 'origin_seq']).unique().execute();
  await db.schema.createIndex('assertions_audience').on('assertions').columns(['indicator_id', 'audience']).execute();
  await db.schema.createIndex('change_log_entity').on('change_log').columns(['entity', 'entity_id']).execute();
}
