import { sql } from 'kysely';
import type { AppContext } from '../../app/context.js';
import { write } from '../../app/write.js';
import type { IndicatorTable } from '../../db/schema.js';
import { ProblemError } from '../../errors/problems.js';
import { decodeCursor, encodeCursor } from '../../shared/cursor.js';
import { fromMinorUnits } from '../money/money.js';
import { authorize, type Principal } from '../policy/policy.js';
import { markingOf } from '../policy/markings.js';
import { indicatorVisibleTo, visibleTo } from '../policy/visibility.js';
import { splitList } from './indicators.model.js';
import { refreshIndicators } from './indicators.refresh.js';
import type { IndicatorDetail, IndicatorSummary, ListIndicatorsQuery } from './indicators.schema.js';
import { parseAllOrThrow } from './parse.js';

export function presentIndicator(row: IndicatorTable): IndicatorSummary {
  return {
    id: row.id,
    kind: row.kind,
    canonical: row.canonical,
    display: row.display,
    status: row.status,
    score: row.score,
    reports: row.report_count,
    organisations: row.org_count,
    countries: splitList(row.countries),
    typologies: splitList(row.typologies),
    sightings: { seen: row.seen_count, blocked: row.blocked_count, falsePositive: row.false_positive_count },
    firstSeen: row.first_seen,
    lastSeen: row.last_seen,
    facts: JSON.parse(row.facts) as Record<string, string>,
  };
}

/** Finds an indicator by any form of its value, or throws not-found. */
export async function findIndicatorRow(ctx: AppContext, kind: string | undefined, value: string, country: string | undefined): Promise<IndicatorTable> {
  const [parsed] = parseAllOrThrow([{ value, kind, country }]);
  const row = await ctx.storage.db
    .selectFrom('indicators')
    .selectAll()
    .where('kind', '=', parsed.kind)
    .where('canonical', '=', parsed.canonical)
    .executeTakeFirst();
  if (!row) throw new ProblemError('not-found', `no ${parsed.kind} ${parsed.canonical} is known`, { kind: parsed.kind, canonical: parsed.canonical });
  return row;
}

/** Like findIndicatorRow, but an indicator the principal may not see is not found either. */
export async function findVisibleIndicatorRow(ctx: AppContext, principal: Principal, kind: string | undefined, value: string, country: string | undefined): Promise<IndicatorTable> {
  const row = await findIndicatorRow(ctx, kind, value, country);
  const visible = await ctx.storage.db.selectFrom('indicators').select('id').where('id', '=', row.id).where(indicatorVisibleTo(principal, 'indicators.id')).executeTakeFirst();
  if (!visible) throw new ProblemError('not-found', `no ${row.kind} ${row.canonical} is known`, { kind: row.kind, canonical: row.canonical });
  return row;
}

export async function getIndicator(ctx: AppContext, principal: Principal, kind: string, value: string, country?: string): Promise<IndicatorDetail> {
  authorize(principal, 'indicator:read');
  const row = await findVisibleIndicatorRow(ctx, principal, kind, value, country ?? principal.country);
  const db = ctx.storage.db;
  const provenance = await db
    .selectFrom('assertions as a')
    .innerJoin('orgs as o', 'o.id', 'a.org_id')
    .select(['a.org_id', 'o.name', 'a.report_id', 'a.role', 'a.typology', 'a.country', 'a.observed_at', 'a.created_at', 'a.tlp', 'a.distribution', 'a.share_groups', 'a.audience'])
    .where('a.indicator_id', '=', row.id)
    .where(visibleTo(principal, 'a'))
    .orderBy('a.observed_at', 'desc')
    .limit(200)
    .execute();
  const reports = await db
    .selectFrom('reports as r')
    .select(['r.id', 'r.typology', 'r.country', 'r.occurred_at', 'r.created_at', 'r.loss_minor', 'r.loss_currency'])
    .where('r.id', 'in', db.selectFrom('assertions').select('report_id').where('indicator_id', '=', row.id).where('report_id', 'is not', null).$narrowType<{ report_id: string }>())
    .where(visibleTo(principal, 'r'))
    .orderBy('r.created_at', 'desc')
    .execute();
  const losses = new Map<string, { minor: number; reports: number }>();
  for (const r of reports) {
    if (r.loss_minor === null || !r.loss_currency) continue;
    const l = losses.get(r.loss_currency) ?? { minor: 0, reports: 0 };
    l.minor += Number(r.loss_minor);
    l.reports += 1;
    losses.set(r.loss_currency, l);
  }
  const sightings = await db
    .selectFrom('sightings')
    .select(['id', 'org_id', 'type', 'observed_at'])
    .where('indicator_id', '=', row.id)
    .where(visibleTo(principal, 'sightings'))
    .orderBy('observed_at', 'desc')
    .limit(50)
    .execute();
  return {
    ...presentIndicator(row),
    losses: [...losses].sort(([a], [b]) => a.localeCompare(b)).map(([currency, l]) => ({ currency, amount: fromMinorUnits(l.minor, currency), minor: l.minor, reports: l.reports })),
    provenance: provenance.map((p) => ({
      orgId: p.org_id,
      orgName: p.name,
      reportId: p.report_id,
      role: p.role,
      typology: p.typology,
      country: p.country,
      observedAt: p.observed_at,
      recordedAt: p.created_at,
      marking: markingOf(p),
    })),
    reportList: reports.slice(0, 100).map((r) => ({ id: r.id, typology: r.typology, country: r.country, occurredAt: r.occurred_at, createdAt: r.created_at })),
    recentSightings: sightings.map((s) => ({ id: s.id, orgId: s.org_id, type: s.type, observedAt: s.observed_at })),
  };
}

/** Highest score first; the cursor is the (score, id) of the last item. */
export async function listIndicators(ctx: AppContext, principal: Principal, query: ListIndicatorsQuery): Promise<{ items: IndicatorSummary[]; next: string | null }> {
  authorize(principal, 'indicator:read');
  let q = ctx.storage.db.selectFrom('indicators').selectAll().where(indicatorVisibleTo(principal, 'indicators.id'));
  if (query.kind) q = q.where('kind', '=', query.kind);
  if (query.status) q = q.where('status', '=', query.status);
  if (query.minScore !== undefined) q = q.where('score', '>=', query.minScore);
  // Lists are comma-joined; wrapping both sides in commas makes the match exact.
  if (query.typology) q = q.where(sql<string>`',' || typologies || ','`, 'like', `%,${query.typology},%`);
  if (query.country) q = q.where(sql<string>`',' || countries || ','`, 'like', `%,${query.country.toUpperCase()},%`);
  if (query.cursor) {
    const [score, id] = decodeCursor(query.cursor, 2);
    q = q.where((eb) => eb.or([eb('score', '<', Number(score)), eb.and([eb('score', '=', Number(score)), eb('id', '>', String(id))])]));
  }
  const rows = await q.orderBy('score', 'desc').orderBy('id').limit(query.limit + 1).execute();
  const page = rows.slice(0, query.limit);
  const last = page[page.length - 1];
  return { items: page.map(presentIndicator), next: rows.length > query.limit && last ? encodeCursor([last.score, last.id]) : null };
}

export async function setIndicatorStatus(
  ctx: AppContext,
  principal: Principal,
  kind: string,
  value: string,
  status: string,
  reason: string,
): Promise<IndicatorSummary> {
  authorize(principal, 'indicator:import');
  const row = await findVisibleIndicatorRow(ctx, principal, kind, value, principal.country);
  await write(ctx, async (trx, emit) => {
    await trx.updateTable('indicators').set({ status }).where('id', '=', row.id).execute();
    emit({ entity: 'indicator-status', entityId: row.id, op: 'update', orgId: principal.orgId, data: { id: row.id, from: row.status, to: status, reason, by: principal.actorId } });
    await refreshIndicators(trx, emit, [row.id], ctx.clock.now());
  });
  const updated = await ctx.storage.db.selectFrom('indicators').selectAll().where('id', '=', row.id).executeTakeFirstOrThrow();
  return presentIndicator(updated);
}
