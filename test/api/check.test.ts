import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../support/databases.js';
import { startNode, type TestNode } from '../support/node.js';

describe.each(DIALECTS)('check, indicators and sightings on %s', (dialect) => {
  let node: TestNode;
  let bank: { orgId: string; key: string };
  let telco: { orgId: string; key: string };
  beforeAll(async () => {
    node = await startNode(dialect, { env: { FRAUDX_PUBLIC_RATE_LIMIT: '40' } });
    bank = await node.orgWithKey('Andaman Bank', 'TH', 'analyst');
    telco = await node.orgWithKey('Mekong Mobile', 'KH', 'machine', 'telco');
    const reports = [
      { key: node.adminKey, body: { typology: 'investment', country: 'TH', loss: { amount: '125000.00', currency: 'THB' }, indicators: [{ value: '081 234 5678', role: 'caller' }, { value: 'TH:004:1234567890', kind: 'bank-account', role: 'paid-to' }], marking: { tlp: 'clear', distribution: 'public' } } },
      { key: bank.key, body: { typology: 'romance', country: 'SG', loss: { amount: '900.50', currency: 'SGD' }, indicators: [{ value: '+66 81 234 5678', role: 'caller' }], marking: { tlp: 'clear', distribution: 'public' } } },
      { key: bank.key, body: { typology: 'impersonation-bank', country: 'TH', indicators: [{ value: '02-888-8888', role: 'caller' }] } },
    ];
    for (const r of reports) expect((await node.request('POST', '/api/v1/reports', r)).status).toBe(201);
  });
  afterAll(async () => node?.close());

  it('answers known values with their facts, in the order asked, and errors per item', async () => {
    const res = await node.request('POST', '/api/v1/check', {
      body: { items: [{ value: '๐๘๑-๒๓๔-๕๖๗๘', kind: 'phone', country: 'TH' }, { value: 'not an identifier' }, { value: '+14155550123' }, { value: 'TH:004:1234567890' }] },
    });
    expect(res.status).toBe(200);
    const [phone, bad, unknown, account] = res.body.results;
    expect(phone).toMatchObject({ value: '๐๘๑-๒๓๔-๕๖๗๘', kind: 'phone', canonical: '+66812345678', known: true, reports: 2, organisations: 2 });
    expect(phone.countries).toEqual(['SG', 'TH']);
    expect(phone.typologies).toEqual(['investment', 'romance']);
    expect(phone.score).toBeGreaterThan(50);
    expect(phone.firstSeen <= phone.lastSeen).toBe(true);
    expect(bad).toEqual({ value: 'not an identifier', error: { code: 'undetectable', message: expect.any(String) } });
    expect(unknown).toMatchObject({ kind: 'phone', known: false });
    expect(unknown.score).toBeUndefined();
    expect(account).toMatchObject({ kind: 'bank-account', known: true, reports: 1 });
  });

  it('answers each item of a batch as it answers the item alone', async () => {
    // Items naming their kind are looked up together; the rest one by one: the answers must not tell.
    const items = [
      { value: '+66812345678', kind: 'phone' },
      { value: '081 234 5678', kind: 'phone', country: 'TH' },
      { value: '+14155550123', kind: 'phone' },
      { value: 'TH:004:1234567890', kind: 'bank-account' },
      { value: '+66812345678', kind: 'url' },
      { value: '+6628888888', kind: 'phone' },
      { value: 'x', kind: 'horoscope' },
      { value: '+66812345678' },
      { value: '๐๘๑-๒๓๔-๕๖๗๘', kind: 'phone', country: 'TH' },
    ];
    const batch = await node.request('POST', '/api/v1/check', { key: bank.key, body: { items } });
    expect(batch.status).toBe(200);
    for (const [i, item] of items.entries()) {
      const alone = await node.request('POST', '/api/v1/check', { key: bank.key, body: { items: [item] } });
      expect(batch.body.results[i]).toEqual(alone.body.results[0]);
    }
    expect(batch.body.results.filter((r: { known?: boolean }) => r.known).length).toBe(5);
  });

  it('never answers an allowlisted value as known, however often it is reported', async () => {
    const res = await node.request('POST', '/api/v1/check', { body: { items: [{ value: '028888888', country: 'TH' }] } });
    expect(res.body.results[0]).toMatchObject({ canonical: '+6628888888', known: false, allowlisted: 'fraudx known-good contacts' });
    const ind = await node.request('GET', '/api/v1/indicators/phone/+6628888888');
    expect(ind.body.status).toBe('allowed');
    expect(ind.body.score).toBe(0);
  });

  it('refuses a batch over 10,000 items with 413 and takes 10,000', async () => {
    const items = Array.from({ length: 10_001 }, (_, i) => ({ value: `+6681${String(i).padStart(7, '0')}` }));
    const over = await node.request('POST', '/api/v1/check', { key: telco.key, body: { items } });
    expect(over.status).toBe(413);
    expect(over.body.code).toBe('batch-too-large');
    const full = await node.request('POST', '/api/v1/check', { key: telco.key, body: { items: items.slice(0, 10_000) } });
    expect(full.status).toBe(200);
    expect(full.body.results).toHaveLength(10_000);
  });

  it('rejects bad check bodies with problem documents', async () => {
    expect((await node.request('POST', '/api/v1/check', { body: { items: [] } })).body.code).toBe('validation-failed');
    expect((await node.request('POST', '/api/v1/check', { body: { values: ['x'] } })).body.code).toBe('unknown-field');
    expect((await node.request('POST', '/api/v1/check', { body: { items: [{ value: 5 }] } })).body.code).toBe('validation-failed');
    expect((await node.request('POST', '/api/v1/check', { raw: '[' })).body.code).toBe('malformed-json');
  });

  it('answers a kind it does not know per item', async () => {
    const res = await node.request('POST', '/api/v1/check', { body: { items: [{ value: 'x', kind: 'horoscope' }, { value: '0812345678', country: 'TH' }] } });
    expect(res.body.results[0].error.code).toBe('unknown-kind');
    expect(res.body.results[1].known).toBe(true);
  });

  it('answers the public with aggregate facts only', async () => {
    const res = await node.request('GET', '/api/v1/public/check?value=%2B66812345678', { key: null });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ known: true, kind: 'phone', canonical: '+66812345678', reports: 2, typologies: ['investment', 'romance'] });
    expect(Object.keys(res.body).sort()).toEqual(['advice', 'canonical', 'kind', 'known', 'reports', 'typologies']);
    const bad = await node.request('GET', '/api/v1/public/check?value=zzz', { key: null });
    expect(bad.body).toMatchObject({ known: false, error: { code: 'undetectable' } });
    expect((await node.request('GET', '/api/v1/public/check', { key: null })).body.code).toBe('validation-failed');
  });

  it('rate-limits the public check', async () => {
    let limited: any;
    for (let i = 0; i < 60 && !limited; i++) {
      const res = await node.request('GET', '/api/v1/public/check?value=%2B66812345678', { key: null });
      if (res.status === 429) limited = res;
    }
    expect(limited).toBeDefined();
    expect(limited.body.code).toBe('rate-limited');
    expect(limited.headers.get('content-type')).toContain('application/problem+json');
  });

  it('gives an indicator with its reports, losses per currency and provenance', async () => {
    const res = await node.request('GET', '/api/v1/indicators/phone/081-234-5678?country=TH');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ kind: 'phone', canonical: '+66812345678', status: 'active', reports: 2, organisations: 2 });
    expect(res.body.losses).toEqual([
      { currency: 'SGD', amount: '900.50', minor: 90050, reports: 1 },
      { currency: 'THB', amount: '125000.00', minor: 12_500_000, reports: 1 },
    ]);
    expect(res.body.provenance.map((p: any) => p.orgName).sort()).toEqual(['Andaman Bank', 'This fraudx node']);
    expect(res.body.reportList).toHaveLength(2);
    expect(res.body.facts.country).toBe('TH');
    expect((await node.request('GET', '/api/v1/indicators/phone/+14155550123')).body.code).toBe('not-found');
    expect((await node.request('GET', '/api/v1/indicators/phone/nonsense')).body.code).toBe('invalid-indicator');
    expect((await node.request('GET', '/api/v1/indicators/horoscope/x')).body.code).toBe('validation-failed');
  });

  it('moves the score with sightings: blocks raise it, false positives lower it', async () => {
    const before = (await node.request('GET', '/api/v1/indicators/bank-account/TH:004:1234567890')).body.score;
    const blocked = await node.request('POST', '/api/v1/sightings', { key: telco.key, body: { value: 'TH:004:1234567890', kind: 'bank-account', type: 'blocked' } });
    expect(blocked.status).toBe(201);
    expect(blocked.body.score).toBeGreaterThan(before);
    const fp = await node.request('POST', '/api/v1/sightings', { key: bank.key, body: { value: 'TH:004:1234567890', kind: 'bank-account', type: 'false-positive' } });
    expect(fp.body.score).toBeLessThan(blocked.body.score);
    const check = await node.request('POST', '/api/v1/check', { body: { items: [{ value: 'TH:004:1234567890' }] } });
    expect(check.body.results[0].score).toBe(fp.body.score);
    const ind = await node.request('GET', '/api/v1/indicators/bank-account/TH:004:1234567890');
    expect(ind.body.sightings).toEqual({ seen: 0, blocked: 1, falsePositive: 1 });
  });

  it('refuses sightings of unknown values and unknown types', async () => {
    expect((await node.request('POST', '/api/v1/sightings', { body: { value: '+14155550123', type: 'seen' } })).body.code).toBe('not-found');
    expect((await node.request('POST', '/api/v1/sightings', { body: { value: '+66812345678', type: 'liked' } })).body.code).toBe('validation-failed');
  });

  it('stops answering known once an analyst marks an indicator allowed', async () => {
    const res = await node.request('POST', '/api/v1/indicators/phone/+66812345678/status', { body: { status: 'allowed', reason: 'number reassigned by the operator' } });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: 'allowed', score: 0 });
    const check = await node.request('POST', '/api/v1/check', { body: { items: [{ value: '+66812345678' }] } });
    expect(check.body.results[0]).toMatchObject({ known: false, status: 'allowed' });
    await node.request('POST', '/api/v1/indicators/phone/+66812345678/status', { body: { status: 'active', reason: 'mistake' } });
  });

  it('lists indicators with bare listings answered per item', async () => {
    const res = await node.request('POST', '/api/v1/indicators/batch', {
      body: { items: [{ value: 'scam-shop.top', typology: 'shopping' }, { value: '???' }, { value: 'scam-shop.top', typology: 'shopping' }] },
    });
    expect(res.status).toBe(200);
    expect(res.body.results.map((r: any) => r.status)).toEqual(['accepted', 'rejected', 'merged']);
    const list = await node.request('GET', '/api/v1/indicators?kind=domain&typology=shopping');
    expect(list.body.items.map((i: any) => i.canonical)).toContain('scam-shop.top');
  });

  it('serves health, the OpenAPI document and its UI', async () => {
    expect((await node.request('GET', '/health', { key: null })).status).toBe(200);
    const doc = await node.request('GET', '/openapi.json', { key: null });
    expect(doc.body.openapi).toBe('3.1.0');
    expect(Object.keys(doc.body.paths)).toEqual(expect.arrayContaining(['/api/v1/reports', '/api/v1/check', '/api/v1/sightings', '/api/v1/public/check', '/api/v1/indicators/{kind}/{value}']));
    expect(doc.body.paths['/api/v1/reports'].post.requestBody.content['application/json'].schema.properties.typology.enum).toContain('pig-butchering');
    const ui = await fetch(node.url + '/docs/');
    expect(ui.status).toBe(200);
    expect(await ui.text()).toContain('swagger');
  });
});
