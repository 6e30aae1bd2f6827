import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../support/databases.js';
import { startNode, type TestNode } from '../support/node.js';

const LIMITS = { FRAUDX_RATE_LIMIT: '5', FRAUDX_CHECK_RATE_LIMIT: '3', FRAUDX_ANONYMOUS_RATE_LIMIT: '4' };

describe.each(DIALECTS)('rate limits on %s', (dialect) => {
  let node: TestNode;
  let allowed: TestNode;
  let bankA: { orgId: string; key: string };
  let bankB: { orgId: string; key: string };

  beforeAll(async () => {
    node = await startNode(dialect, { env: LIMITS });
    allowed = await startNode(dialect, { env: { ...LIMITS, FRAUDX_RATE_LIMIT_ALLOW: '127.0.0.1,::1' } });
    bankA = await node.orgWithKey('Andaman Bank', 'TH', 'analyst');
    bankB = await node.orgWithKey('Mekong Bank', 'TH', 'analyst');
  }, 60_000);
  afterAll(async () => {
    await node?.close();
    await allowed?.close();
  });

  it('stops one key at its limit with a 429 problem and Retry-After, while another key still works', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) statuses.push((await node.request('GET', '/api/v1/reports', { key: bankA.key })).status);
    expect(statuses).toEqual([200, 200, 200, 200, 200]);
    const limited = await node.request('GET', '/api/v1/reports', { key: bankA.key });
    expect(limited.status).toBe(429);
    expect(limited.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(limited.body).toMatchObject({ code: 'rate-limited', status: 429, type: 'urn:fraudx:problem:rate-limited' });
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    expect((await node.request('GET', '/api/v1/reports', { key: bankB.key })).status).toBe(200);
  });

  it('gives the check API a budget of its own per key', async () => {
    const body = { items: [{ value: '+66811112222' }] };
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++) statuses.push((await node.request('POST', '/api/v1/check', { key: bankA.key, body })).status);
    // Key A spent its general budget above; its check budget is untouched until the fourth.
    expect(statuses).toEqual([200, 200, 200, 429]);
    expect((await node.request('POST', '/api/v1/check', { key: bankB.key, body })).status).toBe(200);
  });

  it('counts requests without a key per address', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) statuses.push((await node.request('GET', '/api/v1/auth/options', { key: null })).status);
    expect(statuses).toEqual([200, 200, 200, 200, 429]);
    // A key is counted on its own, not against the address it comes from.
    expect((await node.request('GET', '/api/v1/me', { key: bankB.key })).status).toBe(200);
  });

  it('never limits an address on the allow-list', async () => {
    const key = (await allowed.orgWithKey('Load Test Bank', 'TH', 'machine')).key;
    const body = { items: [{ value: '+66811112222' }] };
    for (let i = 0; i < 8; i++) {
      expect((await allowed.request('POST', '/api/v1/check', { key, body })).status).toBe(200);
      expect((await allowed.request('GET', '/api/v1/auth/options', { key: null })).status).toBe(200);
    }
  });
});
