import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../support/databases.js';
import type { TestNode } from '../support/node.js';
import { CASES, expected, openMatrix, phoneOf, READERS, type Reader, taxiiObjects } from './matrix.fixture.js';

// Every reader × every TLP × every distribution × every read path, with fixed expected answers (see matrix.fixture.ts).

/** Distributions wider than the TLP allows are refused, never silently narrowed. */
const REFUSED: [string, string][] = [
  ['green', 'public'],
  ['amber', 'public'],
  ['amber+strict', 'community'],
  ['amber+strict', 'federation'],
  ['amber+strict', 'public'],
  ['red', 'community'],
  ['red', 'federation'],
  ['red', 'public'],
];

describe.each(DIALECTS)('the visibility matrix on %s', (dialect) => {
  let node: TestNode;
  let keys = {} as Record<Reader, string | null>;
  let reportIds: string[] = [];

  beforeAll(async () => {
    ({ node, keys, reportIds } = await openMatrix(dialect));
  }, 120_000);
  afterAll(async () => node?.close());

  it('refuses a distribution wider than its TLP allows', async () => {
    for (const [tlp, distribution] of REFUSED) {
      const res = await node.request('POST', '/api/v1/reports', { key: keys['A.analyst'], body: { typology: 'investment', indicators: [{ value: '+66819999999' }], marking: { tlp, distribution } } });
      expect(res.status, `${tlp} ${distribution}`).toBe(400);
      expect(res.body.code).toBe('marking-invalid');
    }
  });

  it.each(READERS)('report get and list answer %s exactly as the table says', async (reader) => {
    for (const [i, c] of CASES.entries()) {
      const got = await node.request('GET', `/api/v1/reports/${reportIds[i]}`, { key: keys[reader] });
      const list = await node.request('GET', `/api/v1/reports?q=${encodeURIComponent(phoneOf(i))}`, { key: keys[reader] });
      const label = `${reader} ${c.tlp}/${c.distribution}`;
      if (reader === 'public') {
        expect(got.status, label).toBe(401);
      } else if (reader.endsWith('machine')) {
        // Machines check and sight; they never browse reports.
        expect(got.status, label).toBe(403);
        expect(list.status, label).toBe(403);
      } else {
        expect(got.status, label).toBe(expected(c.sees, reader) ? 200 : 404);
        expect(list.body.items.map((r: { id: string }) => r.id), label).toEqual(expected(c.sees, reader) ? [reportIds[i]] : []);
      }
    }
  });

  it.each(READERS)('indicator provenance answers %s exactly as the table says', async (reader) => {
    for (const [i, c] of CASES.entries()) {
      const res = await node.request('GET', `/api/v1/indicators/phone/${encodeURIComponent(phoneOf(i))}`, { key: keys[reader] });
      const label = `${reader} ${c.tlp}/${c.distribution}`;
      if (reader === 'public') expect(res.status, label).toBe(401);
      else if (expected(c.sees, reader)) {
        expect(res.status, label).toBe(200);
        expect(res.body.provenance.map((p: { reportId: string }) => p.reportId), label).toEqual([reportIds[i]]);
        expect(res.body.reportList.map((r: { id: string }) => r.id), label).toEqual([reportIds[i]]);
      } else expect(res.status, label).toBe(404);
    }
  });

  it.each(READERS)('the check answers %s exactly as the table says', async (reader) => {
    if (reader === 'public') {
      for (const [i, c] of CASES.entries()) {
        const res = await node.request('GET', `/api/v1/public/check?value=${encodeURIComponent(phoneOf(i))}`, { key: null });
        expect(res.body.known, `public ${c.tlp}/${c.distribution}`).toBe(expected(c.known, 'public'));
        expect(res.body.reports).toBe(expected(c.known, 'public') ? 1 : 0);
      }
      return;
    }
    const res = await node.request('POST', '/api/v1/check', { key: keys[reader], body: { items: CASES.map((_, i) => ({ value: phoneOf(i) })) } });
    expect(res.status).toBe(200);
    for (const [i, c] of CASES.entries()) {
      const label = `${reader} ${c.tlp}/${c.distribution}`;
      const result = res.body.results[i];
      expect(result.known, label).toBe(expected(c.known, reader));
      // Counts are given only from what every member may see; restricted objects say only "known".
      const shared = ['community', 'federation', 'public'].includes(c.distribution);
      if (result.known) expect(result.withheld === true, label).toBe(!shared);
    }
  });

  /** Every phone value and narrative a document carries, as strings found in its text. */
  const phonesIn = (text: string) => CASES.map((_, i) => text.includes(phoneOf(i)));
  const narrativeIn = (text: string) => CASES.some((_, i) => text.includes(`case ${i}`));
  const md5 = (value: string) => createHash('md5').update(value).digest('hex');

  it.each(READERS)('exports (CSV, blocklist, STIX, MISP) answer %s exactly as the table says, without narratives', async (reader) => {
    const csv = await node.request('GET', '/api/v1/exports/indicators.csv', { key: keys[reader] });
    const blocklist = await node.request('GET', '/api/v1/exports/blocklists/phone', { key: keys[reader] });
    const stix = await node.request('GET', '/api/v1/exports/stix', { key: keys[reader] });
    const hashes = await node.request('GET', '/api/v1/exports/misp/hashes.csv', { key: keys[reader] });
    const manifest = await node.request('GET', '/api/v1/exports/misp/manifest.json', { key: keys[reader] });
    if (reader === 'public') {
      for (const res of [csv, blocklist, stix, hashes, manifest]) expect(res.status).toBe(401);
      return;
    }
    const sees = CASES.map((c) => expected(c.sees, reader));
    expect(csv.status).toBe(200);
    expect(phonesIn(csv.body), 'csv').toEqual(sees);
    expect(phonesIn(blocklist.body), 'blocklist').toEqual(sees);
    const bundle = JSON.stringify(stix.body);
    expect(phonesIn(bundle), 'stix').toEqual(sees);
    expect(narrativeIn(bundle), 'stix narratives').toBe(false);
    // Reports travel as STIX reports only to those who read reports, and only those they may see.
    const stixReports = (stix.body.objects as { type: string }[]).filter((o) => o.type === 'report').length;
    expect(stixReports, 'stix reports').toBe(reader.endsWith('machine') ? 0 : sees.filter(Boolean).length);
    // MISP events are reports: machines, which do not read reports, get an empty feed.
    const inMisp = reader.endsWith('machine') ? CASES.map(() => false) : sees;
    expect(CASES.map((_, i) => String(hashes.body ?? '').includes(md5(phoneOf(i)))), 'misp hashes').toEqual(inMisp);
    const events = await Promise.all(Object.keys(manifest.body).map(async (uuid) => JSON.stringify((await node.request('GET', `/api/v1/exports/misp/${uuid}.json`, { key: keys[reader] })).body)));
    expect(phonesIn(events.join('\n')), 'misp events').toEqual(inMisp);
    expect(narrativeIn(events.join('\n')), 'misp narratives').toBe(false);
  });

  it.each(READERS)('TAXII answers %s exactly as the table says, without narratives', async (reader) => {
    const objects = await taxiiObjects(node, keys[reader], reader === 'public' ? 'public' : 'all');
    const text = JSON.stringify(objects);
    expect(phonesIn(text)).toEqual(CASES.map((c) => expected(c.sees, reader)));
    expect(narrativeIn(text)).toBe(false);
  });

  it.each(READERS)('statistics count for %s only what it may see', async (reader) => {
    const res = await node.request('GET', '/api/v1/dashboard', { key: keys[reader] });
    if (reader === 'public') return expect(res.status).toBe(401);
    if (reader.endsWith('machine')) return expect(res.status).toBe(403);
    expect(res.status).toBe(200);
    const visible = CASES.filter((c) => expected(c.sees, reader)).length;
    expect(res.body.totals.reports).toBe(visible);
    expect(res.body.totals.indicators).toBe(visible);
  });
});
