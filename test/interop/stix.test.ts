import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadDemo } from '../../src/modules/demo/demo.js';
import { exportStixBundle } from '../../src/modules/interop/stix/stix-bundle.js';
import { importStixBundle } from '../../src/modules/interop/stix/stix-import.js';
import type { StixBundle } from '../../src/modules/interop/stix/stix-types.js';
import { findNodeOwner } from '../../src/modules/orgs/orgs.store.js';
import { systemPrincipal } from '../../src/modules/orgs/orgs.service.js';
import type { Principal } from '../../src/modules/policy/policy.js';
import { DIALECTS } from '../support/databases.js';
import { startNode, type TestNode } from '../support/node.js';
import { indicatorSet, reportSet, sightingSet } from './support/compare.js';
import { HAVE_SCHEMAS, loadStixValidator, SCHEMA_DIR, SKIP_REASON } from './support/stix-schemas.js';

async function ownerOf(node: TestNode): Promise<Principal> {
  return systemPrincipal((await findNodeOwner(node.ctx.storage.db))!);
}

function exampleBundles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const file = path.join(dir, name);
    if (statSync(file).isDirectory()) return exampleBundles(file);
    return name.endsWith('.json') ? [file] : [];
  });
}

describe.each(DIALECTS)('STIX 2.1 bundles on %s', (dialect) => {
  let a: TestNode;
  let b: TestNode;
  let bundle: StixBundle;

  beforeAll(async () => {
    [a, b] = await Promise.all([startNode(dialect), startNode(dialect)]);
    await loadDemo(a.ctx);
    bundle = await exportStixBundle(a.ctx, { principal: await ownerOf(a) });
  }, 120_000);
  afterAll(async () => {
    await Promise.all([a?.close(), b?.close()]);
  });

  it('exports indicators with deterministic ids, reports, sightings and identities', () => {
    const types = new Set(bundle.objects.map((o) => o.type));
    for (const t of ['indicator', 'report', 'sighting', 'identity', 'relationship', 'phone-number', 'extension-definition', 'marking-definition']) {
      expect(types, t).toContain(t);
    }
    expect(new Set(bundle.objects.map((o) => o.id)).size).toBe(bundle.objects.length);
  });

  it.skipIf(!HAVE_SCHEMAS)('exports only objects that validate against the official schemas', () => {
    const validator = loadStixValidator();
    const failures = bundle.objects.map((o) => ({ id: o.id, errors: validator.errorsOf(o) })).filter((f) => f.errors.length > 0);
    expect(failures).toEqual([]);
  });

  it('round-trips fraudx → STIX → fraudx with the same indicators, reports and sightings', async () => {
    const summary = await importStixBundle(b.ctx, await ownerOf(b), JSON.parse(JSON.stringify(bundle)));
    expect(summary.rejected).toEqual([]);
    const reader = { principal: await ownerOf(a) };
    expect(await indicatorSet(b.ctx)).toEqual(await indicatorSet(a.ctx, reader));
    expect(await reportSet(b.ctx)).toEqual(await reportSet(a.ctx, reader));
    expect(await sightingSet(b.ctx)).toEqual(await sightingSet(a.ctx, reader));
  });

  it('imports the same bundle twice without adding anything', async () => {
    const before = [await indicatorSet(b.ctx), await reportSet(b.ctx), await sightingSet(b.ctx)];
    const summary = await importStixBundle(b.ctx, await ownerOf(b), bundle);
    expect(summary.reports.created).toBe(0);
    expect(summary.sightings.created).toBe(0);
    expect([await indicatorSet(b.ctx), await reportSet(b.ctx), await sightingSet(b.ctx)]).toEqual(before);
  });

  it.skipIf(!HAVE_SCHEMAS)('imports every example bundle of the schema repository without error', async () => {
    const files = exampleBundles(path.join(SCHEMA_DIR, 'examples'));
    expect(files.length).toBeGreaterThan(5);
    for (const file of files) {
      const summary = await importStixBundle(b.ctx, await ownerOf(b), JSON.parse(readFileSync(file, 'utf8')));
      expect(summary.rejected, file).toEqual([]);
      expect(summary.objects, file).toBeGreaterThan(0);
      // Every object is accounted for: imported, kept, or skipped with a reason.
      for (const s of summary.skipped) expect(s.reason, `${file} ${s.id}`).not.toBe('');
    }
    const kept = await b.ctx.storage.db.selectFrom('stix_objects').select('type').distinct().execute();
    expect(kept.map((k) => k.type)).toEqual(expect.arrayContaining(['malware', 'campaign']));
  });
});

if (!HAVE_SCHEMAS) describe('STIX example bundles', () => it.skip(SKIP_REASON, () => undefined));
