import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readSnapshot, writeSnapshot } from './index-snapshot.js';
import { CompactLookupIndex } from './lookup-index.js';

const dir = mkdtempSync(path.join(tmpdir(), 'fraudx-snapshot-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function sample(): CompactLookupIndex {
  const index = new CompactLookupIndex();
  for (let i = 0; i < 3000; i++) {
    index.put({
      kind: i % 2 ? 'phone' : 'url',
      canonical: i % 2 ? `+6681${String(i).padStart(7, '0')}` : `https://ตัวอย่าง.example/${i}`,
      status: i % 7 ? 'active' : 'disputed',
      score: i % 101,
      reports: i === 5 ? 70_000 : (i % 5) + 1,
      organisations: 1,
      countries: i % 3 ? ['TH'] : ['KH', 'TH'],
      typologies: ['investment'],
      firstSeen: '2025-01-01T00:00:00.000Z',
      lastSeen: new Date(Date.UTC(2025, 0, 1) + i * 1000).toISOString(),
      ...(i % 11 === 0 ? { visibleTo: [`org-${i % 3}`] } : {}),
    });
  }
  index.delete('phone', '+66810000001');
  return index;
}

describe('the check index snapshot', () => {
  const file = path.join(dir, 'index.snapshot');
  const key = { nodeId: 'node-a', seq: 42 };

  it('reads back an index that answers exactly as the one written, with room to grow', () => {
    const original = sample();
    writeSnapshot(file, original, key);
    const read = readSnapshot(file, { nodeId: 'node-a', maxSeq: 50 }, () => 10);
    if (!('index' in read)) throw new Error(read.stale);
    expect(read.seq).toBe(42);
    const loaded = read.index;
    expect(loaded.size).toBe(original.size);
    for (let i = 0; i < 3000; i++) {
      const [kind, canonical] = i % 2 ? ['phone', `+6681${String(i).padStart(7, '0')}`] : ['url', `https://ตัวอย่าง.example/${i}`];
      expect(loaded.get(kind, canonical)).toEqual(original.get(kind, canonical));
    }
    for (let i = 0; i < 50; i++) loaded.put({ ...original.get('phone', '+66810000003')!, canonical: `+1415555${String(i).padStart(4, '0')}` });
    expect(loaded.get('phone', '+14155550049')?.reports).toBe(4);
    expect(loaded.size).toBe(original.size + 50);
  });

  it('is stale for another database, ahead of the log, or damaged', () => {
    writeSnapshot(file, sample(), key);
    expect(readSnapshot(file, { nodeId: 'node-b', maxSeq: 50 }, () => 0)).toEqual({ stale: 'snapshot of another database' });
    expect(readSnapshot(file, { nodeId: 'node-a', maxSeq: 41 }, () => 0)).toEqual({ stale: 'snapshot ahead of the change log' });
    expect(readSnapshot(path.join(dir, 'none'), { nodeId: 'node-a', maxSeq: 50 }, () => 0)).toEqual({ stale: 'no snapshot' });
    const bytes = readFileSync(file);
    writeFileSync(file, bytes.subarray(0, bytes.length - 100));
    expect(readSnapshot(file, { nodeId: 'node-a', maxSeq: 50 }, () => 0)).toMatchObject({ stale: expect.stringContaining('unreadable') });
    writeFileSync(file, 'not a snapshot at all');
    expect(readSnapshot(file, { nodeId: 'node-a', maxSeq: 50 }, () => 0)).toMatchObject({ stale: expect.stringContaining('unreadable') });
  });
});
