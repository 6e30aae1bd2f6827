import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../support/databases.js';
import { startNode, type TestNode } from '../support/node.js';

describe.each(DIALECTS)('organisations and keys on %s', (dialect) => {
  let node: TestNode;
  beforeAll(async () => {
    node = await startNode(dialect);
  });
  afterAll(async () => node?.close());

  it('creates, lists and reads organisations', async () => {
    const made = await node.request('POST', '/api/v1/orgs', { body: { name: 'Mekong Mobile', country: 'kh', sector: 'telco' } });
    expect(made.status).toBe(201);
    expect(made.body).toMatchObject({ name: 'Mekong Mobile', country: 'KH', sector: 'telco', isNodeOwner: false });
    const one = await node.request('GET', `/api/v1/orgs/${made.body.id}`);
    expect(one.body.name).toBe('Mekong Mobile');
    const all = await node.request('GET', '/api/v1/orgs');
    expect(all.body.items.map((o: any) => o.name)).toEqual(expect.arrayContaining(['Mekong Mobile', 'This fraudx node']));
    const me = await node.request('GET', '/api/v1/me');
    expect(me.body).toMatchObject({ orgId: node.ownerOrgId, role: 'admin' });
  });

  it('refuses bad organisations and keys with problem documents', async () => {
    const cases: [string, string, unknown, string][] = [
      ['POST', '/api/v1/orgs', { name: 'X', country: 'XX', sector: 'bank' }, 'validation-failed'],
      ['POST', '/api/v1/orgs', { name: 'X', country: 'TH', sector: 'casino' }, 'validation-failed'],
      ['POST', '/api/v1/orgs', { name: '', country: 'TH', sector: 'bank' }, 'validation-failed'],
      ['POST', '/api/v1/orgs', { name: 'X', country: 'TH', sector: 'bank', vip: true }, 'unknown-field'],
      ['POST', `/api/v1/orgs/${node.ownerOrgId}/keys`, { role: 'god' }, 'validation-failed'],
      ['POST', '/api/v1/orgs/no-such-org/keys', { role: 'viewer' }, 'not-found'],
    ];
    for (const [method, route, body, code] of cases) {
      const res = await node.request(method, route, { body });
      expect(res.body.code, `${method} ${route} ${JSON.stringify(body)}`).toBe(code);
    }
    expect((await node.request('GET', '/api/v1/orgs/nope')).body.code).toBe('not-found');
    expect((await node.request('DELETE', '/api/v1/keys/nope')).body.code).toBe('not-found');
  });

  it('lets only admins manage organisations and keys, and only their own', async () => {
    const analyst = await node.orgWithKey('Andaman Bank', 'TH', 'analyst');
    expect((await node.request('POST', '/api/v1/orgs', { key: analyst.key, body: { name: 'Y', country: 'TH', sector: 'bank' } })).status).toBe(403);
    expect((await node.request('POST', `/api/v1/orgs/${analyst.orgId}/keys`, { key: analyst.key, body: { role: 'admin' } })).status).toBe(403);
    const admin = await node.orgWithKey('Lion City Payments', 'SG', 'admin', 'payment-provider');
    const own = await node.request('POST', `/api/v1/orgs/${admin.orgId}/keys`, { key: admin.key, body: { role: 'machine', name: 'payments gateway' } });
    expect(own.status).toBe(201);
    const other = await node.request('POST', `/api/v1/orgs/${analyst.orgId}/keys`, { key: admin.key, body: { role: 'admin' } });
    expect(other.status).toBe(403);
    // The node owner's admins run the node: they may make keys for any organisation.
    expect((await node.request('POST', `/api/v1/orgs/${analyst.orgId}/keys`, { body: { role: 'viewer' } })).status).toBe(201);
  });

  it('lists the indicator kinds', async () => {
    const res = await node.request('GET', '/api/v1/kinds');
    expect(res.body.kinds.map((k: any) => k.name)).toEqual(['phone', 'iban', 'bank-account', 'crypto-wallet', 'url', 'domain', 'email', 'ip', 'handle', 'payment-alias']);
  });

  it('records the change log with one global sequence for every write', async () => {
    const before = (await node.request('GET', '/health', { key: null })).body.changeLog;
    await node.request('POST', '/api/v1/reports', { body: { typology: 'prize', country: 'TH', indicators: [{ value: 'prize-winner.top' }] } });
    const rows = await node.ctx.storage.db.selectFrom('change_log').selectAll().where('seq', '>', before).orderBy('seq').execute();
    expect(rows.map((r) => [r.entity, r.op])).toEqual([['indicator', 'create'], ['report', 'create']]);
    expect(rows.every((r) => r.origin_node === node.ctx.node.id)).toBe(true);
    const seqs = rows.map((r) => Number(r.seq));
    expect(seqs).toEqual([...seqs].sort((a, b) => a - b));
    expect(JSON.stringify(rows)).not.toContain('summary');
  });
});
