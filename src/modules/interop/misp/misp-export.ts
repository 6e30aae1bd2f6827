import { createHash } from 'node:crypto';
import { v5 as uuidv5 } from 'uuid';
import type { AppContext } from '../../../app/context.js';
import type { IndicatorTable, OrgTable, ReportTable, SightingTable } from '../../../db/schema.js';
import { splitList } from '../../indicators/indicators.model.js';
import { authorize } from '../../policy/policy.js';
import { FRAUDX_NAMESPACE } from '../stix/stix-ids.js';
import { indicatorFilter, mayRead, type Reader, tlpOf } from '../visibility.js';
import { KIND_ATTRIBUTE, KIND_TAG, machineTag } from './misp-mapping.js';
import type { KindName } from '../../indicators/kinds/kind.js';

export interface MispEvent {
  Event: {
    uuid: string;
    info: string;
    date: string;
    timestamp: string;
    publish_timestamp: string;
    published: boolean;
    analysis: string;
    threat_level_id: string;
    distribution: string;
    Orgc: { name: string; uuid: string };
    Tag: { name: string }[];
    Attribute: MispAttribute[];
    Object: unknown[];
  };
}

export interface MispAttribute {
  uuid: string;
  type: string;
  category: string;
  value: string;
  to_ids: boolean;
  distribution: string;
  timestamp: string;
  comment?: string;
  Tag: { name: string }[];
  Sighting?: { uuid: string; type: string; date_sighting: string; source: string; Organisation: { name: string; uuid: string } }[];
}

/** A MISP feed: `manifest.json`, one `<uuid>.json` per event, and `hashes.csv` (md5 of each value, event uuid). */
export interface MispFeed {
  manifest: Record<string, Omit<MispEvent['Event'], 'uuid' | 'Attribute' | 'Object' | 'publish_timestamp' | 'published' | 'distribution'>>;
  events: MispEvent[];
  hashes: string;
}

function unix(iso: string): string {
  return String(Math.floor(Date.parse(iso) / 1000));
}

function uuidOf(...parts: string[]): string {
  return uuidv5(['misp', ...parts].join('\u001f'), FRAUDX_NAMESPACE);
}

function tags(...names: (string | null | undefined | false)[]): { name: string }[] {
  return names.filter((n): n is string => Boolean(n)).map((name) => ({ name }));
}

/** A fraudx indicator as a MISP attribute: the MISP type when one fits, else `text` with a kind tag. */
function attributeOf(eventUuid: string, kind: string, canonical: string, timestamp: string, extraTags: { name: string }[]): MispAttribute {
  let { type, category } = KIND_ATTRIBUTE[kind as KindName];
  let value = canonical;
  if (kind === 'crypto-wallet') {
    const [chain, address] = [canonical.slice(0, canonical.indexOf(':')), canonical.slice(canonical.indexOf(':') + 1)];
    value = address;
    type = chain === 'btc' ? 'btc' : chain === 'xmr' ? 'xmr' : 'text';
    category = 'Financial fraud';
  }
  return {
    uuid: uuidOf(eventUuid, kind, canonical),
    type,
    category,
    value,
    to_ids: true,
    distribution: '5',
    timestamp,
    Tag: [...tags(type === 'text' || kind === 'crypto-wallet' ? machineTag(KIND_TAG, kind) : undefined), ...extraTags],
  };
}

function orgc(org: OrgTable | undefined): { name: string; uuid: string } {
  return { name: org?.name ?? 'fraudx', uuid: uuidOf('org', org?.id ?? 'node') };
}

function event(uuid: string, info: string, date: string, timestamp: string, org: OrgTable | undefined, eventTags: { name: string }[], attributes: MispAttribute[]): MispEvent {
  return {
    Event: {
      uuid,
      info,
      date: date.slice(0, 10),
      timestamp,
      publish_timestamp: timestamp,
      published: true,
      analysis: '2',
      threat_level_id: '4',
      // "This community only": a subscriber's MISP keeps it among its own organisations.
      distribution: '1',
      Orgc: orgc(org),
      Tag: eventTags,
      Attribute: attributes,
      Object: [],
    },
  };
}

/**
 * Builds a MISP feed of what the reader may see: one event per report (its indicators as
 * attributes with their roles), one event of the node's bare listings, and one event carrying
 * sightings on the sighted indicators. Narratives stay home, as in STIX.
 */
export async function buildMispFeed(ctx: AppContext, reader: Reader): Promise<MispFeed> {
  if (reader.principal) authorize(reader.principal, 'indicator:read');
  const db = ctx.storage.db;
  const orgs = new Map((await db.selectFrom('orgs').selectAll().execute()).map((o) => [o.id, o]));
  const owner = [...orgs.values()].find((o) => o.is_node_owner === 1);
  const indicators = new Map((await db.selectFrom('indicators').selectAll().where(indicatorFilter(reader, 'indicators.id')).execute()).map((i) => [i.id, i] as [string, IndicatorTable]));
  const assertions = await db.selectFrom('assertions').select(['indicator_id', 'report_id', 'role', 'created_at']).orderBy('created_at').orderBy('id').execute();
  const imported = new Map((await db.selectFrom('stix_ids').select(['stix_id', 'entity_id']).where('entity', '=', 'misp-event').execute()).map((r) => [r.entity_id, r.stix_id]));
  const events: MispEvent[] = [];
  const byReport = new Map<string, typeof assertions>();
  for (const a of assertions) if (a.report_id) byReport.set(a.report_id, [...(byReport.get(a.report_id) ?? []), a]);

  const reports = (await db.selectFrom('reports').selectAll().orderBy('created_at').orderBy('id').execute()) as ReportTable[];
  for (const report of reports) {
    if (!mayRead(reader, 'report', report)) continue;
    const uuid = imported.get(report.id) ?? uuidOf('report', report.id);
    const ts = unix(report.created_at);
    const attributes = new Map<string, MispAttribute>();
    for (const a of byReport.get(report.id) ?? []) {
      const i = indicators.get(a.indicator_id)!;
      if (!attributes.has(i.id)) attributes.set(i.id, attributeOf(uuid, i.kind, i.canonical, ts, tags(a.role && machineTag('fraudx:role', a.role))));
    }
    const tlp = tlpOf(report);
    const eventTags = tags(
      tlp && `tlp:${tlp}`,
      machineTag('fraudx:event', 'report'),
      machineTag('fraudx:typology', report.typology),
      report.country && machineTag('fraudx:country', report.country),
      report.channel && machineTag('fraudx:channel', report.channel),
      report.occurred_at && machineTag('fraudx:occurred-at', report.occurred_at),
      report.loss_minor !== null && report.loss_currency && machineTag('fraudx:loss', `${report.loss_minor} ${report.loss_currency}`),
    );
    events.push(event(uuid, `${report.typology} scam reported${report.country ? ` in ${report.country}` : ''}`, report.occurred_at ?? report.created_at, ts, orgs.get(report.org_id), eventTags, [...attributes.values()]));
  }

  const listed = new Set(assertions.filter((a) => a.report_id === null).map((a) => a.indicator_id));
  const listingsUuid = uuidOf('listings', owner?.id ?? 'node');
  const listingAttributes: MispAttribute[] = [];
  let latest = '1970-01-01T00:00:00.000Z';
  for (const id of listed) {
    const i = indicators.get(id);
    if (!i || !mayRead(reader, 'indicator', i)) continue;
    if (i.updated_at > latest) latest = i.updated_at;
    const t = tags(...splitList(i.typologies).map((v) => machineTag('fraudx:typology', v)), ...splitList(i.countries).map((c) => machineTag('fraudx:country', c)));
    listingAttributes.push(attributeOf(listingsUuid, i.kind, i.canonical, unix(i.updated_at), t));
  }
  if (listingAttributes.length) {
    events.push(event(listingsUuid, 'fraudx listings: identifiers used in fraud', latest, unix(latest), owner, tags(machineTag('fraudx:event', 'listings')), listingAttributes));
  }

  const sightings = (await db.selectFrom('sightings').selectAll().orderBy('created_at').orderBy('id').execute()) as SightingTable[];
  const sightingsUuid = uuidOf('sightings', owner?.id ?? 'node');
  const byIndicator = new Map<string, MispAttribute>();
  for (const s of sightings) {
    const i = indicators.get(s.indicator_id);
    if (!i || !mayRead(reader, 'sighting', s)) continue;
    let attribute = byIndicator.get(i.id);
    if (!attribute) {
      attribute = { ...attributeOf(sightingsUuid, i.kind, i.canonical, unix(s.created_at), tags(machineTag('fraudx:listed', 'false'))), Sighting: [] };
      byIndicator.set(i.id, attribute);
    }
    const org = orgs.get(s.org_id);
    attribute.Sighting!.push({ uuid: uuidOf('sighting', s.id), type: s.type === 'false-positive' ? '1' : '0', date_sighting: unix(s.observed_at), source: `fraudx:${s.type}`, Organisation: orgc(org) });
    if (s.created_at > latest) latest = s.created_at;
  }
  if (byIndicator.size) {
    events.push(event(sightingsUuid, 'fraudx sightings: seen, blocked and false-positive feedback', latest, unix(latest), owner, tags(machineTag('fraudx:event', 'sightings')), [...byIndicator.values()]));
  }

  const manifest: MispFeed['manifest'] = {};
  const hashes: string[] = [];
  for (const { Event: e } of events) {
    manifest[e.uuid] = { info: e.info, Orgc: e.Orgc, analysis: e.analysis, timestamp: e.timestamp, date: e.date, threat_level_id: e.threat_level_id, Tag: e.Tag };
    for (const a of e.Attribute) hashes.push(`${createHash('md5').update(a.value).digest('hex')},${e.uuid}`);
  }
  return { manifest, events, hashes: hashes.join('\n') + (hashes.length ? '\n' : '') };
}
