import type { Transaction } from 'kysely';
import type { Database } from '../db/schema.js';
import { StatementQueue } from '../db/statement-queue.js';
import { appendEvents, type ChangeEvent, lockWrites } from '../log/change-log.js';
import type { AppContext } from './context.js';

export type Emit = (event: ChangeEvent) => void;

/**
 * Runs one write: the caller's changes and the change-log events they emit commit together or
 * not at all. Afterwards this process's feed is woken so its index sees the write at once. Work
 * that sends large statements through `queue` may leave the last of them running when it returns.
 */
export async function write<T>(
  ctx: AppContext,
  work: (trx: Transaction<Database>, emit: Emit, queue: StatementQueue) => Promise<T>,
): Promise<T> {
  const result = await ctx.storage.db.transaction().execute(async (trx) => {
    // Taken first, so that two processes adding the same new indicator do not race.
    if (ctx.storage.dialect === 'postgres') await lockWrites(trx);
    const events: ChangeEvent[] = [];
    // Statements the work leaves running (StatementQueue) are followed by the events' own.
    const queue = new StatementQueue();
    const value = await work(trx, (e) => events.push(e), queue);
    await appendEvents(trx, { nodeId: ctx.node.id, dialect: ctx.storage.dialect, sqlite: ctx.storage.sqlite }, events, ctx.clock.now().toISOString(), queue);
    return value;
  });
  await ctx.feed.catchUp();
  return result;
}
