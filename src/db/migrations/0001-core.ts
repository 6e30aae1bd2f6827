import { type Kysely, PostgresAdapter, sql } from 'kysely';

// Migrations see an untyped database: they describe tables, they do not query them.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyDb = Kysely<any>;

export function isPostgres(db: AnyDb): boolean {
  return db.getExecutor().adapter instanceof PostgresAdapter;
}

export async function up(db: AnyDb): Promise<void> {
  const pgsql = isPostgres(db);

  await db.schema
    .createTable('node')
    .addColumn('id', 'text', (c) => c.primaryKey())
    // Always 1: makes "this node" a single row even when two processes start at once.
    .addColumn('slot', 'integer', (c) => c.notNull().unique().defaultTo(1))
    .addColumn('public_key', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();

  // The spine: one global, gap-tolerant, monotonic sequence shared by every consumer.
  await db.schema
    .createTable('change_log')
    .addColumn('seq', pgsql ? 'bigserial' : 'integer', (c) =>
      pgsql ? c.primaryKey() : c.primaryKey().autoIncrement(),
    )
    .addColumn('origin_node', 'text', (c) => c.notNull())
    .addColumn('origin_seq', 'bigint')
    .addColumn('entity', 'text', (c) => c.notNull())
    .addColumn('entity_id', 'text', (c) => c.notNull())
    .addColumn('op', 'text', (c) => c.notNull())
    .addColumn('org_id', 'text')
    .addColumn('data', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('change_log_origin')
    .on('change_log')
    .columns(['origin_node', 'origin_seq'])
    .unique()
    .execute();
  await db.schema.createIndex('change_log_entity').on('change_log').columns(['entity', 'entity_id']).execute();

  await db.schema
    .createTable('orgs')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('country', 'text', (c) => c.notNull())
    .addColumn('sector', 'text', (c) => c.notNull())
    .addColumn('is_node_owner', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('asserted_count', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('false_positive_count', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('api_keys')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('org_id', 'text', (c) => c.notNull().references('orgs.id'))
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('prefix', 'text', (c) => c.notNull().unique())
    .addColumn('secret_hash', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('last_used_at', 'text')
    .addColumn('revoked_at', 'text')
    .execute();

  await db.schema
    .createTable('reports')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('org_id', 'text', (c) => c.notNull().references('orgs.id'))
    .addColumn('typology', 'text', (c) => c.notNull())
    .addColumn('summary', 'text', (c) => c.notNull())
    .addColumn('occurred_at', 'text')
    .addColumn('country', 'text')
    .addColumn('channel', 'text')
    .addColumn('loss_minor', 'bigint')
    .addColumn('loss_currency', 'text')
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('dedupe_key', 'text', (c) => c.unique())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('reports_created').on('reports').columns(['created_at', 'id']).execute();
  await db.schema.createIndex('reports_org').on('reports').columns(['org_id', 'created_at']).execute();

  await db.schema
    .createTable('indicators')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('canonical', 'text', (c) => c.notNull())
    .addColumn('display', 'text', (c) => c.notNull())
    .addColumn('facts', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('score', 'integer', (c) => c.notNull())
    .addColumn('report_count', 'integer', (c) => c.notNull())
    .addColumn('org_count', 'integer', (c) => c.notNull())
    .addColumn('country_count', 'integer', (c) => c.notNull())
    .addColumn('countries', 'text', (c) => c.notNull())
    .addColumn('typologies', 'text', (c) => c.notNull())
    .addColumn('seen_count', 'integer', (c) => c.notNull())
    .addColumn('blocked_count', 'integer', (c) => c.notNull())
    .addColumn('false_positive_count', 'integer', (c) => c.notNull())
    .addColumn('found_false_positive', 'integer', (c) => c.notNull())
    .addColumn('first_seen', 'text', (c) => c.notNull())
    .addColumn('last_seen', 'text', (c) => c.notNull())
    .addColumn('scored_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('indicators_value').on('indicators').columns(['kind', 'canonical']).unique().execute();
  await db.schema.createIndex('indicators_scored').on('indicators').column('scored_at').execute();

  await db.schema
    .createTable('assertions')
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
    .addColumn('dedupe_key', 'text', (c) => c.notNull().unique())
    .execute();
  await db.schema.createIndex('assertions_indicator').on('assertions').columns(['indicator_id', 'org_id']).execute();
  await db.schema.createIndex('assertions_report').on('assertions').column('report_id').execute();
  await db.schema.createIndex('assertions_org').on('assertions').column('org_id').execute();

  await db.schema
    .createTable('sightings')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('indicator_id', 'text', (c) => c.notNull().references('indicators.id'))
    .addColumn('org_id', 'text', (c) => c.notNull().references('orgs.id'))
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('note', 'text')
    .addColumn('observed_at', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('sightings_indicator').on('sightings').columns(['indicator_id', 'org_id']).execute();

  if (pgsql) {
    // Exact-match lookups on canonical text should not depend on the database's collation.
    await sql`ALTER TABLE indicators ALTER COLUMN canonical SET DATA TYPE text COLLATE "C"`.execute(db);
  }
}

export async function down(db: AnyDb): Promise<void> {
  for (const table of ['sightings', 'assertions', 'indicators', 'reports', 'api_keys', 'orgs', 'change_log', 'node']) {
    await db.schema.dropTable(table).ifExists().execute();
  }
}
