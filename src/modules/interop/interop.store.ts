import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../../db/schema.js';
import { chunks } from '../indicators/indicators.model.js';

type Db = Kysely<Database> | Transaction<Database>;

export interface StixIdRow {
  stix_id: string;
  entity: string;
  entity_id: string;
}

/** Records which entity each STIX id (or MISP uuid) stands for; known ids are left as they are. */
export async function rememberStixIds(db: Db, rows: readonly StixIdRow[]): Promise<void> {
  const unique = [...new Map(rows.map((r) => [r.stix_id, r])).values()];
  for (const batch of chunks(unique, 150)) {
    await db.insertInto('stix_ids').values(batch).onConflict((oc) => oc.column('stix_id').doNothing()).execute();
  }
}

export async function entityOfStixId(db: Db, stixId: string): Promise<StixIdRow | undefined> {
  return db.selectFrom('stix_ids').selectAll().where('stix_id', '=', stixId).executeTakeFirst();
}

export async function entitiesOfStixIds(db: Db, stixIds: readonly string[]): Promise<Map<string, StixIdRow>> {
  const out = new Map<string, StixIdRow>();
  for (const batch of chunks([...new Set(stixIds)])) {
    for (const row of await db.selectFrom('stix_ids').selectAll().where('stix_id', 'in', batch).execute()) out.set(row.stix_id, row);
  }
  return out;
}

/** The STIX id an imported report or sighting arrived with, per entity id, so exports keep it. */
export async function stixIdsOfEntities(db: Db, entity: string, ids: readonly string[]): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  for (const batch of chunks([...new Set(ids)])) {
    const rows = await db.selectFrom('stix_ids').select(['stix_id', 'entity_id']).where('entity', '=', entity).where('entity_id', 'in', batch).execute();
    for (const r of rows) out.set(r.entity_id, r.stix_id);
  }
  return out;
}
