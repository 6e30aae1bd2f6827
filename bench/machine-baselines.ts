/**
 * Baselines for the figures whose targets are absolute (lookups a second, import rows a second):
 * what this machine's memory and databases do bare, measured in the same run. Shared machines
 * drift widely from day to day; beside these, a slower day shows as a slower baseline, not as a
 * slower fraudx.
 */
import { rmSync } from 'node:fs';
import SQLite from 'better-sqlite3';
import pg from 'pg';
import { SQLITE_PAGE_SIZE } from '../src/db/database.js';
import { LISTING_BATCH } from '../src/modules/imports/import.service.js';
import type { Item } from './data.js';

/**
 * Random 4-byte reads a second from an array of `bytes`, on one core (CPU time): independent
 * addresses, so the processor overlaps them as a batch of lookups does.
 */
export function randomReadsPerSecond(bytes: number, reads: number): number {
  const words = new Int32Array(bytes / 4).fill(1);
  const mask = words.length - 1;
  if ((words.length & mask) !== 0) throw new Error('the array must be a power of two bytes long');
  let sum = 0;
  let x = 12345;
  const started = process.cpuUsage();
  for (let i = 0; i < reads; i++) {
    x = (Math.imul(x, 1103515245) + 12345) | 0;
    sum += words[(x >>> 3) & mask];
  }
  const used = process.cpuUsage(started);
  if (sum !== reads) throw new Error('the reads were not counted');
  return reads / ((used.user + used.system) / 1e6);
}

/**
 * The listings' values inserted bare into a new SQLite file with fraudx's settings (its page size,
 * WAL, synchronous NORMAL): a table with a unique (kind, canonical) index, LISTING_BATCH
 * rows a transaction as fraudx's import writes them, no parsing, merging or change log. Rows a second.
 */
export function bareSqliteInserts(file: string, items: readonly Item[]): number {
  const db = new SQLite(file);
  db.pragma(`page_size = ${SQLITE_PAGE_SIZE}`);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  const started = performance.now();
  db.exec('CREATE TABLE listed (id integer PRIMARY KEY, kind text NOT NULL, canonical text NOT NULL)');
  db.exec('CREATE UNIQUE INDEX listed_value ON listed (kind, canonical)');
  const insert = db.prepare('INSERT INTO listed (kind, canonical) VALUES (?, ?) ON CONFLICT DO NOTHING');
  const write = db.transaction((part: readonly Item[]) => {
    for (const q of part) insert.run(q.kind, q.canonical);
  });
  for (let i = 0; i < items.length; i += LISTING_BATCH) write(items.slice(i, i + LISTING_BATCH));
  db.close();
  const seconds = (performance.now() - started) / 1000;
  rmSync(file, { force: true });
  return items.length / seconds;
}

/** The same, into a new PostgreSQL database (`url`), LISTING_BATCH rows a statement. Rows a second. */
export async function barePostgresInserts(url: string, items: readonly Item[]): Promise<number> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const started = performance.now();
  await client.query('CREATE TABLE listed (id bigserial PRIMARY KEY, kind text NOT NULL, canonical text NOT NULL, UNIQUE (kind, canonical))');
  for (let i = 0; i < items.length; i += LISTING_BATCH) {
    const part = items.slice(i, i + LISTING_BATCH);
    await client.query('INSERT INTO listed (kind, canonical) SELECT * FROM unnest($1::text[], $2::text[]) ON CONFLICT DO NOTHING', [part.map((q) => q.kind), part.map((q) => q.canonical)]);
  }
  const seconds = (performance.now() - started) / 1000;
  await client.end();
  return items.length / seconds;
}
