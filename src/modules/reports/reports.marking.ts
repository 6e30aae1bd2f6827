import type { AppContext } from '../../app/context.js';
import { write } from '../../app/write.js';
import { ProblemError } from '../../errors/problems.js';
import { recordAudit } from '../audit/audit.service.js';
import { refreshIndicators } from '../indicators/indicators.refresh.js';
import { MarkingResolver } from '../policy/marking.service.js';
import { DISTRIBUTIONS, markingColumns, markingOf, TLPS } from '../policy/markings.js';
import { authorize, type Principal } from '../policy/policy.js';
import type { MarkingChangeBody, ReportView } from './reports.schema.js';
import { getReport } from './reports.service.js';

/**
 * The owner widens or narrows the marking of its own report; what the report asserts follows, and
 * the indicators it names are recounted so the check answers from the new audience at once.
 * Every change is audited, and says whether it narrowed.
 */
export async function changeReportMarking(ctx: AppContext, principal: Principal, id: string, body: MarkingChangeBody): Promise<ReportView> {
  authorize(principal, 'marking:change');
  const row = await ctx.storage.db.selectFrom('reports').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row || row.org_id !== principal.orgId) throw new ProblemError('not-found', `no report ${id} of your organisation`);
  const before = markingOf(row);
  const after = await new MarkingResolver(ctx.storage.db, principal).resolve(body.marking);
  const columns = markingColumns(after);
  await write(ctx, async (trx, emit) => {
    await trx.updateTable('reports').set(columns).where('id', '=', id).execute();
    await trx.updateTable('assertions').set(columns).where('report_id', '=', id).execute();
    emit({ entity: 'report', entityId: id, op: 'update', orgId: principal.orgId, data: { id, marking: after } });
    await recordAudit(trx, ctx, principal, 'marking.change', { type: 'report', id }, { before, after, narrowed: narrows(before, after), reason: body.reason });
    const touched = await trx.selectFrom('assertions').select('indicator_id').distinct().where('report_id', '=', id).execute();
    await refreshIndicators(trx, emit, touched.map((t) => t.indicator_id), ctx.clock.now());
  });
  return getReport(ctx, principal, id);
}

/** Narrowing: a stricter TLP, a narrower distribution, or a group dropped. */
function narrows(before: ReturnType<typeof markingOf>, after: ReturnType<typeof markingOf>): boolean {
  return (
    TLPS.indexOf(after.tlp) > TLPS.indexOf(before.tlp) ||
    DISTRIBUTIONS.indexOf(after.distribution) < DISTRIBUTIONS.indexOf(before.distribution) ||
    before.groups.some((g) => !after.groups.includes(g))
  );
}
