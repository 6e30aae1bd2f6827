import type { AppContext } from '../../../src/app/context.js';

/** What two nodes must agree on after a round trip: the facts, not local ids, scores or authors. */
export async function indicatorSet(ctx: AppContext): Promise<string[]> {
  const rows = await ctx.storage.db.selectFrom('indicators').select(['kind', 'canonical', 'typologies', 'countries']).execute();
  return rows.map((r) => `${r.kind} ${r.canonical} [${r.typologies}] [${r.countries}]`).sort();
}

export async function reportSet(ctx: AppContext): Promise<string[]> {
  const db = ctx.storage.db;
  const reports = await db.selectFrom('reports').selectAll().execute();
  const links = await db
    .selectFrom('assertions as a')
    .innerJoin('indicators as i', 'i.id', 'a.indicator_id')
    .select(['a.report_id', 'i.kind', 'i.canonical', 'a.role'])
    .where('a.report_id', 'is not', null)
    .execute();
  return reports
    .map((r) => {
      const mine = links.filter((l) => l.report_id === r.id).map((l) => `${l.kind}:${l.canonical}:${l.role ?? ''}`).sort();
      return [r.typology, r.country, r.occurred_at, r.channel, r.loss_minor, r.loss_currency, mine.join(',')].join('|');
    })
    .sort();
}

export async function sightingSet(ctx: AppContext): Promise<string[]> {
  const rows = await ctx.storage.db
    .selectFrom('sightings as s')
    .innerJoin('indicators as i', 'i.id', 's.indicator_id')
    .select(['i.kind', 'i.canonical', 's.type', 's.observed_at'])
    .execute();
  return rows.map((r) => `${r.kind} ${r.canonical} ${r.type} ${r.observed_at}`).sort();
}
