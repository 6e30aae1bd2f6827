import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadDemo } from '../../src/modules/demo/demo.js';
import { importFile } from '../../src/modules/imports/import.service.js';
import { buildMispFeed } from '../../src/modules/interop/misp/misp-export.js';
import { writeMispFeed } from '../../src/modules/interop/misp/misp-feed.js';
import { exportStixBundle } from '../../src/modules/interop/stix/stix-bundle.js';
import { findNodeOwner } from '../../src/modules/orgs/orgs.store.js';
import { systemPrincipal } from '../../src/modules/orgs/orgs.service.js';
import type { Principal } from '../../src/modules/policy/policy.js';
import { DIALECTS } from '../support/databases.js';
import { startNode, type TestNode } from '../support/node.js';
import { indicatorSet, reportSet, sightingSet } from './support/compare.js';

async function ownerOf(node: TestNode): Promise<Principal> {
  return systemPrincipal((await findNodeOwner(node.ctx.storage.db))!);
}

/** MISP keeps sighting times in whole seconds. */
const toSeconds = (lines: string[]) => lines.map((l) => l.replace(/\.\d{3}Z$/, 'Z')).sort();

/** An event as a MISP instance exports it, with the object templates of misp-objects. */
const MISP_EVENT = {
  Event: {
    uuid: '5f1c7a6e-2b1d-4c4e-9a55-0c3e8a1d2b10', info: 'Pig butchering ring: wallets and mule accounts', date: '2026-02-10', timestamp: '1770700000', published: true,
    analysis: '2', threat_level_id: '2', distribution: '1', Orgc: { name: 'CERT demo', uuid: '6a2d8b7f-1c2e-4d3f-8a4b-5c6d7e8f9a0b' },
    Tag: [{ name: 'tlp:amber' }, { name: 'PAP:GREEN' }, { name: 'cryptocurrency-threat="Pig Butchering Scam"' }],
    Attribute: [
      { uuid: 'a1b2c3d4-0001-4000-8000-000000000001', type: 'url', category: 'Network activity', value: 'https://fake-exchange.example.com/login', to_ids: true },
      { uuid: 'a1b2c3d4-0001-4000-8000-000000000002', type: 'md5', category: 'Payload delivery', value: 'd41d8cd98f00b204e9800998ecf8427e', to_ids: true },
      { uuid: 'a1b2c3d4-0001-4000-8000-000000000003', type: 'ip-dst|port', category: 'Network activity', value: '203.0.113.7|443', to_ids: true },
      { uuid: 'a1b2c3d4-0001-4000-8000-000000000004', type: 'url', category: 'Network activity', value: 'https://gone.example.com/', deleted: true },
    ],
    Object: [
      { name: 'phone-number', uuid: 'b0000000-0000-4000-8000-000000000001', Attribute: [{ object_relation: 'phone-number', type: 'phone-number', value: '+66 81 555 0199', uuid: 'b0000000-0000-4000-8000-0000000000a1' }] },
      { name: 'bank-account', uuid: 'b0000000-0000-4000-8000-000000000002', Attribute: [{ object_relation: 'iban', type: 'iban', value: 'GB82 WEST 1234 5698 7654 32' }, { object_relation: 'institution-name', type: 'text', value: 'Westminster' }] },
      { name: 'btc-wallet', uuid: 'b0000000-0000-4000-8000-000000000003', Attribute: [{ object_relation: 'wallet-address', type: 'btc', value: 'bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq' }] },
      { name: 'telegram-account', uuid: 'b0000000-0000-4000-8000-000000000004', Attribute: [{ object_relation: 'username', type: 'text', value: '@crypto_mentor_amy' }] },
      { name: 'person', uuid: 'b0000000-0000-4000-8000-000000000005', Attribute: [{ object_relation: 'full-name', type: 'full-name', value: 'A Victim' }] },
    ],
  },
};

describe.each(DIALECTS)('MISP events and feeds on %s', (dialect) => {
  let a: TestNode;
  let b: TestNode;
  let dir: string;

  beforeAll(async () => {
    [a, b] = await Promise.all([startNode(dialect), startNode(dialect)]);
    await loadDemo(a.ctx);
    dir = mkdtempSync(path.join(tmpdir(), 'fraudx-misp-'));
  }, 120_000);
  afterAll(async () => {
    rmSync(dir, { recursive: true, force: true });
    await Promise.all([a?.close(), b?.close()]);
  });

  it('round-trips fraudx → MISP feed → fraudx (through `fraudx import` detection) with the same indicators, reports and sightings', async () => {
    const feedDir = path.join(dir, 'feed');
    await writeMispFeed(feedDir, await buildMispFeed(a.ctx, { principal: await ownerOf(a) }));
    const manifest = JSON.parse(readFileSync(path.join(feedDir, 'manifest.json'), 'utf8'));
    expect(Object.keys(manifest).length).toBeGreaterThan(30);
    const hashes = readFileSync(path.join(feedDir, 'hashes.csv'), 'utf8').trim().split('\n');
    const [hash, uuid] = hashes[0].split(',');
    const event = JSON.parse(readFileSync(path.join(feedDir, `${uuid}.json`), 'utf8'));
    expect(event.Event.Attribute.map((x: { value: string }) => createHash('md5').update(x.value).digest('hex'))).toContain(hash);

    const summary = await importFile(b.ctx, await ownerOf(b), feedDir);
    expect(summary.format).toBe('misp-feed');
    expect(summary.rejected).toBe(0);
    const reader = { principal: await ownerOf(a) };
    expect(await indicatorSet(b.ctx)).toEqual(await indicatorSet(a.ctx, reader));
    expect(await reportSet(b.ctx)).toEqual(await reportSet(a.ctx, reader));
    expect(toSeconds(await sightingSet(b.ctx))).toEqual(toSeconds(await sightingSet(a.ctx, reader)));

    const again = await importFile(b.ctx, await ownerOf(b), path.join(feedDir, 'manifest.json'));
    expect(again.accepted).toBe(0);
  });

  it('imports a MISP event with fraud objects and taxonomy tags, leaving out what is not an identifier', async () => {
    const file = path.join(dir, 'event.json');
    writeFileSync(file, JSON.stringify(MISP_EVENT));
    const summary = await importFile(b.ctx, await ownerOf(b), file);
    expect(summary.format).toBe('misp');
    expect(summary.rejected).toBe(0);
    const expected = [
      'crypto-wallet btc:bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq',
      'handle telegram:crypto_mentor_amy',
      'iban GB82WEST12345698765432',
      'ip 203.0.113.7',
      'phone +66815550199',
      'url https://fake-exchange.example.com/login',
    ];
    const rows = await b.ctx.storage.db.selectFrom('indicators').select(['kind', 'canonical', 'typologies']).execute();
    const imported = rows.filter((r) => expected.includes(`${r.kind} ${r.canonical}`));
    expect(imported.map((r) => `${r.kind} ${r.canonical}`).sort()).toEqual(expected);
    for (const r of imported) expect(r.typologies.split(',')).toContain('pig-butchering');
    // The deleted attribute, the file hash and the person object's name stay out.
    expect(rows.some((r) => r.canonical.includes('gone.example.com') || r.canonical.includes('Victim'))).toBe(false);
  });

  it('detects a STIX bundle by its content on `fraudx import`', async () => {
    const file = path.join(dir, 'bundle.json');
    writeFileSync(file, JSON.stringify(await exportStixBundle(a.ctx, { principal: await ownerOf(a) })));
    const summary = await importFile(b.ctx, await ownerOf(b), file);
    expect(summary.format).toBe('stix');
    expect(summary.rejected).toBe(0);
    expect(summary.rows).toBeGreaterThan(100);
  });
});
