import { v4 as uuidv4 } from 'uuid';
import type { AppContext } from '../../../app/context.js';
import { write } from '../../../app/write.js';
import { ProblemError } from '../../../errors/problems.js';
import { decodeCursor, encodeCursor } from '../../../shared/cursor.js';
import type { Principal } from '../../policy/policy.js';
import { entityOfStixId } from '../interop.store.js';
import { cursorAfter, type FeedCursor, type FeedEntry, type FeedFilter, readEntity, readFeed, START } from '../stix/stix-feed.js';
import { importStixBundle } from '../stix/stix-import.js';
import { deleteKeptObject } from '../stix/stix-objects.store.js';
import type { StixObject } from '../stix/stix-types.js';
import type { Reader, SharedEntity } from '../visibility.js';
import { STIX_MEDIA_TYPE, type TaxiiCollection } from './taxii.collections.js';
import type { ObjectsQuery } from './taxii.schema.js';

export const DEFAULT_LIMIT = 100;
export const MAX_LIMIT = 1000;

export interface TaxiiPage<T> {
  body: { more: boolean; next?: string } & T;
  first?: string;
  last?: string;
}

function filterOf(query: ObjectsQuery): FeedFilter {
  return { types: query['match[type]'], ids: query['match[id]'], versions: query['match[version]'], specVersions: query['match[spec_version]'] };
}

async function startOf(ctx: AppContext, query: ObjectsQuery): Promise<FeedCursor> {
  if (query.next) {
    const [seq, skip] = decodeCursor(query.next, 2).map(Number);
    if (!Number.isSafeInteger(seq) || !Number.isSafeInteger(skip)) throw new ProblemError('invalid-cursor');
    return { seq, skip };
  }
  return query.added_after ? cursorAfter(ctx, query.added_after) : START;
}

async function page(ctx: AppContext, reader: Reader, query: ObjectsQuery): Promise<{ entries: FeedEntry[]; more: boolean; next?: string }> {
  const limit = Math.min(query.limit ?? DEFAULT_LIMIT, MAX_LIMIT);
  const result = await readFeed(ctx, reader, await startOf(ctx, query), limit, filterOf(query));
  return { entries: result.entries, more: result.next !== undefined, ...(result.next ? { next: encodeCursor([result.next.seq, result.next.skip]) } : {}) };
}

function span(entries: readonly FeedEntry[]): { first?: string; last?: string } {
  return entries.length ? { first: entries[0].dateAdded, last: entries[entries.length - 1].dateAdded } : {};
}

/** TAXII 2.1 "Get Objects": one page of the collection, paged by the change-log cursor. */
export async function getObjects(ctx: AppContext, reader: Reader, query: ObjectsQuery): Promise<TaxiiPage<{ objects?: StixObject[] }>> {
  const { entries, more, next } = await page(ctx, reader, query);
  return { body: { more, ...(next ? { next } : {}), ...(entries.length ? { objects: entries.map((e) => e.object) } : {}) }, ...span(entries) };
}

function manifestRecord(e: FeedEntry) {
  return { id: e.object.id, date_added: e.dateAdded, version: e.version, media_type: STIX_MEDIA_TYPE };
}

/** TAXII 2.1 "Get Object Manifests": the same page, as id, date added and version. */
export async function getManifest(ctx: AppContext, reader: Reader, query: ObjectsQuery): Promise<TaxiiPage<{ objects?: ReturnType<typeof manifestRecord>[] }>> {
  const { entries, more, next } = await page(ctx, reader, query);
  return { body: { more, ...(next ? { next } : {}), ...(entries.length ? { objects: entries.map(manifestRecord) } : {}) }, ...span(entries) };
}

/** The current version of one object the reader may see, or not-found. */
async function oneObject(ctx: AppContext, reader: Reader, id: string): Promise<FeedEntry> {
  const known = await entityOfStixId(ctx.storage.db, id);
  const entries = known ? await readEntity(ctx, reader, known.entity as SharedEntity, known.entity_id) : [];
  const entry = entries.find((e) => e.object.id === id);
  if (!entry) throw new ProblemError('not-found', `no object ${id} in this collection`);
  return entry;
}

export async function getObject(ctx: AppContext, reader: Reader, id: string, query: ObjectsQuery): Promise<TaxiiPage<{ objects?: StixObject[] }>> {
  const entry = await oneObject(ctx, reader, id);
  const versions = query['match[version]'];
  const matches = !versions || ['first', 'last', 'all'].some((v) => versions.has(v)) || versions.has(entry.version);
  return { body: { more: false, ...(matches ? { objects: [entry.object] } : {}) }, ...(matches ? span([entry]) : {}) };
}

/** fraudx keeps the current version of each object: its versions list has one entry. */
export async function getVersions(ctx: AppContext, reader: Reader, id: string): Promise<TaxiiPage<{ versions: string[] }>> {
  const entry = await oneObject(ctx, reader, id);
  return { body: { more: false, versions: [entry.version] }, ...span([entry]) };
}

/**
 * Only objects kept as received (types fraudx does not model) can be deleted, by the organisation
 * that sent them; indicators leave through disputes and status changes, never by deletion.
 */
export async function deleteObject(ctx: AppContext, reader: Reader, principal: Principal, id: string): Promise<void> {
  await oneObject(ctx, reader, id);
  const known = await entityOfStixId(ctx.storage.db, id);
  if (known?.entity !== 'stix-object' || !(await deleteKeptObject(ctx, principal, id))) {
    throw new ProblemError('forbidden', 'only objects your organisation sent of types fraudx keeps as received can be deleted; indicators are withdrawn through disputes');
  }
}

interface TaxiiStatus {
  id: string;
  status: 'complete';
  request_timestamp: string;
  total_count: number;
  success_count: number;
  failure_count: number;
  pending_count: number;
  failures?: { id: string; version?: string; message: string }[];
}

/** TAXII 2.1 "Add Objects": imports the envelope at once and answers its (complete) status. */
export async function addObjects(ctx: AppContext, principal: Principal, collection: TaxiiCollection, objects: StixObject[]): Promise<TaxiiStatus> {
  if (!collection.canWrite({ principal })) throw new ProblemError('forbidden', 'this collection does not accept objects from you');
  const requested = ctx.clock.now().toISOString();
  const summary = await importStixBundle(ctx, principal, { type: 'bundle', objects });
  const failures = summary.rejected.map((r) => ({ id: r.id, message: r.reason }));
  const status: TaxiiStatus = {
    id: uuidv4(),
    status: 'complete',
    request_timestamp: requested,
    total_count: objects.length,
    success_count: objects.length - failures.length,
    failure_count: failures.length,
    pending_count: 0,
    ...(failures.length ? { failures } : {}),
  };
  await write(ctx, (trx) => trx.insertInto('taxii_statuses').values({ id: status.id, org_id: principal.orgId, status: JSON.stringify(status), created_at: requested }).execute());
  return status;
}

export async function getStatus(ctx: AppContext, principal: Principal, id: string): Promise<TaxiiStatus> {
  const row = await ctx.storage.db.selectFrom('taxii_statuses').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row || row.org_id !== principal.orgId) throw new ProblemError('not-found', `no status ${id}`);
  return JSON.parse(row.status) as TaxiiStatus;
}
