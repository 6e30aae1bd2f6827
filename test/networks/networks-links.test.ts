import { UndirectedGraph } from 'graphology';
import { parse as parseGraphml } from 'graphology-graphml';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openContext } from '../../src/app/context.js';
import { networksOf } from '../../src/modules/networks/networks.engine.js';
import { WHOLE_GRAPH } from '../../src/modules/networks/network-stats.js';
import { newCase, screening } from '../cases/fixtures.js';
import { DIALECTS } from '../support/databases.js';
import { startNode, type TestNode } from '../support/node.js';

// Three wallets victims paid into, each reported on its own, as sent and in canonical form.
const W1 = '0x' + '11'.repeat(20);
const W2 = '0x' + '22'.repeat(20);
const W3 = '0x' + '33'.repeat(20);
const C1 = 'evm:0x1111111111111111111111111111111111111111';
const C2 = 'evm:0x2222222222222222222222222222222222222222';
const C3 = 'evm:0x3333333333333333333333333333333333333333';

const report = (country: string, indicators: string[]) => ({ typology: 'investment', country, indicators: indicators.map((value) => ({ value })) });

describe.each(DIALECTS)('sighting-derived wallet links on %s', (dialect) => {
  let node: TestNode;
  let bank: string;
  let exchange: string;
  beforeAll(async () => {
    node = await startNode(dialect);
    bank = (await node.orgWithKey('Bank', 'TH', 'analyst')).key;
    exchange = (await node.orgWithKey('Exchange', 'SG', 'analyst', 'exchange')).key;
    for (const body of [report('TH', [W1, '+66811111201']), report('TH', [W1, '+66811111202']), report('KH', [W2, '+85512345201']), report('PH', [W3, '+639171234567'])]) {
      expect((await node.request('POST', '/api/v1/reports', { key: bank, body })).status).toBe(201);
    }
  });
  afterAll(async () => node?.close());

  const sight = (key: string, body: unknown) => node.request('POST', '/api/v1/sightings', { key, body });
  const networks = async (key: string) => {
    const list = (await node.request('GET', '/api/v1/networks', { key })).body.items as { id: string }[];
    const out: string[][] = [];
    for (const n of list) out.push((await node.request('GET', `/api/v1/networks/${n.id}`, { key })).body.members.map((m: { value: string }) => m.value).sort());
    return out.sort();
  };

  it('links a wallet that received from a reported wallet, in the next network query', async () => {
    expect(await networks(bank)).toEqual([['+66811111201', '+66811111202', C1]]);
    const seen = await sight(exchange, { value: W2, type: 'seen', counterparty: { value: W1, direction: 'received-from' } });
    expect(seen.status).toBe(201);
    expect(seen.body.counterparty).toMatchObject({ canonical: C1, direction: 'received-from' });
    expect(await networks(bank)).toEqual([['+66811111201', '+66811111202', '+85512345201', C1, C2]]);
  });

  it('walks, paths and exports through the link', async () => {
    const around = await node.request('GET', `/api/v1/indicators/crypto-wallet/${W2}/neighbourhood?depth=1`, { key: bank });
    expect(around.body.links).toMatchObject([{ relation: 'funds-from', from: expect.any(String), to: expect.any(String) }]);
    const ids = Object.fromEntries(around.body.indicators.map((i: { value: string; id: string }) => [i.value, i.id]));
    expect(around.body.links[0]).toMatchObject({ from: ids[C1], to: ids[C2] });
    const path = await node.request('GET', `/api/v1/paths?from=${encodeURIComponent('+85512345201')}&to=${encodeURIComponent('+66811111201')}`, { key: bank });
    expect(path.body.steps.map((s: { type: string }) => s.type)).toEqual(['indicator', 'report', 'indicator', 'link', 'indicator', 'report', 'indicator']);
    const [network] = (await node.request('GET', '/api/v1/networks', { key: bank })).body.items;
    const graphml = await node.request('GET', `/api/v1/networks/${network.id}/export?format=graphml`, { key: bank });
    const g = parseGraphml(UndirectedGraph, graphml.body as string);
    expect(g.getEdgeAttributes(g.edge(ids[C2], ids[C1])).relation).toBe('funds-from');
    expect(g.getNodeAttributes(ids[C1]).coercedOperator).toBe(false);
  });

  it('keeps a strict sighting’s link to its owner', async () => {
    const strict = await sight(exchange, { value: W3, type: 'blocked', counterparty: { value: W2, direction: 'paid-to' }, marking: { tlp: 'amber+strict' } });
    expect(strict.status).toBe(201);
    expect(await networks(bank)).toEqual([['+66811111201', '+66811111202', '+85512345201', C1, C2]]);
    expect(await networks(exchange)).toEqual([['+639171234567', '+66811111201', '+66811111202', '+85512345201', C1, C2, C3]]);
  });

  it('loads the links again after a restart', async () => {
    const again = await openContext(node.ctx.config, { log: pino({ level: 'silent' }) });
    try {
      const engine = await networksOf(again);
      await engine.ready();
      expect([...engine.partitionFor(WHOLE_GRAPH).all()].map((n) => n.stats.size)).toEqual([7]);
      expect(engine.state.graph.links.map((l) => l.relation)).toEqual(['funds-from', 'funds-from']);
    } finally {
      await again.close();
    }
  });

  it('exports the coerced-operator flag of a wallet a presumed victim was forced to operate', async () => {
    const team = await node.orgWithKey('Anti Scam Centre', 'TH', 'analyst', 'anti-scam-centre');
    const caseId = (await node.request('POST', '/api/v1/cases', { key: team.key, body: newCase() })).body.id;
    await node.request('POST', `/api/v1/cases/${caseId}/transitions`, { key: team.key, body: { to: 'screening' } });
    const screened = await node.request('POST', `/api/v1/cases/${caseId}/screenings`, { key: team.key, body: screening('presumed-victim', [{ value: W2, kind: 'crypto-wallet' }]) });
    expect(screened.status).toBe(201);
    const [network] = (await node.request('GET', '/api/v1/networks', { key: bank })).body.items;
    const exported = async (format: string) => (await node.request('GET', `/api/v1/networks/${network.id}/export?format=${format}`, { key: bank })).body;
    const g = parseGraphml(UndirectedGraph, await exported('graphml'));
    const flagged = g.filterNodes((_, a) => a.coercedOperator === true).map((n) => g.getNodeAttribute(n, 'value'));
    expect(flagged).toEqual([C2]);
    expect(g.filterNodes((_, a) => a.type === 'indicator' && a.coercedOperator === false)).toHaveLength(4);
    const json = await exported('json');
    expect(json.indicators.filter((i: { coercedOperator: boolean }) => i.coercedOperator).map((i: { value: string }) => i.value)).toEqual([C2]);
    const csv = (await exported('csv')) as string;
    expect(csv.split('\n').filter((l) => l.includes(`,${C2},true,`))).toHaveLength(2);
    expect(JSON.stringify(json)).not.toContain(caseId);
  });

  it('refuses a counterparty it cannot use, with problems', async () => {
    const unknown = await sight(exchange, { value: W2, type: 'seen', counterparty: { value: '0x' + '44'.repeat(20), direction: 'received-from' } });
    expect(unknown.status).toBe(404);
    expect(unknown.body).toMatchObject({ code: 'not-found', field: 'counterparty' });
    const falsePositive = await sight(exchange, { value: W2, type: 'false-positive', counterparty: { value: W1, direction: 'received-from' } });
    expect(falsePositive.body).toMatchObject({ status: 400, code: 'validation-failed', field: 'counterparty' });
    const itself = await sight(exchange, { value: W2, type: 'seen', counterparty: { value: W2, direction: 'paid-to' } });
    expect(itself.body).toMatchObject({ status: 400, code: 'validation-failed' });
    const noDirection = await sight(exchange, { value: W2, type: 'seen', counterparty: { value: W1 } });
    expect(noDirection.status).toBe(400);
  });
});
