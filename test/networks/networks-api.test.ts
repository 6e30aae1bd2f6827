import { UndirectedGraph } from 'graphology';
import { parse as parseGraphml } from 'graphology-graphml';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openContext } from '../../src/app/context.js';
import { loadDemo } from '../../src/modules/demo/demo.js';
import { networksOf } from '../../src/modules/networks/networks.engine.js';
import { DIALECTS } from '../support/databases.js';
import { startNode, type TestNode } from '../support/node.js';

const MULE = 'TH:004:1234567890';
const report = (country: string, indicators: string[], amount = '1000.00', currency = 'THB') => ({
  typology: 'investment',
  country,
  loss: { amount, currency },
  indicators: indicators.map((value) => ({ value })),
});

describe.each(DIALECTS)('networks over the API on %s', (dialect) => {
  let node: TestNode;
  let th: string;
  let kh: string;
  let machine: string;
  beforeAll(async () => {
    node = await startNode(dialect);
    th = (await node.orgWithKey('Thai Police', 'TH', 'analyst', 'police')).key;
    kh = (await node.orgWithKey('Cambodian Bank', 'KH', 'analyst')).key;
    machine = (await node.orgWithKey('Payments', 'TH', 'machine')).key;
  });
  afterAll(async () => node?.close());

  const post = async (key: string, body: unknown) => {
    const res = await node.request('POST', '/api/v1/reports', { key, body });
    expect(res.status).toBe(201);
  };

  it('links reports from two countries through a shared mule account, visible in the next query', async () => {
    await post(th, report('TH', [MULE, '+66812345671']));
    await post(kh, report('KH', [MULE, '+85512345672'], '50.00', 'USD'));
    await post(th, report('TH', ['+66812345673']));
    const res = await node.request('GET', '/api/v1/networks', { key: th });
    expect(res.status).toBe(200);
    expect(res.body.items).toHaveLength(1);
    const [network] = res.body.items;
    expect(network).toMatchObject({ size: 3, reports: 2, victims: 2, orgs: 2, countries: ['KH', 'TH'] });
    expect(network.loss).toEqual([
      { currency: 'THB', minor: 100000, amount: '1000.00' },
      { currency: 'USD', minor: 5000, amount: '50.00' },
    ]);
    expect(network.keyNodes[0]).toMatchObject({ kind: 'bank-account', value: MULE, reports: 2, countries: ['KH', 'TH'], orgs: 2 });
  });

  it('keeps the id of the larger network when a report joins a smaller one to it, and leads the old id there', async () => {
    const before = (await node.request('GET', '/api/v1/networks', { key: th })).body.items[0].id;
    // A second, smaller network …
    await post(kh, report('KH', ['+85598765431', '+85598765432']));
    await post(kh, report('KH', ['+85598765432']));
    const two = (await node.request('GET', '/api/v1/networks?sort=size', { key: th })).body.items;
    expect(two.map((n: { id: string }) => n.id)[0]).toBe(before);
    const small = two[1].id;
    // … joined to the first by a report naming the mule account: one network, the old id kept.
    await post(th, report('TH', [MULE, '+85598765431']));
    const one = (await node.request('GET', '/api/v1/networks', { key: th })).body.items;
    expect(one).toHaveLength(1);
    expect(one[0]).toMatchObject({ id: before, size: 5, reports: 5 });
    const old = await node.request('GET', `/api/v1/networks/${small}`, { key: th });
    expect(old.status).toBe(200);
    expect(old.body.id).toBe(before);
    expect(old.body.members[0]).toMatchObject({ value: MULE, reports: 3 });
    expect(old.body.communities.length).toBeGreaterThanOrEqual(1);
  });

  it('keeps network ids across a restart', async () => {
    const ids = (await node.request('GET', '/api/v1/networks', { key: th })).body.items.map((n: { id: string }) => n.id);
    await (await networksOf(node.ctx)).save();
    const again = await openContext(node.ctx.config, { log: pino({ level: 'silent' }) });
    try {
      const engine = await networksOf(again);
      await engine.ready();
      expect([...engine.partitionFor({ key: 'all', all: true, admits: () => true, admitsLink: () => true }).all()].map((n) => n.id)).toEqual(ids);
    } finally {
      await again.close();
    }
  });

  it('filters networks by country, size, loss and activity', async () => {
    const get = async (q: string) => (await node.request('GET', `/api/v1/networks?${q}`, { key: th })).body.items.length;
    expect(await get('country=KH')).toBe(1);
    expect(await get('country=SG')).toBe(0);
    expect(await get('minSize=5')).toBe(1);
    expect(await get('maxSize=4')).toBe(0);
    expect(await get('currency=THB&minLoss=4000.00')).toBe(1);
    expect(await get('currency=THB&minLoss=4000.01')).toBe(0);
    expect(await get('activeSince=2000-01-01T00:00:00Z')).toBe(1);
    expect(await get('activeUntil=2000-01-01T00:00:00Z')).toBe(0);
    const bad = await node.request('GET', '/api/v1/networks?minLoss=10', { key: th });
    expect(bad.status).toBe(400);
    expect(bad.body.code).toBe('validation-failed');
  });

  it('expands a neighbourhood, finds a path, and ranks shared infrastructure', async () => {
    const around = await node.request('GET', `/api/v1/indicators/bank-account/${encodeURIComponent(MULE)}/neighbourhood?depth=1&limit=50`, { key: th });
    expect(around.status).toBe(200);
    expect(around.body.reports).toHaveLength(3);
    expect(around.body.indicators.map((i: { value: string }) => i.value).sort()).toEqual(['+66812345671', '+85512345672', '+85598765431', MULE]);
    const path = await node.request('GET', `/api/v1/paths?from=${encodeURIComponent('phone:+66812345671')}&to=${encodeURIComponent('+85598765432')}`, { key: th });
    expect(path.status).toBe(200);
    expect(path.body).toMatchObject({ found: true, length: 3 });
    expect(path.body.steps.filter((s: { type: string }) => s.type === 'indicator').map((s: { value: string }) => s.value)).toEqual(['+66812345671', MULE, '+85598765431', '+85598765432']);
    const none = await node.request('GET', `/api/v1/paths?from=${encodeURIComponent('+66812345671')}&to=${encodeURIComponent('+66812345673')}`, { key: th });
    expect(none.body).toEqual({ found: false, length: null, steps: [] });
    const hubs = await node.request('GET', '/api/v1/networks/hubs', { key: th });
    // The mule account, then the Cambodian number a Thai report also named.
    expect(hubs.body.items.map((h: { value: string }) => h.value)).toEqual([MULE, '+85598765431']);
    expect(hubs.body.items[0]).toMatchObject({ countries: ['KH', 'TH'], orgs: 2, reports: 3 });
  });

  it('exports a network as GraphML a parser reads back, and as CSV', async () => {
    const [network] = (await node.request('GET', '/api/v1/networks', { key: th })).body.items;
    const res = await fetch(`${node.url}/api/v1/networks/${network.id}/export?format=graphml`, { headers: { authorization: `Bearer ${th}` } });
    expect(res.headers.get('content-type')).toContain('application/graphml+xml');
    const g = parseGraphml(UndirectedGraph, await res.text());
    expect(g.order).toBe(5 + 5);
    const csv = await node.request('GET', `/api/v1/networks/${network.id}/export?format=csv`, { key: th });
    expect(csv.body.trim().split('\n')).toHaveLength(1 + g.size);
  });

  it('refuses machines and bad input with problems, never a 500', async () => {
    expect((await node.request('GET', '/api/v1/networks', { key: machine })).body.code).toBe('forbidden');
    expect((await node.request('GET', '/api/v1/networks/hubs', { key: null })).status).toBe(401);
    expect((await node.request('GET', '/api/v1/networks/nw-nope', { key: th })).status).toBe(404);
    expect((await node.request('GET', '/api/v1/networks?cursor=zzz', { key: th })).body.code).toBe('invalid-cursor');
    expect((await node.request('GET', `/api/v1/indicators/phone/%2B66812345671/neighbourhood?depth=99`, { key: th })).status).toBe(400);
    expect((await node.request('GET', '/api/v1/paths?from=phone:12&to=phone:+66812345671', { key: th })).status).toBe(400);
    expect((await node.request('GET', '/api/v1/paths?from=phone:+66899999999&to=phone:+66812345671', { key: th })).status).toBe(404);
  });
});

describe.each(DIALECTS)('the demo data set through the API on %s', (dialect) => {
  let node: TestNode;
  beforeAll(async () => {
    node = await startNode(dialect);
    await loadDemo(node.ctx);
  });
  afterAll(async () => node?.close());

  it('shows cross-border networks held together by shared infrastructure', async () => {
    const res = await node.request('GET', '/api/v1/networks');
    expect(res.status).toBe(200);
    const multi = res.body.items.filter((n: { countries: string[] }) => n.countries.length >= 2);
    expect(multi.length).toBeGreaterThanOrEqual(1);
    const detail = await node.request('GET', `/api/v1/networks/${multi[0].id}`);
    expect(detail.body.keyNodes[0].countries.length).toBeGreaterThanOrEqual(2);
    expect(detail.body.members.length).toBe(detail.body.size);
    const hubs = await node.request('GET', '/api/v1/networks/hubs?minCountries=2&minOrgs=99');
    expect(hubs.body.items.length).toBeGreaterThanOrEqual(1);
  });
});
