import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadDemo } from '../../src/modules/demo/demo.js';
import { indicatorFilter } from '../../src/modules/interop/visibility.js';
import { findNodeOwner } from '../../src/modules/orgs/orgs.store.js';
import { systemPrincipal } from '../../src/modules/orgs/orgs.service.js';
import { DIALECTS } from '../support/databases.js';
import { startNode, type TestNode } from '../support/node.js';

/** The active indicators the node's own administrator may see, by the policy module's rule. */
async function visibleRows(node: TestNode) {
  const principal = systemPrincipal((await findNodeOwner(node.ctx.storage.db))!);
  return node.ctx.storage.db.selectFrom('indicators').selectAll().where('status', '=', 'active').where(indicatorFilter({ principal }, 'indicators.id')).execute();
}

describe.each(DIALECTS)('CSV and blocklist exports on %s', (dialect) => {
  let node: TestNode;

  beforeAll(async () => {
    node = await startNode(dialect);
    await loadDemo(node.ctx);
  }, 120_000);
  afterAll(async () => node?.close());

  it('exports indicators as CSV with a header and one row per active indicator', async () => {
    const res = await node.request('GET', '/api/v1/exports/indicators.csv');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/csv/);
    const lines = (res.body as string).trim().split('\n');
    expect(lines[0]).toBe('kind,value,display,status,score,reports,organisations,countries,typologies,first_seen,last_seen,updated_at,stix_id');
    const active = await visibleRows(node);
    expect(lines.length - 1).toBe(active.length);
  });

  it('filters by kind, minimum score, typology, country and change time', async () => {
    const rows = await visibleRows(node);
    const expected = rows.filter((r) => r.kind === 'phone' && r.score >= 40 && r.countries.split(',').includes('TH')).map((r) => r.canonical).sort();
    expect(expected.length).toBeGreaterThan(0);
    const res = await node.request('GET', '/api/v1/exports/blocklists/phone?minScore=40&country=TH');
    expect(res.headers.get('content-type')).toMatch(/^text\/plain/);
    expect(String(res.body).trim().split('\n').sort()).toEqual(expected);
    const typology = rows.find((r) => r.typologies !== '')!.typologies.split(',')[0];
    const csv = await node.request('GET', `/api/v1/exports/indicators.csv?typology=${typology}`);
    expect(String(csv.body).trim().split('\n').length - 1).toBe(rows.filter((r) => r.typologies.split(',').includes(typology)).length);
    const future = await node.request('GET', '/api/v1/exports/blocklists/domain?changedSince=2999-01-01T00:00:00Z');
    expect(future.body ?? '').toBe('');
  });

  it('writes wallets without fraudx\'s chain prefix, as address lists carry them', async () => {
    const res = await node.request('GET', '/api/v1/exports/blocklists/crypto-wallet');
    const values = String(res.body).trim().split('\n');
    expect(values.length).toBeGreaterThan(0);
    for (const v of values) expect(v).not.toMatch(/^[a-z]+:/);
  });

  it('refuses a bad filter with 400 and an unauthenticated request with 401', async () => {
    expect((await node.request('GET', '/api/v1/exports/blocklists/phone?minScore=500')).status).toBe(400);
    expect((await node.request('GET', '/api/v1/exports/blocklists/shoe')).status).toBe(400);
    expect((await node.request('GET', '/api/v1/exports/indicators.csv', { key: null })).status).toBe(401);
  });
});
