import type { AppContext } from '../../app/context.js';
import { authorize, type Principal } from '../policy/policy.js';
import { clockStatus } from '../requests/clocks.js';
import { definitionOf } from '../requests/kinds/registry.js';

export const METRIC_GROUPS = ['organisation', 'kind', 'country'] as const;
export type MetricGroup = (typeof METRIC_GROUPS)[number];

export interface ResponderQuery {
  by: readonly MetricGroup[];
  from?: string;
  to?: string;
}

function quantile(sorted: readonly number[], q: number): number | null {
  if (sorted.length === 0) return null;
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
}

const seconds = (from: string, to: string | null) => (to ? (Date.parse(to) - Date.parse(from)) / 1000 : null);

/**
 * How fast responders answer: per recipient organisation, kind and country, the time to
 * acknowledge and to act (freeze, preserve, take down, answer a dispute: the kind's decisive
 * step), and the share of requests whose clocks were met. Only requests the caller's
 * organisation sent or received are counted.
 */
export async function responderMetrics(ctx: AppContext, principal: Principal, query: ResponderQuery) {
  authorize(principal, 'request:read');
  const db = ctx.storage.db;
  let q = db.selectFrom('requests as r').innerJoin('orgs as o', 'o.id', 'r.to_org').selectAll('r').select(['o.name as org_name', 'o.country as org_country']);
  q = q.where((eb) => eb.or([eb('r.to_org', '=', principal.orgId), eb('r.from_org', '=', principal.orgId)]));
  if (query.from) q = q.where('r.sent_at', '>=', query.from);
  if (query.to) q = q.where('r.sent_at', '<', query.to);
  const rows = await q.execute();
  const now = ctx.clock.now();
  const groups = new Map<string, { key: Record<string, string>; ack: number[]; act: number[]; requests: number; met: number; judged: number; overdueNow: number }>();
  for (const r of rows) {
    const key: Record<string, string> = {};
    if (query.by.includes('organisation')) Object.assign(key, { orgId: r.to_org, orgName: r.org_name });
    if (query.by.includes('kind')) key.kind = r.kind;
    if (query.by.includes('country')) key.country = r.org_country;
    const id = JSON.stringify(key);
    const g = groups.get(id) ?? { key, ack: [], act: [], requests: 0, met: 0, judged: 0, overdueNow: 0 };
    groups.set(id, g);
    g.requests += 1;
    const ack = seconds(r.sent_at, r.acknowledged_at ?? r.acted_at);
    const act = seconds(r.sent_at, r.acted_at);
    if (ack !== null) g.ack.push(ack);
    if (act !== null) g.act.push(act);
    // A request counts toward the share once it is answered or its act clock has run out.
    const actDue = r.act_due_at ?? r.sent_at;
    if (r.acted_at || actDue < now.toISOString()) {
      g.judged += 1;
      const ackMet = !r.ack_due_at || (r.acknowledged_at ?? r.acted_at ?? '\uffff') <= r.ack_due_at;
      const actMet = r.acted_at !== null && r.acted_at <= actDue;
      if (ackMet && actMet) g.met += 1;
    }
    if (clockStatus(definitionOf(r.kind), r, now).overdue.length > 0) g.overdueNow += 1;
  }
  return {
    by: query.by,
    rows: [...groups.values()].map((g) => {
      const ack = [...g.ack].sort((a, b) => a - b);
      const act = [...g.act].sort((a, b) => a - b);
      return {
        ...g.key,
        requests: g.requests,
        acknowledged: ack.length,
        acted: act.length,
        medianSecondsToAcknowledge: quantile(ack, 0.5),
        p90SecondsToAcknowledge: quantile(ack, 0.9),
        medianSecondsToAct: quantile(act, 0.5),
        p90SecondsToAct: quantile(act, 0.9),
        withinDeadline: { met: g.met, judged: g.judged, share: g.judged === 0 ? null : Math.round((g.met / g.judged) * 1000) / 1000 },
        overdueNow: g.overdueNow,
      };
    }),
  };
}
