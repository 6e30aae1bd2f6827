import type { Kysely, Transaction } from 'kysely';
import type { Database, RequestTable } from '../../db/schema.js';
import { ProblemError } from '../../errors/problems.js';
import { newId } from '../../shared/ids.js';
import type { RequestParties } from '../policy/requests.policy.js';

export type Db = Kysely<Database> | Transaction<Database>;

export interface LoadedRequest {
  row: RequestTable;
  parties: RequestParties;
}

export async function loadRequest(db: Db, id: string): Promise<LoadedRequest> {
  const row = await db.selectFrom('requests').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw new ProblemError('not-found', `no request ${id}`);
  const grants = await db.selectFrom('request_grants').select('org_id').where('request_id', '=', id).execute();
  return { row, parties: { fromOrg: row.from_org, toOrg: row.to_org, sharedWith: grants.map((g) => g.org_id) } };
}

/** Who did what, when: one line of the request's timeline. */
export interface TimelineEntry {
  type: 'created' | 'transition' | 'leg-outcome' | 'alert' | 'escalated' | 'shared' | 'spawned' | 'attachment';
  at: string;
  actorOrg: string | null;
  actorId: string;
  from?: string | null;
  to?: string | null;
  note?: string | null;
  data?: Record<string, unknown>;
}

export async function addTimeline(trx: Transaction<Database>, requestId: string, entry: TimelineEntry): Promise<void> {
  await trx
    .insertInto('request_events')
    .values({
      id: newId(),
      request_id: requestId,
      at: entry.at,
      type: entry.type,
      actor_org: entry.actorOrg,
      actor_id: entry.actorId,
      from_state: entry.from ?? null,
      to_state: entry.to ?? null,
      note: entry.note ?? null,
      data: JSON.stringify(entry.data ?? {}),
    })
    .execute();
}

export async function timelineOf(db: Db, requestId: string) {
  const rows = await db.selectFrom('request_events').selectAll().where('request_id', '=', requestId).orderBy('at').orderBy('id').execute();
  return rows.map((e) => ({
    type: e.type,
    at: e.at,
    actorOrg: e.actor_org,
    actorId: e.actor_id,
    from: e.from_state,
    to: e.to_state,
    note: e.note,
    data: JSON.parse(e.data) as Record<string, unknown>,
  }));
}
