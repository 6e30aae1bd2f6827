import type { AppContext } from '../../../app/context.js';
import { write } from '../../../app/write.js';
import { ProblemError } from '../../../errors/problems.js';
import { stableKey } from '../../../shared/hash.js';
import { isCountryCode } from '../../../shared/countries.js';
import type { KindName } from '../../indicators/kinds/kind.js';
import { isKindName } from '../../indicators/kinds/registry.js';
import { type ListingInput, recordListings } from '../../indicators/indicators.listings.js';
import { tryParseValue } from '../../indicators/parse.js';
import { fromMinorUnits, isCurrency } from '../../money/money.js';
import { authorize, type Principal } from '../../policy/policy.js';
import type { CreateReportBody } from '../../reports/reports.schema.js';
import { createReport } from '../../reports/reports.service.js';
import { createSighting } from '../../sightings/sightings.service.js';
import { CHANNELS, INDICATOR_ROLES, TYPOLOGY_NAMES } from '../../typologies/typologies.js';
import { entitiesOfStixIds, rememberStixIds } from '../interop.store.js';
import type { Tlp } from '../stix/stix-markings.js';
import { ATTRIBUTE_KINDS, KIND_TAG, OBJECT_RELATIONS, tagValues, tlpOfTags, typologiesOfTags } from './misp-mapping.js';

export interface MispImportSummary {
  events: number;
  indicators: { accepted: number; merged: number };
  reports: { created: number; existing: number };
  sightings: { created: number; existing: number };
  skipped: { id: string; type: string; reason: string }[];
  rejected: { id: string; type: string; reason: string }[];
  markings: Partial<Record<Tlp, number>>;
}

type Json = Record<string, unknown>;
const TYPOLOGIES = new Set<string>(TYPOLOGY_NAMES);

interface Found {
  uuid: string;
  kind: KindName;
  value: string;
  tags: string[];
  sightings: Json[];
}

function tagNames(holder: Json): string[] {
  const list = holder.Tag ?? holder.tags;
  return Array.isArray(list) ? list.map((t) => (typeof t === 'string' ? t : String((t as Json).name ?? ''))).filter(Boolean) : [];
}

function isDeleted(a: Json): boolean {
  return a.deleted === true || a.deleted === '1' || a.deleted === 1;
}

/** The events of MISP JSON as MISP writes it: one `{Event}`, a list of them, or a restSearch `{response: […]}`. */
export function mispEventsOf(json: unknown): Json[] {
  const list = Array.isArray(json) ? json : Array.isArray((json as Json | null)?.response) ? ((json as Json).response as unknown[]) : [json];
  return list.map((item) => (item as Json | null)?.Event).filter((e): e is Json => typeof e === 'object' && e !== null);
}

export function isMispJson(json: unknown): boolean {
  return mispEventsOf(json).length > 0;
}

/** The identifiers an event names: its attributes, and in its objects the relations that name one. */
function identifiersOf(event: Json, skip: (id: string, type: string, reason: string) => void): Found[] {
  const out: Found[] = [];
  const take = (a: Json, kind: KindName | undefined, value: string, inherited: string[]) => {
    const tags = [...tagNames(a), ...inherited];
    const tagged = tagValues(tags, KIND_TAG)[0];
    const k = kind === undefined || kind === 'crypto-wallet' ? (isKindName(tagged) ? tagged : kind) : kind;
    if (!k) return skip(String(a.uuid ?? ''), `misp:${String(a.type)}`, 'an attribute type fraudx does not list (hashes, text, files, …)');
    out.push({ uuid: String(a.uuid ?? ''), kind: k, value, tags, sightings: Array.isArray(a.Sighting) ? (a.Sighting as Json[]) : [] });
  };
  for (const a of Array.isArray(event.Attribute) ? (event.Attribute as Json[]) : []) {
    if (isDeleted(a) || typeof a.value !== 'string') continue;
    // `ip-dst|port` and similar composites carry the identifier before the bar.
    const [type, value] = [String(a.type ?? ''), a.value.split('|')[0]];
    take(a, ATTRIBUTE_KINDS[type.split('|')[0]], value, []);
  }
  for (const o of Array.isArray(event.Object) ? (event.Object as Json[]) : []) {
    if (isDeleted(o)) continue;
    const relations = OBJECT_RELATIONS[String(o.name ?? '')];
    if (!relations) {
      skip(String(o.uuid ?? ''), `misp-object:${String(o.name)}`, o.name === 'person' ? 'personal data stays out' : 'an object template fraudx does not read');
      continue;
    }
    for (const a of Array.isArray(o.Attribute) ? (o.Attribute as Json[]) : []) {
      const relation = relations[String(a.object_relation ?? '')];
      if (!relation || isDeleted(a) || typeof a.value !== 'string') continue;
      if (typeof relation === 'function') take(a, 'handle', relation(a.value), tagNames(o));
      else take(a, relation, a.value, tagNames(o));
    }
  }
  return out;
}

/**
 * Imports MISP events as `principal`'s organisation. Events fraudx exported as reports come back
 * as reports; any other event's identifiers become listings, typed by its tags (fraudx's,
 * TLP, and the fraud taxonomies); attribute sightings become sightings. Event and sighting
 * uuids are remembered, so importing a feed again adds nothing.
 */
export async function importMispEvents(ctx: AppContext, principal: Principal, events: readonly Json[]): Promise<MispImportSummary> {
  authorize(principal, 'indicator:import');
  const summary: MispImportSummary = { events: 0, indicators: { accepted: 0, merged: 0 }, reports: { created: 0, existing: 0 }, sightings: { created: 0, existing: 0 }, skipped: [], rejected: [], markings: {} };
  const skip = (id: string, type: string, reason: string) => summary.skipped.push({ id, type, reason });
  const known = await entitiesOfStixIds(ctx.storage.db, events.map((e) => String(e.uuid ?? '')));
  const listings: ListingInput[] = [];
  const listingSources: string[] = [];
  const sighted: { found: Found; sighting: Json }[] = [];

  for (const event of events) {
    summary.events += 1;
    const uuid = String(event.uuid ?? '');
    const eventTags = tagNames(event);
    const tlp = tlpOfTags(eventTags);
    if (tlp) summary.markings[tlp] = (summary.markings[tlp] ?? 0) + 1;
    const found = identifiersOf(event, skip);
    for (const f of found) for (const s of f.sightings) sighted.push({ found: f, sighting: s });
    if (tagValues(eventTags, 'fraudx:event')[0] === 'report') {
      try {
        await importReport(ctx, principal, uuid, eventTags, found, known.has(uuid), summary, tlp);
      } catch (err) {
        if (!(err instanceof ProblemError)) throw err;
        summary.rejected.push({ id: uuid, type: 'misp-event', reason: `${err.code}: ${err.message}` });
      }
      continue;
    }
    for (const f of found) {
      if (tagValues(f.tags, 'fraudx:listed')[0] === 'false') continue;
      const all = [...f.tags, ...eventTags];
      const typologies = typologiesOfTags(all, TYPOLOGIES);
      const countries = tagValues(all, 'fraudx:country').filter(isCountryCode);
      const listingTlp = tlpOfTags(f.tags) ?? tlp;
      for (const typology of typologies.length ? typologies : [undefined]) {
        for (const country of countries.length ? countries : [undefined]) {
          listings.push({ value: f.value, kind: f.kind, typology, country, ...(listingTlp ? { marking: { tlp: listingTlp } } : {}) });
          listingSources.push(f.uuid);
        }
      }
    }
  }
  if (listings.length) {
    const outcomes = await recordListings(ctx, principal, listings);
    outcomes.forEach((o, i) => {
      if (o.status === 'rejected') skip(listingSources[i], 'misp-attribute', `${o.error.code}: ${o.error.message}`);
      else summary.indicators[o.status === 'accepted' ? 'accepted' : 'merged'] += 1;
    });
  }
  await importSightings(ctx, principal, sighted, summary);
  return summary;
}

async function importReport(ctx: AppContext, principal: Principal, uuid: string, tags: string[], found: Found[], already: boolean, summary: MispImportSummary, tlp: Tlp | undefined): Promise<void> {
  if (already) {
    summary.reports.existing += 1;
    return;
  }
  const indicators: CreateReportBody['indicators'] = [];
  for (const f of found) {
    const parsed = tryParseValue(f.value, f.kind, principal.country);
    if ('error' in parsed) {
      summary.skipped.push({ id: f.uuid, type: 'misp-attribute', reason: `${parsed.error.code}: ${parsed.error.message}` });
      continue;
    }
    const role = tagValues(f.tags, 'fraudx:role')[0];
    indicators.push({ value: parsed.parsed.canonical, kind: parsed.parsed.kind, ...(role && (INDICATOR_ROLES as readonly string[]).includes(role) ? { role: role as (typeof INDICATOR_ROLES)[number] } : {}) });
  }
  const one = (ns: string) => tagValues(tags, ns)[0];
  const [minor, currency] = (one('fraudx:loss') ?? '').split(' ');
  const country = one('fraudx:country');
  const channel = one('fraudx:channel');
  const occurred = one('fraudx:occurred-at');
  const body: CreateReportBody = {
    typology: typologiesOfTags(tags, TYPOLOGIES)[0] ?? 'other',
    summary: '',
    occurredAt: occurred && !Number.isNaN(Date.parse(occurred)) ? new Date(occurred).toISOString() : undefined,
    country: country && isCountryCode(country) ? country : undefined,
    channel: channel && (CHANNELS as readonly string[]).includes(channel) ? (channel as CreateReportBody['channel']) : undefined,
    loss: currency && isCurrency(currency) && /^\d+$/.test(minor) ? { amount: fromMinorUnits(Number(minor), currency), currency } : undefined,
    indicators,
    ...(tlp ? { marking: { tlp } } : {}),
  };
  const { report, created } = await createReport(ctx, principal, body, { source: 'import', dedupeKey: stableKey('misp', uuid) });
  await write(ctx, (trx) => rememberStixIds(trx, [{ stix_id: uuid, entity: 'misp-event', entity_id: report.id }]));
  summary.reports[created ? 'created' : 'existing'] += 1;
}

async function importSightings(ctx: AppContext, principal: Principal, sighted: { found: Found; sighting: Json }[], summary: MispImportSummary): Promise<void> {
  const known = await entitiesOfStixIds(ctx.storage.db, sighted.map((s) => String(s.sighting.uuid ?? '')));
  for (const { found, sighting } of sighted) {
    const uuid = String(sighting.uuid ?? '');
    if (uuid && known.has(uuid)) {
      summary.sightings.existing += 1;
      continue;
    }
    const source = String(sighting.source ?? '');
    // MISP sighting types: 0 seen, 1 false positive, 2 expiration (not a sighting of fraud).
    const type = String(sighting.type ?? '0') === '1' ? 'false-positive' : source === 'fraudx:blocked' ? 'blocked' : String(sighting.type ?? '0') === '0' ? 'seen' : undefined;
    if (!type) {
      summary.skipped.push({ id: uuid, type: 'misp-sighting', reason: 'an expiration sighting, not a sighting' });
      continue;
    }
    const seconds = Number(sighting.date_sighting);
    try {
      const made = await createSighting(ctx, principal, {
        value: found.value,
        kind: found.kind,
        type,
        observedAt: Number.isFinite(seconds) && seconds > 0 ? new Date(seconds * 1000).toISOString() : undefined,
      });
      if (uuid) await write(ctx, (trx) => rememberStixIds(trx, [{ stix_id: uuid, entity: 'misp-sighting', entity_id: made.id }]));
      summary.sightings.created += 1;
    } catch (err) {
      if (!(err instanceof ProblemError)) throw err;
      summary.skipped.push({ id: uuid, type: 'misp-sighting', reason: `${err.code}: ${err.message}` });
    }
  }
}
