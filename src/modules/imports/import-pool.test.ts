import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { threadsAtNiceness, threadsVisible } from '../../../test/support/threads.js';
import { type ParseCounts, parseThreads, readJsonBlocks } from './import-pool.js';
import type { ReadBlock } from './listing-rows.js';

describe('reading a JSON Lines import in parse threads', () => {
  it('parses a small file in the writing thread, a large one in threads that leave the writer a core', () => {
    expect(parseThreads(1024 * 1024, {})).toBe(0);
    expect(parseThreads(64 * 1024 * 1024, {})).toBe(Math.max(1, Math.min(4, availableParallelism() - 1)));
    expect(parseThreads(64 * 1024 * 1024, { FRAUDX_IMPORT_THREADS: '0' })).toBe(0);
    expect(parseThreads(1024, { FRAUDX_IMPORT_THREADS: '3' })).toBe(3);
    expect(parseThreads(1024, { FRAUDX_IMPORT_THREADS: 'many' })).toBe(0);
  });

  const dir = mkdtempSync(path.join(tmpdir(), 'fraudx-pool-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('reads the first blocks itself while the threads start, then hands blocks to them, in file order', async () => {
    // About 4 MB: some sixteen blocks of 256 KB.
    const lines = 100_000;
    const file = path.join(dir, 'listings.jsonl');
    const rows: string[] = [];
    for (let i = 0; i < lines; i++) rows.push(JSON.stringify({ value: `08${String(i).padStart(8, '0')}`, country: 'TH', typology: 'investment' }));
    writeFileSync(file, `${rows.join('\n')}\n`);

    const counts: ParseCounts = { threadsStarted: 0, inThisThread: 0, inThreads: 0 };
    const blocks = readJsonBlocks(file, { orgId: 'org-1', country: 'TH' }, 2, undefined, counts);
    const read: ReadBlock[] = [];
    const first = await blocks.next();
    read.push(first.value as ReadBlock);
    // Nothing waited for the threads: the blocks taken so far were read in this thread, none of
    // them by a thread before it had started. (On a loaded machine a thread can start while this
    // one reads the first twelve blocks; the later ones then go to it, as they should.)
    expect(counts.inThisThread).toBeGreaterThan(0);
    if (counts.threadsStarted === 0) expect(counts.inThreads).toBe(0);
    await expect.poll(() => counts.threadsStarted, { timeout: 60_000 }).toBe(2);
    // On Linux the parse threads run at a lower priority than the writer (niceness 10).
    if (threadsVisible) expect(threadsAtNiceness(10)).toBeGreaterThanOrEqual(2);
    for await (const block of blocks) read.push(block);

    expect(counts.inThreads).toBeGreaterThan(0);
    expect(counts.inThisThread + counts.inThreads).toBe(read.length);
    const listings = read.flatMap((b) => b.listings);
    expect(read.reduce((n, b) => n + b.rows, 0)).toBe(lines);
    expect(read.flatMap((b) => b.rejections)).toEqual([]);
    expect(listings.map((l) => l.line)).toEqual(Array.from({ length: lines }, (_, i) => i + 1));
    // Exactly what this thread reads alone.
    const alone: ReadBlock[] = [];
    for await (const block of readJsonBlocks(file, { orgId: 'org-1', country: 'TH' }, 0)) alone.push(block);
    expect(listings).toEqual(alone.flatMap((b) => b.listings));
    expect(listings[0]).toMatchObject({ kind: 'phone', canonical: '+66800000000', typology: 'investment', country: 'TH' });
    expect(listings.at(-1)).toMatchObject({ kind: 'phone', canonical: `+668${String(lines - 1).padStart(8, '0')}` });
  });
});
