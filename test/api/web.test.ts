import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Fastify from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerWeb, WEB_DIST } from '../../src/server/web.plugin.js';
import { DIALECTS } from '../support/databases.js';
import { startNode, type TestNode } from '../support/node.js';

describe('the web app served at /', () => {
  let node: TestNode;
  beforeAll(async () => {
    node = await startNode('sqlite');
  });
  afterAll(async () => node?.close());

  it('serves index.html with a policy that allows no inline script, and revalidates it', async () => {
    const res = await fetch(node.url + '/');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/html');
    expect(res.headers.get('cache-control')).toBe('no-cache');
    const csp = res.headers.get('content-security-policy')!;
    expect(csp).toContain("script-src 'self';");
    expect(csp).not.toMatch(/script-src[^;]*unsafe-inline/);
    expect(await res.text()).toContain('<div id="root">');
  });

  it('caches hashed assets for a year', async () => {
    const asset = readdirSync(path.join(WEB_DIST, 'assets')).find((f) => f.endsWith('.js'))!;
    const res = await fetch(`${node.url}/assets/${asset}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
  });

  it('answers page paths with the app, but unknown API routes and missing files with 404 problems', async () => {
    for (const page of ['/networks/nw-123', '/indicators/phone/%2B66812345678', '/check?value=x']) {
      const res = await fetch(node.url + page);
      expect(res.status, page).toBe(200);
      expect(await res.text()).toContain('<div id="root">');
    }
    const api = await node.request('GET', '/api/v1/no-such-thing');
    expect(api.status).toBe(404);
    expect(api.body.code).toBe('route-not-found');
    const file = await fetch(node.url + '/missing.png');
    expect(file.status).toBe(404);
    expect(file.headers.get('content-type')).toContain('application/problem+json');
    expect((await fetch(node.url + '/anything', { method: 'POST' })).status).toBe(404);
  });

  it('keeps the API docs and health where they were', async () => {
    expect((await fetch(node.url + '/health')).status).toBe(200);
    expect((await fetch(node.url + '/openapi.json')).status).toBe(200);
  });

  it('says how to build the app when web/dist is missing, and serves the API anyway', async () => {
    const app = Fastify();
    const empty = mkdtempSync(path.join(tmpdir(), 'fraudx-no-web-'));
    try {
      await registerWeb(app, empty);
      const res = await app.inject({ method: 'GET', url: '/' });
      expect(res.statusCode).toBe(200);
      expect(res.body).toContain('npm run build:web');
    } finally {
      await app.close();
      rmSync(empty, { recursive: true, force: true });
    }
  });
});

describe.each(DIALECTS)('the dashboard figures on %s', (dialect) => {
  let node: TestNode;
  beforeAll(async () => {
    node = await startNode(dialect);
  });
  afterAll(async () => node?.close());

  it('sums losses per currency, counts by typology and country, and tells what changed since a time', async () => {
    const since = new Date(Date.now() - 1000).toISOString();
    const reports = [
      { typology: 'investment', country: 'TH', occurredAt: '2026-10-01T10:00:00Z', loss: { amount: '1000.50', currency: 'THB' }, indicators: [{ value: '0812345678' }] },
      { typology: 'investment', country: 'TH', occurredAt: '2026-10-01T12:00:00Z', loss: { amount: '99.50', currency: 'THB' }, indicators: [{ value: '0812345678' }] },
      { typology: 'romance', country: 'SG', occurredAt: '2026-10-02T12:00:00Z', loss: { amount: '500', currency: 'SGD' }, indicators: [{ value: '+6591234567' }] },
    ];
    for (const body of reports) expect((await node.request('POST', '/api/v1/reports', { body })).status).toBe(201);
    expect((await node.request('POST', '/api/v1/sightings', { body: { value: '+66812345678', type: 'blocked' } })).status).toBe(201);

    const res = await node.request('GET', `/api/v1/dashboard?since=${encodeURIComponent(since)}&days=730`);
    expect(res.status).toBe(200);
    const d = res.body;
    expect(d.totals).toMatchObject({ reports: 3, indicators: 2, blockedSightings: 1 });
    expect(d.losses).toEqual([
      { currency: 'THB', amount: '1100.00', minor: 110000, reports: 2 },
      { currency: 'SGD', amount: '500.00', minor: 50000, reports: 1 },
    ]);
    expect(d.typologies).toEqual([
      { key: 'investment', count: 2 },
      { key: 'romance', count: 1 },
    ]);
    expect(d.countries).toEqual([
      { key: 'TH', count: 2 },
      { key: 'SG', count: 1 },
    ]);
    expect(d.reportsByDay).toEqual([
      { key: '2026-10-01', count: 2 },
      { key: '2026-10-02', count: 1 },
    ]);
    expect(d.blockedByDay).toHaveLength(1);
    expect(d.changes.events).toContainEqual({ entity: 'report', op: 'create', count: 3 });
    expect(d.newIndicators.map((i: any) => i.canonical).sort()).toEqual(['+6591234567', '+66812345678']);

    const later = await node.request('GET', `/api/v1/dashboard?since=${encodeURIComponent(new Date(Date.now() + 60_000).toISOString())}`);
    expect(later.body.changes.events).toEqual([]);
  });

  it('is for readers of reports only', async () => {
    const machine = await node.orgWithKey('Switch', 'TH', 'machine');
    expect((await node.request('GET', '/api/v1/dashboard', { key: machine.key })).status).toBe(403);
    expect((await node.request('GET', '/api/v1/dashboard?days=3')).body.code).toBe('validation-failed');
  });
});

describe.each(DIALECTS)('searching reports on %s', (dialect) => {
  let node: TestNode;
  beforeAll(async () => {
    node = await startNode(dialect);
  });
  afterAll(async () => node?.close());

  it('finds reports by part of an indicator value, a typology or a country, never by the narrative', async () => {
    const a = await node.request('POST', '/api/v1/reports', { body: { typology: 'loan', country: 'PH', summary: 'secret narrative words', indicators: [{ value: 'TH:014:5551234567', kind: 'bank-account' }] } });
    const b = await node.request('POST', '/api/v1/reports', { body: { typology: 'romance', country: 'TH', indicators: [{ value: '0898765432' }] } });
    const ids = async (q: string) => (await node.request('GET', `/api/v1/reports?q=${encodeURIComponent(q)}`)).body.items.map((r: any) => r.id);
    expect(await ids('5551234')).toEqual([a.body.id]);
    expect(await ids('romance')).toEqual([b.body.id]);
    expect(await ids('ph')).toEqual([a.body.id]);
    expect(await ids('narrative')).toEqual([]);
  });
});
