import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AppContext, openContext } from '../../src/app/context.js';
import { loadConfig } from '../../src/config.js';
import { applyEvents } from '../../src/modules/check/index-loader.js';
import { CompactLookupIndex } from '../../src/modules/check/lookup-index.js';
import { importFile } from '../../src/modules/imports/import.service.js';
import { listingInput, recordListings } from '../../src/modules/indicators/indicators.listings.js';
import { bootstrapNode, createOrg, systemPrincipal } from '../../src/modules/orgs/orgs.service.js';
import type { Principal } from '../../src/modules/policy/policy.js';
import { readEvents } from '../../src/log/change-log.js';
import { DIALECTS, freshDatabase, type TestDatabase } from '../support/databases.js';

// One fixed time for both nodes, so recency (and so the score) is the same on both.
const clock = { now: () => new Date('2026-11-20T12:00:00.000Z') };

/** Listings as an import file holds them: duplicates, merges, markings, an allowlisted number, bad rows. */
function listingRows(): Record<string, unknown>[] {
  const rows: Record<string, unknown>[] = [];
  for (let i = 0; i < 120; i++) {
    rows.push({ value: `08${1 + (i % 9)}-${String(100 + i).padStart(3, '0')}-${String(1000 + i * 7).slice(-4)}`, typology: i % 3 ? 'investment' : 'romance', country: 'TH' });
  }
  for (let i = 0; i < 40; i++) rows.push({ value: `HXXPS://SHOP${i}[.]example-scam[.]com/pay`, kind: 'url', typology: 'shopping' });
  for (let i = 0; i < 40; i++) rows.push({ value: ` Victim.Help${i}@Gmail.com `, country: i % 2 ? 'PH' : 'TH', observedAt: `2026-0${1 + (i % 9)}-1${i % 10}T08:00:00Z` });
  // The same values again, with other typologies or countries: new assertions on the same indicators.
  for (let i = 0; i < 30; i++) rows.push({ value: `+66 8${1 + (i % 9)} ${String(100 + i).padStart(3, '0')} ${String(1000 + i * 7).slice(-4)}`, typology: 'job-task', country: 'KH' });
  // Exactly the same listing twice in one file: one assertion.
  rows.push({ value: 'TH:004:1234567890', typology: 'investment' }, { value: 'TH:004:1234567890', typology: 'investment' });
  // Markings: kept to the organisation (restricted), and public.
  for (let i = 0; i < 10; i++) rows.push({ value: `telegram:restricted_${i}`, marking: { tlp: 'red' } });
  for (let i = 0; i < 10; i++) rows.push({ value: `telegram:public_${i}`, typology: 'investment', marking: { tlp: 'clear', distribution: 'public' } });
  // On the allowlist: listed, never scored.
  rows.push({ value: '02-888-8888', country: 'TH', typology: 'impersonation-bank' });
  // Values the other organisation listed before the import: merged into existing indicators.
  for (let i = 0; i < 20; i++) rows.push({ value: `+6681${String(i).padStart(7, '0')}`, typology: 'investment' });
  rows.push({ value: 'not an identifier at all' }, { value: '+65 9999 99999' }, { value: 'telegram:bad_marking', marking: { tlp: 'red', distribution: 'public' } });
  return rows;
}

interface Node {
  ctx: AppContext;
  principal: Principal;
}

async function openNode(db: TestDatabase): Promise<Node> {
  const ctx = await openContext(loadConfig({ data: db.dataDir, databaseUrl: db.databaseUrl }, { ...process.env, DATABASE_URL: '' }), {
    clock,
    log: pino({ level: 'silent' }),
  });
  const { org } = await bootstrapNode(ctx);
  // Another organisation listed some of the values before: the import merges with its evidence.
  const other = await createOrg(ctx, 'system', { name: 'Other Bank', country: 'TH', sector: 'bank' });
  const seeded = Array.from({ length: 20 }, (_, i) => listingInput.parse({ value: `+6681${String(i).padStart(7, '0')}`, typology: 'romance', country: 'PH' }));
  await recordListings(ctx, { ...systemPrincipal(other), actorId: 'seed' }, seeded);
  return { ctx, principal: { ...systemPrincipal(org), actorId: 'import' } };
}

/** What a node knows, without its ids: indicators, assertions, the organisations' counters, and the check answers its change log gives. */
async function stateOf(node: Node) {
  const db = node.ctx.storage.db;
  const indicators = await db.selectFrom('indicators').selectAll().orderBy('kind').orderBy('canonical').execute();
  const byId = new Map(indicators.map((r) => [r.id, `${r.kind}|${r.canonical}`]));
  const assertions = await db.selectFrom('assertions').selectAll().execute();
  const orgs = await db.selectFrom('orgs').select(['id', 'name', 'asserted_count', 'false_positive_count']).orderBy('name').execute();
  // Organisation ids differ between the two nodes; their names do not.
  const named = <T>(value: T): T => JSON.parse(orgs.reduce((json, o) => json.replaceAll(o.id, o.name), JSON.stringify(value))) as T;
  const index = new CompactLookupIndex();
  for (let after = 0; ; ) {
    const events = await readEvents(db, after, 1000);
    if (events.length === 0) break;
    applyEvents(index, events);
    after = events[events.length - 1].seq;
  }
  return named({
    indicators: indicators.map(({ id: _id, ...rest }) => rest),
    assertions: assertions
      .map((a) => [byId.get(a.indicator_id), a.org_id, a.typology, a.country, a.observed_at, a.tlp, a.distribution, a.audience].join(' '))
      .sort(),
    orgs: orgs.map(({ id: _id, ...o }) => ({ ...o, asserted_count: Number(o.asserted_count), false_positive_count: Number(o.false_positive_count) })),
    answers: indicators.map((r) => index.get(r.kind, r.canonical) ?? null),
  });
}

describe.each(DIALECTS)('an import on %s', (dialect) => {
  let apiDb: TestDatabase;
  let importDb: TestDatabase;
  let api: Node;
  let imported: Node;
  const threads = process.env.FRAUDX_IMPORT_THREADS;
  const checkpoints = process.env.FRAUDX_IMPORT_CHECKPOINTS;

  beforeAll(async () => {
    [apiDb, importDb] = await Promise.all([freshDatabase(dialect), freshDatabase(dialect)]);
    [api, imported] = await Promise.all([openNode(apiDb), openNode(importDb)]);
  });
  afterAll(async () => {
    if (threads === undefined) delete process.env.FRAUDX_IMPORT_THREADS;
    else process.env.FRAUDX_IMPORT_THREADS = threads;
    if (checkpoints === undefined) delete process.env.FRAUDX_IMPORT_CHECKPOINTS;
    else process.env.FRAUDX_IMPORT_CHECKPOINTS = checkpoints;
    await api?.ctx.close();
    await imported?.ctx.close();
    await apiDb?.drop();
    await importDb?.drop();
  });

  it('gives the same indicators, scores, statuses, provenance and check answers as the same listings sent through the API', async () => {
    const rows = listingRows();
    // Through the API's path: listings of 50 at a time, each batch one write.
    for (let i = 0; i < rows.length; i += 50) {
      const batch = rows.slice(i, i + 50).map((r) => listingInput.parse(r));
      await recordListings(api.ctx, api.principal, batch);
    }
    // Through an import with parse threads (a file this small is read before they have started:
    // import-pool.test.ts shows blocks read in threads are the same) and, on SQLite, the thread
    // that checkpoints the log (wal-checkpointer.test.ts).
    const file = path.join(importDb.dataDir, 'listings.jsonl');
    writeFileSync(file, rows.map((r) => JSON.stringify(r)).join('\n') + '\n');
    process.env.FRAUDX_IMPORT_THREADS = '2';
    process.env.FRAUDX_IMPORT_CHECKPOINTS = '1';
    const summary = await importFile(imported.ctx, imported.principal, file);
    expect(summary.rows).toBe(rows.length);
    expect(summary.rejections.map((r) => r.code)).toEqual(['undetectable', 'undetectable', 'marking-invalid']);
    expect(summary.merged).toBe(1);

    const [viaApi, viaImport] = [await stateOf(api), await stateOf(imported)];
    expect(viaImport.indicators.length).toBeGreaterThan(200);
    expect(viaImport).toEqual(viaApi);
    // The check answers carry what the evidence says, not just "known".
    const allowlisted = viaImport.indicators.find((r) => r.canonical === '+6628888888');
    expect(allowlisted).toMatchObject({ status: 'allowed', score: 0 });
    const merged = viaImport.indicators.find((r) => r.canonical === '+66810000003');
    expect(merged).toMatchObject({ org_count: 2, countries: 'PH,TH', typologies: 'investment,romance' });
  });

  it('adds nothing and logs nothing when the same file is imported again, parsed in this thread', async () => {
    const file = path.join(importDb.dataDir, 'listings.jsonl');
    const before = await stateOf(imported);
    const events = (await readEvents(imported.ctx.storage.db, 0, 100_000)).length;
    process.env.FRAUDX_IMPORT_THREADS = '0';
    process.env.FRAUDX_IMPORT_CHECKPOINTS = '0';
    const again = await importFile(imported.ctx, imported.principal, file);
    expect(again.accepted).toBe(0);
    expect(again.merged).toBe(again.rows - again.rejected);
    expect(await stateOf(imported)).toEqual(before);
    expect((await readEvents(imported.ctx.storage.db, 0, 100_000)).length).toBe(events);
  });
});
