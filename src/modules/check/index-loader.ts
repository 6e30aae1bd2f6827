import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import type { ChangeFeed } from '../../log/change-feed.js';
import { checkFactsOf } from '../indicators/indicators.model.js';
import type { CheckFacts, LookupIndex } from './lookup-index.js';

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

/** Keeps the index current: every indicator event with facts replaces the entry. */
export function connectIndexToFeed(feed: ChangeFeed, index: LookupIndex): void {
  feed.subscribe((events) => {
    for (const e of events) {
      if (e.entity !== 'indicator') continue;
      const data = e.data as Partial<CheckFacts>;
      if (e.op === 'delete' && data.kind && data.canonical) index.delete(data.kind, data.canonical);
      else if (typeof data.status === 'string') index.put(data as CheckFacts);
    }
  });
}
