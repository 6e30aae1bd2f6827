import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { entityStixId } from '../../src/modules/interop/stix/stix-ids.js';
import { newCase, screening } from '../cases/fixtures.js';
import { validBody } from '../requests/support.js';
import { DIALECTS } from '../support/databases.js';
import { CASES, expected, type Matrix, openMatrix, phoneOf, READERS, type Reader, taxiiObjects } from './matrix.fixture.js';

/**
 * The visibility matrix over the read paths networks, sightings, requests and victim cases add,
 * on the same fixture and reader table as matrix.test.ts.
 *
 * The graph: two community reports join ANCHOR to MATES; case i's report joins phoneOf(i) to
 * ANCHOR, and case i's sighting (a funds-from link, marked as case i) joins payeeOf(i) to ANCHOR.
 * payeeOf(i) is otherwise named only in a community report of its own, which links nothing. So
 * each marked report or sighting is the only thing that puts its indicator into the network: a
 * reader who may not see it gets a network without that node.
 */
const ANCHOR = '+66829000000';
const MATES = ['+66829000001', '+66829000002'];
const payeeOf = (i: number) => `+6682901${String(i).padStart(4, '0')}`;

/**
 * Requests are seen by their sender (A), their recipient (B) and the organisations those share
 * them with, whatever the role; A's victim case by A's case team and B's people, B being named
 * a partner on it.
 */
//                                                    A: ad an in vi ma  B: an vi  C: an ma  pub
const REQUESTS = [
  { name: 'A to B, naming every case phone', /*    */ sees: '1111111000', sharedWithC: false },
  { name: 'A to B, shared with C', /*              */ sees: '1111111110', sharedWithC: true },
];
const VICTIM_CASE_SEES = /*                         */ '1110010000';

const readsNetworks = (reader: Reader) => reader !== 'public' && !reader.endsWith('machine');
const sorted = (values: Iterable<string>) => [...values].sort();

describe.each(DIALECTS)('the visibility matrix of networks, sightings, requests and victim cases on %s', (dialect) => {
  let m: Matrix;
  const anchorReports: string[] = [];
  const payeeReports: string[] = [];
  const sightingIds: string[] = [];
  let networkId: string;
  const requestIds: string[] = [];
  let requestsFrom: number;
  let victimCaseId: string;

  beforeAll(async () => {
    m = await openMatrix(dialect, { alsoNamed: () => [{ value: ANCHOR }] });
    const { node, keys } = m;
    const analyst = keys['A.analyst'];
    const report = async (values: string[]) => {
      const res = await node.request('POST', '/api/v1/reports', { key: analyst, body: { typology: 'investment', indicators: values.map((value) => ({ value })), marking: { tlp: 'green', distribution: 'community' } } });
      expect(res.status, JSON.stringify(res.body)).toBe(201);
      return res.body.id as string;
    };
    for (const mate of MATES) anchorReports.push(await report([ANCHOR, mate]));
    for (const [i] of CASES.entries()) {
      payeeReports.push(await report([payeeOf(i)]));
      const body = { value: payeeOf(i), type: 'blocked', counterparty: { value: ANCHOR, direction: 'received-from' }, marking: m.markingOf(i) };
      const res = await node.request('POST', '/api/v1/sightings', { key: analyst, body });
      expect(res.status, JSON.stringify(res.body)).toBe(201);
      sightingIds.push(res.body.id);
    }
    const list = await node.request('GET', '/api/v1/networks', { key: keys['A.admin'] });
    expect(list.body.items).toHaveLength(1);
    networkId = list.body.items[0].id;

    requestsFrom = node.ctx.feed.position;
    for (const r of REQUESTS) {
      const indicators = r.sharedWithC ? [] : CASES.map((_, i) => ({ value: phoneOf(i) }));
      const sent = await node.request('POST', '/api/v1/requests', { key: analyst, body: { ...validBody('information', m.orgs.b), reference: r.name, indicators } });
      expect(sent.status, JSON.stringify(sent.body)).toBe(201);
      requestIds.push(sent.body.id);
      if (!r.sharedWithC) continue;
      const shared = await node.request('POST', `/api/v1/requests/${sent.body.id}/share`, { key: analyst, body: { orgId: m.orgs.c } });
      expect(shared.status, JSON.stringify(shared.body)).toBe(200);
    }

    const made = await node.request('POST', '/api/v1/cases', { key: analyst, body: newCase({ partners: [{ orgId: m.orgs.b, role: 'shelter' }] }) });
    expect(made.status, JSON.stringify(made.body)).toBe(201);
    victimCaseId = made.body.id;
    const identifiers = CASES.map((_, i) => ({ value: phoneOf(i), kind: 'phone' }));
    const screened = await node.request('POST', `/api/v1/cases/${victimCaseId}/screenings`, { key: analyst, body: screening('presumed-victim', identifiers) });
    expect(screened.status, JSON.stringify(screened.body)).toBe(201);
  }, 180_000);
  afterAll(async () => m?.node.close());

  const get = (reader: Reader, route: string) => m.node.request('GET', route, { key: m.keys[reader] });
  const seen = (reader: Reader, shift = 0) => CASES.map((_, i) => (expected(CASES[(i + shift) % CASES.length].sees, reader) ? i : -1)).filter((i) => i >= 0);
  /**
   * The network's indicators as the reader may compute it: the anchor, its mates, and every phone
   * and payee the reader's marks let in (case i's report marked as case i + reportShift says).
   */
  const membersFor = (reader: Reader, reportShift = 0) => sorted([ANCHOR, ...MATES, ...seen(reader, reportShift).map(phoneOf), ...seen(reader).map(payeeOf)]);
  const values = (items: { value: string }[]) => sorted(items.map((x) => x.value));

  it.each(READERS)('network list, detail and hubs answer %s exactly as the table says', async (reader) => {
    const list = await get(reader, '/api/v1/networks');
    const detail = await get(reader, `/api/v1/networks/${networkId}`);
    const hubs = await get(reader, '/api/v1/networks/hubs?minOrgs=1');
    if (!readsNetworks(reader)) {
      for (const res of [list, detail, hubs]) expect(res.status).toBe(reader === 'public' ? 401 : 403);
      return;
    }
    const n = seen(reader).length;
    // Hiding reports only trims this network: it stays the largest piece and keeps its id.
    expect(list.body.items.map((x: { id: string }) => x.id)).toEqual([networkId]);
    expect(list.body.items[0]).toMatchObject({ size: 3 + 2 * n, reports: 2 + 2 * n });
    expect(detail.status).toBe(200);
    expect(values(detail.body.members)).toEqual(membersFor(reader));
    expect(detail.body.membersTruncated).toBe(false);
    const shown = [...detail.body.keyNodes, ...detail.body.communities.flatMap((c: { keyNodes: { value: string }[] }) => c.keyNodes)];
    for (const k of shown) expect(membersFor(reader)).toContain(k.value);
    expect(hubs.body.items.map((h: { value: string; reports: number }) => [h.value, h.reports])).toEqual([[ANCHOR, 2 + n]]);
  });

  it.each(READERS)('network exports (JSON, CSV, GraphML) answer %s exactly as the table says', async (reader) => {
    const json = await get(reader, `/api/v1/networks/${networkId}/export?format=json`);
    const csv = await get(reader, `/api/v1/networks/${networkId}/export?format=csv`);
    const graphml = await get(reader, `/api/v1/networks/${networkId}/export?format=graphml`);
    if (!readsNetworks(reader)) {
      for (const res of [json, csv, graphml]) expect(res.status).toBe(reader === 'public' ? 401 : 403);
      return;
    }
    const visible = seen(reader);
    expect(values(json.body.indicators)).toEqual(membersFor(reader));
    // A payee brings its own report along only when a link the reader may see put it in.
    expect(sorted(json.body.reports.map((r: { id: string }) => r.id))).toEqual(sorted([...anchorReports, ...visible.flatMap((i) => [m.reportIds[i], payeeReports[i]])]));
    expect(sorted(json.body.links.map((l: { id: string }) => l.id))).toEqual(sorted(visible.map((i) => sightingIds[i])));
    for (const [format, text] of [['csv', csv.body as string], ['graphml', graphml.body as string]]) {
      expect(CASES.map((_, i) => text.includes(phoneOf(i))), format).toEqual(CASES.map((c) => expected(c.sees, reader)));
      expect(CASES.map((_, i) => text.includes(payeeOf(i))), format).toEqual(CASES.map((c) => expected(c.sees, reader)));
      expect(CASES.some((_, i) => text.includes(m.reportIds[i]) !== expected(CASES[i].sees, reader)), `${format} report ids`).toBe(false);
      expect(/case \d+/.test(text), `${format} narratives`).toBe(false);
    }
  });

  it.each(READERS)('neighbourhoods and paths answer %s exactly as the table says', async (reader) => {
    const around = await get(reader, `/api/v1/indicators/phone/${encodeURIComponent(ANCHOR)}/neighbourhood?depth=1`);
    if (!readsNetworks(reader)) {
      expect(around.status).toBe(reader === 'public' ? 401 : 403);
      return;
    }
    const visible = seen(reader);
    expect(values(around.body.indicators)).toEqual(membersFor(reader));
    expect(sorted(around.body.reports.map((r: { id: string }) => r.id))).toEqual(sorted([...anchorReports, ...visible.map((i) => m.reportIds[i])]));
    expect(sorted(around.body.links.map((l: { id: string }) => l.id))).toEqual(sorted(visible.map((i) => sightingIds[i])));
    const NEVER = '+66829999999';
    const unknown = await get(reader, `/api/v1/indicators/phone/${encodeURIComponent(NEVER)}/neighbourhood?depth=1`);
    const unknownPath = await get(reader, `/api/v1/paths?from=${encodeURIComponent(`phone:${NEVER}`)}&to=${encodeURIComponent(`phone:${ANCHOR}`)}`);
    for (const [i, c] of CASES.entries()) {
      const label = `${reader} ${c.tlp}/${c.distribution}`;
      const own = await get(reader, `/api/v1/indicators/phone/${encodeURIComponent(phoneOf(i))}/neighbourhood?depth=1`);
      const path = await get(reader, `/api/v1/paths?from=${encodeURIComponent(`phone:${phoneOf(i)}`)}&to=${encodeURIComponent(`phone:${payeeOf(i)}`)}`);
      if (!expected(c.sees, reader)) {
        // Known only from what the reader may not see: exactly as if never heard of.
        const asUnknown = (body: unknown) => JSON.parse(JSON.stringify(body).replaceAll(phoneOf(i), NEVER).replaceAll(encodeURIComponent(phoneOf(i)), encodeURIComponent(NEVER)));
        expect([own.status, asUnknown(own.body)], label).toEqual([404, unknown.body]);
        expect([path.status, asUnknown(path.body)], label).toEqual([404, unknownPath.body]);
        continue;
      }
      expect(values(own.body.indicators), label).toEqual(sorted([phoneOf(i), ANCHOR]));
      // phone —report i— anchor —sighting i— payee: the only way between them.
      expect(path.body.steps.map((s: { type: string; id?: string; value?: string }) => s.value ?? s.id), label).toEqual([phoneOf(i), m.reportIds[i], ANCHOR, sightingIds[i], payeeOf(i)]);
    }
  });

  it.each(READERS)('sightings answer %s exactly as the table says, and counts hold only what every member may see', async (reader) => {
    for (const [i, c] of CASES.entries()) {
      const label = `${reader} ${c.tlp}/${c.distribution}`;
      const res = await get(reader, `/api/v1/indicators/phone/${encodeURIComponent(payeeOf(i))}`);
      if (reader === 'public') {
        expect(res.status, label).toBe(401);
        continue;
      }
      // The payee's own report is the community's: every member reads the indicator, not every sighting of it.
      expect(res.status, label).toBe(200);
      expect(res.body.recentSightings.map((s: { id: string }) => s.id), label).toEqual(expected(c.sees, reader) ? [sightingIds[i]] : []);
      const shared = ['community', 'federation', 'public'].includes(c.distribution);
      expect(res.body.sightings, label).toEqual({ seen: 0, blocked: shared ? 1 : 0, falsePositive: 0 });
    }
  });

  it.each(READERS)('sightings travel over TAXII and the STIX export to %s exactly as the table says', async (reader) => {
    const ofCases = (objects: { type: string; id: string }[]) => {
      const ids = new Set(objects.filter((o) => o.type === 'sighting').map((o) => o.id));
      return sightingIds.map((id) => ids.has(entityStixId('sighting', 'sighting', id)));
    };
    const sees = CASES.map((c) => expected(c.sees, reader));
    expect(ofCases(await taxiiObjects(m.node, m.keys[reader], reader === 'public' ? 'public' : 'all')), 'taxii').toEqual(sees);
    const stix = await get(reader, '/api/v1/exports/stix');
    if (reader === 'public') return expect(stix.status).toBe(401);
    expect(ofCases(stix.body.objects), 'stix export').toEqual(sees);
  });

  /** The request events the stream replays to a key since the requests were made: up to the last one, C's share, which every organisation is told of. */
  const streamed = async (key: string) => {
    const controller = new AbortController();
    // A stream that never tells this reader of the last event fails the test instead of hanging it.
    const giveUp = setTimeout(() => controller.abort(), 30_000);
    const res = await fetch(`${m.node.url}/api/v1/requests/stream?after=${requestsFrom}`, { headers: { authorization: `Bearer ${key}` }, signal: controller.signal });
    expect(res.headers.get('content-type')).toBe('text/event-stream');
    const reader = res.body!.getReader();
    const decoder = new TextDecoder();
    const events: { id: string; event: string }[] = [];
    let text = '';
    const last = requestIds[REQUESTS.length - 1];
    while (!events.some((e) => e.id === last && e.event === 'request.shared')) {
      const { value, done } = await reader.read();
      if (done) break;
      text += decoder.decode(value, { stream: true });
      const blocks = text.split('\n\n');
      text = blocks.pop()!;
      for (const block of blocks) {
        const data = block.split('\n').find((line) => line.startsWith('data: '));
        if (data) events.push(JSON.parse(data.slice(6)));
      }
    }
    clearTimeout(giveUp);
    controller.abort();
    return events;
  };

  it.each(READERS)('requests (get, list, stream) answer %s exactly as the table says, carrying no report', async (reader) => {
    const list = await get(reader, '/api/v1/requests');
    if (reader === 'public') {
      expect(list.status).toBe(401);
      for (const id of requestIds) expect((await get(reader, `/api/v1/requests/${id}`)).status).toBe(401);
      expect((await get(reader, '/api/v1/requests/stream')).status).toBe(401);
      return;
    }
    const visible = requestIds.filter((_, n) => expected(REQUESTS[n].sees, reader));
    expect(list.status).toBe(200);
    expect(sorted(list.body.items.map((r: { id: string }) => r.id))).toEqual(sorted(visible));
    const events = await streamed(m.keys[reader]!);
    expect(sorted(new Set(events.map((e) => e.id)))).toEqual(sorted(visible));
    expect(CASES.some((_, i) => JSON.stringify(events).includes(phoneOf(i))), 'stream indicators').toBe(false);
    for (const [n, r] of REQUESTS.entries()) {
      const one = await get(reader, `/api/v1/requests/${requestIds[n]}`);
      expect(one.status, r.name).toBe(expected(r.sees, reader) ? 200 : 404);
      if (one.status !== 200) continue;
      // The indicators its sender named, and nothing the request would add from the reports about them.
      expect(sorted(one.body.indicators.map((x: { canonical: string }) => x.canonical)), r.name).toEqual(r.sharedWithC ? [] : sorted(CASES.map((_, i) => phoneOf(i))));
      const text = JSON.stringify(one.body);
      expect(m.reportIds.some((id) => text.includes(id)), r.name).toBe(false);
      expect(/case \d+/.test(text), r.name).toBe(false);
    }
  });

  it.each(READERS)('victim cases answer %s exactly as the table says, and their flag only where the check says known', async (reader) => {
    const one = await get(reader, `/api/v1/cases/${victimCaseId}`);
    const list = await get(reader, '/api/v1/cases');
    if (reader === 'public') {
      for (const res of [one, list]) expect(res.status).toBe(401);
      const checks = await Promise.all(CASES.map((_, i) => m.node.request('GET', `/api/v1/public/check?value=${encodeURIComponent(phoneOf(i))}`, { key: null })));
      expect(checks.map((r) => r.body.coercedOperator)).toEqual(CASES.map(() => undefined));
      return;
    }
    const sees = expected(VICTIM_CASE_SEES, reader);
    expect(one.status).toBe(sees ? 200 : 404);
    // Viewers and machines never work on cases; other organisations' people list none of A's.
    if (['A.viewer', 'A.machine', 'B.viewer', 'C.machine'].includes(reader)) expect(list.status).toBe(403);
    else expect(list.body.items.map((c: { id: string }) => c.id)).toEqual(sees ? [victimCaseId] : []);
    if (sees) expect(sorted(one.body.coercedIdentifiers.map((x: { canonical: string }) => x.canonical))).toEqual(sorted(CASES.map((_, i) => phoneOf(i))));
    // The case names no one outside it; its flag reaches a check only where the indicator is known.
    const check = await m.node.request('POST', '/api/v1/check', { key: m.keys[reader], body: { items: CASES.map((_, i) => ({ value: phoneOf(i) })) } });
    expect(check.status).toBe(200);
    expect(check.body.results.map((r: { coercedOperator?: boolean }) => r.coercedOperator === true)).toEqual(CASES.map((c) => expected(c.known, reader)));
  });

  // Last: every report takes the next case's marking (some wider, some narrower), after every reader's view was computed.
  it('lets the owner re-mark every report', async () => {
    for (const [i] of CASES.entries()) {
      const res = await m.node.request('PUT', `/api/v1/reports/${m.reportIds[i]}/marking`, { key: m.keys['A.analyst'], body: { marking: m.markingOf((i + 1) % CASES.length), reason: 'matrix' } });
      expect(res.status, JSON.stringify(res.body)).toBe(200);
    }
  });

  it.each(READERS)('networks follow the new markings for %s', async (reader) => {
    const detail = await get(reader, `/api/v1/networks/${networkId}`);
    const around = await get(reader, `/api/v1/indicators/phone/${encodeURIComponent(ANCHOR)}/neighbourhood?depth=1`);
    if (!readsNetworks(reader)) {
      for (const res of [detail, around]) expect(res.status).toBe(reader === 'public' ? 401 : 403);
      return;
    }
    expect(values(detail.body.members)).toEqual(membersFor(reader, 1));
    expect(values(around.body.indicators)).toEqual(membersFor(reader, 1));
    expect(sorted(around.body.reports.map((r: { id: string }) => r.id))).toEqual(sorted([...anchorReports, ...seen(reader, 1).map((i) => m.reportIds[i])]));
  });

  /**
   * Case i's pairs of networks, each pair joined by case i's report. In the first pair a network
   * of three phones meets a smaller one of two: the larger keeps its id, the smaller's is retired
   * into it. In the second, two networks of three meet: the whole graph keeps one id of the two.
   */
  const SIZES = [3, 2, 3, 3];
  const clusterOf = (side: number, i: number) => Array.from({ length: SIZES[side] }, (_, k) => `+66842${side}${String(i).padStart(3, '0')}0${k + 1}`);
  const oldIds: string[][] = [];

  it('joins pairs of networks with a report marked as each case says', async () => {
    const report = async (values: string[], marking: object) => {
      const res = await m.node.request('POST', '/api/v1/reports', { key: m.keys['A.analyst'], body: { typology: 'investment', indicators: values.map((value) => ({ value })), marking } });
      expect(res.status, JSON.stringify(res.body)).toBe(201);
    };
    const community = { tlp: 'green', distribution: 'community' };
    for (const [i] of CASES.entries()) {
      for (const side of SIZES.keys()) {
        const phones = clusterOf(side, i);
        // Two reports make a network: a chain over three phones, the same two phones twice.
        await report(phones.slice(0, 2), community);
        await report(phones.slice(-2), community);
      }
    }
    const idOf = async (value: string) => {
      const res = await m.node.request('GET', `/api/v1/indicators/phone/${encodeURIComponent(value)}/neighbourhood?depth=1`, { key: m.keys['A.admin'] });
      return res.body.indicators.find((x: { value: string }) => x.value === value).network as string;
    };
    for (const [i] of CASES.entries()) oldIds.push(await Promise.all(SIZES.map((_, side) => idOf(clusterOf(side, i)[0]))));
    // Every reader has seen the networks before they are joined, as a bookmark would.
    for (const reader of READERS.filter(readsNetworks)) expect((await get(reader, '/api/v1/networks?limit=200')).body.items).toHaveLength(1 + SIZES.length * CASES.length);
    for (const [i] of CASES.entries()) {
      await report([clusterOf(0, i)[0], clusterOf(1, i)[0]], m.markingOf(i));
      await report([clusterOf(2, i)[0], clusterOf(3, i)[0]], m.markingOf(i));
    }
  });

  it.each(READERS)('an old network id leads %s into a merged network only if it may see what merged it', async (reader) => {
    for (const [i, c] of CASES.entries()) {
      const label = `${reader} ${c.tlp}/${c.distribution}`;
      const answers = await Promise.all(oldIds[i].map((id) => get(reader, `/api/v1/networks/${id}`)));
      if (!readsNetworks(reader)) {
        for (const res of answers) expect(res.status, label).toBe(reader === 'public' ? 401 : 403);
        continue;
      }
      if (expected(c.sees, reader)) {
        const [larger, smaller, tied, tiedToo] = answers;
        expect([larger.status, values(larger.body.members)], label).toEqual([200, sorted([...clusterOf(0, i), ...clusterOf(1, i)])]);
        expect([smaller.status, smaller.body.id], label).toEqual([200, oldIds[i][0]]);
        for (const res of [tied, tiedToo]) expect([res.status, values(res.body.members)], label).toEqual([200, sorted([...clusterOf(2, i), ...clusterOf(3, i)])]);
        continue;
      }
      // Never led from an old id into a network that a report it may not see joined: its own piece, or nothing.
      for (const [side, res] of answers.entries()) {
        if (res.status === 200) expect(values(res.body.members), `${label} side ${side}`).toEqual(clusterOf(side, i));
        else expect([res.status, res.body.code], `${label} side ${side}`).toEqual([404, 'not-found']);
      }
    }
  });
});
