import type { Kysely } from 'kysely';

// Migrations see an untyped database: they describe tables, they do not query them.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyDb = Kysely<any>;

/**
 * Cooperation requests between organisations: the requests and their timelines, payment legs,
 * attachments, who else may see them, the asset ledger, deadline rules, 24/7 contacts, webhooks
 * and the notification outbox.
 */
export async function up(db: AnyDb): Promise<void> {
  await db.schema
    .createTable('requests')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull())
    // The request this one was spawned from (an onward hop, a next-hop provider).
    .addColumn('parent_id', 'text')
    // Empty for a dispute from a member of the public.
    .addColumn('from_org', 'text')
    .addColumn('to_org', 'text', (c) => c.notNull())
    .addColumn('contact_id', 'text')
    .addColumn('jurisdiction', 'text', (c) => c.notNull())
    .addColumn('urgency', 'text', (c) => c.notNull())
    .addColumn('reference', 'text')
    .addColumn('legal_basis', 'text', (c) => c.notNull())
    .addColumn('contents', 'text', (c) => c.notNull())
    .addColumn('indicators', 'text', (c) => c.notNull())
    // Personal data of a public disputant: shown to the organisations that must answer, never logged.
    .addColumn('requester_contact', 'text')
    .addColumn('public_token_hash', 'text')
    .addColumn('outcome', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('sent_at', 'text', (c) => c.notNull())
    .addColumn('ack_due_at', 'text')
    .addColumn('act_due_at', 'text')
    .addColumn('acknowledged_at', 'text')
    .addColumn('acted_at', 'text')
    .addColumn('expires_at', 'text')
    .addColumn('follow_up_due_at', 'text')
    .addColumn('closed_at', 'text')
    .addColumn('escalation_level', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('escalated_at', 'text')
    .addColumn('alerts_sent', 'text', (c) => c.notNull().defaultTo('[]'))
    .execute();
  await db.schema.createIndex('requests_to').on('requests').columns(['to_org', 'sent_at']).execute();
  await db.schema.createIndex('requests_from').on('requests').columns(['from_org', 'sent_at']).execute();
  await db.schema.createIndex('requests_expires').on('requests').column('expires_at').execute();
  await db.schema.createIndex('requests_parent').on('requests').column('parent_id').execute();

  await db.schema
    .createTable('request_events')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('request_id', 'text', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('actor_org', 'text')
    .addColumn('actor_id', 'text', (c) => c.notNull())
    .addColumn('from_state', 'text')
    .addColumn('to_state', 'text')
    .addColumn('note', 'text')
    .addColumn('data', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('request_events_request').on('request_events').columns(['request_id', 'at']).execute();

  await db.schema
    .createTable('request_grants')
    .addColumn('request_id', 'text', (c) => c.notNull())
    .addColumn('org_id', 'text', (c) => c.notNull())
    .addColumn('granted_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('request_grants_pk', ['request_id', 'org_id'])
    .execute();
  await db.schema.createIndex('request_grants_org').on('request_grants').column('org_id').execute();

  await db.schema
    .createTable('request_attachments')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('request_id', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('media_type', 'text', (c) => c.notNull())
    .addColumn('size', 'bigint', (c) => c.notNull())
    .addColumn('sha256', 'text', (c) => c.notNull())
    .addColumn('added_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('request_attachments_request').on('request_attachments').column('request_id').execute();

  // One transaction leg of a payment intervention; onward hops become child legs.
  await db.schema
    .createTable('payment_legs')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('request_id', 'text', (c) => c.notNull())
    .addColumn('parent_leg_id', 'text')
    .addColumn('institution', 'text', (c) => c.notNull())
    .addColumn('account_kind', 'text', (c) => c.notNull())
    .addColumn('account', 'text', (c) => c.notNull())
    .addColumn('currency', 'text', (c) => c.notNull())
    .addColumn('amount_minor', 'bigint', (c) => c.notNull())
    .addColumn('value_at', 'text')
    .addColumn('refs', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('held_minor', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('frozen_minor', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('seized_minor', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('moved_minor', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('returned_minor', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('released_minor', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('wrongful_minor', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('responded_at', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('payment_legs_request').on('payment_legs').column('request_id').execute();
  await db.schema.createIndex('payment_legs_account').on('payment_legs').columns(['account_kind', 'account']).execute();

  // Append-only money movements between buckets; balances and totals are sums over it.
  await db.schema
    .createTable('ledger_entries')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('request_id', 'text', (c) => c.notNull())
    .addColumn('leg_id', 'text')
    .addColumn('bucket', 'text', (c) => c.notNull())
    .addColumn('currency', 'text', (c) => c.notNull())
    .addColumn('amount_minor', 'bigint', (c) => c.notNull())
    .addColumn('responder_org', 'text', (c) => c.notNull())
    .addColumn('requester_org', 'text')
    .addColumn('country', 'text', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('ledger_entries_at').on('ledger_entries').column('at').execute();

  await db.schema
    .createTable('deadline_rules')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('kind', 'text', (c) => c.notNull())
    // '' stands for "any": a rule for every jurisdiction, or not tied to a partnership.
    .addColumn('jurisdiction', 'text', (c) => c.notNull())
    .addColumn('from_org', 'text', (c) => c.notNull())
    .addColumn('to_org', 'text', (c) => c.notNull())
    .addColumn('settings', 'text', (c) => c.notNull())
    .addColumn('updated_by', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('deadline_rules_scope', ['kind', 'jurisdiction', 'from_org', 'to_org'])
    .execute();

  await db.schema
    .createTable('contacts')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('org_id', 'text', (c) => c.notNull())
    // A request kind, or '*' for every kind.
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('email', 'text')
    .addColumn('phone', 'text')
    .addColumn('hours', 'text', (c) => c.notNull())
    .addColumn('timezone', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('contacts_org').on('contacts').columns(['org_id', 'kind']).execute();

  await db.schema
    .createTable('webhooks')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('org_id', 'text', (c) => c.notNull())
    .addColumn('url', 'text', (c) => c.notNull())
    .addColumn('secret', 'text', (c) => c.notNull())
    .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('webhooks_org').on('webhooks').column('org_id').execute();

  // The outbox: written in the same transaction as the change it announces, sent afterwards.
  await db.schema
    .createTable('notification_deliveries')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('channel', 'text', (c) => c.notNull())
    .addColumn('org_id', 'text', (c) => c.notNull())
    .addColumn('webhook_id', 'text')
    .addColumn('target', 'text', (c) => c.notNull())
    .addColumn('event', 'text', (c) => c.notNull())
    .addColumn('request_id', 'text')
    .addColumn('payload', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('next_attempt_at', 'text', (c) => c.notNull())
    .addColumn('last_status', 'integer')
    .addColumn('last_error', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('delivered_at', 'text')
    .execute();
  await db.schema.createIndex('notification_deliveries_due').on('notification_deliveries').columns(['status', 'next_attempt_at']).execute();
  await db.schema.createIndex('notification_deliveries_webhook').on('notification_deliveries').columns(['webhook_id', 'created_at']).execute();
}

export async function down(db: AnyDb): Promise<void> {
  for (const table of [
    'notification_deliveries',
    'webhooks',
    'contacts',
    'deadline_rules',
    'ledger_entries',
    'payment_legs',
    'request_attachments',
    'request_grants',
    'request_events',
    'requests',
  ]) {
    await db.schema.dropTable(table).execute();
  }
}
