import path from 'node:path';
import type { Kysely } from 'kysely';
import type { Logger } from 'pino';
import type { Database } from '../../db/schema.js';
import type { ChangeFeed } from '../../log/change-feed.js';
import { type LoggedEvent, readEvents } from '../../log/change-log.js';
import { checkFactsOf } from '../indicators/indicators.model.js';
import { readSnapshot, writeSnapshot } from './index-snapshot.js';
import { type CheckFacts, CompactLookupIndex, type LookupIndex } from './lookup-index.js';

export const SNAPSHOT_FILE = 'check-index.snapshot';

/** Room left for new indicators after a load: a sixteenth, so growth rarely needs a copy. */
const spareRows = (rows: number) => Math.max(1024, Math.ceil(rows / 16));

/** Fills the index from storage, in pages by id so memory stays flat on large tables. */
export async function loadIndex(db: Kysely<Database>, index: LookupIndex, pageSize = 20_000): Promise<number> {
  let after = '';
  let loaded = 0;
  for (;;) {
    const rows = await db.selectFrom('indicators').selectAll().where('id', '>', after).orderBy('id').limit(pageSize).execute();
    for (const row of rows) index.put(checkFactsOf(row));
    loaded += rows.length;
    if (rows.length < pageSize) return loaded;
    after = rows[rows.length - 1].id;
  }
}

/** Applies change-log events: every indicator event with facts replaces the entry. */
export function applyEvents(index: LookupIndex, events: readonly LoggedEvent[]): void {
  for (const e of events) {
    if (e.entity !== 'indicator') continue;
    const data = e.data as Partial<CheckFacts>;
    if (e.op === 'delete' && data.kind && data.canonical) index.delete(data.kind, data.canonical);
    else if (typeof data.status === 'string') index.put(data as CheckFacts);
  }
}

/** Keeps the index current from the feed. */
export function connectIndexToFeed(feed: ChangeFeed, index: LookupIndex): void {
  feed.subscribe((events) => applyEvents(index, events));
}

export interface OpenIndexOptions {
  db: Kysely<Database>;
  feed: ChangeFeed;
  log: Logger;
  dataDir: string;
  nodeId: string;
  /** The change-log position the feed starts after. */
  startSeq: number;
}

export interface OpenedIndex {
  index: CompactLookupIndex;
  /** Writes the snapshot for the position the index now reflects, unless it is already there. */
  saveSnapshot(seq: number): void;
}

/**
 * The server's index: from the local snapshot when it is fresh, caught up from the change log,
 * else rebuilt from storage and snapshotted at once. Then connected to the feed (which replays
 * from `startSeq`; applying an event twice is harmless).
 */
export async function openIndex(o: OpenIndexOptions): Promise<OpenedIndex> {
  const file = path.join(o.dataDir, SNAPSHOT_FILE);
  const started = Date.now();
  const snap = readSnapshot(file, { nodeId: o.nodeId, maxSeq: o.startSeq }, spareRows);
  let index: CompactLookupIndex;
  let savedSeq: number;
  if ('index' in snap) {
    index = snap.index;
    savedSeq = snap.seq;
    const replayed = await replayLog(o.db, index, snap.seq);
    o.log.info({ indicators: index.size, snapshotSeq: snap.seq, replayed, ms: Date.now() - started }, 'check index loaded from its snapshot');
  } else {
    const count = await o.db.selectFrom('indicators').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    const rows = Number(count.n);
    index = new CompactLookupIndex(rows + spareRows(rows));
    await loadIndex(o.db, index);
    savedSeq = -1;
    o.log.info({ indicators: index.size, reason: snap.stale, ms: Date.now() - started }, 'check index rebuilt from storage');
  }
  connectIndexToFeed(o.feed, index);
  const saveSnapshot = (seq: number) => {
    if (seq === savedSeq) return;
    try {
      writeSnapshot(file, index, { nodeId: o.nodeId, seq });
      savedSeq = seq;
    } catch (err) {
      // Only an optimisation: the next start rebuilds from storage.
      o.log.warn({ err: (err as Error).message }, 'could not write the check index snapshot');
    }
  };
  // A rebuild reflects at least every event up to startSeq.
  if (savedSeq === -1) saveSnapshot(o.startSeq);
  return { index, saveSnapshot };
}

async function replayLog(db: Kysely<Database>, index: LookupIndex, afterSeq: number): Promise<number> {
  let cursor = afterSeq;
  for (;;) {
    const events = await readEvents(db, cursor, 5000);
    if (events.length === 0) return cursor - afterSeq;
    applyEvents(index, events);
    cursor = events[events.length - 1].seq;
  }
}
