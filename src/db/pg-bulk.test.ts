import { sql } from 'kysely';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshDatabase, type TestDatabase } from '../../test/support/databases.js';
import { openStorage, type Storage } from './database.js';
import { arrayLiteral } from './pg-arrays.js';
import { StatementQueue } from './statement-queue.js';

describe('bulk statements on PostgreSQL', () => {
  let database: TestDatabase;
  let storage: Storage;
  beforeAll(async () => {
    database = await freshDatabase('postgres');
    storage = openStorage({ databaseUrl: database.databaseUrl, dataDir: database.dataDir });
  });
  afterAll(async () => {
    await storage?.close();
    await database?.drop();
  });

  it('reads every array literal back as the values it was made of', async () => {
    const awkward = ['', 'NULL', 'null', '"', '\\', '\\"', 'a,b', '{x}', ' padded ', 'ยินดี', '😀', 'tab\there', 'new\nline', "it's"];
    const { rows } = await sql<{ texts: (string | null)[]; plain: string[]; numbers: number[]; big: string[] }>`
      SELECT ${arrayLiteral([...awkward, null, undefined])}::text[] AS texts, ${arrayLiteral(['a', 'b"c', 'd\\e', ''])}::text[] AS plain,
        ${arrayLiteral([0, -7, 2147483647, null])}::integer[] AS numbers, ${arrayLiteral([2n ** 62n, null, -1n])}::bigint[] AS big`.execute(storage.db);
    // Control characters and bigints take the element-by-element path; the rest JSON's.
    expect(rows[0].texts).toEqual([...awkward, null, null]);
    expect(rows[0].plain).toEqual(['a', 'b"c', 'd\\e', '']);
    expect(rows[0].numbers).toEqual([0, -7, 2147483647, null]);
    expect(rows[0].big).toEqual([String(2n ** 62n), null, '-1']);
    // Any text without NUL, which PostgreSQL's text cannot hold.
    const texts = fc.array(fc.oneof(fc.string({ unit: 'binary' }), fc.string({ unit: fc.constantFrom('a', '"', '\\', ',', '{', '}', ' ', 'é') }), fc.constantFrom('NULL', 'null')).filter((t) => !t.includes('\u0000')), { maxLength: 20 });
    await fc.assert(
      fc.asyncProperty(texts, async (values) => {
        const back = await sql<{ a: string[] }>`SELECT ${arrayLiteral(values)}::text[] AS a`.execute(storage.db);
        expect(back.rows[0].a).toEqual(values);
      }),
      { numRuns: 200 },
    );
  });

  it('runs queued statements in the order given, and stops at the first that fails', async () => {
    await storage.db.transaction().execute(async (trx) => {
      await sql`CREATE TEMP TABLE queued (n integer) ON COMMIT DROP`.execute(trx);
      const queue = new StatementQueue();
      for (let n = 1; n <= 5; n++) await queue.send(() => sql`INSERT INTO queued SELECT ${n}::integer + coalesce(max(n), 0) * 10 FROM queued`.execute(trx));
      await queue.settled();
      // Each statement saw every one before it.
      const { rows } = await sql<{ n: number }>`SELECT max(n) AS n FROM queued`.execute(trx);
      expect(rows[0].n).toBe(12345);
    });
    let ranAfterFailure = false;
    const failing = storage.db.transaction().execute(async (trx) => {
      const queue = new StatementQueue();
      await queue.send(() => sql`SELECT 1 / 0`.execute(trx));
      // The failure comes back to the next statement sent, which is not run.
      await queue.send(() => {
        ranAfterFailure = true;
        return sql`SELECT 1`.execute(trx);
      });
    });
    await expect(failing).rejects.toThrow(/division by zero/);
    expect(ranAfterFailure).toBe(false);
    const queue = new StatementQueue();
    await queue.send(() => sql`SELECT 1 / 0`.execute(storage.db));
    await expect(queue.settled()).rejects.toThrow(/division by zero/);
  });
});
