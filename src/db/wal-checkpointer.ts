import type SQLite from 'better-sqlite3';
import type { Worker } from 'node:worker_threads';
import { startWorker } from '../shared/workers.js';
import type { CheckpointRequest, CheckpointResult } from './wal-checkpoint.worker.js';

/**
 * The writer's own safety net while a checkpoint thread runs: past this much write-ahead log it
 * checkpoints at commit itself, as it always does, should the thread fall behind.
 */
const FALLBACK_WAL_BYTES = 256 * 1024 * 1024;

/**
 * Checkpoints a SQLite database's write-ahead log in a thread of its own while one connection
 * writes a lot (a large import). SQLite otherwise checkpoints in the committing connection: every
 * 64 MB of log it copies the pages into the database and syncs it, all inside a commit, on the
 * thread that would be preparing the next batch. Here the writer only appends to the log, and
 * after each commit the thread copies it into the database with a passive checkpoint (which takes
 * no lock the writer needs), on the core the writer leaves free. Durability is SQLite's own: the
 * checkpoint syncs as it would in the writer.
 */
export class WalCheckpointer {
  /** Passive checkpoints done, and the log frames they found. */
  readonly stats = { checkpoints: 0, frames: 0 };
  private readonly worker: Worker;
  private readonly writerLimit: number;
  private running = false;
  private again = false;
  private failed = false;
  private idle: (() => void)[] = [];
  private readonly exited: Promise<void>;

  constructor(
    private readonly writer: SQLite.Database,
    file: string,
    private readonly onError: (err: Error) => void,
  ) {
    this.writerLimit = writer.pragma('wal_autocheckpoint', { simple: true }) as number;
    const pageSize = writer.pragma('page_size', { simple: true }) as number;
    writer.pragma(`wal_autocheckpoint = ${Math.max(this.writerLimit, Math.ceil(FALLBACK_WAL_BYTES / pageSize))}`);
    this.worker = startWorker(import.meta.url, 'wal-checkpoint.worker', { file });
    this.worker.on('message', (result: CheckpointResult) => this.done(result));
    this.worker.on('error', (err: unknown) => this.fail(asError(err)));
    this.exited = new Promise((resolve) => this.worker.once('exit', () => resolve()));
  }

  /** After a commit: a checkpoint starts, or follows the one under way. */
  committed(): void {
    if (this.failed) return;
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = true;
    this.worker.postMessage('checkpoint' satisfies CheckpointRequest);
  }

  /** Resolves once no checkpoint is under way or asked for. */
  settled(): Promise<void> {
    if (!this.running || this.failed) return Promise.resolve();
    return new Promise((resolve) => this.idle.push(resolve));
  }

  /** Waits for the checkpoint under way, closes the thread's connection, and gives the writer its own checkpoints back. */
  async stop(): Promise<void> {
    await this.settled();
    this.restore();
    if (!this.failed) this.worker.postMessage('close' satisfies CheckpointRequest);
    await this.exited;
  }

  private done(result: CheckpointResult): void {
    this.stats.checkpoints += 1;
    this.stats.frames += result.log;
    this.running = false;
    if (this.again) {
      this.again = false;
      this.committed();
      return;
    }
    for (const resolve of this.idle.splice(0)) resolve();
  }

  private fail(err: Error): void {
    this.failed = true;
    this.running = false;
    // The writer checkpoints for itself again: nothing is lost but the time.
    this.restore();
    this.onError(err);
    for (const resolve of this.idle.splice(0)) resolve();
  }

  private restore(): void {
    if (this.writer.open) this.writer.pragma(`wal_autocheckpoint = ${this.writerLimit}`);
  }
}

/** A thread's failure as an Error: SQLite's errors cross from a thread as plain objects with only their code. */
function asError(err: unknown): Error {
  if (err instanceof Error) return err;
  const code = (err as { code?: unknown } | null)?.code;
  return new Error(`the checkpoint thread failed${typeof code === 'string' ? ` (${code})` : ''}`);
}
