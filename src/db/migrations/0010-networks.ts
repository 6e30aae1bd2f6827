import type { Kysely } from 'kysely';

// Migrations see an untyped database: they describe tables, they do not query them.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyDb = Kysely<any>;

/**
 * A sighting may name the other side of a transfer it saw: the indicator that paid the sighted
 * one, or that the sighted one paid. Networks derive a "funds-from" link from it (a wallet that
 * received from a reported wallet), under the sighting's own marking.
 */
export async function up(db: AnyDb): Promise<void> {
  // An indicator id; no foreign key, so that SQLite can drop the column again in `down`.
  await db.schema.alterTable('sightings').addColumn('counterparty_id', 'text').execute();
  // received-from or paid-to, seen from the sighted indicator.
  await db.schema.alterTable('sightings').addColumn('counterparty_direction', 'text').execute();
  await db.schema.createIndex('sightings_counterparty').on('sightings').column('counterparty_id').execute();
}

export async function down(db: AnyDb): Promise<void> {
  await db.schema.dropIndex('sightings_counterparty').ifExists().execute();
  await db.schema.alterTable('sightings').dropColumn('counterparty_direction').execute();
  await db.schema.alterTable('sightings').dropColumn('counterparty_id').execute();
}
