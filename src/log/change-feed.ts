import type pg from 'pg';
import type { Logger } from 'pino';
import { postgresClient, type Storage } from '../db/database.js';
import { CHANGE_CHANNEL, lastSeq, type LoggedEvent, readEvents } from './change-log.js';

export type ChangeHandler = (events: LoggedEvent[]) => void;

const BATCH = 5000;

/**
 * Tails the change log from a cursor and hands each new event to every subscriber, in order.
 * It reads when woken (a local write, or PostgreSQL's NOTIFY from another process) and, as a
 * safety net for writers that cannot notify (an import on the same SQLite file), on a timer.
 */
export class ChangeFeed {
  private cursor: number;
  private readonly handlers = new Set<ChangeHandler>();
  private timer: NodeJS.Timeout | undefined;
  private listener: pg.Client | undefined;
  private running: Promise<void> | undefined;
  private again = false;
  private stopped = false;

  constructor(
    private readonly storage: Storage,
    private readonly log: Logger,
    startAfter: number,
    private readonly pollMs = 500,
  ) {
    this.cursor = startAfter;
  }

  get position(): number {
    return this.cursor;
  }

  subscribe(handler: ChangeHandler): () => void {
    this.handlers.add(handler);
    return () => this.handlers.delete(handler);
  }

  async start(): Promise<void> {
    if (this.storage.dialect === 'postgres' && this.storage.url) {
      this.listener = new (postgresClient().Client)({ connectionString: this.storage.url });
      this.listener.on('notification', () => this.wake());
      this.listener.on('error', (err) => this.log.warn({ err: err.message }, 'change feed listener failed; polling'));
      await this.listener.connect();
      await this.listener.query(`LISTEN ${CHANGE_CHANNEL}`);
    }
    this.timer = setInterval(() => this.wake(), this.pollMs);
    this.timer.unref();
  }

  /** Reads whatever is new; concurrent wakes coalesce into one more read. */
  wake(): Promise<void> {
    if (this.stopped) return Promise.resolve();
    if (this.running) {
      this.again = true;
      return this.running;
    }
    this.running = this.drain().finally(() => {
      this.running = undefined;
      if (this.again) {
        this.again = false;
        void this.wake();
      }
    });
    return this.running;
  }

  /** Resolves once every event committed before the call has been handed to subscribers. */
  async catchUp(): Promise<void> {
    // A read already under way may have started before the caller's commit: let it finish,
    // then start one that surely sees it.
    while (this.running) await this.running;
    await this.wake();
  }

  private async drain(): Promise<void> {
    try {
      if (this.handlers.size === 0) {
        // Nobody listens (a one-shot command): only the position matters.
        this.cursor = Math.max(this.cursor, await lastSeq(this.storage.db));
        return;
      }
      for (;;) {
        const events = await readEvents(this.storage.db, this.cursor, BATCH);
        if (events.length === 0) return;
        for (const handler of this.handlers) handler(events);
        this.cursor = events[events.length - 1].seq;
        if (events.length < BATCH) return;
      }
    } catch (err) {
      if (!this.stopped) this.log.warn({ err: (err as Error).message }, 'reading the change log failed; will retry');
    }
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    await this.running;
    await this.listener?.end().catch(() => undefined);
  }
}
