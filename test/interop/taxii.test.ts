import type { KyselyPlugin } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadDemo } from '../../src/modules/demo/demo.js';
import { readFeed, START } from '../../src/modules/interop/stix/stix-feed.js';
import { findNodeOwner } from '../../src/modules/orgs/orgs.store.js';
import { systemPrincipal } from '../../src/modules/orgs/orgs.service.js';
import type { Clock } from '../../src/shared/clock.js';
import { DIALECTS } from '../support/databases.js';
import { startNode, type TestNode } from '../support/node.js';

const TAXII = 'application/taxii+json;version=2.1';
const ROOT = '/taxii2/fraudx/';

/** Every event of this node shares one millisecond: the case that breaks timestamp paging. */
const frozen: Clock = { now: () => new Date('2026-05-01T08:00:00.000Z') };

async function taxii(node: TestNode, route: string, options: { key?: string | null; basic?: string; headers?: Record<string, string> } = {}) {
  const headers: Record<string, string> = { accept: TAXII, ...options.headers };
  if (options.basic) headers.authorization = `Basic ${Buffer.from(`anyone:${options.basic}`).toString('base64')}`;
  return node.request('GET', route, { key: options.basic ? null : options.key, headers });
}

async function pageAll(node: TestNode, collection: string, mode: 'next' | 'added_after', limit: number, between?: () => Promise<void>) {
  const seen: { id: string; version: string }[] = [];
  let query = '';
  for (let i = 0; i < 10_000; i++) {
    const res = await taxii(node, `${ROOT}collections/${collection}/objects/?limit=${limit}${query}`);
    expect(res.status).toBe(200);
    const objects = (res.body.objects ?? []) as { id: string; modified?: string; created?: string }[];
    for (const o of objects) seen.push({ id: o.id, version: o.modified ?? o.created ?? '' });
    if (between && res.body.more) await between();
    if (mode === 'next') {
      if (!res.body.more) break;
      query = `&next=${encodeURIComponent(res.body.next)}`;
    } else {
      const last = res.headers.get('x-taxii-date-added-last');
      if (!last) break;
      query = `&added_after=${encodeURIComponent(last)}`;
    }
  }
  return seen;
}

describe.each(DIALECTS)('TAXII 2.1 server on %s', (dialect) => {
  let node: TestNode;
  let all: string;

  beforeAll(async () => {
    node = await startNode(dialect, { clock: frozen });
    await loadDemo(node.ctx);
    const res = await taxii(node, `${ROOT}collections/`);
    all = res.body.collections.find((c: { alias: string }) => c.alias === 'all').id;
  }, 120_000);
  afterAll(async () => node?.close());

  it('answers discovery, the API root and the collections in the TAXII media type', async () => {
    const discovery = await taxii(node, '/taxii2/');
    expect(discovery.status).toBe(200);
    expect(discovery.headers.get('content-type')).toBe(TAXII);
    expect(discovery.body.api_roots).toEqual([`${node.url}${ROOT}`]);
    const root = await taxii(node, ROOT);
    expect(root.body).toMatchObject({ title: 'fraudx', versions: [TAXII] });
    expect(root.body.max_content_length).toBeGreaterThan(0);
    const list = await taxii(node, `${ROOT}collections/`);
    expect(list.body.collections.map((c: { alias: string }) => c.alias)).toEqual(['all', 'public']);
    const one = await taxii(node, `${ROOT}collections/${all}/`);
    expect(one.body).toMatchObject({ id: all, can_read: true, can_write: true, media_types: ['application/stix+json;version=2.1'] });
  });

  it('takes the API key as HTTP Basic password, and refuses a bad one with 401 and WWW-Authenticate', async () => {
    const ok = await taxii(node, `${ROOT}collections/${all}/objects/?limit=1`, { basic: node.adminKey });
    expect(ok.status).toBe(200);
    expect(ok.body.objects).toHaveLength(1);
    const bad = await taxii(node, `${ROOT}collections/${all}/`, { basic: 'fx_000000000000_' + 'a'.repeat(43) });
    expect(bad.status).toBe(401);
    expect(bad.headers.get('www-authenticate')).toContain('Basic');
    expect(bad.headers.get('content-type')).toBe(TAXII);
    expect(bad.body).toMatchObject({ http_status: '401', code: 'invalid-key' });
    const anonymous = await taxii(node, `${ROOT}collections/${all}/objects/`, { key: null });
    expect(anonymous.status).toBe(401);
    const publicList = await taxii(node, `${ROOT}collections/public/objects/`, { key: null });
    expect(publicList.status).toBe(200);
    // The public sees only what is TLP:CLEAR and distributed to the public, and no organisation.
    const clear = 'marking-definition--94868c89-83c2-464b-929b-a1a8aa3c8487';
    for (const o of publicList.body.objects) {
      if (o.type === 'report' || o.type === 'sighting') expect(o.object_marking_refs).toEqual([clear]);
      if (o.type === 'identity') expect(o.name).toBe('fraudx');
    }
    const everything = await taxii(node, `${ROOT}collections/${all}/objects/?limit=10000`);
    expect(publicList.body.objects.length).toBeLessThan(everything.body.objects.length);
  });

  it('refuses an Accept header it cannot answer with 406', async () => {
    const res = await taxii(node, ROOT, { headers: { accept: 'text/html' } });
    expect(res.status).toBe(406);
  });

  it('pages with next, and with added_after from X-TAXII-Date-Added-Last, over objects sharing one timestamp, missing and repeating nothing', async () => {
    const whole = await pageAll(node, all, 'next', 10_000);
    expect(whole.length).toBeGreaterThan(200);
    const ids = whole.map((o) => o.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const mode of ['next', 'added_after'] as const) {
      const paged = await pageAll(node, all, mode, 7);
      expect(paged.map((o) => o.id), mode).toEqual(ids);
    }
  });

  it('misses nothing while writes continue between pages', async () => {
    const owner = systemPrincipal((await findNodeOwner(node.ctx.storage.db))!);
    let n = 0;
    const write = async () => {
      if (n >= 15) return;
      n += 1;
      await node.request('POST', '/api/v1/reports', {
        body: { typology: 'investment', country: 'TH', indicators: [{ value: `https://during-${n}.example.com/pay`, role: 'link' }, { value: '+66 81 234 5678', role: 'caller' }] },
      });
    };
    void owner;
    const seen = await pageAll(node, all, 'next', 25, write);
    const pairs = seen.map((s) => `${s.id} ${s.version}`);
    expect(new Set(pairs).size).toBe(pairs.length);
    const finalIds = new Set((await pageAll(node, all, 'next', 10_000)).map((o) => o.id));
    expect(new Set(seen.map((s) => s.id))).toEqual(finalIds);
    expect([...finalIds].some((id) => id.startsWith('url--'))).toBe(true);
  });

  it('filters with match[type], match[id], match[version] and match[spec_version]', async () => {
    const indicators = await taxii(node, `${ROOT}collections/${all}/objects/?match[type]=indicator,report&limit=1000`);
    const types = new Set(indicators.body.objects.map((o: { type: string }) => o.type));
    expect([...types].sort()).toEqual(['indicator', 'report']);
    const first = indicators.body.objects[0];
    const byId = await taxii(node, `${ROOT}collections/${all}/objects/?match[id]=${first.id}`);
    expect(byId.body.objects.map((o: { id: string }) => o.id)).toEqual([first.id]);
    const lastVersion = await taxii(node, `${ROOT}collections/${all}/objects/?match[id]=${first.id}&match[version]=last&match[spec_version]=2.1`);
    expect(lastVersion.body.objects).toHaveLength(1);
    const oldVersion = await taxii(node, `${ROOT}collections/${all}/objects/?match[id]=${first.id}&match[version]=2001-01-01T00:00:00.000Z`);
    expect(oldVersion.body.objects).toBeUndefined();
  });

  it('answers the manifest, one object, and its versions', async () => {
    const manifest = await taxii(node, `${ROOT}collections/${all}/manifest/?limit=50`);
    expect(manifest.status).toBe(200);
    const objects = await taxii(node, `${ROOT}collections/${all}/objects/?limit=50`);
    expect(manifest.body.objects.map((m: { id: string }) => m.id)).toEqual(objects.body.objects.map((o: { id: string }) => o.id));
    const entry = manifest.body.objects.find((m: { id: string }) => m.id.startsWith('indicator--'));
    expect(entry).toMatchObject({ media_type: 'application/stix+json;version=2.1' });
    const one = await taxii(node, `${ROOT}collections/${all}/objects/${entry.id}/`);
    expect(one.body.objects.map((o: { id: string }) => o.id)).toEqual([entry.id]);
    expect(one.headers.get('x-taxii-date-added-first')).toBeTruthy();
    const versions = await taxii(node, `${ROOT}collections/${all}/objects/${entry.id}/versions/`);
    expect(versions.body).toEqual({ more: false, versions: [one.body.objects[0].modified] });
    const missing = await taxii(node, `${ROOT}collections/${all}/objects/indicator--00000000-0000-4000-8000-000000000000/`);
    expect(missing.status).toBe(404);
  });

  it('adds objects with POST, answers a status resource, and deletes a kept object', async () => {
    const campaign = { type: 'campaign', spec_version: '2.1', id: 'campaign--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f', created: '2026-01-01T00:00:00.000Z', modified: '2026-01-01T00:00:00.000Z', name: 'Fake exchange wave' };
    const indicator = {
      type: 'indicator', spec_version: '2.1', id: 'indicator--2f9bd0a5-6f6b-4d2a-9a0f-1c8e3c3a1a11', created: '2026-01-02T00:00:00.000Z', modified: '2026-01-02T00:00:00.000Z',
      pattern: "[phone-number:value = '+85512345678']", pattern_type: 'stix', valid_from: '2026-01-02T00:00:00Z', labels: ['investment'],
    };
    const posted = await node.request('POST', `${ROOT}collections/${all}/objects/`, {
      raw: JSON.stringify({ objects: [campaign, indicator] }),
      headers: { 'content-type': TAXII, accept: TAXII },
    });
    expect(posted.status).toBe(202);
    expect(posted.body).toMatchObject({ status: 'complete', total_count: 2, success_count: 2, failure_count: 0, pending_count: 0 });
    const status = await taxii(node, `${ROOT}status/${posted.body.id}/`);
    expect(status.body.id).toBe(posted.body.id);
    const kept = await taxii(node, `${ROOT}collections/${all}/objects/${campaign.id}/`);
    expect(kept.body.objects).toEqual([campaign]);
    const checked = await node.request('POST', '/api/v1/check', { body: { items: [{ value: '+85512345678' }] } });
    expect(checked.body.results[0].known).toBe(true);
    const deleted = await node.request('DELETE', `${ROOT}collections/${all}/objects/${campaign.id}/`, { headers: { accept: TAXII } });
    expect(deleted.status).toBe(200);
    expect((await taxii(node, `${ROOT}collections/${all}/objects/${campaign.id}/`)).status).toBe(404);
  });

  it('serves a page of 1,000 objects in a bounded number of queries', async () => {
    let queries = 0;
    const counter: KyselyPlugin = {
      transformQuery: (args) => {
        queries += 1;
        return args.node;
      },
      transformResult: async (args) => args.result,
    };
    const ctx = { ...node.ctx, storage: { ...node.ctx.storage, db: node.ctx.storage.db.withPlugin(counter) } };
    const owner = systemPrincipal((await findNodeOwner(node.ctx.storage.db))!);
    const page = await readFeed(ctx, { principal: owner }, START, 1000);
    expect(page.entries.length).toBeGreaterThan(200);
    expect(queries).toBeLessThanOrEqual(25);
  });
});
