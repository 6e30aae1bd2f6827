import { sql, type Transaction } from 'kysely';
import type { Database, IndicatorTable } from '../../db/schema.js';
import type { Emit } from '../../app/write.js';
import { chunks, indicatorEventData } from './indicators.model.js';
import { computeScore, isFoundFalsePositive, type OrgEvidence } from './score.js';
import { coercedAmong } from '../cases/cases.coerced.js';
import { audienceFacts, SHARED } from '../policy/check-audience.js';

type Trx = Transaction<Database>;

/**
 * Recomputes the counts, countries, typologies, first and last seen, score and false-positive
 * flag of the given indicators from their assertions and sightings, in a few grouped queries per
 * batch, and emits one change event per indicator with the facts the check index needs.
 */
export async function refreshIndicators(
  trx: Trx,
  emit: Emit,
  ids: readonly string[],
  now: Date,
  created?: ReadonlySet<string>,
): Promise<void> {
  for (const batch of chunks([...new Set(ids)])) {
    await refreshBatch(trx, emit, batch, now, created);
  }
}

async function refreshBatch(trx: Trx, emit: Emit, ids: string[], now: Date, created: ReadonlySet<string> | undefined): Promise<void> {
  const rows = await trx.selectFrom('indicators').selectAll().where('id', 'in', ids).execute();
  const perOrg = await trx
    .selectFrom('assertions as a')
    .innerJoin('orgs as o', 'o.id', 'a.org_id')
    .select([
      'a.indicator_id',
      'a.org_id',
      'o.asserted_count',
      'o.false_positive_count',
      sql<number>`count(distinct coalesce(a.report_id, a.id))`.as('reports'),
      sql<string>`min(a.observed_at)`.as('first'),
      sql<string>`max(a.observed_at)`.as('last'),
    ])
    .where('a.indicator_id', 'in', ids)
    .where('a.audience', 'in', SHARED)
    .groupBy(['a.indicator_id', 'a.org_id', 'o.asserted_count', 'o.false_positive_count'])
    .execute();
  const places = await trx
    .selectFrom('assertions')
    .select(['indicator_id', 'country', 'typology'])
    .distinct()
    .where('indicator_id', 'in', ids)
    .where('audience', 'in', SHARED)
    .execute();
  const sightings = await trx
    .selectFrom('sightings as s')
    .innerJoin('orgs as o', 'o.id', 's.org_id')
    .select([
      's.indicator_id',
      's.org_id',
      's.type',
      'o.asserted_count',
      'o.false_positive_count',
      sql<string>`max(s.observed_at)`.as('last'),
      sql<number>`count(*)`.as('n'),
    ])
    .where('s.indicator_id', 'in', ids)
    .where('s.audience', 'in', SHARED)
    .groupBy(['s.indicator_id', 's.org_id', 's.type', 'o.asserted_count', 'o.false_positive_count'])
    .execute();

  const evidence = new Map<string, Map<string, OrgEvidence>>();
  const orgEvidence = (indicatorId: string, orgId: string, asserted: number, fp: number): OrgEvidence => {
    let byOrg = evidence.get(indicatorId);
    if (!byOrg) evidence.set(indicatorId, (byOrg = new Map()));
    let e = byOrg.get(orgId);
    if (!e) {
      e = { orgId, reports: 0, lastAssertedAt: null, blockedAt: null, seenAt: null, falsePositive: false, assertedCount: asserted, falsePositiveCount: fp };
      byOrg.set(orgId, e);
    }
    return e;
  };
  const span = new Map<string, { first: string; last: string }>();
  const widen = (id: string, first: string, last: string) => {
    const s = span.get(id);
    if (!s) span.set(id, { first, last });
    else {
      if (first < s.first) s.first = first;
      if (last > s.last) s.last = last;
    }
  };
  for (const r of perOrg) {
    const e = orgEvidence(r.indicator_id, r.org_id, Number(r.asserted_count), Number(r.false_positive_count));
    e.reports = Number(r.reports);
    e.lastAssertedAt = r.last;
    widen(r.indicator_id, r.first, r.last);
  }
  const counts = new Map<string, { seen: number; blocked: number; fp: number }>();
  for (const s of sightings) {
    const e = orgEvidence(s.indicator_id, s.org_id, Number(s.asserted_count), Number(s.false_positive_count));
    const c = counts.get(s.indicator_id) ?? { seen: 0, blocked: 0, fp: 0 };
    counts.set(s.indicator_id, c);
    if (s.type === 'blocked') {
      e.blockedAt = s.last;
      c.blocked += Number(s.n);
    } else if (s.type === 'seen') {
      e.seenAt = s.last;
      c.seen += Number(s.n);
    } else {
      e.falsePositive = true;
      c.fp += Number(s.n);
    }
    widen(s.indicator_id, s.last, s.last);
  }
  const countries = new Map<string, Set<string>>();
  const typologies = new Map<string, Set<string>>();
  for (const p of places) {
    if (p.country) addTo(countries, p.indicator_id, p.country);
    if (p.typology) addTo(typologies, p.indicator_id, p.typology);
  }

  // Identifiers a presumed trafficking victim was forced to operate: still warned about, flagged as such.
  const coerced = await coercedAmong(trx, rows);
  // Counts, places and score above come from what every member may see; who else learns "known" comes from here.
  const audience = await audienceFacts(trx, ids);
  const nowIso = now.toISOString();
  const updated: IndicatorTable[] = [];
  for (const row of rows) {
    const orgs = [...(evidence.get(row.id)?.values() ?? [])];
    const reporters = orgs.filter((e) => e.reports > 0);
    const c = counts.get(row.id) ?? { seen: 0, blocked: 0, fp: 0 };
    const s = span.get(row.id);
    const countryList = [...(countries.get(row.id) ?? [])].sort();
    const foundFp = isFoundFalsePositive(orgs, row.status);
    const next: IndicatorTable = {
      ...row,
      score: computeScore(orgs, row.status, now),
      report_count: reporters.reduce((n, e) => n + e.reports, 0),
      org_count: reporters.length,
      country_count: countryList.length,
      countries: countryList.join(','),
      typologies: [...(typologies.get(row.id) ?? [])].sort().join(','),
      seen_count: c.seen,
      blocked_count: c.blocked,
      false_positive_count: c.fp,
      found_false_positive: foundFp ? 1 : 0,
      coerced_operator: coerced.has(row.id) ? 1 : 0,
      audience_facts: audience.has(row.id) ? JSON.stringify(audience.get(row.id)) : '',
      first_seen: s && s.first < row.first_seen ? s.first : row.first_seen,
      last_seen: s && s.last > row.last_seen ? s.last : row.last_seen,
      scored_at: nowIso,
      updated_at: nowIso,
    };
    updated.push(next);
    if (foundFp !== (row.found_false_positive === 1)) {
      // The verdict changed: every organisation that reported it gains or loses a false positive.
      await trx
        .updateTable('orgs')
        .set({ false_positive_count: sql<number>`false_positive_count + ${foundFp ? 1 : -1}` })
        .where('id', 'in', reporters.length ? reporters.map((e) => e.orgId) : [''])
        .execute();
    }
    const id = next.id;
    emit({ entity: 'indicator', entityId: id, op: created?.has(id) ? 'create' : 'update', orgId: null, data: indicatorEventData(next) });
  }
  await writeRows(trx, updated);
}

/**
 * Writes whole indicator rows back in a few multi-row statements: an upsert on the primary key
 * updates every column at once on SQLite and PostgreSQL alike, where one UPDATE per row would
 * cost a statement each.
 */
async function writeRows(trx: Trx, rows: readonly IndicatorTable[]): Promise<void> {
  if (rows.length === 0) return;
  const columns = Object.keys(rows[0]).filter((c) => c !== 'id') as (keyof IndicatorTable)[];
  for (const batch of chunks(rows, 200)) {
    await trx
      .insertInto('indicators')
      .values(batch)
      .onConflict((oc) => oc.column('id').doUpdateSet((eb) => Object.fromEntries(columns.map((c) => [c, eb.ref(`excluded.${c}`)]))))
      .execute();
  }
}

function addTo(map: Map<string, Set<string>>, key: string, value: string): void {
  let set = map.get(key);
  if (!set) map.set(key, (set = new Set()));
  set.add(value);
}
