import type { Kysely } from 'kysely';

// Migrations see an untyped database: they describe tables, they do not query them.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyDb = Kysely<any>;

/** The public intake queue, its evidence files, and the proof-of-work challenges already spent. */
export async function up(db: AnyDb): Promise<void> {
  // A report from the public waits here until an intake officer accepts (making a real report) or rejects it.
  await db.schema
    .createTable('intake_reports')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('typology', 'text', (c) => c.notNull())
    .addColumn('summary', 'text', (c) => c.notNull())
    .addColumn('occurred_at', 'text')
    .addColumn('country', 'text')
    .addColumn('channel', 'text')
    .addColumn('loss_minor', 'bigint')
    .addColumn('loss_currency', 'text')
    .addColumn('indicators', 'text', (c) => c.notNull())
    .addColumn('contact', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('reviewed_at', 'text')
    .addColumn('reviewed_by', 'text')
    .addColumn('review_note', 'text')
    .addColumn('report_id', 'text')
    .execute();
  await db.schema.createIndex('intake_reports_status').on('intake_reports').columns(['status', 'created_at']).execute();

  // Files are stored by content under DATA/evidence; a row says which report or intake item they belong to.
  await db.schema
    .createTable('evidence_files')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('intake_id', 'text')
    .addColumn('report_id', 'text')
    .addColumn('org_id', 'text')
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('media_type', 'text', (c) => c.notNull())
    .addColumn('size', 'bigint', (c) => c.notNull())
    .addColumn('sha256', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('evidence_files_intake').on('evidence_files').column('intake_id').execute();
  await db.schema.createIndex('evidence_files_report').on('evidence_files').column('report_id').execute();

  // A solved challenge is good once: its signature is kept until the challenge would have expired.
  await db.schema
    .createTable('spent_challenges')
    .addColumn('signature', 'text', (c) => c.primaryKey())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .execute();
}

export async function down(db: AnyDb): Promise<void> {
  await db.schema.dropTable('spent_challenges').execute();
  await db.schema.dropTable('evidence_files').execute();
  await db.schema.dropTable('intake_reports').execute();
}
