import { expect } from 'vitest';
import { createApiKey } from '../../src/modules/orgs/orgs.service.js';
import type { Role } from '../../src/modules/policy/roles.js';
import type { TestDialect } from '../support/databases.js';
import { startNode, type TestNode } from '../support/node.js';

/**
 * The fixture every visibility matrix shares: bank A owns every marked object; bank B shares a
 * sharing group with A; bank C shares nothing with A. A string gives one answer per reader, in
 * READERS order: 1 sees it, 0 does not.
 */
export const READERS = ['A.admin', 'A.analyst', 'A.intake', 'A.viewer', 'A.machine', 'B.analyst', 'B.viewer', 'C.analyst', 'C.machine', 'public'] as const;
export type Reader = (typeof READERS)[number];

export interface Case {
  tlp: string;
  distribution: string;
  /** Reports and what they assert: report get, report list, indicator provenance, statistics. */
  sees: string;
  /** The check's `known` (for the public: the public check). */
  known: string;
}

//                                      A: ad an in vi ma  B: an vi  C: an ma  pub
export const CASES: Case[] = [
  { tlp: 'clear', distribution: 'organisation', /*    */ sees: '1111100000', known: '1111100000' },
  { tlp: 'clear', distribution: 'groups', /*          */ sees: '1111111000', known: '1111111000' },
  { tlp: 'clear', distribution: 'community', /*       */ sees: '1111111110', known: '1111111110' },
  { tlp: 'clear', distribution: 'federation', /*      */ sees: '1111111110', known: '1111111110' },
  { tlp: 'clear', distribution: 'public', /*          */ sees: '1111111111', known: '1111111111' },
  { tlp: 'green', distribution: 'organisation', /*    */ sees: '1111100000', known: '1111100000' },
  { tlp: 'green', distribution: 'groups', /*          */ sees: '1111111000', known: '1111111000' },
  { tlp: 'green', distribution: 'community', /*       */ sees: '1111111110', known: '1111111110' },
  { tlp: 'green', distribution: 'federation', /*      */ sees: '1111111110', known: '1111111110' },
  { tlp: 'amber', distribution: 'organisation', /*    */ sees: '1111100000', known: '1111100000' },
  { tlp: 'amber', distribution: 'groups', /*          */ sees: '1111111000', known: '1111111000' },
  { tlp: 'amber', distribution: 'community', /*       */ sees: '1111111110', known: '1111111110' },
  { tlp: 'amber', distribution: 'federation', /*      */ sees: '1111111110', known: '1111111110' },
  { tlp: 'amber+strict', distribution: 'organisation', sees: '1111100000', known: '1111100000' },
  { tlp: 'amber+strict', distribution: 'groups', /*   */ sees: '1111111000', known: '1111111000' },
  // RED is for people named: not read-only viewer accounts, not machines; the check still tells their organisation.
  { tlp: 'red', distribution: 'organisation', /*      */ sees: '1110000000', known: '1111100000' },
  { tlp: 'red', distribution: 'groups', /*            */ sees: '1110010000', known: '1111111000' },
];

/** Whether the reader's column of a flag string says 1. */
export const expected = (flags: string, reader: Reader) => flags[READERS.indexOf(reader)] === '1';

/** The phone number case `i`'s report is about. */
export const phoneOf = (i: number) => `+6681900${String(i).padStart(4, '0')}`;

export interface Marking {
  tlp: string;
  distribution: string;
  groups?: string[];
}

export interface Matrix {
  node: TestNode;
  keys: Record<Reader, string | null>;
  orgs: { a: string; b: string; c: string };
  groupId: string;
  /** Case `i`'s report, made by A's analyst. */
  reportIds: string[];
  /** Case `i`'s marking, as a request body names it. */
  markingOf(i: number): Marking;
}

/**
 * Starts a node with the three banks, a key per reader, A's sharing group with B, and one report
 * per case naming phoneOf(i) and whatever `alsoNamed(i)` adds, marked as the case says.
 */
export async function openMatrix(dialect: TestDialect, options: { alsoNamed?: (i: number) => { value: string }[] } = {}): Promise<Matrix> {
  const node = await startNode(dialect);
  const a = await node.orgWithKey('Bank A', 'TH', 'analyst');
  const b = await node.orgWithKey('Bank B', 'TH', 'analyst');
  const c = await node.orgWithKey('Bank C', 'SG', 'analyst');
  const key = async (orgId: string, role: Role) => (await createApiKey(node.ctx, 'system', orgId, role)).key;
  const keys: Record<Reader, string | null> = {
    'A.admin': await key(a.orgId, 'admin'),
    'A.analyst': a.key,
    'A.intake': await key(a.orgId, 'intake'),
    'A.viewer': await key(a.orgId, 'viewer'),
    'A.machine': await key(a.orgId, 'machine'),
    'B.analyst': b.key,
    'B.viewer': await key(b.orgId, 'viewer'),
    'C.analyst': c.key,
    'C.machine': await key(c.orgId, 'machine'),
    public: null,
  };
  const group = await node.request('POST', '/api/v1/sharing-groups', { key: a.key, body: { name: 'A and B', members: [b.orgId] } });
  expect(group.status).toBe(201);
  const groupId: string = group.body.id;
  const markingOf = (i: number): Marking => {
    const { tlp, distribution } = CASES[i];
    return { tlp, distribution, ...(distribution === 'groups' ? { groups: [groupId] } : {}) };
  };
  const reportIds: string[] = [];
  for (const [i, c] of CASES.entries()) {
    const indicators = [{ value: phoneOf(i) }, ...(options.alsoNamed?.(i) ?? [])];
    const res = await node.request('POST', '/api/v1/reports', { key: a.key, body: { typology: 'investment', summary: `case ${i}`, indicators, marking: markingOf(i) } });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body.marking).toEqual({ tlp: c.tlp, distribution: c.distribution, groups: c.distribution === 'groups' ? [groupId] : [] });
    reportIds.push(res.body.id);
  }
  return { node, keys, orgs: { a: a.orgId, b: b.orgId, c: c.orgId }, groupId, reportIds, markingOf };
}

/** Every object of a TAXII collection the key may read, across pages ('all' for members, 'public' for nobody signed in). */
export async function taxiiObjects(node: TestNode, key: string | null, collection: 'all' | 'public'): Promise<{ type: string; id: string }[]> {
  const headers = { accept: 'application/taxii+json;version=2.1' };
  const objects: { type: string; id: string }[] = [];
  let next: string | undefined;
  do {
    const res = await node.request('GET', `/taxii2/fraudx/collections/${collection}/objects/?limit=1000${next ? `&next=${encodeURIComponent(next)}` : ''}`, { key, headers });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    objects.push(...(res.body.objects ?? []));
    next = res.body.more ? res.body.next : undefined;
  } while (next);
  return objects;
}
