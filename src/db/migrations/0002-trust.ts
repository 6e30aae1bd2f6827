import type { Kysely } from 'kysely';
import { isPostgres } from './0001-core.js';

// Migrations see an untyped database: they describe tables, they do not query them.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyDb = Kysely<any>;

const MARKED = ['reports', 'assertions', 'sightings'] as const;

/**
 * Trust: markings on every shared object, sharing groups, organisation defaults and retention,
 * users and sessions, the hash-chained audit log, and read-only check-scoped API keys.
 */
export async function up(db: AnyDb): Promise<void> {
  const pgsql = isPostgres(db);

  // The owner's marking (tlp, distribution, groups as ",id,id,") and the audience it reaches,
  // derived once at write time so that every read filters on plain columns.
  for (const table of MARKED) {
    await db.schema.alterTable(table).addColumn('tlp', 'text', (c) => c.notNull().defaultTo('green')).execute();
    await db.schema.alterTable(table).addColumn('distribution', 'text', (c) => c.notNull().defaultTo('community')).execute();
    await db.schema.alterTable(table).addColumn('share_groups', 'text', (c) => c.notNull().defaultTo('')).execute();
    await db.schema.alterTable(table).addColumn('audience', 'text', (c) => c.notNull().defaultTo('community')).execute();
  }
  await db.schema.alterTable('indicators').addColumn('audience_facts', 'text', (c) => c.notNull().defaultTo('')).execute();
  await db.schema.createIndex('assertions_audience').on('assertions').columns(['indicator_id', 'audience']).execute();
  // When a report's personal data (its narrative) was erased, by retention or on request.
  await db.schema.alterTable('reports').addColumn('personal_erased_at', 'text').execute();

  await db.schema.alterTable('orgs').addColumn('default_tlp', 'text', (c) => c.notNull().defaultTo('green')).execute();
  await db.schema.alterTable('orgs').addColumn('default_distribution', 'text', (c) => c.notNull().defaultTo('community')).execute();
  await db.schema.alterTable('orgs').addColumn('default_groups', 'text', (c) => c.notNull().defaultTo('')).execute();
  // Who may learn the bare "known" fact from this organisation's objects they cannot see.
  await db.schema.alterTable('orgs').addColumn('share_known', 'text', (c) => c.notNull().defaultTo('none')).execute();
  await db.schema.alterTable('orgs').addColumn('retention_days', 'integer').execute();

  await db.schema.alterTable('api_keys').addColumn('scope', 'text', (c) => c.notNull().defaultTo('full')).execute();

  await db.schema
    .createTable('sharing_groups')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('created_by_org', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('sharing_group_members')
    .addColumn('group_id', 'text', (c) => c.notNull())
    .addColumn('org_id', 'text', (c) => c.notNull())
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('added_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('sharing_group_members_pk', ['group_id', 'org_id'])
    .execute();
  await db.schema.createIndex('sharing_group_members_org').on('sharing_group_members').columns(['org_id']).execute();

  await db.schema
    .createTable('users')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('org_id', 'text', (c) => c.notNull())
    .addColumn('email', 'text', (c) => c.notNull().unique())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('password_hash', 'text')
    .addColumn('oidc_subject', 'text')
    .addColumn('failed_logins', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('locked_until', 'text')
    .addColumn('must_change_password', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('disabled_at', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('last_login_at', 'text')
    .execute();
  await db.schema
    .createTable('sessions')
    .addColumn('id_hash', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'text', (c) => c.notNull())
    .addColumn('csrf_token', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('sessions_user').on('sessions').columns(['user_id']).execute();

  await db.schema
    .createTable('audit_log')
    .addColumn('seq', pgsql ? 'bigserial' : 'integer', (c) => (pgsql ? c.primaryKey() : c.primaryKey().autoIncrement()))
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('org_id', 'text')
    .addColumn('actor_id', 'text', (c) => c.notNull())
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('target_type', 'text')
    .addColumn('target_id', 'text')
    .addColumn('details', 'text', (c) => c.notNull())
    .addColumn('prev_hash', 'text', (c) => c.notNull())
    .addColumn('hash', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('audit_log_action').on('audit_log').columns(['action', 'at']).execute();
}
