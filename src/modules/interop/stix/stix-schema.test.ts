import { describe, expect, it } from 'vitest';
import type { IndicatorTable, ReportTable, SightingTable } from '../../../db/schema.js';
import { KIND_NAMES } from '../../indicators/kinds/kind.js';
import { parseIndicator } from '../../indicators/kinds/registry.js';
import { HAVE_SCHEMAS, loadStixValidator, SKIP_REASON } from '../../../../test/interop/support/stix-schemas.js';
import { extensionDefinitions, fraudxIdentity } from './stix-extensions.js';
import { identityId, identityObject, indicatorObjects, reportObject, sightingObject } from './stix-export.js';
import { TLP_LEVELS, tlpMarkingObject } from './stix-markings.js';
import type { StixObject } from './stix-types.js';

const SAMPLES: Record<(typeof KIND_NAMES)[number], string> = {
  phone: '+66 81 234 5678',
  iban: 'GB82WEST12345698765432',
  'bank-account': 'TH:KBANK:1234567890',
  'crypto-wallet': 'bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq',
  url: "https://evil.example.com/lo'gin?a=1",
  domain: 'evil-shop.example.com',
  email: 'a@b.example.com',
  ip: '2001:db8::1',
  handle: 'Telegram @scammer99',
  'payment-alias': 'upi:name@okbank',
};

function indicatorRow(kind: string, raw: string): IndicatorTable {
  const p = parseIndicator(raw, { kind, country: 'TH' });
  return {
    id: `ind-${kind}`, kind: p.kind, canonical: p.canonical, display: p.display, facts: '{}', status: kind === 'ip' ? 'disputed' : 'active', score: 74,
    report_count: 2, org_count: 2, country_count: 1, countries: 'TH', typologies: 'investment,romance', seen_count: 0, blocked_count: 1,
    false_positive_count: 0, found_false_positive: 0, first_seen: '2026-03-01T10:00:00.000Z', last_seen: '2026-03-05T10:00:00.000Z',
    scored_at: '2026-03-05T10:00:00.000Z', updated_at: '2026-03-05T10:00:00.000Z',
  };
}

const REPORT: ReportTable = {
  id: '019a0000-0000-7000-8000-000000000001', org_id: '019a0000-0000-7000-8000-0000000000aa', typology: 'investment', summary: 'private',
  occurred_at: '2026-03-01T09:00:00.000Z', country: 'TH', channel: 'messaging', loss_minor: 12500000, loss_currency: 'THB', source: 'api',
  dedupe_key: null, created_at: '2026-03-01T10:00:00.000Z', personal_erased_at: null,
  tlp: 'green', distribution: 'community', share_groups: '', audience: 'community',
};
const SIGHTING: SightingTable = {
  id: '019a0000-0000-7000-8000-000000000002', indicator_id: 'ind-phone', org_id: REPORT.org_id, type: 'blocked', note: null,
  observed_at: '2026-03-02T10:00:00.000Z', created_at: '2026-03-02T10:00:01.000Z',
  tlp: 'green', distribution: 'community', share_groups: '', audience: 'community',
};

function everyObject(): StixObject[] {
  const author = identityId(REPORT.org_id);
  const objects: StixObject[] = [fraudxIdentity(), ...extensionDefinitions(), ...TLP_LEVELS.map(tlpMarkingObject)];
  objects.push(identityObject({ id: REPORT.org_id, name: 'Bank', country: 'TH', sector: 'bank', isNodeOwner: true, createdAt: REPORT.created_at }));
  const links = [];
  for (const kind of KIND_NAMES) {
    const row = indicatorRow(kind, SAMPLES[kind]);
    const { observable, indicator, relationship } = indicatorObjects(row, author, 'amber');
    objects.push(observable, indicator, relationship);
    links.push({ kind: row.kind, canonical: row.canonical, role: 'paid-to' });
  }
  objects.push(reportObject(REPORT, links, 'green'), reportObject({ ...REPORT, id: 'r2' }, []));
  objects.push(sightingObject(SIGHTING, { kind: 'phone', canonical: '+66812345678' }, 'red'));
  return objects;
}

describe.skipIf(!HAVE_SCHEMAS)('every STIX object fraudx produces validates against the official STIX 2.1 schemas', () => {
  const validator = HAVE_SCHEMAS ? loadStixValidator() : undefined;
  const objects = everyObject();

  it.each(objects.map((o) => [o.type, o.id, o] as const))('%s %s', (_type, _id, object) => {
    expect(validator!.errorsOf(object)).toEqual([]);
  });

  it('validates as one bundle too', () => {
    // bundle.json lists no extension-definition: one falls to its custom-object branch, where it
    // matches both object cores and fails the oneOf. Each was validated on its own above.
    const listed = objects.filter((o) => o.type !== 'extension-definition');
    expect(validator!.errorsOfBundle({ type: 'bundle', id: 'bundle--6b7e3c52-3f0c-4f43-9d83-2b0f6fd0a8a1', objects: listed })).toEqual([]);
  });
});

if (!HAVE_SCHEMAS) describe('STIX schema validation', () => it.skip(SKIP_REASON, () => undefined));
