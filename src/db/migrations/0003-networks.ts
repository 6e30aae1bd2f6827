import type { Kysely } from 'kysely';

// Migrations see an untyped database: they describe tables, they do not query them.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyDb = Kysely<any>;

/**
 * Network id bookkeeping. Networks themselves are derived in memory from reports; what must
 * outlive a process is which network each indicator was last counted in, so the next
 * computation (after a restart, too) can give the same networks the same ids, and where a
 * retired network went, so an investigator's bookmark still leads to it.
 */
export async function up(db: AnyDb): Promise<void> {
  await db.schema
    .createTable('networks')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('merged_into', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('network_members')
    .addColumn('indicator_id', 'text', (c) => c.primaryKey().references('indicators.id'))
    .addColumn('network_id', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('network_members_network').on('network_members').column('network_id').execute();
}

export async function down(db: AnyDb): Promise<void> {
  await db.schema.dropTable('network_members').ifExists().execute();
  await db.schema.dropTable('networks').ifExists().execute();
}
