import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import type SQLite from 'better-sqlite3';
import { beforeEach, describe, expect, it } from 'vitest';
import { storagePerTest } from '../../test/support/databases.js';
import { threadsAtNiceness, threadsVisible } from '../../test/support/threads.js';
import { WalCheckpointer } from './wal-checkpointer.js';

describe('checkpointing a SQLite log in a thread of its own', () => {
  const storage = storagePerTest('sqlite');
  let writer: SQLite.Database;
  let file: string;

  beforeEach(async () => {
    const opened = await storage();
    writer = opened.sqlite!;
    file = opened.file!;
    writer.exec('CREATE TABLE rows (id INTEGER PRIMARY KEY, body TEXT NOT NULL)');
    // As an import's statements set it (indicators.bulk-sql.ts): 64 MB of 32 KB pages.
    writer.pragma('wal_autocheckpoint = 2048');
  });
  const pragma = (name: string) => writer.pragma(name, { simple: true });

  it('copies each commit into the database while the writer only appends to the log, and gives the writer its checkpoints back', async () => {
    const errors: Error[] = [];
    const checkpointer = new WalCheckpointer(writer, file, (err) => errors.push(err));
    // The writer's own fallback: 256 MB of log, far more than this test writes.
    expect(pragma('wal_autocheckpoint')).toBe(8192);
    const sizeBefore = statSync(file).size;
    const insert = writer.prepare('INSERT INTO rows (body) VALUES (?)');
    const commit = writer.transaction((from: number) => {
      for (let i = 0; i < 2000; i++) insert.run(`row ${from + i} ${'x'.repeat(400)}`);
    });
    for (let batch = 0; batch < 5; batch++) {
      commit(batch * 2000);
      checkpointer.committed();
    }
    await checkpointer.settled();
    // Some 4 MB went into the log; the database file grew only by the thread's checkpoints.
    expect(checkpointer.stats.checkpoints).toBeGreaterThanOrEqual(1);
    expect(checkpointer.stats.frames).toBeGreaterThan(0);
    expect(statSync(file).size).toBeGreaterThan(sizeBefore + 4_000_000);
    // Nothing left for the writer to copy: every frame of the log is in the database already.
    const [left] = writer.pragma('wal_checkpoint(PASSIVE)') as { busy: number; log: number; checkpointed: number }[];
    expect(left.log).toBe(left.checkpointed);
    // On Linux the thread runs at a lower priority than the writer (niceness 10).
    if (threadsVisible) expect(threadsAtNiceness(10)).toBeGreaterThanOrEqual(1);

    await checkpointer.stop();
    expect(pragma('wal_autocheckpoint')).toBe(2048);
    expect(errors).toEqual([]);
    expect(writer.prepare('SELECT count(*) FROM rows').pluck().get()).toBe(10_000);
    expect(pragma('integrity_check')).toBe('ok');
  });

  it('leaves the checkpoints to the writer when its thread cannot open the database, and makes none', async () => {
    const errors: Error[] = [];
    const missing = path.join(path.dirname(file), 'missing.sqlite');
    const checkpointer = new WalCheckpointer(writer, missing, (err) => errors.push(err));
    await expect.poll(() => errors.length, { timeout: 30_000 }).toBe(1);
    expect(errors[0].message).toMatch(/SQLITE_CANTOPEN/);
    expect(existsSync(missing)).toBe(false);
    expect(pragma('wal_autocheckpoint')).toBe(2048);
    // Asked after a commit, it does nothing, and stops at once.
    writer.exec("INSERT INTO rows (body) VALUES ('after')");
    checkpointer.committed();
    await checkpointer.settled();
    await checkpointer.stop();
    expect(checkpointer.stats.checkpoints).toBe(0);
    expect(writer.prepare('SELECT count(*) FROM rows').pluck().get()).toBe(1);
  });
});
