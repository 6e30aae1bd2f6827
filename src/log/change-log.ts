import { type Kysely, type Transaction, sql } from 'kysely';
import type { Database } from '../db/schema.js';
import type { DialectName } from '../db/database.js';

/** One event on the change log: what changed, for whom, and the facts consumers need. */
export interface ChangeEvent {
  entity: string;
  entityId: string;
  op: 'create' | 'update' | 'delete';
  orgId: string | null;
  data: unknown;
}

export interface LoggedEvent extends ChangeEvent {
  seq: number;
  originNode: string;
  originSeq: number;
  createdAt: string;
}

export const CHANGE_CHANNEL = 'fraudx_changes';
// Any constant works; it only has to be the same in every process that writes the log.
export const APPEND_LOCK = 0x66726478;

export interface LogWriter {
  nodeId: string;
  dialect: DialectName;
}

/**
 * Appends events inside the caller's transaction. On PostgreSQL the transaction holds an
 * advisory lock until commit, so sequence numbers become visible in the order they were given:
 * a reader that saw seq N can never later find an N-1 it missed.
 */
export async function appendEvents(
  trx: Transaction<Database>,
  writer: LogWriter,
  events: ChangeEvent[],
  createdAt: string,
): Promise<void> {
  if (events.length === 0) return;
  if (writer.dialect === 'postgres') await lockWrites(trx);
  // SQLite caps bound parameters per statement; 8 columns × 100 rows stays well below it.
  for (let i = 0; i < events.length; i += 100) {
    const rows = events.slice(i, i + 100).map((e) => ({
      origin_node: writer.nodeId,
      origin_seq: null,
      entity: e.entity,
      entity_id: e.entityId,
      op: e.op,
      org_id: e.orgId,
      data: JSON.stringify(e.data),
      created_at: createdAt,
    }));
    await trx.insertInto('change_log').values(rows).execute();
  }
  if (writer.dialect === 'postgres') {
    await sql`SELECT pg_notify(${CHANGE_CHANNEL}, '')`.execute(trx);
  }
}

export async function readEvents(db: Kysely<Database>, afterSeq: number, limit: number): Promise<LoggedEvent[]> {
  const rows = await db
    .selectFrom('change_log')
    .selectAll()
    .where('seq', '>', afterSeq)
    .orderBy('seq')
    .limit(limit)
    .execute();
  return rows.map((r) => ({
    seq: Number(r.seq),
    originNode: r.origin_node,
    // Local records leave origin_seq empty: their own sequence is the origin's.
    originSeq: Number(r.origin_seq ?? r.seq),
    entity: r.entity,
    entityId: r.entity_id,
    op: r.op as ChangeEvent['op'],
    orgId: r.org_id,
    data: JSON.parse(r.data) as unknown,
    createdAt: r.created_at,
  }));
}

export async function lastSeq(db: Kysely<Database>): Promise<number> {
  const row = await db
    .selectFrom('change_log')
    .select((eb) => eb.fn.max('seq').as('max'))
    .executeTakeFirst();
  return Number(row?.max ?? 0);
}

/** Serialises writers on PostgreSQL until the transaction ends (SQLite writers are serial already). */
export async function lockWrites(trx: Transaction<Database>): Promise<void> {
  await sql`SELECT pg_advisory_xact_lock(${APPEND_LOCK})`.execute(trx);
}
