import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KIND_DEFINITIONS } from '../../src/modules/requests/kinds/registry.js';
import { statesOf } from '../../src/modules/requests/kinds/kind.js';
import { DIALECTS } from '../support/databases.js';
import { startNode, type TestNode } from '../support/node.js';
import { send, validBody } from './support.js';

/** A body carrying whatever the move needs. */
function moveBody(to: string, requires: readonly string[], legId: string | undefined): Record<string, unknown> {
  const body: Record<string, unknown> = { to };
  const future = new Date(Date.now() + 400 * 86_400_000).toISOString();
  for (const field of requires) {
    if (field === 'ground') body.ground = 'other';
    if (field === 'reason') body.reason = 'stated reason';
    if (field === 'answer') body.answer = 'our answer';
    if (field === 'legs') body.legs = [{ id: legId, status: 'held', held: '0.00' }];
    if (field === 'returns') body.returns = [{ legId, amount: '0.00' }];
    if (field === 'extension') body.extension = { until: future, order: { authority: 'Criminal Court', reference: 'ORD-1' } };
    if (field === 'order') body.order = { authority: 'Criminal Court', reference: 'ORD-2' };
  }
  return body;
}

const edges = Object.values(KIND_DEFINITIONS).flatMap((def) =>
  Object.entries(def.moves).flatMap(([from, tos]) => Object.entries(tos).map(([to, move]) => ({ kind: def.kind, from, to, by: move.by, requires: move.requires ?? [] }))),
);

describe.each(DIALECTS)('request state machines on %s', (dialect) => {
  let node: TestNode;
  let police: { orgId: string; key: string };
  let bank: { orgId: string; key: string };
  let other: { orgId: string; key: string };

  beforeAll(async () => {
    node = await startNode(dialect);
    police = await node.orgWithKey('Police', 'TH', 'analyst', 'law-enforcement');
    bank = await node.orgWithKey('Bank', 'TH', 'analyst', 'bank');
    other = await node.orgWithKey('Other bank', 'TH', 'analyst', 'bank');
  });
  afterAll(async () => node?.close());

  /** A fresh request of the kind, put straight into `state`. */
  async function requestIn(kind: string, state: string): Promise<{ id: string; legId?: string }> {
    const made = await send(node, police.key, validBody(kind, bank.orgId));
    await node.ctx.storage.db.updateTable('requests').set({ state }).where('id', '=', made.id).execute();
    return { id: made.id, legId: made.legs?.[0]?.id };
  }

  it('allows every move in every kind\'s table, to the party it names, with what it needs', async () => {
    let made = 0;
    for (const e of edges) {
      const party = e.by.find((p) => p !== 'system');
      if (!party) continue;
      const { id, legId } = await requestIn(e.kind, e.from);
      const key = party === 'sender' ? police.key : bank.key;
      const res = await node.request('POST', `/api/v1/requests/${id}/transitions`, { key, body: moveBody(e.to, e.requires, legId) });
      expect({ edge: `${e.kind}: ${e.from} → ${e.to}`, status: res.status, state: res.body.state }).toEqual({ edge: `${e.kind}: ${e.from} → ${e.to}`, status: 200, state: e.to });
      made += 1;
    }
    expect(made).toBeGreaterThan(80);
  });

  it('refuses, with 409 invalid-transition, moves by the wrong party, moves only the clock makes, and moves not in the table', async () => {
    for (const e of edges) {
      const { id, legId } = await requestIn(e.kind, e.from);
      for (const party of ['sender', 'recipient'] as const) {
        if (e.by.includes(party)) continue;
        const key = party === 'sender' ? police.key : bank.key;
        const res = await node.request('POST', `/api/v1/requests/${id}/transitions`, { key, body: moveBody(e.to, e.requires, legId) });
        expect({ edge: `${e.kind}: ${e.from} → ${e.to} by ${party}`, status: res.status, code: res.body.code }).toEqual({ edge: `${e.kind}: ${e.from} → ${e.to} by ${party}`, status: 409, code: 'invalid-transition' });
      }
    }
    for (const def of Object.values(KIND_DEFINITIONS)) {
      for (const from of statesOf(def)) {
        const refused = statesOf(def).filter((to) => !def.moves[from]?.[to]);
        const { id } = await requestIn(def.kind, from);
        for (const to of [...refused, 'no-such-state']) {
          const res = await node.request('POST', `/api/v1/requests/${id}/transitions`, { key: bank.key, body: { to, ground: 'other', reason: 'r', answer: 'a' } });
          expect({ edge: `${def.kind}: ${from} → ${to}`, status: res.status }).toEqual({ edge: `${def.kind}: ${from} → ${to}`, status: 409 });
          expect(res.body.allowed).toEqual(Object.keys(def.moves[from] ?? {}));
        }
      }
    }
  });

  it('refuses a move without what it needs with 400 request-incomplete, and leaves the state alone', async () => {
    const { id } = await requestIn('preservation', 'acknowledged');
    const res = await node.request('POST', `/api/v1/requests/${id}/transitions`, { key: bank.key, body: { to: 'refused' } });
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('request-incomplete');
    expect(res.body.missing).toEqual([{ field: 'ground', why: 'the move to refused' }]);
    expect((await node.request('GET', `/api/v1/requests/${id}`, { key: police.key })).body.state).toBe('acknowledged');
  });

  it('refuses to send a request that lacks its kind\'s or its legal basis\'s contents, naming each with its article', async () => {
    const body = validBody('preservation', bank.orgId);
    delete body.necessity;
    delete body.mlaIntent;
    const res = await node.request('POST', '/api/v1/requests', { key: police.key, body });
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('request-incomplete');
    expect(res.body.missing).toEqual([
      { field: 'necessity', why: 'Art. 29(2)(e)' },
      { field: 'mlaIntent', why: 'Art. 29(2)(f)' },
    ]);
    const mla = validBody('mla', bank.orgId);
    delete mla.purpose;
    const refused = await node.request('POST', '/api/v1/requests', { key: police.key, body: mla });
    expect(refused.body.missing).toEqual([{ field: 'purpose', why: 'Art. 18(15)(f)' }]);
  });

  it('shows a request to its sender, its recipient and organisations they authorise, and to no one else', async () => {
    const made = await send(node, police.key, validBody('takedown', bank.orgId));
    expect((await node.request('GET', `/api/v1/requests/${made.id}`, { key: other.key })).status).toBe(404);
    expect((await node.request('GET', `/api/v1/requests/${made.id}`)).status).toBe(404);
    const inbox = await node.request('GET', '/api/v1/requests?box=inbox', { key: bank.key });
    expect(inbox.body.items.map((i: any) => i.id)).toContain(made.id);
    expect((await node.request('GET', '/api/v1/requests', { key: other.key })).body.items.map((i: any) => i.id)).not.toContain(made.id);
    const shared = await node.request('POST', `/api/v1/requests/${made.id}/share`, { key: police.key, body: { orgId: other.orgId } });
    expect(shared.status).toBe(200);
    const seen = await node.request('GET', `/api/v1/requests/${made.id}`, { key: other.key });
    expect(seen.status).toBe(200);
    expect(seen.body.yourRole).toBe('authorised');
    expect(seen.body.allowedMoves).toEqual([]);
    const moved = await node.request('POST', `/api/v1/requests/${made.id}/transitions`, { key: other.key, body: { to: 'acknowledged' } });
    expect(moved.status).toBe(403);
  });
});
