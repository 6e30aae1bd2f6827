import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../support/databases.js';
import { startNode, type TestNode } from '../support/node.js';

const REPORT = {
  typology: 'investment',
  summary: 'Promised 30% a month on a gold trading site.',
  occurredAt: '2026-11-01T10:00:00Z',
  country: 'TH',
  channel: 'phone',
  loss: { amount: '125000.00', currency: 'THB' },
  indicators: [{ value: '081 234 5678', kind: 'phone', role: 'caller' }],
};

describe.each(DIALECTS)('reports on %s', (dialect) => {
  let node: TestNode;
  beforeAll(async () => {
    node = await startNode(dialect);
  });
  afterAll(async () => node?.close());

  it('stores a report and answers 201 with every indicator in canonical form', async () => {
    const res = await node.request('POST', '/api/v1/reports', { body: REPORT });
    expect(res.status).toBe(201);
    expect(res.body.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(res.body.indicators).toEqual([expect.objectContaining({ kind: 'phone', canonical: '+66812345678', role: 'caller' })]);
    expect(res.body.loss).toEqual({ amount: '125000.00', currency: 'THB', minor: 12_500_000 });
    expect(res.headers.get('location')).toBe(`/api/v1/reports/${res.body.id}`);

    const got = await node.request('GET', `/api/v1/reports/${res.body.id}`);
    expect(got.status).toBe(200);
    expect(got.body).toMatchObject({ id: res.body.id, typology: 'investment', country: 'TH', channel: 'phone', occurredAt: '2026-11-01T10:00:00.000Z' });
  });

  it('detects kinds when they are left out and uses the report country for national numbers', async () => {
    const res = await node.request('POST', '/api/v1/reports', {
      body: {
        typology: 'romance',
        country: 'TH',
        indicators: [{ value: '0812345678' }, { value: 'hxxps://evil-bank[.]top/login#x' }, { value: '0xd8da6bf26964af9d7eed9e03e53415d37aa96045' }],
      },
    });
    expect(res.status).toBe(201);
    expect(res.body.indicators.map((i: any) => [i.kind, i.canonical])).toEqual([
      ['phone', '+66812345678'],
      ['url', 'https://evil-bank.top/login'],
      ['crypto-wallet', 'evm:0xd8dA6BF26964aF9D7eEd9e03E53415D37aA96045'],
    ]);
  });

  it('lists reports newest first with filters and cursor paging that neither repeats nor skips', async () => {
    for (let i = 0; i < 5; i++) {
      const res = await node.request('POST', '/api/v1/reports', { body: { typology: 'loan', country: 'PH', indicators: [{ value: `+63917123456${i}` }] } });
      expect(res.status).toBe(201);
    }
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: any = await node.request('GET', `/api/v1/reports?typology=loan&limit=2${cursor ? `&cursor=${cursor}` : ''}`);
      expect(page.status).toBe(200);
      seen.push(...page.body.items.map((r: any) => r.id));
      for (const item of page.body.items) expect(item.typology).toBe('loan');
      cursor = page.body.next;
    } while (cursor);
    expect(seen).toHaveLength(5);
    expect(new Set(seen).size).toBe(5);
    const byCountry = await node.request('GET', '/api/v1/reports?country=PH');
    expect(byCountry.body.items.every((r: any) => r.country === 'PH')).toBe(true);
  });

  describe('bad input gets a problem document and stores nothing', () => {
    const cases: [string, { body?: unknown; raw?: string; headers?: Record<string, string> }, number, string][] = [
      ['malformed JSON', { raw: '{"typology": "investment",' }, 400, 'malformed-json'],
      ['a wrong type', { body: { ...REPORT, summary: 42 } }, 400, 'validation-failed'],
      ['an unknown typology', { body: { ...REPORT, typology: 'alchemy' } }, 400, 'validation-failed'],
      ['an unknown field', { body: { ...REPORT, victimName: 'x' } }, 400, 'unknown-field'],
      ['an unknown field in an indicator', { body: { ...REPORT, indicators: [{ value: '0812345678', colour: 'red' }] } }, 400, 'unknown-field'],
      ['an unreadable indicator', { body: { ...REPORT, indicators: [{ value: '12', kind: 'phone' }] } }, 400, 'invalid-indicator'],
      ['an undetectable indicator', { body: { ...REPORT, indicators: [{ value: 'hello there' }] } }, 400, 'invalid-indicator'],
      ['a float amount', { body: { ...REPORT, loss: { amount: 125000.5, currency: 'THB' } } }, 400, 'validation-failed'],
      ['too many decimals', { body: { ...REPORT, loss: { amount: '1.234', currency: 'THB' } } }, 400, 'invalid-amount'],
      ['an unknown currency', { body: { ...REPORT, loss: { amount: '1.00', currency: 'XYZ' } } }, 400, 'invalid-amount'],
      ['a bad country', { body: { ...REPORT, country: 'XX' } }, 400, 'validation-failed'],
      ['a bad date', { body: { ...REPORT, occurredAt: 'yesterday' } }, 400, 'validation-failed'],
      ['a body that is not JSON', { raw: 'typology=investment', headers: { 'content-type': 'text/plain' } }, 415, 'unsupported-media-type'],
      ['an oversized body', { body: { ...REPORT, summary: 'x'.repeat(1_100_000) } }, 413, 'body-too-large'],
    ];
    it.each(cases)('%s', async (_name, input, status, code) => {
      const before = await node.request('GET', '/api/v1/reports?limit=200');
      const res = await node.request('POST', '/api/v1/reports', input);
      expect(res.status).toBe(status);
      expect(res.headers.get('content-type')).toContain('application/problem+json');
      expect(res.body).toMatchObject({ status, code, type: `urn:fraudx:problem:${code}` });
      expect(typeof res.body.detail).toBe('string');
      const after = await node.request('GET', '/api/v1/reports?limit=200');
      expect(after.body.items.length).toBe(before.body.items.length);
    });

    it('names each unreadable indicator by its position', async () => {
      const res = await node.request('POST', '/api/v1/reports', { body: { ...REPORT, indicators: [{ value: '0812345678' }, { value: 'not a thing' }, { value: '+1', kind: 'phone' }] } });
      expect(res.status).toBe(400);
      expect(res.body.errors.map((e: any) => e.index)).toEqual([1, 2]);
    });

    it('answers 404 for an unknown report and an unknown route', async () => {
      expect((await node.request('GET', '/api/v1/reports/0190a0b0-0000-7000-8000-000000000000')).body.code).toBe('not-found');
      expect((await node.request('GET', '/api/v1/nothing-here')).body.code).toBe('route-not-found');
    });

    it('rejects a broken paging cursor', async () => {
      const res = await node.request('GET', '/api/v1/reports?cursor=garbage');
      expect(res.status).toBe(400);
      expect(res.body.code).toBe('invalid-cursor');
    });
  });

  describe('authentication and roles', () => {
    it('needs a key on every /api route but the public ones', async () => {
      const none = await node.request('GET', '/api/v1/reports', { key: null });
      expect(none.status).toBe(401);
      expect(none.body.code).toBe('auth-required');
      const bad = await node.request('GET', '/api/v1/reports', { key: 'fx_000000000000_' + 'a'.repeat(43) });
      expect(bad.status).toBe(401);
      expect(bad.body.code).toBe('invalid-key');
      const junk = await node.request('GET', '/api/v1/reports', { headers: { authorization: 'Basic Zm9vOmJhcg==' }, key: null });
      expect(junk.body.code).toBe('invalid-key');
      expect((await node.request('GET', '/api/v1/public/check?value=0812345678', { key: null })).status).toBe(200);
    });

    it('lets a viewer read but not report, and a machine check but not read reports', async () => {
      const viewer = await node.orgWithKey('Viewer Bank', 'TH', 'viewer');
      expect((await node.request('GET', '/api/v1/reports', { key: viewer.key })).status).toBe(200);
      const post = await node.request('POST', '/api/v1/reports', { key: viewer.key, body: REPORT });
      expect(post.status).toBe(403);
      expect(post.body.code).toBe('forbidden');
      const machine = await node.orgWithKey('Machine Telco', 'TH', 'machine', 'telco');
      expect((await node.request('GET', '/api/v1/reports', { key: machine.key })).status).toBe(403);
      expect((await node.request('POST', '/api/v1/check', { key: machine.key, body: { items: [{ value: '0812345678' }] } })).status).toBe(200);
    });

    it('stops accepting a key once it is revoked', async () => {
      const made = await node.request('POST', `/api/v1/orgs/${node.ownerOrgId}/keys`, { body: { role: 'analyst', name: 'temp' } });
      expect(made.status).toBe(201);
      expect(made.body.key).toMatch(/^fx_/);
      expect((await node.request('GET', '/api/v1/me', { key: made.body.key })).body.role).toBe('analyst');
      const listed = await node.request('GET', `/api/v1/orgs/${node.ownerOrgId}/keys`);
      expect(JSON.stringify(listed.body)).not.toContain(made.body.key.slice(-20));
      expect((await node.request('DELETE', `/api/v1/keys/${made.body.id}`)).status).toBe(204);
      const after = await node.request('GET', '/api/v1/me', { key: made.body.key });
      expect(after.status).toBe(401);
    });
  });
});
