import type { IndicatorTable, ReportTable, SightingTable } from '../../../db/schema.js';
import type { KindName } from '../../indicators/kinds/kind.js';
import { splitList } from '../../indicators/indicators.model.js';
import type { Org } from '../../orgs/orgs.store.js';
import { EXTENSIONS } from './stix-extensions.js';
import { entityStixId, indicatorId } from './stix-ids.js';
import { TLP2_MARKINGS, type Tlp } from './stix-markings.js';
import { observableOf, patternOf } from './stix-observables.js';
import type { StixObject } from './stix-types.js';

/** STIX wants millisecond timestamps in UTC; fraudx stores ISO 8601 UTC already. */
export function stixTime(iso: string): string {
  return new Date(iso).toISOString();
}

function later(a: string, b: string): string {
  return a > b ? a : b;
}

function markingRefs(tlp: Tlp | undefined): Record<string, unknown> {
  return tlp ? { object_marking_refs: [TLP2_MARKINGS[tlp].id] } : {};
}

function fraudxFacts(facts: Record<string, unknown>): Record<string, unknown> {
  // STIX forbids empty lists in custom properties: an empty one is left out.
  const kept = Object.entries(facts).filter(([, v]) => !(Array.isArray(v) && v.length === 0));
  return { extensions: { [EXTENSIONS.fraudx]: { extension_type: 'property-extension', ...Object.fromEntries(kept) } } };
}

/** The STIX identity of an organisation: its id derives from the fraudx id. */
export function identityId(orgId: string): string {
  return entityStixId('identity', 'org', orgId);
}

export function identityObject(org: Org): StixObject {
  const created = stixTime(org.createdAt);
  return {
    type: 'identity',
    spec_version: '2.1',
    id: identityId(org.id),
    created,
    modified: created,
    name: org.name,
    identity_class: 'organization',
    ...fraudxFacts({ org_id: org.id, country: org.country, sector: org.sector }),
  };
}

export interface IndicatorIds {
  indicator: string;
  observable: string;
}

export function indicatorIds(kind: string, canonical: string): IndicatorIds {
  const k = kind as KindName;
  return { indicator: indicatorId(patternOf(k, canonical)), observable: observableOf(k, canonical).id };
}

/**
 * One fraudx indicator as STIX: the observable (deterministic id), the `indicator` with its
 * pattern (typologies as labels, the score as confidence) and the `based-on` relationship.
 * The observable and relationship never change; the indicator's `modified` follows the row.
 */
export function indicatorObjects(row: IndicatorTable, authorRef: string, tlp?: Tlp): { observable: StixObject; indicator: StixObject; relationship: StixObject } {
  const kind = row.kind as KindName;
  const pattern = patternOf(kind, row.canonical);
  const observable = { ...observableOf(kind, row.canonical), ...markingRefs(tlp) };
  const created = stixTime(row.first_seen);
  const id = indicatorId(pattern);
  const typologies = splitList(row.typologies);
  const indicator: StixObject = {
    type: 'indicator',
    spec_version: '2.1',
    id,
    created_by_ref: authorRef,
    created,
    modified: later(created, stixTime(row.updated_at)),
    name: row.display,
    indicator_types: ['malicious-activity'],
    pattern,
    pattern_type: 'stix',
    pattern_version: '2.1',
    valid_from: created,
    confidence: Math.max(0, Math.min(100, Math.round(row.score))),
    ...(typologies.length ? { labels: typologies } : {}),
    ...(row.status !== 'active' ? { revoked: row.status === 'allowed' || row.status === 'expired' } : {}),
    ...markingRefs(tlp),
    ...fraudxFacts({
      kind: row.kind,
      canonical: row.canonical,
      status: row.status,
      score: row.score,
      reports: row.report_count,
      organisations: row.org_count,
      countries: splitList(row.countries),
      first_seen: stixTime(row.first_seen),
      last_seen: stixTime(row.last_seen),
    }),
  };
  const relationship: StixObject = {
    type: 'relationship',
    spec_version: '2.1',
    id: entityStixId('relationship', id, 'based-on', observable.id),
    created_by_ref: authorRef,
    created,
    modified: created,
    relationship_type: 'based-on',
    source_ref: id,
    target_ref: observable.id,
    ...markingRefs(tlp),
  };
  return { observable, indicator, relationship };
}

export interface ReportLink {
  kind: string;
  canonical: string;
  role: string | null;
}

export function reportId(report: ReportTable): string {
  return entityStixId('report', 'report', report.id);
}

/**
 * A fraudx report as a STIX `report`. The narrative (`summary`) may name victims and stays home:
 * the report carries typology, place, time, channel, loss and the indicators with their roles.
 */
export function reportObject(report: ReportTable, links: readonly ReportLink[], tlp?: Tlp, id = reportId(report)): StixObject {
  const created = stixTime(report.created_at);
  const refs = links.map((l) => indicatorIds(l.kind, l.canonical));
  const objectRefs = [...new Set(refs.flatMap((r) => [r.indicator, r.observable]))];
  const author = identityId(report.org_id);
  return {
    type: 'report',
    spec_version: '2.1',
    id,
    created_by_ref: author,
    created,
    modified: created,
    name: `${report.typology} scam reported${report.country ? ` in ${report.country}` : ''}`,
    report_types: ['fraud'],
    published: created,
    // A report with no indicators still refers to its author, as object_refs may not be empty.
    object_refs: objectRefs.length ? objectRefs : [author],
    labels: [report.typology],
    ...markingRefs(tlp),
    ...fraudxFacts({
      typology: report.typology,
      ...(report.occurred_at ? { occurred_at: stixTime(report.occurred_at) } : {}),
      ...(report.country ? { country: report.country } : {}),
      ...(report.channel ? { channel: report.channel } : {}),
      ...(report.loss_minor !== null && report.loss_currency ? { loss: { minor: Number(report.loss_minor), currency: report.loss_currency } } : {}),
      indicators: links.map((l, i) => ({ ref: refs[i].indicator, kind: l.kind, canonical: l.canonical, ...(l.role ? { role: l.role } : {}) })),
    }),
  };
}

export function sightingId(sighting: SightingTable): string {
  return entityStixId('sighting', 'sighting', sighting.id);
}

/** A sighting (seen, blocked, false positive) of an indicator by an organisation. */
export function sightingObject(sighting: SightingTable, indicator: { kind: string; canonical: string }, tlp?: Tlp, id = sightingId(sighting)): StixObject {
  const created = stixTime(sighting.created_at);
  const observed = stixTime(sighting.observed_at);
  return {
    type: 'sighting',
    spec_version: '2.1',
    id,
    created_by_ref: identityId(sighting.org_id),
    created,
    modified: created,
    first_seen: observed,
    last_seen: observed,
    count: 1,
    sighting_of_ref: indicatorIds(indicator.kind, indicator.canonical).indicator,
    where_sighted_refs: [identityId(sighting.org_id)],
    ...(sighting.type === 'false-positive' ? { labels: ['false-positive'] } : {}),
    ...markingRefs(tlp),
    ...fraudxFacts({ type: sighting.type, kind: indicator.kind, canonical: indicator.canonical }),
  };
}
