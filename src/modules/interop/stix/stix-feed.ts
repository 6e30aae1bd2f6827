import { sql } from 'kysely';
import type { AppContext } from '../../../app/context.js';
import { ProblemError } from '../../../errors/problems.js';
import type { IndicatorTable, SightingTable, StixObjectTable } from '../../../db/schema.js';
import { chunks } from '../../indicators/indicators.model.js';
import { findNodeOwner, toOrg } from '../../orgs/orgs.store.js';
import { rememberStixIds, type StixIdRow, stixIdsOfEntities } from '../interop.store.js';
import { indicatorFilter, mayRead, type Reader, readsReports, type SharedEntity, tlpOf } from '../visibility.js';
import { extensionDefinitions, fraudxIdentity } from './stix-extensions.js';
import { identityId, identityObject, indicatorObjects, type ReportLink, reportId, reportObject, sightingId, sightingObject } from './stix-export.js';
import { TLP_LEVELS, tlpMarkingObject } from './stix-markings.js';
import type { StixObject } from './stix-types.js';

/**
 * The stream of STIX objects a reader may see, in change-log order: what TAXII collections page
 * through and bundle exports write. An object appears at the log position of its latest change,
 * so a reader paging with a cursor meets every current object once, and again only when it
 * changes. Position = (seq, k): k orders the objects one log record yields (an indicator's
 * creation yields its observable, the indicator and their relationship).
 */
export interface FeedCursor {
  seq: number;
  /** Objects of record `seq` with k below this were already delivered. */
  skip: number;
}

export interface FeedEntry {
  object: StixObject;
  /** TAXII `date_added`: the log time, with the position folded into the sub-millisecond digits. */
  dateAdded: string;
  version: string;
  position: FeedCursor;
}

export interface FeedFilter {
  types?: ReadonlySet<string>;
  ids?: ReadonlySet<string>;
  /** `match[version]`: 'last', 'first', 'all' or explicit versions. */
  versions?: ReadonlySet<string>;
  specVersions?: ReadonlySet<string>;
}

export interface FeedPage {
  entries: FeedEntry[];
  /** Where the next page starts; undefined when the reader has everything there is now. */
  next?: FeedCursor;
}

export const START: FeedCursor = { seq: 0, skip: 0 };
const PER_RECORD = 4;
const ROUNDS = 5;
const STATIC_DATE = '2026-01-01T00:00:00.000';

/** fraudx's author identity, extension definitions and the TLP 2.0 markings: position 0. */
function staticObjects(): StixObject[] {
  return [fraudxIdentity(), ...extensionDefinitions(), ...TLP_LEVELS.map(tlpMarkingObject)];
}

const ENTITY_TYPES: Record<SharedEntity, (type: string) => boolean> = {
  org: (t) => t === 'identity',
  indicator: (t) => t === 'indicator' || t === 'relationship' || !['identity', 'report', 'sighting'].includes(t),
  report: (t) => t === 'report',
  sighting: (t) => t === 'sighting',
  'stix-object': () => true,
};

export function versionOf(object: StixObject, dateAdded: string): string {
  return String(object.modified ?? object.created ?? dateAdded);
}

function passes(filter: FeedFilter, object: StixObject, version: string): boolean {
  if (filter.types && !filter.types.has(object.type)) return false;
  if (filter.ids && !filter.ids.has(object.id)) return false;
  if (filter.specVersions && !filter.specVersions.has(String(object.spec_version ?? '2.0'))) return false;
  // One version of each object is kept, so 'first', 'last' and 'all' all name it.
  if (filter.versions && !['first', 'last', 'all'].some((v) => filter.versions!.has(v)) && !filter.versions.has(version)) return false;
  return true;
}

function dateAdded(createdAt: string, offset: number): string {
  return `${createdAt.slice(0, 23)}${String(Math.min(999_999, offset)).padStart(6, '0')}Z`;
}

/** Reads one page of the feed after `after`, at most `limit` objects, in a bounded number of queries. */
export async function readFeed(ctx: AppContext, reader: Reader, after: FeedCursor, limit: number, filter: FeedFilter = {}): Promise<FeedPage> {
  const entries: FeedEntry[] = [];
  let cursor = after;
  if (cursor.seq === 0) {
    const statics = staticObjects();
    for (let k = cursor.skip; k < statics.length && entries.length < limit; k++) {
      const at = dateAdded(STATIC_DATE, k);
      const version = versionOf(statics[k], at);
      if (passes(filter, statics[k], version)) entries.push({ object: statics[k], dateAdded: at, version, position: { seq: 0, skip: k + 1 } });
      cursor = { seq: 0, skip: k + 1 };
    }
    if (entries.length >= limit) return { entries, next: cursor };
    cursor = { seq: 0, skip: Number.MAX_SAFE_INTEGER };
  }
  const entities = (Object.keys(ENTITY_TYPES) as SharedEntity[]).filter((e) => !filter.types || [...filter.types].some(ENTITY_TYPES[e]));
  for (let round = 0; round < ROUNDS && entries.length < limit; round++) {
    const wanted = limit - entries.length + 8;
    const records = await readRecords(ctx, cursor, entities, wanted);
    if (records.length === 0) return { entries };
    const built = await buildObjects(ctx, reader, records);
    for (const { record, k, object } of built) {
      if (record.seq === cursor.seq && k < cursor.skip) continue;
      const at = dateAdded(record.created_at, (record.seq - record.groupStart) * PER_RECORD + k);
      const version = versionOf(object, at);
      if (passes(filter, object, version)) {
        entries.push({ object, dateAdded: at, version, position: { seq: record.seq, skip: k + 1 } });
        if (entries.length >= limit) return { entries, next: { seq: record.seq, skip: k + 1 } };
      }
    }
    cursor = { seq: records[records.length - 1].seq, skip: PER_RECORD };
    if (records.length < wanted) return { entries };
  }
  // Rounds ran out before the page filled (a filter skipping most records): the reader goes on from here.
  return { entries, next: cursor };
}

interface LogRecord {
  seq: number;
  entity: SharedEntity;
  entity_id: string;
  op: string;
  created_at: string;
  superseded: boolean;
  /** The first sequence number of the records sharing this one's time. */
  groupStart: number;
}

async function readRecords(ctx: AppContext, after: FeedCursor, entities: SharedEntity[], limit: number, entityId?: string): Promise<LogRecord[]> {
  if (entities.length === 0) return [];
  const db = ctx.storage.db;
  let query = db
    .selectFrom('change_log as c')
    .select(['c.seq', 'c.entity', 'c.entity_id', 'c.op', 'c.created_at'])
    .select((eb) =>
      eb
        .exists(eb.selectFrom('change_log as d').select('d.seq').whereRef('d.entity', '=', 'c.entity').whereRef('d.entity_id', '=', 'c.entity_id').whereRef('d.seq', '>', 'c.seq'))
        .as('superseded'),
    )
    .where('c.seq', after.skip >= PER_RECORD ? '>' : '>=', after.seq)
    .where('c.entity', 'in', entities)
    .where((eb) =>
      eb.or([
        eb.and([eb('c.entity', '=', 'indicator'), eb('c.op', '=', 'create')]),
        eb.not(eb.exists(eb.selectFrom('change_log as d').select('d.seq').whereRef('d.entity', '=', 'c.entity').whereRef('d.entity_id', '=', 'c.entity_id').whereRef('d.seq', '>', 'c.seq'))),
      ]),
    )
    .orderBy('c.seq')
    .limit(limit);
  if (entityId !== undefined) query = query.where('c.entity_id', '=', entityId);
  const rows = await query.execute();
  const times = [...new Set(rows.map((r) => r.created_at))];
  const starts = new Map<string, number>();
  for (const batch of chunks(times)) {
    const found = await db.selectFrom('change_log').select(['created_at', sql<number>`min(seq)`.as('first')]).where('created_at', 'in', batch).groupBy('created_at').execute();
    for (const f of found) starts.set(f.created_at, Number(f.first));
  }
  return rows.map((r) => ({
    seq: Number(r.seq),
    entity: r.entity as SharedEntity,
    entity_id: r.entity_id,
    op: r.op,
    created_at: r.created_at,
    superseded: Boolean(Number(r.superseded)),
    groupStart: starts.get(r.created_at) ?? Number(r.seq),
  }));
}

interface Built {
  record: LogRecord;
  k: number;
  object: StixObject;
}

async function byIds<T extends { id: string }>(ids: string[], load: (batch: string[]) => Promise<T[]>): Promise<Map<string, T>> {
  const out = new Map<string, T>();
  for (const batch of chunks([...new Set(ids)])) for (const row of await load(batch)) out.set(row.id, row);
  return out;
}

/** Loads every entity the records name in a few grouped queries and renders their STIX objects. */
async function buildObjects(ctx: AppContext, reader: Reader, records: LogRecord[]): Promise<Built[]> {
  const db = ctx.storage.db;
  const idsOf = (entity: SharedEntity) => records.filter((r) => r.entity === entity).map((r) => r.entity_id);
  const indicators = await byIds(idsOf('indicator'), (b) => db.selectFrom('indicators').selectAll().where('indicators.id', 'in', b).where(indicatorFilter(reader, 'indicators.id')).execute());
  const listed = new Set<string>();
  for (const batch of chunks([...indicators.keys()])) {
    const rows = await db.selectFrom('assertions').select('indicator_id').distinct().where('report_id', 'is', null).where('indicator_id', 'in', batch).execute();
    for (const r of rows) listed.add(r.indicator_id);
  }
  const reports = await byIds(idsOf('report'), (b) => db.selectFrom('reports').selectAll().where('id', 'in', b).execute());
  const links = new Map<string, ReportLink[]>();
  for (const batch of chunks([...reports.keys()])) {
    const rows = await db
      .selectFrom('assertions as a')
      .innerJoin('indicators as i', 'i.id', 'a.indicator_id')
      .select(['a.report_id', 'i.kind', 'i.canonical', 'a.role'])
      .where('a.report_id', 'in', batch)
      .orderBy('a.created_at')
      .orderBy('a.id')
      .execute();
    for (const r of rows) links.set(r.report_id!, [...(links.get(r.report_id!) ?? []), { kind: r.kind, canonical: r.canonical, role: r.role }]);
  }
  const sightings = await byIds(idsOf('sighting'), (b) =>
    db.selectFrom('sightings as s').innerJoin('indicators as i', 'i.id', 's.indicator_id').selectAll('s').select(['i.kind', 'i.canonical']).where('s.id', 'in', b).execute(),
  );
  const orgs = await byIds(idsOf('org'), (b) => db.selectFrom('orgs').selectAll().where('id', 'in', b).execute());
  const kept = await byIds(idsOf('stix-object'), (b) => db.selectFrom('stix_objects').selectAll().where('id', 'in', b).execute());
  const imported = new Map([...(await stixIdsOfEntities(db, 'report', [...reports.keys()])), ...(await stixIdsOfEntities(db, 'sighting', [...sightings.keys()]))]);
  const owner = await findNodeOwner(db);
  const author = owner ? identityId(owner.id) : undefined;

  const out: Built[] = [];
  const remember: StixIdRow[] = [];
  for (const record of records) {
    const latest = !record.superseded;
    if (record.entity === 'indicator') {
      const row = indicators.get(record.entity_id);
      if (!row || !mayRead(reader, 'indicator', row)) continue;
      // A reader who may not see reports gets every indicator as a listing of its own.
      const asListing = listed.has(row.id) || !readsReports(reader);
      out.push(...indicatorEntries(record, row, author, asListing, latest));
      for (const b of out.slice(-3)) if (b.record === record) remember.push({ stix_id: b.object.id, entity: 'indicator', entity_id: row.id });
    } else if (!latest || record.op === 'delete') {
      continue;
    } else if (record.entity === 'report') {
      const row = reports.get(record.entity_id);
      if (!row || !mayRead(reader, 'report', row)) continue;
      const id = imported.get(row.id) ?? reportId(row);
      out.push({ record, k: 0, object: reportObject(row, links.get(row.id) ?? [], tlpOf(row), id) });
      remember.push({ stix_id: id, entity: 'report', entity_id: row.id });
    } else if (record.entity === 'sighting') {
      const row = sightings.get(record.entity_id) as (SightingTable & { kind: string; canonical: string }) | undefined;
      if (!row || !mayRead(reader, 'sighting', row)) continue;
      const id = imported.get(row.id) ?? sightingId(row);
      out.push({ record, k: 0, object: sightingObject(row, row, tlpOf(row), id) });
      remember.push({ stix_id: id, entity: 'sighting', entity_id: row.id });
    } else if (record.entity === 'org') {
      const row = orgs.get(record.entity_id);
      if (!row || !mayRead(reader, 'org', row)) continue;
      out.push({ record, k: 0, object: identityObject(toOrg(row)) });
      remember.push({ stix_id: identityId(row.id), entity: 'org', entity_id: row.id });
    } else {
      const row = kept.get(record.entity_id) as StixObjectTable | undefined;
      if (!row || !mayRead(reader, 'stix-object', row)) continue;
      out.push({ record, k: 0, object: JSON.parse(row.object) as StixObject });
      remember.push({ stix_id: row.id, entity: 'stix-object', entity_id: row.id });
    }
  }
  // What was served can be asked for by id later (GET object, match[id]).
  await rememberStixIds(db, remember);
  return out;
}

function indicatorEntries(record: LogRecord, row: IndicatorTable, author: string | undefined, listed: boolean, latest: boolean): Built[] {
  const { observable, indicator, relationship } = indicatorObjects(row, author ?? identityId('node'), tlpOf(row));
  // Whether an organisation listed it outright (not only through reports): the importer needs it
  // to tell a listing from an indicator that arrives with its reports.
  for (const ext of Object.values(indicator.extensions as Record<string, Record<string, unknown>>)) ext.listed = listed;
  const out: Built[] = [];
  if (record.op === 'create') out.push({ record, k: 0, object: observable });
  if (latest) out.push({ record, k: 1, object: indicator });
  if (record.op === 'create') out.push({ record, k: 2, object: relationship });
  return out;
}

/** Every object a reader may see, page by page: for bundle exports. */
export async function* readWholeFeed(ctx: AppContext, reader: Reader, filter: FeedFilter = {}, pageSize = 1000): AsyncGenerator<FeedEntry[]> {
  let cursor: FeedCursor | undefined = START;
  while (cursor) {
    const page: FeedPage = await readFeed(ctx, reader, cursor, pageSize, filter);
    if (page.entries.length) yield page.entries;
    cursor = page.next;
  }
}

/** The current objects of one entity (an indicator yields three), as a TAXII "get an object" needs. */
export async function readEntity(ctx: AppContext, reader: Reader, entity: SharedEntity, entityId: string): Promise<FeedEntry[]> {
  const records = await readRecords(ctx, START, [entity], 1000, entityId);
  const built = await buildObjects(ctx, reader, records);
  return built.map(({ record, k, object }) => {
    const at = dateAdded(record.created_at, (record.seq - record.groupStart) * PER_RECORD + k);
    return { object, dateAdded: at, version: versionOf(object, at), position: { seq: record.seq, skip: k + 1 } };
  });
}

/**
 * The feed position just after a TAXII `added_after` time. Times this feed gave out carry the
 * position in their sub-millisecond digits, so paging by `X-TAXII-Date-Added-Last` neither skips
 * nor repeats objects that share a millisecond; any other time means "after everything logged at
 * or before it".
 */
export async function cursorAfter(ctx: AppContext, time: string): Promise<FeedCursor> {
  const m = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2})(?:\.(\d+))?(Z|[+-]00:00)$/i.exec(time.trim());
  if (!m) return cursorAfterTime(ctx, time);
  const fraction = (m[2] ?? '').padEnd(9, '0');
  const ms = `${m[1]}.${fraction.slice(0, 3)}`;
  const offset = Number(fraction.slice(3, 9));
  if (ms === STATIC_DATE) return { seq: 0, skip: offset + 1 };
  const db = ctx.storage.db;
  const group = await db.selectFrom('change_log').select(sql<number>`min(seq)`.as('first')).where('created_at', '=', `${ms}Z`).executeTakeFirst();
  if (group?.first == null) return cursorAfterTime(ctx, `${ms}Z`);
  return { seq: Number(group.first) + Math.floor(offset / PER_RECORD), skip: (offset % PER_RECORD) + 1 };
}

async function cursorAfterTime(ctx: AppContext, time: string): Promise<FeedCursor> {
  const t = Date.parse(time);
  if (Number.isNaN(t)) throw new ProblemError('validation-failed', `added_after: "${time}" is not a timestamp`);
  const iso = new Date(t).toISOString();
  if (iso < `${STATIC_DATE}Z`) return START;
  const row = await ctx.storage.db.selectFrom('change_log').select(sql<number>`max(seq)`.as('last')).where('created_at', '<=', iso).executeTakeFirst();
  return { seq: Number(row?.last ?? 0), skip: Number.MAX_SAFE_INTEGER };
}
