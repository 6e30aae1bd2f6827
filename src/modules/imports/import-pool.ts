import { createReadStream } from 'node:fs';
import { availableParallelism } from 'node:os';
import type { Worker } from 'node:worker_threads';
import { startWorker } from '../../shared/workers.js';
import type { ParseTask, WorkerMessage } from './import.worker.js';
import { type ImporterFacts, type ReadBlock, readJsonLines } from './listing-rows.js';

/** About this many characters of JSON Lines make one block, the unit of work of a parse thread. */
const BLOCK_CHARS = 256 * 1024;

/**
 * Blocks read ahead of the writer: more than a write batch's worth (25,000 listings are some eight
 * blocks), so the parse threads read the next batch while the writer commits this one.
 */
const BLOCKS_AHEAD = 12;

/** From this size on, an import is worth threads of its own: starting one costs a second or so. */
export const LARGE_IMPORT_BYTES = 16 * 1024 * 1024;

/**
 * How many threads parse an import, beside the thread that writes: a tenth of the work or so,
 * as the writes are the rest. The writer keeps a core to itself: on two cores, one parse thread
 * imports a million rows faster than two, which take turns on the writer's core.
 * `FRAUDX_IMPORT_THREADS=0` parses in the writing thread, as small files do.
 */
export function parseThreads(fileBytes: number, env: NodeJS.ProcessEnv = process.env): number {
  if (env.FRAUDX_IMPORT_THREADS !== undefined) return Math.max(0, Math.min(16, Number(env.FRAUDX_IMPORT_THREADS) || 0));
  // Starting a thread (loading the parsers) costs a second or so: worth it for large files only.
  if (fileBytes < LARGE_IMPORT_BYTES) return 0;
  return Math.max(1, Math.min(4, availableParallelism() - 1));
}

/**
 * Streams a JSON Lines file as read blocks, in file order, parsed by `threads` worker threads
 * (or in this thread when 0). A bounded number of blocks is in flight, so memory stays flat
 * however large the file.
 */
export async function* readJsonBlocks(
  file: string,
  importer: ImporterFacts,
  threads: number,
  onBytes?: (bytes: number) => void,
  counts: ParseCounts = { threadsStarted: 0, inThisThread: 0, inThreads: 0 },
): AsyncGenerator<ReadBlock> {
  const pool = threads > 0 ? new ParsePool(threads, importer, counts) : undefined;
  const inFlight: Promise<ReadBlock>[] = [];
  // Read in this thread, a block ahead is only memory.
  const window = pool ? Math.max(BLOCKS_AHEAD, threads * 3) : 2;
  try {
    for await (const { text, firstLine } of textBlocks(file, onBytes)) {
      const block = pool ? pool.parse(text, firstLine) : Promise.resolve(readHere(text, firstLine, importer, counts));
      // Handled when its turn comes; until then a thread's failure must not count as unheard.
      block.catch(() => undefined);
      inFlight.push(block);
      if (inFlight.length >= window) yield await inFlight.shift()!;
    }
    while (inFlight.length > 0) yield await inFlight.shift()!;
  } finally {
    // Settle what is left before the threads go, so no rejection goes unheard.
    await Promise.allSettled(inFlight);
    await pool?.close();
  }
}

/** Where an import's blocks were read: in worker threads, or in this one. */
export interface ParseCounts {
  threadsStarted: number;
  inThisThread: number;
  inThreads: number;
}

function readHere(text: string, firstLine: number, importer: ImporterFacts, counts: ParseCounts): ReadBlock {
  counts.inThisThread += 1;
  return readJsonLines(text, firstLine, importer);
}

/** Whole lines of the file in blocks of about BLOCK_CHARS, each with the number of its first line. */
async function* textBlocks(file: string, onBytes?: (bytes: number) => void): AsyncGenerator<{ text: string; firstLine: number }> {
  const stream = createReadStream(file, { highWaterMark: BLOCK_CHARS });
  let pending = '';
  let nextLine = 1;
  const take = (text: string) => {
    const block = { text, firstLine: nextLine };
    nextLine += countLines(text);
    return block;
  };
  stream.setEncoding('utf8');
  for await (const chunk of stream as AsyncIterable<string>) {
    onBytes?.(Buffer.byteLength(chunk));
    pending += chunk;
    if (pending.length < BLOCK_CHARS) continue;
    const end = pending.lastIndexOf('\n');
    if (end < 0) continue;
    const text = pending.slice(0, end);
    pending = pending.slice(end + 1);
    yield take(text);
  }
  if (pending !== '') yield take(pending);
}

function countLines(text: string): number {
  let n = 1;
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) n += 1;
  return n;
}

/**
 * Worker threads that each read blocks with `readJsonLines`; tasks go to the least busy one that
 * has started. A thread takes about a second to load the parsers, in which this thread, with
 * nothing yet to write, reads the first blocks itself.
 */
class ParsePool {
  private readonly workers: { worker: Worker; busy: number; started: boolean }[] = [];
  private readonly waiting = new Map<number, { resolve(b: ReadBlock): void; reject(e: Error): void }>();
  private nextId = 0;
  /** A thread that failed, even before it started, fails the import rather than leaving it to this thread. */
  private failure: Error | undefined;

  constructor(
    threads: number,
    private readonly importer: ImporterFacts,
    private readonly counts: ParseCounts,
  ) {
    for (let i = 0; i < threads; i++) {
      const worker = startWorker(import.meta.url, 'import.worker', { importer });
      const slot = { worker, busy: 0, started: false };
      worker.on('message', (m: WorkerMessage) => {
        if ('started' in m) {
          slot.started = true;
          counts.threadsStarted += 1;
          return;
        }
        slot.busy -= 1;
        this.waiting.get(m.id)?.resolve(m.block);
        this.waiting.delete(m.id);
      });
      worker.on('error', (err) => this.failAll(err));
      worker.on('exit', (code) => {
        if (code !== 0) this.failAll(new Error(`an import parse thread stopped with code ${code}`));
      });
      this.workers.push(slot);
    }
  }

  parse(text: string, firstLine: number): Promise<ReadBlock> {
    if (this.failure) return Promise.reject(this.failure);
    const started = this.workers.filter((w) => w.started);
    if (started.length === 0) return Promise.resolve(readHere(text, firstLine, this.importer, this.counts));
    this.counts.inThreads += 1;
    const id = this.nextId++;
    const slot = started.reduce((a, b) => (b.busy < a.busy ? b : a));
    slot.busy += 1;
    return new Promise((resolve, reject) => {
      this.waiting.set(id, { resolve, reject });
      slot.worker.postMessage({ id, text, firstLine } satisfies ParseTask);
    });
  }

  private failAll(err: Error): void {
    this.failure ??= err;
    for (const w of this.waiting.values()) w.reject(err);
    this.waiting.clear();
  }

  async close(): Promise<void> {
    await Promise.all(this.workers.map((w) => w.worker.terminate()));
  }
}
