import type { AppContext } from '../../app/context.js';
import { write } from '../../app/write.js';
import { ProblemError } from '../../errors/problems.js';
import { recordAudit, type Actor } from '../audit/audit.service.js';
import { authorize, type Principal } from '../policy/policy.js';

const DAY_MS = 86_400_000;

/**
 * Erases the personal data of reports (their narrative, and the story and contact of the public
 * report they were accepted from) and keeps the anonymous facts: typology, dates, country, loss,
 * indicators. Returns how many reports were erased.
 */
async function erasePersonal(ctx: AppContext, actor: Actor, ids: readonly string[], reason: string): Promise<number> {
  if (ids.length === 0) return 0;
  return write(ctx, async (trx, emit) => {
    const at = ctx.clock.now().toISOString();
    await trx.updateTable('reports').set({ summary: '', personal_erased_at: at }).where('id', 'in', [...ids]).execute();
    // A report accepted from the public queue keeps its reporter's words there too: erased with it.
    await trx.updateTable('intake_reports').set({ summary: '', contact: null }).where('report_id', 'in', [...ids]).execute();
    for (const id of ids) {
      emit({ entity: 'report', entityId: id, op: 'update', orgId: actor === 'system' ? null : actor.orgId, data: { id, personalErased: true } });
    }
    await recordAudit(trx, ctx, actor, 'personal.erase', ids.length === 1 ? { type: 'report', id: ids[0] } : null, { reason, reports: ids.length, ids: ids.slice(0, 1000) });
    return ids.length;
  });
}

/** Erasure on request: the owner organisation erases one report's personal data. */
export async function eraseReportPersonal(ctx: AppContext, principal: Principal, reportId: string, reason: string): Promise<{ erasedAt: string }> {
  authorize(principal, 'personal:erase');
  const row = await ctx.storage.db.selectFrom('reports').select(['org_id', 'personal_erased_at']).where('id', '=', reportId).executeTakeFirst();
  // Another organisation's report is not found, whether or not it exists.
  if (!row || row.org_id !== principal.orgId) throw new ProblemError('not-found', `no report ${reportId}`);
  if (!row.personal_erased_at) await erasePersonal(ctx, principal, [reportId], `request: ${reason}`);
  const after = await ctx.storage.db.selectFrom('reports').select('personal_erased_at').where('id', '=', reportId).executeTakeFirstOrThrow();
  return { erasedAt: after.personal_erased_at ?? '' };
}

/**
 * Applies every organisation's retention: reports older than its `retention_days` lose their
 * personal data. Run by `fraudx retention run` and daily by `serve`.
 */
export async function runRetention(ctx: AppContext): Promise<{ org: string; erased: number }[]> {
  const orgs = await ctx.storage.db.selectFrom('orgs').select(['id', 'retention_days']).where('retention_days', 'is not', null).execute();
  const out: { org: string; erased: number }[] = [];
  for (const org of orgs) {
    const before = new Date(ctx.clock.now().getTime() - Number(org.retention_days) * DAY_MS).toISOString();
    for (;;) {
      const rows = await ctx.storage.db
        .selectFrom('reports')
        .select('id')
        .where('org_id', '=', org.id)
        .where('personal_erased_at', 'is', null)
        .where('created_at', '<', before)
        .limit(500)
        .execute();
      const erased = await erasePersonal(ctx, 'system', rows.map((r) => r.id), `retention: ${org.retention_days} days`);
      if (erased) out.push({ org: org.id, erased });
      if (rows.length < 500) break;
    }
  }
  await eraseOldIntake(ctx);
  return out;
}

/**
 * Public reports wait for the node's operator: its retention also erases what reporters wrote
 * and how to reach them, keeping the queue's anonymous facts.
 */
async function eraseOldIntake(ctx: AppContext): Promise<void> {
  const owner = await ctx.storage.db.selectFrom('orgs').select('retention_days').where('is_node_owner', '=', 1).executeTakeFirst();
  if (owner?.retention_days === null || owner?.retention_days === undefined) return;
  const before = new Date(ctx.clock.now().getTime() - Number(owner.retention_days) * DAY_MS).toISOString();
  await write(ctx, async (trx) => {
    const erased = await trx.updateTable('intake_reports').set({ summary: '', contact: null }).where('created_at', '<', before).where('summary', '<>', '').executeTakeFirst();
    const count = Number(erased.numUpdatedRows);
    if (count > 0) await recordAudit(trx, ctx, 'system', 'personal.erase', null, { reason: `retention: ${owner.retention_days} days`, intake: count });
  });
}

/** `serve` runs retention once a day (and once shortly after start); returns the stop function. */
export function startRetentionJob(ctx: AppContext, everyMs = DAY_MS): () => void {
  const run = () =>
    runRetention(ctx)
      .then((done) => {
        if (done.length) ctx.log.info({ erased: done.reduce((n, d) => n + d.erased, 0) }, 'retention erased personal data');
      })
      .catch((err: Error) => ctx.log.warn({ err: err.message }, 'retention run failed'));
  const first = setTimeout(run, 60_000);
  const timer = setInterval(run, everyMs);
  first.unref();
  timer.unref();
  return () => {
    clearTimeout(first);
    clearInterval(timer);
  };
}
