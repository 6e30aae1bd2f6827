import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { solveChallenge } from 'altcha-lib';
import { deriveKey } from 'altcha-lib/algorithms/pbkdf2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../support/databases.js';
import { startNode, type TestNode } from '../support/node.js';

/** Fetches a challenge and solves it as the browser widget does, giving the widget's payload. */
async function solved(node: TestNode): Promise<string> {
  const res = await node.request('GET', '/api/v1/public/challenge', { key: null });
  expect(res.status).toBe(200);
  const solution = await solveChallenge({ challenge: res.body, deriveKey });
  expect(solution).not.toBeNull();
  return Buffer.from(JSON.stringify({ challenge: res.body, solution })).toString('base64');
}

const SCREENSHOT = Buffer.from('a screenshot of the fake trading site');

const report = (altcha: string) => ({
  typology: 'investment',
  summary: 'A woman on Facebook showed me a gold trading app. I paid three times.',
  occurredAt: '2026-10-20T09:00:00Z',
  country: 'TH',
  channel: 'social-media',
  loss: { amount: '42000', currency: 'THB' },
  indicators: [
    { value: '081 555 0199', role: 'caller' },
    { value: 'hxxps://gold-max-trade[.]top/app', role: 'link' },
    { value: 'TH:004:9876543210', kind: 'bank-account', role: 'paid-to' },
  ],
  contact: 'reach me by phone',
  evidence: [{ name: 'chat.png', mediaType: 'image/png', data: SCREENSHOT.toString('base64') }],
  altcha,
});

describe.each(DIALECTS)('public intake on %s', (dialect) => {
  let node: TestNode;
  beforeAll(async () => {
    node = await startNode(dialect);
  });
  afterAll(async () => node?.close());

  it('takes a public report with a solved challenge into the queue, evidence stored by SHA-256 and size', async () => {
    const res = await node.request('POST', '/api/v1/public/reports', { key: null, body: report(await solved(node)) });
    expect(res.status).toBe(202);
    expect(res.body.status).toBe('pending');
    expect(res.body.indicators.map((i: any) => i.canonical)).toEqual(['+66815550199', 'https://gold-max-trade.top/app', expect.stringContaining('9876543210')]);
    const sha256 = createHash('sha256').update(SCREENSHOT).digest('hex');
    expect(res.body.evidence).toEqual([{ name: 'chat.png', size: SCREENSHOT.length, sha256 }]);
    expect(existsSync(path.join(node.db.dataDir, 'evidence', sha256.slice(0, 2), sha256))).toBe(true);

    const queue = await node.request('GET', '/api/v1/intake');
    expect(queue.status).toBe(200);
    const item = queue.body.items.find((i: any) => i.id === res.body.id);
    expect(item).toMatchObject({ status: 'pending', typology: 'investment', contact: 'reach me by phone', loss: { amount: '42000.00', currency: 'THB' } });
    const file = await fetch(`${node.url}/api/v1/evidence/${item.evidence[0].id}`, { headers: { authorization: `Bearer ${node.adminKey}` } });
    expect(file.status).toBe(200);
    expect(Buffer.from(await file.arrayBuffer())).toEqual(SCREENSHOT);
    expect(file.headers.get('content-disposition')).toContain('attachment');

    // Nothing is a report, and nothing moves a score, until an officer accepts it.
    const before = await node.request('GET', '/api/v1/indicators/phone/+66815550199');
    expect(before.status).toBe(404);
    const accepted = await node.request('POST', `/api/v1/intake/${res.body.id}/accept`, { body: { note: 'credible' } });
    expect(accepted.status).toBe(200);
    expect(accepted.body.status).toBe('accepted');
    const made = await node.request('GET', `/api/v1/reports/${accepted.body.reportId}`);
    expect(made.body.indicators).toHaveLength(3);
    expect((await node.request('GET', `/api/v1/reports/${accepted.body.reportId}/evidence`)).body.items[0].sha256).toBe(sha256);
    expect((await node.request('POST', `/api/v1/intake/${res.body.id}/reject`, { body: {} })).body.code).toBe('conflict');
    const audit = await node.request('GET', '/api/v1/audit?limit=50');
    expect(audit.body.items.some((e: any) => e.action === 'intake.accept')).toBe(true);
  });

  it('refuses a missing, forged or reused proof-of-work with 403 challenge-failed', async () => {
    const forged = Buffer.from(JSON.stringify({ challenge: { parameters: {}, signature: 'x' }, solution: { counter: 1, derivedKey: '00' } })).toString('base64');
    for (const altcha of ['not base64 json', forged]) {
      const res = await node.request('POST', '/api/v1/public/reports', { key: null, body: report(altcha) });
      expect(res.status).toBe(403);
      expect(res.body.code).toBe('challenge-failed');
    }
    const payload = await solved(node);
    expect((await node.request('POST', '/api/v1/public/reports', { key: null, body: report(payload) })).status).toBe(202);
    const again = await node.request('POST', '/api/v1/public/reports', { key: null, body: report(payload) });
    expect(again.status).toBe(403);
    expect(again.body.detail).toContain('already been used');
  });

  it('rejects bad indicators and bad evidence with problem documents', async () => {
    const badIndicator = await node.request('POST', '/api/v1/public/reports', { key: null, body: { ...report(await solved(node)), indicators: [{ value: 'hello there' }] } });
    expect(badIndicator.status).toBe(400);
    expect(badIndicator.body.code).toBe('invalid-indicator');
    const badFile = await node.request('POST', '/api/v1/public/reports', { key: null, body: { ...report('x'), evidence: [{ name: 'a', mediaType: 'image/png', data: '***' }] } });
    expect(badFile.body.code).toBe('validation-failed');
  });

  it('detects the kind of a value as it is typed, with and without a key', async () => {
    const open = await node.request('GET', '/api/v1/public/kinds/detect?value=0812345678&country=TH', { key: null });
    expect(open.body).toEqual({ value: '0812345678', kind: 'phone', canonical: '+66812345678', display: '+66 81 234 5678' });
    const keyed = await node.request('GET', `/api/v1/kinds/detect?value=${encodeURIComponent('0xd8da6bf26964af9d7eed9e03e53415d37aa96045')}`);
    expect(keyed.body.kind).toBe('crypto-wallet');
    expect((await node.request('GET', '/api/v1/kinds/detect?value=x', { key: null })).status).toBe(401);
    expect((await node.request('GET', '/api/v1/public/kinds/detect?value=hello', { key: null })).body.error.code).toBeTruthy();
  });

  it('keeps the queue from roles that do not review it', async () => {
    const viewer = await node.orgWithKey('Reader Org', 'TH', 'viewer');
    expect((await node.request('GET', '/api/v1/intake', { key: viewer.key })).status).toBe(403);
    expect((await node.request('GET', '/api/v1/intake', { key: null })).status).toBe(401);
  });

  it('limits public reports per address', async () => {
    let limited = 0;
    for (let i = 0; i < 12; i++) {
      const res = await node.request('POST', '/api/v1/public/reports', { key: null, body: report('x') });
      if (res.status === 429) limited++;
    }
    expect(limited).toBeGreaterThan(0);
  });
});
