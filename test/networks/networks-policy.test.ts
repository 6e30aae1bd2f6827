import { UndirectedGraph } from 'graphology';
import { parse as parseGraphml } from 'graphology-graphml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../support/databases.js';
import { startNode, type TestNode } from '../support/node.js';

// Two mule wallets, each at the centre of one bank's victims, as sent and in canonical form.
const WA = '0x' + 'a1'.repeat(20);
const WB = '0x' + 'b2'.repeat(20);
const CANONICAL_WA = 'evm:0xA1A1a1a1A1A1A1A1A1a1a1a1a1a1A1A1a1A1a1a1';
const CANONICAL_WB = 'evm:0xb2b2b2b2b2B2b2B2B2b2b2B2B2b2B2B2b2b2b2b2';
// Named only in bank A's TLP:AMBER+STRICT report.
const SECRET = '+66899999991';

const report = (country: string, indicators: string[], marking?: unknown) => ({
  typology: 'investment',
  country,
  loss: { amount: '100.00', currency: 'USD' },
  indicators: indicators.map((value) => ({ value })),
  ...(marking ? { marking } : {}),
});

describe.each(DIALECTS)('networks respect the trust model on %s', (dialect) => {
  let node: TestNode;
  let bankA: string;
  let bankB: string;
  let hiddenReport: string;
  beforeAll(async () => {
    node = await startNode(dialect);
    bankA = (await node.orgWithKey('Bank A', 'TH', 'analyst')).key;
    bankB = (await node.orgWithKey('Bank B', 'KH', 'analyst')).key;
    const post = async (key: string, body: unknown) => {
      const res = await node.request('POST', '/api/v1/reports', { key, body });
      expect(res.status).toBe(201);
      return res.body.id as string;
    };
    await post(bankA, report('TH', [WA, '+66811111101']));
    await post(bankA, report('TH', [WA, '+66811111102']));
    await post(bankB, report('KH', [WB, '+85512345001']));
    await post(bankB, report('KH', [WB, '+85512345002']));
    hiddenReport = await post(bankA, report('TH', [WA, WB, SECRET], { tlp: 'amber+strict' }));
  });
  afterAll(async () => node?.close());

  const get = async (key: string, route: string) => node.request('GET', route, { key });
  const values = (list: { value: string }[]) => list.map((i) => i.value).sort();

  it('shows the owner one network, linked by its own strict report', async () => {
    const { body } = await get(bankA, '/api/v1/networks');
    expect(body.items.map((n: { size: number; reports: number }) => [n.size, n.reports])).toEqual([[7, 5]]);
    const detail = await get(bankA, `/api/v1/networks/${body.items[0].id}`);
    expect(values(detail.body.members)).toContain(SECRET);
  });

  it('shows the other bank two networks, with nothing of the hidden report in them', async () => {
    const list = await get(bankB, '/api/v1/networks');
    expect(list.status).toBe(200);
    expect(list.body.items.map((n: { size: number; reports: number }) => [n.size, n.reports])).toEqual([
      [3, 2],
      [3, 2],
    ]);
    const members = [];
    for (const n of list.body.items) members.push(values((await get(bankB, `/api/v1/networks/${n.id}`)).body.members));
    expect(members.sort()).toEqual([
      ['+66811111101', '+66811111102', CANONICAL_WA],
      ['+85512345001', '+85512345002', CANONICAL_WB],
    ]);
    const text = JSON.stringify(list.body);
    expect(text).not.toContain(SECRET);
    expect(text).not.toContain(hiddenReport);
    // The countries of the hidden report are not counted either: each network is one country's.
    expect(list.body.items.map((n: { countries: string[] }) => n.countries).sort()).toEqual([['KH'], ['TH']]);
  });

  it('walks neighbourhoods and paths for the other bank without the hidden report', async () => {
    const around = await get(bankB, `/api/v1/indicators/crypto-wallet/${WB}/neighbourhood?depth=4&limit=100`);
    expect(around.status).toBe(200);
    expect(values(around.body.indicators)).toEqual(['+85512345001', '+85512345002', CANONICAL_WB]);
    expect(JSON.stringify(around.body)).not.toContain(hiddenReport);
    const ownerAround = await get(bankA, `/api/v1/indicators/crypto-wallet/${WB}/neighbourhood?depth=1&limit=100`);
    expect(ownerAround.body.reports.map((r: { id: string }) => r.id)).toContain(hiddenReport);
    // An indicator known to the other bank only through the hidden report is, for it, unknown.
    const secret = await get(bankB, `/api/v1/indicators/phone/${encodeURIComponent(SECRET)}/neighbourhood`);
    expect(secret.status).toBe(404);
    const never = await get(bankB, `/api/v1/indicators/phone/${encodeURIComponent('+66899999992')}/neighbourhood`);
    expect([secret.body, never.body].map((b) => [b.status, b.code, b.detail.replace(/\+\d+/, 'N')])).toEqual([
      [404, 'not-found', 'phone N is named in no report you can see'],
      [404, 'not-found', 'phone N is named in no report you can see'],
    ]);
    expect((await get(bankA, `/api/v1/indicators/phone/${encodeURIComponent(SECRET)}/neighbourhood`)).status).toBe(200);
    const path = (key: string) => get(key, `/api/v1/paths?from=${encodeURIComponent('+85512345001')}&to=${encodeURIComponent('+66811111101')}`);
    expect((await path(bankB)).body).toEqual({ found: false, length: null, steps: [] });
    const ownerPath = (await path(bankA)).body;
    expect(ownerPath).toMatchObject({ found: true, length: 3 });
    expect(ownerPath.steps.filter((s: { type: string }) => s.type === 'report').map((s: { id: string }) => s.id)).toContain(hiddenReport);
  });

  it('ranks hubs and exports for the other bank over what it sees', async () => {
    expect((await get(bankB, '/api/v1/networks/hubs')).body.items).toEqual([]);
    expect(values((await get(bankA, '/api/v1/networks/hubs')).body.items)).toEqual([CANONICAL_WB]);
    for (const n of (await get(bankB, '/api/v1/networks')).body.items) {
      for (const format of ['graphml', 'csv', 'json']) {
        const res = await get(bankB, `/api/v1/networks/${n.id}/export?format=${format}`);
        expect(res.status).toBe(200);
        const text = typeof res.body === 'string' ? res.body : JSON.stringify(res.body);
        expect(text).not.toContain(SECRET);
        expect(text).not.toContain(hiddenReport);
        if (format === 'graphml') expect(parseGraphml(UndirectedGraph, text).order).toBe(3 + 2);
      }
    }
  });

  it('joins the two networks for the other bank once the owner widens the marking', async () => {
    const put = await node.request('PUT', `/api/v1/reports/${hiddenReport}/marking`, { key: bankA, body: { marking: { tlp: 'green' }, reason: 'shared with the community' } });
    expect(put.status).toBe(200);
    const { body } = await get(bankB, '/api/v1/networks');
    expect(body.items.map((n: { size: number; reports: number }) => [n.size, n.reports])).toEqual([[7, 5]]);
    // Now that the two see the same, they name the network the same.
    expect(body.items[0].id).toBe((await get(bankA, '/api/v1/networks')).body.items[0].id);
  });
});
