import { sql } from 'kysely';
import type { AppContext } from '../../app/context.js';
import { fromMinorUnits } from '../money/money.js';
import { authorize, type Principal } from '../policy/policy.js';
import { LEDGER_BUCKETS } from './ledger.js';

export const LEDGER_GROUPS = ['none', 'organisation', 'country', 'day', 'month'] as const;
export type LedgerGroup = (typeof LEDGER_GROUPS)[number];

export interface LedgerQuery {
  by: LedgerGroup;
  from?: string;
  to?: string;
  currency?: string;
}

interface BucketFigures {
  /** Everything that ever entered the bucket ("we froze X"). */
  total: string;
  /** What is in it now. */
  balance: string;
}

export interface LedgerRow {
  group: string | null;
  groupName: string | null;
  currency: string;
  buckets: Record<string, BucketFigures>;
}

/**
 * The asset ledger rolled up per currency and per organisation, country or period: what was
 * reported lost, held, frozen, seized, returned to victims, released, and found wrongful.
 * Only movements in requests the caller's organisation sent or answered count: figures of
 * other organisations' requests are theirs to publish.
 */
export async function ledgerRollup(ctx: AppContext, principal: Principal, query: LedgerQuery): Promise<{ by: LedgerGroup; rows: LedgerRow[] }> {
  authorize(principal, 'request:read');
  const db = ctx.storage.db;
  const groupExpr =
    query.by === 'organisation'
      ? sql<string>`e.responder_org`
      : query.by === 'country'
        ? sql<string>`e.country`
        : query.by === 'day'
          ? sql<string>`substr(e.at, 1, 10)`
          : query.by === 'month'
            ? sql<string>`substr(e.at, 1, 7)`
            : sql<string>`''`;
  let q = db
    .selectFrom('ledger_entries as e')
    .select([
      groupExpr.as('grp'),
      'e.currency',
      'e.bucket',
      sql<number>`sum(case when e.amount_minor > 0 then e.amount_minor else 0 end)`.as('total'),
      sql<number>`sum(e.amount_minor)`.as('balance'),
    ])
    .where((eb) => eb.or([eb('e.responder_org', '=', principal.orgId), eb('e.requester_org', '=', principal.orgId)]))
    .groupBy(['e.currency', 'e.bucket']);
  // PostgreSQL refuses a constant in GROUP BY, so the "no grouping" case leaves it out.
  if (query.by !== 'none') q = q.groupBy(groupExpr);
  if (query.from) q = q.where('e.at', '>=', query.from);
  if (query.to) q = q.where('e.at', '<', query.to);
  if (query.currency) q = q.where('e.currency', '=', query.currency.toUpperCase());
  const rows = await q.execute();
  const names = new Map((await db.selectFrom('orgs').select(['id', 'name']).execute()).map((o) => [o.id, o.name]));
  const out = new Map<string, LedgerRow>();
  for (const r of rows) {
    const group = query.by === 'none' ? null : String(r.grp);
    const key = `${group ?? ''}|${r.currency}`;
    let row = out.get(key);
    if (!row) {
      const zero = fromMinorUnits(0, r.currency);
      row = {
        group,
        groupName: query.by === 'organisation' && group ? (names.get(group) ?? null) : null,
        currency: r.currency,
        buckets: Object.fromEntries(LEDGER_BUCKETS.map((b) => [b, { total: zero, balance: zero }])),
      };
      out.set(key, row);
    }
    row.buckets[r.bucket] = { total: fromMinorUnits(Number(r.total), r.currency), balance: fromMinorUnits(Number(r.balance), r.currency) };
  }
  return { by: query.by, rows: [...out.values()].sort((a, b) => (a.group ?? '').localeCompare(b.group ?? '') || a.currency.localeCompare(b.currency)) };
}
