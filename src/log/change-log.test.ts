import { describe, expect, it } from 'vitest';
import { DIALECTS, storagePerTest } from '../../test/support/databases.js';
import type { Storage } from '../db/database.js';
import { migrateToLatest } from '../db/migrate.js';
import { appendEvents, type ChangeEvent, readEvents } from './change-log.js';

const NOW = '2026-01-02T03:04:05.000Z';
// More than one of appendEvents' chunks (5,000 events each).
const MANY = 12_345;

describe.each(DIALECTS)('the change log on %s', (dialect) => {
  const freshStorage = storagePerTest(dialect);
  const open = async (): Promise<Storage> => {
    const storage = await freshStorage();
    await migrateToLatest(storage.db);
    return storage;
  };
  const eventsOf = (n: number): ChangeEvent[] =>
    Array.from({ length: n }, (_, i) => ({ entity: 'indicator', entityId: `ind-${i}`, op: 'create', orgId: null, data: { n: i } }));

  it('appends many events, chunk after chunk, in the order given', async () => {
    const { db, sqlite } = await open();
    await db.transaction().execute((trx) => appendEvents(trx, { nodeId: 'node-a', dialect, sqlite }, eventsOf(MANY), NOW));

    const logged = await readEvents(db, 0, MANY + 1);
    expect(logged).toHaveLength(MANY);
    expect(logged.map((e) => e.entityId)).toEqual(eventsOf(MANY).map((e) => e.entityId));
    expect(logged.every((e, i) => i === 0 || e.seq > logged[i - 1].seq)).toBe(true);
    expect(logged[MANY - 1]).toMatchObject({ originNode: 'node-a', op: 'create', data: { n: MANY - 1 }, createdAt: NOW });
  });

  it('fails the write, leaving nothing, when one chunk cannot be stored', async () => {
    const { db, sqlite } = await open();
    const events = eventsOf(MANY);
    // No entity id: refused by the column's NOT NULL, in the first chunk, while the next is encoded.
    events[10] = { ...events[10], entityId: null as unknown as string };

    await expect(db.transaction().execute((trx) => appendEvents(trx, { nodeId: 'node-a', dialect, sqlite }, events, NOW))).rejects.toThrow(/null|NOT NULL/i);
    expect(await readEvents(db, 0, 10)).toEqual([]);
  });
});
