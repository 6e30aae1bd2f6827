import type { Kysely } from 'kysely';

// Migrations see an untyped database: they describe tables, they do not query them.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyDb = Kysely<any>;

/**
 * Victim cases: the person (personal fields in one protected column), the partners named on the
 * case, the journey, screenings, the identifiers a person was forced to operate, referrals,
 * repatriations and every state change. Reads are audited in the node's audit log. Category fields that statistics and queues
 * need (nationality, gender, country of the compound, statuses) stay in clear columns.
 */
export async function up(db: AnyDb): Promise<void> {
  await db.schema
    .createTable('cases')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('owner_org_id', 'text', (c) => c.notNull())
    .addColumn('reference', 'text')
    .addColumn('operation', 'text')
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('status_reason', 'text')
    .addColumn('nationality', 'text')
    .addColumn('nationality_verification', 'text', (c) => c.notNull())
    .addColumn('gender', 'text', (c) => c.notNull())
    .addColumn('age_band', 'text')
    .addColumn('languages', 'text', (c) => c.notNull())
    .addColumn('exploitation_types', 'text', (c) => c.notNull())
    .addColumn('compound_country', 'text')
    .addColumn('trafficking_status', 'text')
    .addColumn('trafficking_status_by', 'text')
    .addColumn('screening_outcome', 'text')
    .addColumn('personal', 'text', (c) => c.notNull())
    // A bulk-intake row's identity (operation + roll number), so a roll imported twice is stored once.
    .addColumn('roll_key', 'text', (c) => c.unique())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('erased_at', 'text')
    .execute();
  await db.schema.createIndex('cases_owner').on('cases').columns(['owner_org_id', 'created_at']).execute();

  await db.schema
    .createTable('case_partners')
    .addColumn('case_id', 'text', (c) => c.notNull())
    .addColumn('org_id', 'text', (c) => c.notNull())
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('added_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('case_partners_pk', ['case_id', 'org_id'])
    .execute();
  await db.schema.createIndex('case_partners_org').on('case_partners').columns(['org_id']).execute();

  await db.schema
    .createTable('case_events')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('case_id', 'text', (c) => c.notNull())
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('occurred_on', 'text')
    .addColumn('country', 'text')
    .addColumn('place', 'text')
    .addColumn('compound', 'text')
    .addColumn('details', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('case_events_case').on('case_events').columns(['case_id', 'occurred_on']).execute();

  await db.schema
    .createTable('case_screenings')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('case_id', 'text', (c) => c.notNull())
    .addColumn('org_id', 'text', (c) => c.notNull())
    .addColumn('actor_id', 'text', (c) => c.notNull())
    .addColumn('screened_at', 'text', (c) => c.notNull())
    .addColumn('outcome', 'text', (c) => c.notNull())
    .addColumn('npp_determination', 'text', (c) => c.notNull())
    .addColumn('npp_instrument', 'text')
    .addColumn('details', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('case_screenings_case').on('case_screenings').columns(['case_id', 'screened_at']).execute();

  // The identifiers a person was forced to operate: what gives them the coerced-operator flag.
  await db.schema
    .createTable('case_identifiers')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('case_id', 'text', (c) => c.notNull())
    .addColumn('screening_id', 'text')
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('canonical', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('case_identifiers_value').on('case_identifiers').columns(['kind', 'canonical']).execute();
  await db.schema.createIndex('case_identifiers_case').on('case_identifiers').columns(['case_id', 'kind', 'canonical']).unique().execute();

  await db.schema
    .createTable('case_referrals')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('case_id', 'text', (c) => c.notNull())
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('to_org_id', 'text')
    .addColumn('to_name', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('due_at', 'text', (c) => c.notNull())
    .addColumn('details', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('case_referrals_case').on('case_referrals').columns(['case_id']).execute();

  await db.schema
    .createTable('repatriations')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('case_id', 'text', (c) => c.notNull().unique())
    .addColumn('destination_country', 'text', (c) => c.notNull())
    // The mission (embassy or consulate) handling the return; empty when the country has none here.
    .addColumn('mission', 'text')
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('stranded_reason', 'text')
    .addColumn('retrafficking_risk', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('handover_point', 'text')
    .addColumn('handover_at', 'text')
    .addColumn('details', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('repatriations_queue').on('repatriations').columns(['destination_country', 'status']).execute();

  // Every state change of a case, referral or repatriation: who, when, why.
  await db.schema
    .createTable('case_transitions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('case_id', 'text', (c) => c.notNull())
    .addColumn('subject', 'text', (c) => c.notNull())
    .addColumn('subject_id', 'text', (c) => c.notNull())
    .addColumn('from_state', 'text')
    .addColumn('to_state', 'text', (c) => c.notNull())
    .addColumn('reason', 'text')
    .addColumn('org_id', 'text', (c) => c.notNull())
    .addColumn('actor_id', 'text', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('case_transitions_case').on('case_transitions').columns(['case_id', 'at']).execute();

  // Carried to the check index: the identifier was operated by a presumed victim of trafficking.
  await db.schema.alterTable('indicators').addColumn('coerced_operator', 'integer', (c) => c.notNull().defaultTo(0)).execute();
}

export async function down(db: AnyDb): Promise<void> {
  await db.schema.alterTable('indicators').dropColumn('coerced_operator').execute();
  for (const t of ['case_transitions', 'repatriations', 'case_referrals', 'case_identifiers', 'case_screenings', 'case_events', 'case_partners', 'cases']) {
    await db.schema.dropTable(t).execute();
  }
}
