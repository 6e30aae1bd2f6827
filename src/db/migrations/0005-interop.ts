import type { Kysely } from 'kysely';

// Migrations see an untyped database: they describe tables, they do not query them.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyDb = Kysely<any>;

export async function up(db: AnyDb): Promise<void> {
  // Which fraudx entity a STIX id (or MISP uuid) stands for: filled when an object is served or
  // imported, so GET by id finds it and a re-import finds what the first one made.
  await db.schema
    .createTable('stix_ids')
    .addColumn('stix_id', 'text', (c) => c.primaryKey())
    .addColumn('entity', 'text', (c) => c.notNull())
    .addColumn('entity_id', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('stix_ids_entity').on('stix_ids').columns(['entity', 'entity_id']).execute();

  // STIX objects of types fraudx does not model (malware, campaigns, …), kept as received.
  await db.schema
    .createTable('stix_objects')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('modified', 'text', (c) => c.notNull())
    .addColumn('org_id', 'text', (c) => c.notNull())
    .addColumn('object', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();

  // Where `fraudx taxii pull` got to in each remote collection.
  await db.schema
    .createTable('taxii_pulls')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('url', 'text', (c) => c.notNull())
    .addColumn('collection', 'text', (c) => c.notNull())
    .addColumn('next', 'text')
    .addColumn('added_after', 'text')
    .addColumn('objects', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();

  // TAXII status resources of POSTed envelopes.
  await db.schema
    .createTable('taxii_statuses')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('org_id', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();

  // TAXII pages walk the log by entity and sequence ("is there a later event for this entity?").
  await db.schema.createIndex('change_log_entity_seq').on('change_log').columns(['entity', 'entity_id', 'seq']).execute();
}

export async function down(db: AnyDb): Promise<void> {
  await db.schema.dropIndex('change_log_entity_seq').execute();
  for (const t of ['taxii_statuses', 'taxii_pulls', 'stix_objects', 'stix_ids']) await db.schema.dropTable(t).execute();
}
