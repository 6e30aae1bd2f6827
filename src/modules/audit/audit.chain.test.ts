import { describe, expect, it } from 'vitest';
import { entryHash, firstBrokenLink, GENESIS } from './audit.chain.js';

function chain(n: number) {
  const rows = [];
  let prev = GENESIS;
  for (let seq = 1; seq <= n; seq++) {
    const e = { seq, at: `2026-01-0${seq}T00:00:00.000Z`, org_id: 'o', actor_id: 'a', action: 'x', target_type: null, target_id: null, details: '{}' };
    const hash = entryHash(prev, e);
    rows.push({ ...e, prev_hash: prev, hash });
    prev = hash;
  }
  return rows;
}

describe('the audit chain', () => {
  it('is whole as written', () => {
    const walked = firstBrokenLink(chain(5));
    expect(walked.count).toBe(5);
    expect(walked.broken).toBeUndefined();
  });

  it('finds an edited entry', () => {
    const rows = chain(5);
    rows[2].details = '{"changed":true}';
    expect(firstBrokenLink(rows).broken).toEqual({ seq: 3, reason: 'hash-mismatch' });
  });

  it('finds a deleted entry at the link after it', () => {
    const rows = chain(5);
    rows.splice(1, 1);
    expect(firstBrokenLink(rows).broken).toEqual({ seq: 3, reason: 'prev-hash-mismatch' });
  });
});
