import { describe, expect, it } from 'vitest';
import { DIALECTS, indexesOf, storagePerTest } from '../../../test/support/databases.js';
import { newIndicatorRow } from '../../modules/indicators/indicators.assert.js';
import { migrateToLatest } from '../migrate.js';

const NOW = '2026-01-02T03:04:05.000Z';

describe.each(DIALECTS)('the assertions identity migration on %s', (dialect) => {
  const freshStorage = storagePerTest(dialect);

  it('keeps every assertion and makes (indicator, organisation, dedupe key) the one unique key', async () => {
    const storage = await freshStorage();
    const db = storage.db;
    await migrateToLatest(db, '0011-lean-indexes');

    await db.insertInto('orgs').values({ id: 'org-a', name: 'Bank A', country: 'TH', sector: 'bank', is_node_owner: 0, asserted_count: 1, false_positive_count: 0, created_at: NOW, default_tlp: 'green', default_distribution: 'community', default_groups: '', share_known: 'none' }).execute();
    const indicator = newIndicatorRow({ id: 'ind-1', kind: 'phone', canonical: '+66812345678', display: '+66 81 234 5678', facts: '{}' }, 'active', NOW, NOW);
    await db.insertInto('indicators').values(indicator).execute();
    const assertion = (id: string, dedupeKey: string, tlp: string) => ({
      id,
      indicator_id: 'ind-1',
      org_id: 'org-a',
      report_id: null,
      role: null,
      typology: 'investment',
      country: 'TH',
      loss_minor: id === 'as-1' ? 150_000 : null,
      loss_currency: id === 'as-1' ? 'THB' : null,
      observed_at: NOW,
      created_at: NOW,
      dedupe_key: dedupeKey,
      tlp,
      distribution: 'community',
      share_groups: '',
      audience: 'community',
    });
    await db.insertInto('assertions').values([assertion('as-1', 'key-1', 'green'), assertion('as-2', 'key-2', 'amber')]).execute();
    const before = await db.selectFrom('assertions').selectAll().orderBy('id').execute();

    await migrateToLatest(db, '0012-assertion-identity');

    expect(await db.selectFrom('assertions').selectAll().orderBy('id').execute()).toEqual(before);
    expect(await indexesOf(storage, 'assertions')).toEqual(['assertions_identity (unique)', 'assertions_org', 'assertions_report']);
    // The same key again for the same indicator and organisation is refused; another key is not.
    await expect(db.insertInto('assertions').values(assertion('as-3', 'key-1', 'green')).execute()).rejects.toThrow(/unique|UNIQUE/);
    await db.insertInto('assertions').values(assertion('as-4', 'key-4', 'green')).execute();
    expect(await db.selectFrom('assertions').select('id').orderBy('id').execute()).toEqual([{ id: 'as-1' }, { id: 'as-2' }, { id: 'as-4' }]);
    // Foreign keys hold on the copied table.
    await expect(db.insertInto('assertions').values({ ...assertion('as-5', 'key-5', 'green'), indicator_id: 'no-such-indicator' }).execute()).rejects.toThrow(/foreign key|FOREIGN KEY/);
  });
});
