import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshDatabase, type TestDatabase } from '../support/databases.js';
import { type ServeProcess, spawnServe } from '../support/process.js';

// Whether malloc's heap was advised to use huge pages shows in /proc (VmFlags "hg"): Linux only.
function heapAdvised(pid: number | undefined): boolean {
  const smaps = readFileSync(`/proc/${pid}/smaps`, 'utf8');
  const heap = smaps.slice(smaps.indexOf('[heap]'));
  return / hg\b/u.test(heap.slice(0, heap.indexOf('\nVmFlags:') + 200).split('\n').find((l) => l.startsWith('VmFlags:')) ?? '');
}

describe.skipIf(process.platform !== 'linux')('the fraudx launcher', () => {
  let db: TestDatabase;
  let serve: ServeProcess;
  beforeAll(async () => {
    db = await freshDatabase('sqlite');
    serve = await spawnServe([], { FRAUDX_DATA: db.dataDir, DATABASE_URL: '', FRAUDX_LOG_LEVEL: 'info' });
  });
  afterAll(async () => {
    await serve?.stop();
    await db?.drop();
  });

  it('runs serve as one process whose malloc asks for huge pages', async () => {
    expect(heapAdvised(serve.child.pid)).toBe(true);
    // `exec`: the process the launcher started is node itself, serving.
    expect(readFileSync(`/proc/${serve.child.pid}/comm`, 'utf8').trim()).toBe('node');
    expect((await fetch(`${serve.url}/health`)).status).toBe(200);
  });
});
