import { sql } from 'kysely';
import type { AppContext } from '../../app/context.js';
import { fromMinorUnits } from '../money/money.js';
import { authorize, type Principal } from '../policy/policy.js';
import { indicatorVisibleTo, visibleTo } from '../policy/visibility.js';
import type { DashboardQuery, DashboardView } from './dashboard.schema.js';

const TOP = 12;

/**
 * The figures of the dashboard in one answer, so its first paint needs one request. Every figure
 * is an aggregate: no narrative or personal datum leaves here.
 */
export async function dashboard(ctx: AppContext, principal: Principal, query: DashboardQuery): Promise<DashboardView> {
  authorize(principal, 'report:read');
  const db = ctx.storage.db;
  const now = ctx.clock.now();
  const from = new Date(now.getTime() - query.days * 86_400_000).toISOString();
  const reports = visibleReports(ctx, principal);
  const day = sql<string>`substr(coalesce(occurred_at, created_at), 1, 10)`;

  const [reportCount, indicatorCounts, orgCount, blocked, losses, byDay, blockedByDay, typologies, countries, newIndicators, changes] = await Promise.all([
    reports.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
    db
      .selectFrom('indicators')
      .select((eb) => [eb.fn.countAll<number>().as('n'), eb.fn.sum<number>(eb.case().when('status', '=', 'active').then(1).else(0).end()).as('active')])
      .where(indicatorVisibleTo(principal, 'indicators.id'))
      .executeTakeFirstOrThrow(),
    db.selectFrom('orgs').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
    visibleBlocks(ctx, principal).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
    reports
      .select((eb) => ['loss_currency', eb.fn.sum<number>('loss_minor').as('minor'), eb.fn.countAll<number>().as('n')])
      .where('loss_currency', 'is not', null)
      .groupBy('loss_currency')
      .execute(),
    reports.select([day.as('key'), (eb) => eb.fn.countAll<number>().as('n')]).where(sql<string>`coalesce(occurred_at, created_at)`, '>=', from).groupBy(day).orderBy(day).execute(),
    visibleBlocks(ctx, principal)
      .select([sql<string>`substr(observed_at, 1, 10)`.as('key'), (eb) => eb.fn.countAll<number>().as('n')])
      .where('observed_at', '>=', from)
      .groupBy(sql`substr(observed_at, 1, 10)`)
      .orderBy(sql`substr(observed_at, 1, 10)`)
      .execute(),
    reports.select(['typology as key', (eb) => eb.fn.countAll<number>().as('n')]).groupBy('typology').orderBy('n', 'desc').limit(TOP).execute(),
    reports.select(['country as key', (eb) => eb.fn.countAll<number>().as('n')]).where('country', 'is not', null).groupBy('country').orderBy('n', 'desc').limit(40).execute(),
    db.selectFrom('indicators').select(['id', 'kind', 'canonical', 'display', 'score', 'first_seen']).where(indicatorVisibleTo(principal, 'indicators.id')).orderBy('first_seen', 'desc').orderBy('id', 'desc').limit(8).execute(),
    query.since
      ? db
          .selectFrom('change_log')
          .select(['entity', 'op', (eb) => eb.fn.countAll<number>().as('n')])
          .where('created_at', '>', new Date(query.since).toISOString())
          .groupBy(['entity', 'op'])
          .execute()
      : Promise.resolve([]),
  ]);

  const counts = (rows: { key: string | null; n: number | string }[]) => rows.map((r) => ({ key: r.key ?? '', count: Number(r.n) }));
  return {
    generatedAt: now.toISOString(),
    totals: {
      reports: Number(reportCount.n),
      indicators: Number(indicatorCounts.n),
      activeIndicators: Number(indicatorCounts.active ?? 0),
      organisations: Number(orgCount.n),
      blockedSightings: Number(blocked.n),
    },
    losses: losses
      .map((l) => ({ currency: l.loss_currency ?? '', minor: Number(l.minor), amount: fromMinorUnits(Number(l.minor), l.loss_currency ?? ''), reports: Number(l.n) }))
      .sort((a, b) => b.reports - a.reports),
    reportsByDay: counts(byDay),
    blockedByDay: counts(blockedByDay),
    typologies: counts(typologies),
    countries: counts(countries),
    newIndicators: newIndicators.map((i) => ({ id: i.id, kind: i.kind, canonical: i.canonical, display: i.display, score: i.score, firstSeen: i.first_seen })),
    changes: { since: query.since ?? null, events: changes.map((c) => ({ entity: c.entity, op: c.op, count: Number(c.n) })).sort((a, b) => b.count - a.count) },
  };
}

// The dashboard counts only what the principal may see: the policy module's rule, as SQL.
function visibleReports(ctx: AppContext, principal: Principal) {
  return ctx.storage.db.selectFrom('reports').where(visibleTo(principal, 'reports'));
}

function visibleBlocks(ctx: AppContext, principal: Principal) {
  return ctx.storage.db.selectFrom('sightings').where('type', '=', 'blocked').where(visibleTo(principal, 'sightings'));
}
