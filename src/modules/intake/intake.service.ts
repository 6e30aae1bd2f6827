import type { AppContext } from '../../app/context.js';
import { write } from '../../app/write.js';
import type { IntakeReportTable } from '../../db/schema.js';
import { ProblemError } from '../../errors/problems.js';
import { newId } from '../../shared/ids.js';
import { audit, recordAudit } from '../audit/audit.service.js';
import { parseAllOrThrow } from '../indicators/parse.js';
import { fromMinorUnits, toMinorUnits } from '../money/money.js';
import { findNodeOwner } from '../orgs/orgs.store.js';
import { canSeeIntakePersonal } from '../policy/intake.policy.js';
import { authorize, type Principal } from '../policy/policy.js';
import { createReport, getReport } from '../reports/reports.service.js';
import type { CreateReportBody } from '../reports/reports.schema.js';
import { spendSolution } from './challenge.js';
import { openIntakePersonal, sealIntakePersonal } from './intake.protect.js';
import { insertEvidenceRows, presentEvidence, readEvidenceFile, storeEvidenceFiles } from './evidence.js';
import type { EvidenceInput, EvidenceView, IntakeView, PublicReportBody } from './intake.schema.js';

type IntakeIndicator = IntakeView['indicators'][number];

/**
 * A report from the public: the proof-of-work is spent first, every indicator must parse, evidence
 * is stored by content, and the report waits in the intake queue until an officer reviews it.
 */
export async function submitPublicReport(ctx: AppContext, body: PublicReportBody) {
  const parsed = parseAllOrThrow(body.indicators.map((i) => ({ value: i.value, kind: i.kind, country: i.country ?? body.country })));
  const indicators: IntakeIndicator[] = parsed.map((p, i) => ({ value: body.indicators[i].value, kind: p.kind, canonical: p.canonical, display: p.display, role: body.indicators[i].role ?? null }));
  const loss = body.loss ? { minor: toMinorUnits(body.loss.amount, body.loss.currency), currency: body.loss.currency.toUpperCase() } : null;
  // Cheap checks first, so a typo does not cost the reporter their solved challenge.
  await spendSolution(ctx, body.altcha);
  const files = storeEvidenceFiles(ctx, body.evidence);
  const nowIso = ctx.clock.now().toISOString();
  const id = newId();
  await write(ctx, async (trx, emit) => {
    await trx
      .insertInto('intake_reports')
      .values({
        id,
        status: 'pending',
        typology: body.typology,
        ...sealIntakePersonal(ctx, id, { summary: body.summary, contact: body.contact ?? null }),
        occurred_at: body.occurredAt ? new Date(body.occurredAt).toISOString() : null,
        country: body.country ?? null,
        channel: body.channel ?? null,
        loss_minor: loss?.minor ?? null,
        loss_currency: loss?.currency ?? null,
        indicators: JSON.stringify(indicators),
        created_at: nowIso,
        reviewed_at: null,
        reviewed_by: null,
        review_note: null,
        report_id: null,
      })
      .execute();
    await insertEvidenceRows(trx, files, { intakeId: id }, nowIso);
    // What happened and how to reach the reporter stay out of the change log.
    emit({ entity: 'intake', entityId: id, op: 'create', orgId: null, data: { id, typology: body.typology, country: body.country ?? null } });
  });
  return { id, status: 'pending' as const, indicators, evidence: files.map((f) => ({ name: f.name, size: f.size, sha256: f.sha256 })) };
}

export async function listIntake(ctx: AppContext, principal: Principal, status: string, limit: number): Promise<IntakeView[]> {
  authorize(principal, 'intake:review');
  const rows = await ctx.storage.db.selectFrom('intake_reports').selectAll().where('status', '=', status).orderBy('created_at', 'desc').orderBy('id', 'desc').limit(limit).execute();
  const personal = await personalReader(ctx, principal, rows);
  return Promise.all(rows.map((row) => presentIntake(ctx, row, personal)));
}

/**
 * Whether the principal reads the reporters' stories and contacts; when they do and there are
 * any, the read is audited (one entry per request, naming the intake reports, never their content).
 */
async function personalReader(ctx: AppContext, principal: Principal, rows: readonly IntakeReportTable[]): Promise<boolean> {
  const owner = await findNodeOwner(ctx.storage.db);
  if (!canSeeIntakePersonal(principal, owner?.id)) return false;
  if (rows.length > 0) {
    const ids = rows.map((r) => r.id);
    await audit(ctx, principal, 'personal.read', ids.length === 1 ? { type: 'intake', id: ids[0] } : null, { intake: ids });
  }
  return true;
}

export async function getIntake(ctx: AppContext, principal: Principal, id: string): Promise<IntakeView> {
  authorize(principal, 'intake:review');
  const row = await intakeRow(ctx, id);
  return presentIntake(ctx, row, await personalReader(ctx, principal, [row]));
}

/** Accepting makes a real report under the reviewer's organisation and moves the evidence to it. */
export async function acceptIntake(ctx: AppContext, principal: Principal, id: string, note?: string): Promise<IntakeView> {
  authorize(principal, 'intake:review');
  // The new report carries the reporter's story to the reviewer's organisation: only those who may read it accept.
  if (!canSeeIntakePersonal(principal, (await findNodeOwner(ctx.storage.db))?.id)) throw new ProblemError('forbidden', 'only the node operator\'s reviewers accept public reports');
  const row = await pendingRow(ctx, id);
  const indicators = JSON.parse(row.indicators) as IntakeIndicator[];
  const body: CreateReportBody = {
    typology: row.typology as CreateReportBody['typology'],
    summary: openIntakePersonal(ctx, row).summary,
    occurredAt: row.occurred_at ?? undefined,
    country: row.country ?? undefined,
    channel: (row.channel ?? undefined) as CreateReportBody['channel'],
    loss: row.loss_minor !== null && row.loss_currency ? { amount: fromMinorUnits(Number(row.loss_minor), row.loss_currency), currency: row.loss_currency } : undefined,
    indicators: indicators.map((i) => ({ value: i.canonical, kind: i.kind as CreateReportBody['indicators'][number]['kind'], role: (i.role ?? undefined) as CreateReportBody['indicators'][number]['role'] })),
  };
  const { report } = await createReport(ctx, principal, body);
  await review(ctx, principal, row.id, 'accepted', note, report.id);
  return getIntake(ctx, principal, id);
}

export async function rejectIntake(ctx: AppContext, principal: Principal, id: string, note?: string): Promise<IntakeView> {
  authorize(principal, 'intake:review');
  const row = await pendingRow(ctx, id);
  await review(ctx, principal, row.id, 'rejected', note, null);
  return getIntake(ctx, principal, id);
}

async function review(ctx: AppContext, principal: Principal, id: string, status: 'accepted' | 'rejected', note: string | undefined, reportId: string | null) {
  const nowIso = ctx.clock.now().toISOString();
  await write(ctx, async (trx, emit) => {
    const updated = await trx
      .updateTable('intake_reports')
      .set({ status, reviewed_at: nowIso, reviewed_by: principal.actorId, review_note: note ?? null, report_id: reportId })
      .where('id', '=', id)
      .where('status', '=', 'pending')
      .executeTakeFirst();
    if (Number(updated.numUpdatedRows) === 0) throw new ProblemError('conflict', `intake report ${id} has already been reviewed`);
    if (reportId) await trx.updateTable('evidence_files').set({ report_id: reportId, org_id: principal.orgId }).where('intake_id', '=', id).execute();
    emit({ entity: 'intake', entityId: id, op: 'update', orgId: principal.orgId, data: { id, status, reportId } });
    await recordAudit(trx, ctx, principal, `intake.${status === 'accepted' ? 'accept' : 'reject'}`, { type: 'intake', id }, { reportId });
  });
}

/** Evidence for a report your organisation made (the intake form uploads after creating the report). */
export async function attachEvidence(ctx: AppContext, principal: Principal, reportId: string, files: readonly EvidenceInput[]): Promise<EvidenceView[]> {
  authorize(principal, 'report:create');
  const report = await getReport(ctx, principal, reportId);
  if (report.orgId !== principal.orgId) throw new ProblemError('forbidden', 'only the organisation that made a report may add evidence to it');
  const stored = storeEvidenceFiles(ctx, files);
  const nowIso = ctx.clock.now().toISOString();
  const rows = await write(ctx, async (trx, emit) => {
    const inserted = await insertEvidenceRows(trx, stored, { reportId, orgId: principal.orgId }, nowIso);
    emit({ entity: 'evidence', entityId: reportId, op: 'create', orgId: principal.orgId, data: { reportId, files: inserted.map((r) => ({ id: r.id, sha256: r.sha256, size: r.size })) } });
    return inserted;
  });
  return rows.map(presentEvidence);
}

// Evidence can show victims' faces, names and accounts: until sharing rules cover it, only the
// organisation holding the report sees its files.
export async function listReportEvidence(ctx: AppContext, principal: Principal, reportId: string): Promise<EvidenceView[]> {
  authorize(principal, 'report:read');
  const rows = await ctx.storage.db.selectFrom('evidence_files').selectAll().where('report_id', '=', reportId).where('org_id', '=', principal.orgId).orderBy('created_at').execute();
  return rows.map(presentEvidence);
}

export async function readEvidence(ctx: AppContext, principal: Principal, fileId: string) {
  const row = await ctx.storage.db.selectFrom('evidence_files').selectAll().where('id', '=', fileId).executeTakeFirst();
  const publicEvidence = row && row.report_id === null && row.intake_id !== null;
  const mayRead = row && (row.org_id === principal.orgId || (publicEvidence && canSeeIntakePersonal(principal, (await findNodeOwner(ctx.storage.db))?.id)));
  if (!row || !mayRead) throw new ProblemError('not-found', `no evidence file ${fileId}`);
  return { row, bytes: readEvidenceFile(ctx, row) };
}

async function intakeRow(ctx: AppContext, id: string): Promise<IntakeReportTable> {
  const row = await ctx.storage.db.selectFrom('intake_reports').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw new ProblemError('not-found', `no intake report ${id}`);
  return row;
}

async function pendingRow(ctx: AppContext, id: string): Promise<IntakeReportTable> {
  const row = await intakeRow(ctx, id);
  if (row.status !== 'pending') throw new ProblemError('conflict', `intake report ${id} has already been ${row.status}`);
  return row;
}

/** Without `personal`, the story and the contact are withheld (null); the anonymous facts remain. */
async function presentIntake(ctx: AppContext, row: IntakeReportTable, personal: boolean): Promise<IntakeView> {
  const opened = personal ? openIntakePersonal(ctx, row) : { summary: null, contact: null };
  // Evidence can show the reporter's face, name and accounts: it goes with the story.
  const files = personal ? await ctx.storage.db.selectFrom('evidence_files').selectAll().where('intake_id', '=', row.id).orderBy('created_at').execute() : [];
  return {
    id: row.id,
    status: row.status as IntakeView['status'],
    typology: row.typology,
    summary: opened.summary,
    occurredAt: row.occurred_at,
    country: row.country,
    channel: row.channel,
    loss: row.loss_minor !== null && row.loss_currency ? { amount: fromMinorUnits(Number(row.loss_minor), row.loss_currency), currency: row.loss_currency, minor: Number(row.loss_minor) } : null,
    indicators: JSON.parse(row.indicators) as IntakeIndicator[],
    contact: opened.contact,
    createdAt: row.created_at,
    reviewedAt: row.reviewed_at,
    reportId: row.report_id,
    evidence: files.map(presentEvidence),
  };
}
