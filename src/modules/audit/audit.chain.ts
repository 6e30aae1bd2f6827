import { createHash } from 'node:crypto';
import type { Selectable } from 'kysely';
import type { AuditLogTable } from '../../db/schema.js';

export const GENESIS = '0'.repeat(64);

export type AuditFields = Omit<AuditLogTable, 'seq' | 'hash' | 'prev_hash'> & { seq: number };

/**
 * The hash of one entry: SHA-256 over the previous entry's hash and a canonical serialisation of
 * this one (a JSON array in a fixed order, so no key order or whitespace can change it).
 */
export function entryHash(prevHash: string, e: AuditFields): string {
  const canonical = JSON.stringify([e.seq, e.at, e.org_id, e.actor_id, e.action, e.target_type, e.target_id, e.details]);
  return createHash('sha256').update(prevHash).update('\n').update(canonical).digest('hex');
}

export interface BrokenLink {
  seq: number;
  reason: 'hash-mismatch' | 'prev-hash-mismatch';
}

/**
 * Walks entries in sequence order from the hash that precedes the first one and returns the first
 * broken link: an entry whose stored hash is not the hash of its content, or that does not
 * point at the entry before it. Deleting a row breaks the next link; editing one breaks its own.
 */
export function firstBrokenLink(rows: Iterable<Selectable<AuditLogTable>>, startPrev = GENESIS): { broken?: BrokenLink; last: string; count: number } {
  let prev = startPrev;
  let count = 0;
  for (const row of rows) {
    const seq = Number(row.seq);
    if (row.prev_hash !== prev) return { broken: { seq, reason: 'prev-hash-mismatch' }, last: prev, count };
    if (entryHash(prev, { ...row, seq }) !== row.hash) return { broken: { seq, reason: 'hash-mismatch' }, last: prev, count };
    prev = row.hash;
    count++;
  }
  return { last: prev, count };
}
