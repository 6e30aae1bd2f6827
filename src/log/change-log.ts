import { type Kysely, type Transaction, sql } from 'kysely';
import type { Database } from '../db/schema.js';
import type SQLite from 'better-sqlite3';
import type { DialectName } from '../db/database.js';
import { StatementQueue } from '../db/statement-queue.js';

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
const APPEND_CHUNK = 5000;

export interface LogWriter {
  nodeId: string;
  dialect: DialectName;
  /** On SQLite, the connection under the transaction: events then go in by a prepared statement. */
  sqlite?: SQLite.Database;
}

const prepared = new WeakMap<SQLite.Database, SQLite.Statement>();

function sqliteInsert(handle: SQLite.Database): SQLite.Statement {
  let statement = prepared.get(handle);
  if (!statement) {
    statement = handle.prepare(
      'INSERT INTO change_log (origin_node, origin_seq, entity, entity_id, op, org_id, data, created_at) VALUES (?, NULL, ?, ?, ?, ?, ?, ?)',
    );
    prepared.set(handle, statement);
  }
  return statement;
}

/**
 * Appends events inside the caller's transaction. On PostgreSQL the transaction holds an
 * advisory lock until commit, so sequence numbers become visible in the order they were given:
 * a reader that saw seq N can never later find an N-1 it missed. `queue` holds the caller's
 * statements still running, if any: the events follow them, and are encoded while they run.
 */
export async function appendEvents(
  trx: Transaction<Database>,
  writer: LogWriter,
  events: ChangeEvent[],
  createdAt: string,
  queue = new StatementQueue(),
): Promise<void> {
  if (events.length === 0 || writer.sqlite) await queue.settled();
  if (events.length === 0) return;
  if (writer.sqlite) {
    // Inside the caller's transaction on the same connection; one prepared row each is cheapest there.
    const insert = sqliteInsert(writer.sqlite);
    for (const e of events) insert.run(writer.nodeId, e.entity, e.entityId, e.op, e.orgId, JSON.stringify(e.data), createdAt);
    return;
  }
  if (writer.dialect === 'postgres') await queue.send(() => lockWrites(trx));
  // The events travel as one JSON array per statement: one bound parameter however many there
  // are, so an import's thousands of events cost a few statements and no parameter limit. On
  // PostgreSQL as jsonb, parsed once: each `->>` of a json value parses its element again.
  const columns = sql`INSERT INTO change_log (entity, entity_id, op, org_id, data, origin_node, origin_seq, created_at)`;
  for (let i = 0; i < events.length; i += APPEND_CHUNK) {
    // Encoded while the server runs the statement before.
    const rows = JSON.stringify(
      events.slice(i, i + APPEND_CHUNK).map((e) => [e.entity, e.entityId, e.op, e.orgId, JSON.stringify(e.data)]),
    );
    // Sequence numbers follow the order given: rows go in in the array's order.
    await queue.send(() =>
      (writer.dialect === 'postgres'
        ? sql`${columns} SELECT e.v->>0, e.v->>1, e.v->>2, e.v->>3, e.v->>4, ${writer.nodeId}, NULL, ${createdAt}
          FROM jsonb_array_elements(${rows}::jsonb) WITH ORDINALITY AS e(v, n) ORDER BY e.n`
        : sql`${columns} SELECT value->>0, value->>1, value->>2, value->>3, value->>4, ${writer.nodeId}, NULL, ${createdAt}
          FROM json_each(${rows}) ORDER BY key`
      ).execute(trx),
    );
  }
  await queue.settled();
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
