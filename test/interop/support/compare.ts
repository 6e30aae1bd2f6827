import type { AppContext } from '../../../src/app/context.js';
import { indicatorFilter, mayRead, type Reader } from '../../../src/modules/interop/visibility.js';

/**
 * What two nodes must agree on after a round trip: the facts, not local ids, scores or authors.
 * With a reader, only what that reader may see (the sending side); without, everything (the
 * receiving side, whose owner imported it all).
 */
export async function indicatorSet(ctx: AppContext, reader?: Reader): Promise<string[]> {
  let q = ctx.storage.db.selectFrom('indicators').select(['kind', 'canonical', 'typologies', 'countries']);
  if (reader) q = q.where(indicatorFilter(reader, 'indicators.id'));
  const rows = await q.execute();
  return rows.map((r) => `${r.kind} ${r.canonical} [${r.typologies}] [${r.countries}]`).sort();
}

export async function reportSet(ctx: AppContext, reader?: Reader): Promise<string[]> {
  const db = ctx.storage.db;
  const reports = (await db.selectFrom('reports').selectAll().execute()).filter((r) => !reader || mayRead(reader, 'report', r));
  const links = await db
    .selectFrom('assertions as a')
    .innerJoin('indicators as i', 'i.id', 'a.indicator_id')
    .select(['a.report_id', 'i.kind', 'i.canonical', 'a.role'])
    .where('a.report_id', 'is not', null)
    .execute();
  return reports
    .map((r) => {
      const mine = links.filter((l) => l.report_id === r.id).map((l) => `${l.kind}:${l.canonical}:${l.role ?? ''}`).sort();
      return [r.typology, r.country, r.occurred_at, r.channel, r.loss_minor, r.loss_currency, r.tlp, mine.join(',')].join('|');
    })
    .sort();
}

export async function sightingSet(ctx: AppContext, reader?: Reader): Promise<string[]> {
  const rows = await ctx.storage.db.selectFrom('sightings as s').innerJoin('indicators as i', 'i.id', 's.indicator_id').selectAll('s').select(['i.kind', 'i.canonical']).execute();
  return rows.filter((r) => !reader || mayRead(reader, 'sighting', r)).map((r) => `${r.kind} ${r.canonical} ${r.type} ${r.observed_at}`).sort();
}
