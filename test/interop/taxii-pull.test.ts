import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadDemo } from '../../src/modules/demo/demo.js';
import { pullCollection } from '../../src/modules/interop/taxii/taxii-client.js';
import { findNodeOwner } from '../../src/modules/orgs/orgs.store.js';
import { systemPrincipal } from '../../src/modules/orgs/orgs.service.js';
import { DIALECTS, freshDatabase } from '../support/databases.js';
import { startNode, type TestNode } from '../support/node.js';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { ROOT } from '../support/process.js';
import { indicatorSet, reportSet, sightingSet } from './support/compare.js';

describe.each(DIALECTS)('TAXII pull from one fraudx node into another on %s', (dialect) => {
  let a: TestNode;
  let b: TestNode;

  beforeAll(async () => {
    [a, b] = await Promise.all([startNode(dialect), startNode(dialect)]);
    await loadDemo(a.ctx);
  }, 120_000);
  afterAll(async () => {
    await Promise.all([a?.close(), b?.close()]);
  });

  it('ends with identical sets although writes continue during the pull, and resumes from its cursor', async () => {
    const analyst = await a.orgWithKey('Pulling partner', 'TH', 'analyst');
    const intoB = systemPrincipal((await findNodeOwner(b.ctx.storage.db))!);
    let writing = true;
    let written = 0;
    const writes = (async () => {
      while (writing && written < 40) {
        written += 1;
        await a.request('POST', '/api/v1/reports', {
          body: { typology: 'job-task', country: 'KH', occurredAt: '2026-04-01T10:00:00Z', indicators: [{ value: `https://task-${written}.example.org/join`, role: 'link' }, { value: '+855 12 345 678', role: 'contact' }] },
        });
        await a.request('POST', '/api/v1/sightings', { body: { value: '+855 12 345 678', type: 'blocked' } });
      }
    })();
    const pages: number[] = [];
    const first = await pullCollection(b.ctx, intoB, { url: `${a.url}/taxii2/`, collection: 'all', token: analyst.key, pageSize: 40, onPage: (p) => pages.push(p.objects) });
    writing = false;
    await writes;
    expect(first.pages).toBeGreaterThan(5);
    expect(first.rejected).toBe(0);
    expect(written).toBeGreaterThan(0);
    // The second pull starts where the first stopped and brings what was written meanwhile.
    const second = await pullCollection(b.ctx, intoB, { url: `${a.url}/taxii2/fraudx/`, collection: 'all', token: analyst.key, pageSize: 40 });
    expect(second.objects).toBeLessThan(first.objects);
    // The puller's organisation sees on node A what the policy lets it see; B holds exactly that.
    const reader = { principal: { orgId: analyst.orgId, role: 'analyst' as const, actorId: 'test', country: 'TH' } };
    expect(await indicatorSet(b.ctx)).toEqual(await indicatorSet(a.ctx, reader));
    expect(await reportSet(b.ctx)).toEqual(await reportSet(a.ctx, reader));
    expect(await sightingSet(b.ctx)).toEqual(await sightingSet(a.ctx, reader));
    const third = await pullCollection(b.ctx, intoB, { url: `${a.url}/taxii2/`, collection: 'all', token: analyst.key });
    expect(third.reports + third.sightings).toBe(0);
  }, 180_000);

  it('runs as `fraudx taxii pull` with HTTP Basic and prints a summary', async () => {
    const target = await freshDatabase(dialect);
    try {
      const env = { DATABASE_URL: target.databaseUrl ?? '' };
      const args = ['taxii', 'pull', `${a.url}/taxii2/`, '--collection', 'all', '--user', 'partner', '--password', a.adminKey, '--json', '--data', target.dataDir];
      // Asynchronously: the serving node lives in this process and must keep answering.
      const run = await promisify(execFile)(path.join(ROOT, 'bin', 'fraudx'), args, { env: { ...process.env, ...env }, timeout: 120_000 });
      const summary = JSON.parse(run.stdout);
      expect(summary.objects).toBeGreaterThan(0);
      expect(summary.rejected).toBe(0);
    } finally {
      await target.drop();
    }
  }, 180_000);
});
