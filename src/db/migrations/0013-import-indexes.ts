import type { Kysely } from 'kysely';
import { sql } from 'kysely';

// Migrations see an untyped database: they describe tables, they do not query them.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyDb = Kysely<any>;

/**
 * Two index entries fewer for every listing an import writes.
 * - `indicators_scored` (scored_at): no query reads it.
 * - `assertions_org` (org_id) served one query, an organisation's restricted assertions when it
 *   changes what it tells others (orgs.settings.ts), which names the restricted audiences. An
 *   index of those rows alone serves it; assertions shared with the community, nearly every
 *   listing, no longer enter it. The query repeats the predicate word for word, so that SQLite
 *   and PostgreSQL both see that the index covers it.
 */
export async function up(db: AnyDb): Promise<void> {
  await db.schema.dropIndex('indicators_scored').ifExists().execute();
  await db.schema.dropIndex('assertions_org').ifExists().execute();
  await db.schema.createIndex('assertions_restricted_org').on('assertions').column('org_id').where(sql<boolean>`audience IN ('organisation', 'groups')`).execute();
}

export async function down(db: AnyDb): Promise<void> {
  await db.schema.dropIndex('assertions_restricted_org').execute();
  await db.schema.createIndex('assertions_org').on('assertions').column('org_id').execute();
  await db.schema.createIndex('indicators_scored').on('indicators').column('scored_at').execute();
}
