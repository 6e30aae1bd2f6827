import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import { chunks } from '../indicators/indicators.model.js';
import type { IndicatorRef, LinkFacts, ReportFacts } from './network-graph.js';

type Db = Kysely<Database>;

export interface LoadedReport {
  facts: ReportFacts;
  indicators: IndicatorRef[];
}

/**
 * The report-borne assertions with their indicators: every "appears in" edge, its report's facts
 * and the report's marking and owner, which decide who may compute over it (visibility.ts).
 */
function edgeRows(db: Db) {
  return db
    .selectFrom('assertions as a')
    .innerJoin('indicators as i', 'i.id', 'a.indicator_id')
    .innerJoin('reports as r', 'r.id', 'a.report_id')
    .select(['a.report_id', 'r.org_id', 'a.country', 'a.typology', 'a.loss_minor', 'a.loss_currency', 'a.observed_at', 'i.id', 'i.kind', 'i.canonical', 'i.status', 'i.coerced_operator'])
    .select(['r.tlp', 'r.distribution', 'r.share_groups', 'r.audience'])
    .where('a.report_id', 'is not', null)
    .orderBy('a.report_id')
    .orderBy('i.id');
}

type EdgeRow = Awaited<ReturnType<ReturnType<typeof edgeRows>['execute']>>[number];

function groupByReport(rows: readonly EdgeRow[]): LoadedReport[] {
  const out: LoadedReport[] = [];
  for (const row of rows) {
    let last = out[out.length - 1];
    if (!last || last.facts.id !== row.report_id) {
      last = {
        facts: {
          id: row.report_id!,
          orgId: row.org_id,
          country: row.country,
          typology: row.typology,
          lossMinor: row.loss_minor === null ? null : Number(row.loss_minor),
          lossCurrency: row.loss_currency,
          at: row.observed_at,
          marking: { tlp: row.tlp, distribution: row.distribution, share_groups: row.share_groups, audience: row.audience },
        },
        indicators: [],
      };
      out.push(last);
    }
    last.indicators.push({ id: row.id, kind: row.kind, canonical: row.canonical, linkable: row.status !== 'allowed', coercedOperator: row.coerced_operator === 1 });
  }
  return out;
}

/** Every report with its indicators, in pages of reports so memory stays flat while reading. */
export async function* readAllReports(db: Db, pageSize = 5000): AsyncGenerator<LoadedReport[]> {
  let after = '';
  for (;;) {
    const ids = await db.selectFrom('reports').select('id').where('id', '>', after).orderBy('id').limit(pageSize).execute();
    if (ids.length === 0) return;
    const last = ids[ids.length - 1].id;
    yield groupByReport(await edgeRows(db).where('a.report_id', '>', after).where('a.report_id', '<=', last).execute());
    after = last;
  }
}

export async function readReports(db: Db, ids: readonly string[]): Promise<LoadedReport[]> {
  const out: LoadedReport[] = [];
  for (const batch of chunks(ids)) out.push(...groupByReport(await edgeRows(db).where('a.report_id', 'in', batch).execute()));
  return out;
}

export interface LoadedLink {
  facts: LinkFacts;
  /** The payer and the payee. */
  from: IndicatorRef;
  to: IndicatorRef;
}

/**
 * Sightings that name a counterparty: each is a funds-from link between two indicators, under the
 * sighting's marking. A false positive links nothing.
 */
function linkRows(db: Db) {
  return db
    .selectFrom('sightings as s')
    .innerJoin('indicators as i', 'i.id', 's.indicator_id')
    .innerJoin('indicators as c', 'c.id', 's.counterparty_id')
    .select(['s.id', 's.org_id', 's.observed_at', 's.counterparty_direction', 's.tlp', 's.distribution', 's.share_groups', 's.audience'])
    .select(['i.id as i_id', 'i.kind as i_kind', 'i.canonical as i_canonical', 'i.status as i_status', 'i.coerced_operator as i_coerced'])
    .select(['c.id as c_id', 'c.kind as c_kind', 'c.canonical as c_canonical', 'c.status as c_status', 'c.coerced_operator as c_coerced'])
    .where('s.counterparty_id', 'is not', null)
    .where('s.type', '!=', 'false-positive')
    .orderBy('s.id');
}

type LinkRow = Awaited<ReturnType<ReturnType<typeof linkRows>['execute']>>[number];

function linkOf(row: LinkRow): LoadedLink {
  const sighted: IndicatorRef = { id: row.i_id, kind: row.i_kind, canonical: row.i_canonical, linkable: row.i_status !== 'allowed', coercedOperator: row.i_coerced === 1 };
  const other: IndicatorRef = { id: row.c_id, kind: row.c_kind, canonical: row.c_canonical, linkable: row.c_status !== 'allowed', coercedOperator: row.c_coerced === 1 };
  const received = row.counterparty_direction === 'received-from';
  return {
    facts: {
      id: row.id,
      relation: 'funds-from',
      orgId: row.org_id,
      at: row.observed_at,
      marking: { tlp: row.tlp, distribution: row.distribution, share_groups: row.share_groups, audience: row.audience },
    },
    from: received ? other : sighted,
    to: received ? sighted : other,
  };
}

/** Every sighting-derived link, in pages. */
export async function* readAllLinks(db: Db, pageSize = 5000): AsyncGenerator<LoadedLink[]> {
  let after = '';
  for (;;) {
    const rows = await linkRows(db).where('s.id', '>', after).limit(pageSize).execute();
    if (rows.length === 0) return;
    yield rows.map(linkOf);
    after = rows[rows.length - 1].id;
  }
}

export async function readLinks(db: Db, sightingIds: readonly string[]): Promise<LoadedLink[]> {
  const out: LoadedLink[] = [];
  for (const batch of chunks(sightingIds)) out.push(...(await linkRows(db).where('s.id', 'in', batch).execute()).map(linkOf));
  return out;
}

export interface SavedLabels {
  members: { indicator_id: string; network_id: string }[];
  merged: { id: string; merged_into: string }[];
}

export async function readSavedLabels(db: Db): Promise<SavedLabels> {
  const members = await db.selectFrom('network_members').select(['indicator_id', 'network_id']).execute();
  const merged = await db.selectFrom('networks').select(['id', 'merged_into']).where('merged_into', 'is not', null).execute();
  return { members, merged: merged.map((m) => ({ id: m.id, merged_into: m.merged_into! })) };
}

export interface LabelChanges {
  /** network id, or null when the indicator left every network. */
  members: { indicatorId: string; networkId: string | null }[];
  created: string[];
  merged: { id: string; into: string }[];
}

/**
 * Saves what changed in the id bookkeeping. This is derived state, like the check index: it is
 * not shared data and emits no change-log events; any process can rebuild it from the reports.
 */
export async function saveLabelChanges(db: Db, changes: LabelChanges, nowIso: string): Promise<void> {
  await db.transaction().execute(async (trx) => {
    for (const batch of chunks(changes.created, 200)) {
      await trx
        .insertInto('networks')
        .values(batch.map((id) => ({ id, merged_into: null, created_at: nowIso, updated_at: nowIso })))
        .onConflict((oc) => oc.column('id').doNothing())
        .execute();
    }
    for (const m of changes.merged) {
      await trx.updateTable('networks').set({ merged_into: m.into, updated_at: nowIso }).where('id', '=', m.id).execute();
    }
    const gone = changes.members.filter((m) => m.networkId === null).map((m) => m.indicatorId);
    for (const batch of chunks(gone)) await trx.deleteFrom('network_members').where('indicator_id', 'in', batch).execute();
    const kept = changes.members.filter((m): m is { indicatorId: string; networkId: string } => m.networkId !== null);
    for (const batch of chunks(kept, 400)) {
      await trx
        .insertInto('network_members')
        .values(batch.map((m) => ({ indicator_id: m.indicatorId, network_id: m.networkId })))
        .onConflict((oc) => oc.column('indicator_id').doUpdateSet((eb) => ({ network_id: eb.ref('excluded.network_id') })))
        .execute();
    }
  });
}
