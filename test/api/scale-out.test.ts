import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshDatabase, type TestDatabase } from '../support/databases.js';
import { type ServeProcess, spawnServe } from '../support/process.js';

describe('two serve processes on one PostgreSQL', () => {
  let db: TestDatabase;
  let a: ServeProcess;
  let b: ServeProcess;
  let key: string;
  beforeAll(async () => {
    db = await freshDatabase('postgres');
    const env = { DATABASE_URL: db.databaseUrl!, FRAUDX_DATA: db.dataDir, FRAUDX_LOG_LEVEL: 'info' };
    a = await spawnServe([], env);
    b = await spawnServe([], env);
    key = readFileSync(path.join(db.dataDir, 'initial-admin-key'), 'utf8').trim();
  });
  afterAll(async () => {
    await a?.stop();
    await b?.stop();
    await db?.drop();
  });

  const check = async (url: string, value: string) => {
    const res = await fetch(`${url}/api/v1/check`, {
      method: 'POST',
      headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
      body: JSON.stringify({ items: [{ value }] }),
    });
    return ((await res.json()) as { results: { known: boolean; reports?: number }[] }).results[0];
  };

  it('answers through one process what was reported through the other, within a second', async () => {
    for (const [writer, reader, value] of [[a, b, '+66899990001'], [b, a, '+66899990002']] as const) {
      expect((await check(reader.url, value)).known).toBe(false);
      const res = await fetch(`${writer.url}/api/v1/reports`, {
        method: 'POST',
        headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
        body: JSON.stringify({ typology: 'call-centre', indicators: [{ value }] }),
      });
      expect(res.status).toBe(201);
      const written = Date.now();
      let answer = await check(reader.url, value);
      while (!answer.known && Date.now() - written < 1000) {
        await new Promise((r) => setTimeout(r, 25));
        answer = await check(reader.url, value);
      }
      expect(answer).toMatchObject({ known: true, reports: 1 });
    }
  });
});
