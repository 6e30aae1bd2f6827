import type { AppContext } from '../../app/context.js';
import { write } from '../../app/write.js';
import type { ReportTable } from '../../db/schema.js';
import { ProblemError } from '../../errors/problems.js';
import { decodeCursor, encodeCursor } from '../../shared/cursor.js';
import { stableKey } from '../../shared/hash.js';
import { newId } from '../../shared/ids.js';
import { type AssertionInput, recordAssertions } from '../indicators/indicators.assert.js';
import { parseAllOrThrow } from '../indicators/parse.js';
import { fromMinorUnits, toMinorUnits } from '../money/money.js';
import { authorize, type Principal } from '../policy/policy.js';
import { audit } from '../audit/audit.service.js';
import { MarkingResolver } from '../policy/marking.service.js';
import { markingColumns, markingOf } from '../policy/markings.js';
import { canSee, canSeePersonal, visibleTo } from '../policy/visibility.js';
import { openField, sealField } from '../privacy/field-cipher.js';
import type { CreateReportBody, ListReportsQuery, ReportView } from './reports.schema.js';

export interface CreateOptions {
  source: 'api' | 'import' | 'demo';
  /** Imports pass a content hash: the same report imported twice is stored once. */
  dedupeKey?: string;
}

export interface CreateOutcome {
  report: ReportView;
  created: boolean;
}

export async function createReport(
  ctx: AppContext,
  principal: Principal,
  body: CreateReportBody,
  options: CreateOptions = { source: 'api' },
): Promise<CreateOutcome> {
  authorize(principal, 'report:create');
  const country = body.country ?? principal.country;
  const parsed = parseAllOrThrow(body.indicators.map((i) => ({ value: i.value, kind: i.kind, country: i.country ?? country })));
  const loss = body.loss ? { minor: toMinorUnits(body.loss.amount, body.loss.currency), currency: body.loss.currency.toUpperCase() } : null;
  const now = ctx.clock.now();
  const nowIso = now.toISOString();
  const occurredAt = body.occurredAt ? new Date(body.occurredAt).toISOString() : null;
  const marking = markingColumns(await new MarkingResolver(ctx.storage.db, principal).resolve(body.marking));

  const outcome = await write(ctx, async (trx, emit) => {
    if (options.dedupeKey) {
      const existing = await trx.selectFrom('reports').select('id').where('dedupe_key', '=', options.dedupeKey).executeTakeFirst();
      if (existing) return { id: existing.id, created: false };
    }
    const id = newId();
    await trx
      .insertInto('reports')
      .values({
        id,
        org_id: principal.orgId,
        typology: body.typology,
        // The narrative may name the victim: encrypted under the node key, bound to this report.
        summary: sealField(ctx, id, body.summary),
        occurred_at: occurredAt,
        country: body.country ?? null,
        channel: body.channel ?? null,
        loss_minor: loss?.minor ?? null,
        loss_currency: loss?.currency ?? null,
        source: options.source,
        dedupe_key: options.dedupeKey ?? null,
        created_at: nowIso,
        personal_erased_at: null,
        ...marking,
      })
      .execute();
    const inputs: AssertionInput[] = parsed.map((p, i) => {
      const role = body.indicators[i].role ?? null;
      return {
        parsed: p,
        orgId: principal.orgId,
        reportId: id,
        role,
        typology: body.typology,
        country,
        lossMinor: loss?.minor ?? null,
        lossCurrency: loss?.currency ?? null,
        observedAt: occurredAt ?? nowIso,
        dedupeKey: stableKey('report', id, p.kind, p.canonical, role),
        marking,
      };
    });
    const recorded = await recordAssertions(trx, emit, ctx.allowlist, inputs, now);
    // The narrative may name people: it stays out of the change log.
    emit({
      entity: 'report',
      entityId: id,
      op: 'create',
      orgId: principal.orgId,
      data: { id, typology: body.typology, country, occurredAt, indicators: [...new Set(recorded.ids.values())], marking: markingOf(marking) },
    });
    return { id, created: true };
  });
  // The creator's own answer: its narrative is what it just sent, so this read is not audited.
  const report = await readReport(ctx, { ...principal, role: 'analyst' }, outcome.id, false);
  if (!report) throw new ProblemError('internal', 'the report vanished after it was stored');
  return { report, created: outcome.created };
}

export async function getReport(ctx: AppContext, principal: Principal, id: string): Promise<ReportView> {
  authorize(principal, 'report:read');
  const report = await readReport(ctx, principal, id, true);
  // A report the principal may not see is not found, so its existence is not told either.
  if (!report) throw new ProblemError('not-found', `no report ${id}`);
  return report;
}

async function readReport(ctx: AppContext, principal: Principal, id: string, audited: boolean): Promise<ReportView | undefined> {
  const db = ctx.storage.db;
  const row = await db.selectFrom('reports').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row || !canSee(principal, row)) return undefined;
  const summary = await personalOf(ctx, principal, [row], audited);
  const indicators = await db
    .selectFrom('assertions as a')
    .innerJoin('indicators as i', 'i.id', 'a.indicator_id')
    .select(['i.id', 'i.kind', 'i.canonical', 'i.display', 'a.role'])
    .where('a.report_id', '=', id)
    .orderBy('a.created_at')
    .orderBy('a.id')
    .execute();
  return presentReport(row, indicators, summary.get(row.id) ?? null);
}

/**
 * The narratives the principal may read, decrypted; every such read is audited (one entry per
 * request, naming the reports). Others get null.
 */
async function personalOf(ctx: AppContext, principal: Principal, rows: readonly ReportTable[], audited: boolean): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  for (const row of rows) {
    if (row.summary !== '' && canSeePersonal(principal, row)) out.set(row.id, openField(ctx, row.id, row.summary));
  }
  if (audited && out.size > 0) {
    const ids = [...out.keys()];
    await audit(ctx, principal, 'personal.read', ids.length === 1 ? { type: 'report', id: ids[0] } : null, { reports: ids });
  }
  return out;
}

export function presentReport(row: ReportTable, indicators: ReportView['indicators'], summary: string | null): ReportView {
  return {
    id: row.id,
    orgId: row.org_id,
    typology: row.typology,
    summary,
    personalErasedAt: row.personal_erased_at,
    marking: markingOf(row),
    occurredAt: row.occurred_at,
    country: row.country,
    channel: row.channel,
    loss:
      row.loss_minor !== null && row.loss_currency
        ? { amount: fromMinorUnits(Number(row.loss_minor), row.loss_currency), currency: row.loss_currency, minor: Number(row.loss_minor) }
        : null,
    source: row.source,
    createdAt: row.created_at,
    indicators,
  };
}

export interface ReportPage {
  items: ReportView[];
  next: string | null;
}

/** Newest first; the cursor is the (created_at, id) of the last item. */
export async function listReports(ctx: AppContext, principal: Principal, query: ListReportsQuery): Promise<ReportPage> {
  authorize(principal, 'report:read');
  let q = ctx.storage.db.selectFrom('reports').selectAll().where(visibleTo(principal, 'reports'));
  if (query.typology) q = q.where('typology', '=', query.typology);
  if (query.country) q = q.where('country', '=', query.country);
  if (query.org) q = q.where('org_id', '=', query.org);
  if (query.q) {
    const needle = `%${query.q.toLowerCase()}%`;
    const country = query.q.toUpperCase();
    q = q.where((eb) =>
      eb.or([
        eb('typology', 'like', needle),
        eb('country', '=', country),
        eb.exists(
          eb
            .selectFrom('assertions as sa')
            .innerJoin('indicators as si', 'si.id', 'sa.indicator_id')
            .select('sa.id')
            .whereRef('sa.report_id', '=', 'reports.id')
            .where((sub) => sub(sub.fn('lower', ['si.canonical']), 'like', needle)),
        ),
      ]),
    );
  }
  if (query.since) q = q.where('created_at', '>=', new Date(query.since).toISOString());
  if (query.until) q = q.where('created_at', '<', new Date(query.until).toISOString());
  if (query.cursor) {
    const [createdAt, id] = decodeCursor(query.cursor, 2).map(String);
    q = q.where((eb) => eb.or([eb('created_at', '<', createdAt), eb.and([eb('created_at', '=', createdAt), eb('id', '<', id)])]));
  }
  const rows = await q.orderBy('created_at', 'desc').orderBy('id', 'desc').limit(query.limit + 1).execute();
  const page = rows.slice(0, query.limit);
  const ids = page.map((r) => r.id);
  const links = ids.length
    ? await ctx.storage.db
        .selectFrom('assertions as a')
        .innerJoin('indicators as i', 'i.id', 'a.indicator_id')
        .select(['a.report_id', 'i.id', 'i.kind', 'i.canonical', 'i.display', 'a.role'])
        .where('a.report_id', 'in', ids)
        .orderBy('a.created_at')
        .orderBy('a.id')
        .execute()
    : [];
  const byReport = new Map<string, ReportView['indicators']>();
  for (const l of links) {
    const list = byReport.get(l.report_id!) ?? [];
    list.push({ id: l.id, kind: l.kind, canonical: l.canonical, display: l.display, role: l.role });
    byReport.set(l.report_id!, list);
  }
  const summaries = await personalOf(ctx, principal, page, true);
  const last = page[page.length - 1];
  return {
    items: page.map((r) => presentReport(r, byReport.get(r.id) ?? [], summaries.get(r.id) ?? null)),
    next: rows.length > query.limit && last ? encodeCursor([last.created_at, last.id]) : null,
  };
}
