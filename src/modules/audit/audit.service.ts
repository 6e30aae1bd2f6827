import type { Transaction } from 'kysely';
import type { AppContext } from '../../app/context.js';
import { write } from '../../app/write.js';
import type { Database } from '../../db/schema.js';
import { decodeCursor, encodeCursor } from '../../shared/cursor.js';
import type { Db } from '../orgs/orgs.store.js';
import { authorize, type Principal } from '../policy/policy.js';
import { entryHash, firstBrokenLink, GENESIS, type BrokenLink } from './audit.chain.js';
import type { AuditQuery } from './audit.schema.js';

/** Who did it: a principal, or the node itself (retention, set-up from the command line). */
export type Actor = Pick<Principal, 'orgId' | 'actorId'> | 'system';

export interface AuditTarget {
  type: string;
  id: string;
}

/**
 * Appends one entry to the audit log inside the caller's write, chained to the entry before.
 * Details must never hold personal data: ids, counts, marking names, reasons.
 */
export async function recordAudit(
  trx: Transaction<Database>,
  ctx: AppContext,
  actor: Actor,
  action: string,
  target: AuditTarget | null,
  details: Record<string, unknown> = {},
): Promise<void> {
  // write() holds the node's write lock on PostgreSQL and SQLite writes one at a time, so the
  // last entry read here is still the last when this one commits.
  const last = await trx.selectFrom('audit_log').select(['seq', 'hash']).orderBy('seq', 'desc').limit(1).executeTakeFirst();
  const entry = {
    seq: last ? Number(last.seq) + 1 : 1,
    at: ctx.clock.now().toISOString(),
    org_id: actor === 'system' ? null : actor.orgId || null,
    actor_id: actor === 'system' ? 'system' : actor.actorId,
    action,
    target_type: target?.type ?? null,
    target_id: target?.id ?? null,
    details: JSON.stringify(details),
  };
  const prev = last?.hash ?? GENESIS;
  await trx.insertInto('audit_log').values({ ...entry, prev_hash: prev, hash: entryHash(prev, entry) }).execute();
}

/** An audit entry on its own: for reads of personal data and logins, which write nothing else. */
export async function audit(ctx: AppContext, actor: Actor, action: string, target: AuditTarget | null, details: Record<string, unknown> = {}): Promise<void> {
  await write(ctx, (trx) => recordAudit(trx, ctx, actor, action, target, details));
}

export interface VerifyResult {
  ok: boolean;
  entries: number;
  broken?: BrokenLink;
}

/** Walks the whole chain in pages and reports the first broken link. */
export async function verifyAudit(db: Db, pageSize = 5000): Promise<VerifyResult> {
  let prev = GENESIS;
  let after = 0;
  let entries = 0;
  for (;;) {
    const rows = await db.selectFrom('audit_log').selectAll().where('seq', '>', after).orderBy('seq').limit(pageSize).execute();
    if (rows.length === 0) return { ok: true, entries };
    const walked = firstBrokenLink(rows, prev);
    entries += walked.count;
    if (walked.broken) return { ok: false, entries, broken: walked.broken };
    prev = walked.last;
    after = Number(rows[rows.length - 1].seq);
  }
}

/** Newest first. Admins of the node's owner see every entry; other admins their organisation's. */
export async function listAudit(ctx: AppContext, principal: Principal, query: AuditQuery) {
  authorize(principal, 'audit:read');
  const owner = await ctx.storage.db.selectFrom('orgs').select('is_node_owner').where('id', '=', principal.orgId).executeTakeFirst();
  let q = ctx.storage.db.selectFrom('audit_log').selectAll();
  if (owner?.is_node_owner !== 1) q = q.where('org_id', '=', principal.orgId);
  else if (query.org) q = q.where('org_id', '=', query.org);
  if (query.action) q = query.action.endsWith('.') ? q.where('action', 'like', `${query.action}%`) : q.where('action', '=', query.action);
  if (query.actor) q = q.where('actor_id', '=', query.actor);
  if (query.targetType) q = q.where('target_type', '=', query.targetType);
  if (query.targetId) q = q.where('target_id', '=', query.targetId);
  if (query.since) q = q.where('at', '>=', new Date(query.since).toISOString());
  if (query.until) q = q.where('at', '<', new Date(query.until).toISOString());
  if (query.cursor) q = q.where('seq', '<', Number(decodeCursor(query.cursor, 1)[0]));
  const rows = await q.orderBy('seq', 'desc').limit(query.limit + 1).execute();
  const page = rows.slice(0, query.limit);
  const last = page[page.length - 1];
  return {
    items: page.map((r) => ({
      seq: Number(r.seq),
      at: r.at,
      orgId: r.org_id,
      actorId: r.actor_id,
      action: r.action,
      target: r.target_type && r.target_id ? { type: r.target_type, id: r.target_id } : null,
      details: JSON.parse(r.details) as Record<string, unknown>,
      hash: r.hash,
    })),
    next: rows.length > query.limit && last ? encodeCursor([Number(last.seq)]) : null,
  };
}
