import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runClocks } from '../../src/modules/requests/requests.clocks.js';
import { DIALECTS } from '../support/databases.js';
import { startNode, type TestNode } from '../support/node.js';
import { DAY, HOUR, ManualClock, send, validBody } from './support.js';

describe.each(DIALECTS)('freezes, the ledger and the clocks on %s', (dialect) => {
  const clock = new ManualClock(Date.parse('2026-03-01T09:00:00Z'));
  let node: TestNode;
  let police: { orgId: string; key: string };
  let bank: { orgId: string; key: string };
  let bank2: { orgId: string; key: string };
  let exchange: { orgId: string; key: string };

  beforeAll(async () => {
    node = await startNode(dialect, { clock });
    police = await node.orgWithKey('Police', 'TH', 'analyst', 'law-enforcement');
    bank = await node.orgWithKey('Bank', 'TH', 'analyst', 'bank');
    bank2 = await node.orgWithKey('Second bank', 'PH', 'analyst', 'bank');
    exchange = await node.orgWithKey('Exchange', 'ID', 'machine', 'crypto-exchange');
  });
  afterAll(async () => node?.close());

  const move = (key: string, id: string, body: Record<string, unknown>) => node.request('POST', `/api/v1/requests/${id}/transitions`, { key, body });
  const ledger = async (key: string, by = 'none') => (await node.request('GET', `/api/v1/ledger?by=${by}`, { key })).body.rows;

  it('follows a freeze through two onward hops into child requests, and rolls a partial recovery up in the ledger', async () => {
    clock.set('2026-03-01T09:00:00Z');
    const freeze = await send(node, police.key, validBody('payment-intervention', bank.orgId));
    expect(freeze).toMatchObject({ kind: 'payment-intervention', state: 'sent', clocks: { acknowledgeBy: '2026-03-01T09:15:00.000Z', actBy: '2026-03-01T10:00:00.000Z' } });
    const legId = freeze.legs[0].id;

    clock.advance(4 * 60_000);
    expect((await move(bank.key, freeze.id, { to: 'acknowledged' })).body.clocks.secondsToAcknowledge).toBe(240);
    clock.advance(7 * 60_000);
    const held = await move(bank.key, freeze.id, {
      to: 'partially_held',
      legs: [
        {
          id: legId,
          status: 'partially_held',
          held: '30000.00',
          movedOn: '70000.00',
          onwardHops: [
            { to: bank2.orgId, institution: 'Manila Harbour Bank', account: { value: 'PH:BOPIPHMM:00123456789', kind: 'bank-account' }, amount: '25000.00' },
            { to: exchange.orgId, institution: 'Nusantara Digital Exchange', account: { value: '0x52908400098527886E0F7030069857D2E4169EE7', kind: 'crypto-wallet' }, amount: '45000.00' },
          ],
        },
      ],
    });
    expect(held.status).toBe(200);
    expect(held.body.clocks).toMatchObject({ secondsToAct: 660, expiresAt: '2026-03-04T09:11:00.000Z', expiry: 'hold', followUpBy: '2026-03-04T09:11:00.000Z' });
    expect(held.body.legs[0]).toMatchObject({ status: 'partially_held', held: '30000.00', movedOn: '70000.00' });
    expect(held.body.children).toHaveLength(2);

    const children = await Promise.all(held.body.children.map((id: string) => node.request('GET', `/api/v1/requests/${id}`, { key: police.key })));
    const toBank2 = children.find((c) => c.body.to.id === bank2.orgId)!.body;
    const toExchange = children.find((c) => c.body.to.id === exchange.orgId)!.body;
    expect(toBank2).toMatchObject({ parentId: freeze.id, from: { id: police.orgId }, state: 'sent', legs: [{ parentLegId: legId, amount: '25000.00', currency: 'THB' }] });
    expect(toExchange.contents.channel).toBe('exchange-freeze');
    expect(toExchange.legs[0].account.kind).toBe('crypto-wallet');
    // The first bank cannot see where the money went on: only the requester and each recipient can.
    expect((await node.request('GET', `/api/v1/requests/${toBank2.id}`, { key: bank.key })).status).toBe(404);

    await move(exchange.key, toExchange.id, { to: 'acknowledged' });
    await move(exchange.key, toExchange.id, { to: 'held', legs: [{ id: toExchange.legs[0].id, status: 'held', held: '45000.00' }] });
    await move(bank2.key, toBank2.id, { to: 'acknowledged' });
    await move(bank2.key, toBank2.id, { to: 'funds_moved', legs: [{ id: toBank2.legs[0].id, status: 'moved', movedOn: '25000.00' }] });

    // The police extend the first bank's hold with the victim's complaint: it becomes a freeze for 7 days from the complaint.
    clock.advance(HOUR);
    const extended = await move(police.key, freeze.id, { to: 'hold_extended', extension: { policeComplaint: { number: 'TPO-66-1234', agency: 'Thai police online', filedAt: '2026-03-01T10:00:00Z' } } });
    expect(extended.body.clocks).toMatchObject({ expiresAt: '2026-03-08T10:00:00.000Z', followUpBy: null });
    await move(bank.key, freeze.id, { to: 'recovery_pending' });
    const returned = await move(bank.key, freeze.id, { to: 'returned_partial', returns: [{ legId, amount: '20000.00' }] });
    expect(returned.body.legs[0]).toMatchObject({ frozen: '10000.00', returned: '20000.00', status: 'partially_returned' });

    const [total] = await ledger(police.key);
    expect(total.currency).toBe('THB');
    expect(total.buckets).toMatchObject({
      lost: { total: '100000.00', balance: '100000.00' },
      held: { total: '75000.00', balance: '45000.00' },
      frozen: { total: '30000.00', balance: '10000.00' },
      returned: { total: '20000.00', balance: '20000.00' },
      wrongful: { total: '0.00', balance: '0.00' },
    });
    const byOrg = await ledger(police.key, 'organisation');
    expect(byOrg.find((r: any) => r.group === exchange.orgId).buckets.held.total).toBe('45000.00');
    expect(byOrg.find((r: any) => r.group === bank.orgId).buckets.returned.total).toBe('20000.00');
    const byCountry = await ledger(police.key, 'country');
    // The Philippine bank found the money gone on: nothing was held there.
    expect(byCountry.map((r: any) => r.group)).toEqual(['ID', 'TH']);
    // The exchange sees only the money in requests it answered.
    const exchangeView = await ledger(exchange.key);
    expect(exchangeView[0].buckets.held.total).toBe('45000.00');
    expect(exchangeView[0].buckets.lost.total).toBe('0.00');

    const metrics = await node.request('GET', '/api/v1/metrics/responders?by=organisation,kind', { key: police.key });
    const bankRow = metrics.body.rows.find((r: any) => r.orgId === bank.orgId);
    expect(bankRow).toMatchObject({ kind: 'payment-intervention', requests: 1, medianSecondsToAcknowledge: 240, medianSecondsToAct: 660, withinDeadline: { met: 1, judged: 1, share: 1 } });
  });

  it('lapses a hold at its expiry unless extended, alerting 12 h and 2 h before, and releases the money', async () => {
    clock.set('2026-04-01T00:00:00Z');
    const freeze = await send(node, police.key, validBody('payment-intervention', bank.orgId));
    await move(bank.key, freeze.id, { to: 'acknowledged' });
    await move(bank.key, freeze.id, { to: 'held', legs: [{ id: freeze.legs[0].id, status: 'held', held: '100000.00' }] });

    clock.set('2026-04-03T11:59:59Z');
    expect((await runClocks(node.ctx)).alerts.filter((a) => a.id === freeze.id)).toEqual([]);
    clock.set('2026-04-03T12:00:00Z');
    expect((await runClocks(node.ctx)).alerts.filter((a) => a.id === freeze.id)).toEqual([{ id: freeze.id, before: 'PT12H' }]);
    expect((await runClocks(node.ctx)).alerts.filter((a) => a.id === freeze.id)).toEqual([]);
    clock.set('2026-04-03T22:00:00Z');
    expect((await runClocks(node.ctx)).alerts.filter((a) => a.id === freeze.id)).toEqual([{ id: freeze.id, before: 'PT2H' }]);
    clock.set('2026-04-03T23:59:59Z');
    expect((await runClocks(node.ctx)).lapsed).not.toContain(freeze.id);
    clock.set('2026-04-04T00:00:00Z');
    expect((await runClocks(node.ctx)).lapsed).toContain(freeze.id);

    const after = await node.request('GET', `/api/v1/requests/${freeze.id}`, { key: police.key });
    expect(after.body.state).toBe('lapsed');
    expect(after.body.legs[0]).toMatchObject({ held: '0.00', released: '100000.00', status: 'released' });
    expect(after.body.timeline.map((t: any) => t.type)).toEqual(['created', 'transition', 'transition', 'alert', 'alert', 'transition']);
    expect(after.body.timeline.at(-1)).toMatchObject({ from: 'held', to: 'lapsed', actorId: 'clock', data: { party: 'system' } });
    // Once lapsed, the clock leaves it alone.
    expect((await runClocks(node.ctx)).lapsed).not.toContain(freeze.id);
  });

  it('keeps preserved data at least 60 days, expires it without an MLA request, and keeps it pending one', async () => {
    clock.set('2026-05-01T00:00:00Z');
    const a = await send(node, police.key, validBody('preservation', bank.orgId));
    const b = await send(node, police.key, validBody('preservation', bank.orgId));
    for (const r of [a, b]) await move(bank.key, r.id, { to: 'acknowledged' });
    const tooShort = await move(bank.key, a.id, { to: 'preserved', until: '2026-06-01T00:00:00Z' });
    expect(tooShort.status).toBe(400);
    const preserved = await move(bank.key, a.id, { to: 'preserved' });
    expect(preserved.body.clocks).toMatchObject({ expiresAt: '2026-06-30T00:00:00.000Z', expiry: 'preservation' });
    await move(bank.key, b.id, { to: 'preserved' });
    await move(police.key, b.id, { to: 'mla_submitted' });

    clock.set('2026-06-16T00:00:00Z');
    expect((await runClocks(node.ctx)).alerts).toContainEqual({ id: a.id, before: 'P14D' });
    clock.set('2026-06-30T00:00:00Z');
    const run = await runClocks(node.ctx);
    expect(run.lapsed).toContain(a.id);
    expect(run.lapsed).not.toContain(b.id);
    expect((await node.request('GET', `/api/v1/requests/${a.id}`, { key: police.key })).body.state).toBe('expired');
    expect((await node.request('GET', `/api/v1/requests/${b.id}`, { key: police.key })).body).toMatchObject({ state: 'mla_submitted', clocks: { expiresAt: null } });
  });

  it('escalates a request once its acknowledge clock and again once its act clock runs out, and shows it overdue', async () => {
    clock.set('2026-07-01T00:00:00Z');
    const takedown = await send(node, police.key, validBody('takedown', bank.orgId));
    clock.set('2026-07-01T04:00:00Z');
    expect((await runClocks(node.ctx)).escalated.filter((e) => e.id === takedown.id)).toEqual([]);
    clock.set('2026-07-01T04:00:01Z');
    expect((await runClocks(node.ctx)).escalated.filter((e) => e.id === takedown.id)).toEqual([{ id: takedown.id, level: 1 }]);
    expect((await runClocks(node.ctx)).escalated.filter((e) => e.id === takedown.id)).toEqual([]);
    const overdue = await node.request('GET', '/api/v1/requests?box=inbox&overdue=true', { key: bank.key });
    expect(overdue.body.items.find((i: any) => i.id === takedown.id).clocks).toMatchObject({ overdue: true, overdueClocks: ['acknowledge'], escalationLevel: 1 });
    clock.set('2026-07-02T00:00:01Z');
    expect((await runClocks(node.ctx)).escalated.filter((e) => e.id === takedown.id)).toEqual([{ id: takedown.id, level: 2 }]);
    clock.advance(DAY);
    const done = await move(bank.key, takedown.id, { to: 'taken_down' });
    expect(done.body.clocks).toMatchObject({ overdue: false, escalationLevel: 2 });
  });
});
