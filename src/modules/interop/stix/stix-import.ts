import type { AppContext } from '../../../app/context.js';
import { write } from '../../../app/write.js';
import { ProblemError } from '../../../errors/problems.js';
import { IndicatorParseError } from '../../indicators/kinds/kind.js';
import { isKindName } from '../../indicators/kinds/registry.js';
import { type ListingInput, recordListings } from '../../indicators/indicators.listings.js';
import { tryParseValue } from '../../indicators/parse.js';
import { fromMinorUnits } from '../../money/money.js';
import { authorize, type Principal } from '../../policy/policy.js';
import type { CreateReportBody } from '../../reports/reports.schema.js';
import { createReport } from '../../reports/reports.service.js';
import { createSighting } from '../../sightings/sightings.service.js';
import { CHANNELS, INDICATOR_ROLES, TYPOLOGY_NAMES } from '../../typologies/typologies.js';
import { isCountryCode } from '../../../shared/countries.js';
import { stableKey } from '../../../shared/hash.js';
import { entitiesOfStixIds, rememberStixIds } from '../interop.store.js';
import { EXTENSIONS } from './stix-extensions.js';
import { type ObservedValue, valuesOfPattern } from './stix-observables.js';
import { keepObjects } from './stix-objects.store.js';
import { type Tlp, tlpOfMarkingObject, tlpOfRefs } from './stix-markings.js';
import { isStixObject, type StixObject } from './stix-types.js';

export interface StixImportSummary {
  objects: number;
  indicators: { accepted: number; merged: number };
  reports: { created: number; existing: number };
  sightings: { created: number; existing: number };
  /** Objects of types fraudx does not model, stored as received (served again by TAXII). */
  kept: number;
  /** Objects read but not stored, each with why: references, definitions, identities, revoked indicators. */
  skipped: { id: string; type: string; reason: string }[];
  /** Objects that could not be read. */
  rejected: { id: string; type: string; reason: string }[];
  /** How many of the imported objects carried each TLP marking. */
  markings: Partial<Record<Tlp, number>>;
}

/** Types fraudx reads the meaning of; every other type is kept as an opaque STIX object. */
const UNDERSTOOD = new Set(['indicator', 'report', 'sighting', 'identity', 'marking-definition', 'extension-definition', 'relationship', 'bundle']);
const TYPOLOGIES = new Set<string>(TYPOLOGY_NAMES);

type Facts = Record<string, unknown>;

function fraudxFacts(object: StixObject): Facts {
  const ext = (object.extensions as Record<string, Facts> | undefined)?.[EXTENSIONS.fraudx];
  return ext ?? {};
}

function strings(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}

function typologiesOf(object: StixObject): string[] {
  const facts = fraudxFacts(object);
  const named = typeof facts.typology === 'string' ? [facts.typology] : [];
  return [...new Set([...named, ...strings(object.labels)].filter((t) => TYPOLOGIES.has(t)))];
}

function isoOrUndefined(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  const t = Date.parse(value);
  return Number.isNaN(t) ? undefined : new Date(t).toISOString();
}

/**
 * Imports a STIX 2.x bundle as `principal`'s organisation: indicators whose patterns name
 * identifiers fraudx lists become listings (one per typology label), reports that carry such
 * indicators become reports with their roles, sightings of them become sightings. Objects of other
 * types are kept as received; nothing in a bundle makes the import fail as a whole. Importing
 * the same bundle twice adds nothing.
 */
export async function importStixBundle(ctx: AppContext, principal: Principal, bundle: unknown): Promise<StixImportSummary> {
  authorize(principal, 'indicator:import');
  const summary: StixImportSummary = {
    objects: 0,
    indicators: { accepted: 0, merged: 0 },
    reports: { created: 0, existing: 0 },
    sightings: { created: 0, existing: 0 },
    kept: 0,
    skipped: [],
    rejected: [],
    markings: {},
  };
  // A bundle, a bare array of objects, or one object alone (as some tools save them).
  const raw = Array.isArray(bundle) ? bundle : isStixBundleLike(bundle) ? bundle.objects : isStixObject(bundle) ? [bundle] : undefined;
  if (!raw) throw new ProblemError('validation-failed', 'expected a STIX bundle (an object with "type": "bundle" and "objects"), or STIX objects');
  const objects: StixObject[] = [];
  for (const item of raw) {
    summary.objects += 1;
    if (isStixObject(item)) objects.push(item);
    else summary.rejected.push({ id: '', type: '', reason: 'not a STIX object: "type" and "id" must be strings' });
  }
  const skip = (o: StixObject, reason: string) => summary.skipped.push({ id: o.id, type: o.type, reason });
  const reject = (o: StixObject, reason: string) => summary.rejected.push({ id: o.id, type: o.type, reason });

  const tlpMarkings = new Map<string, Tlp>();
  for (const o of objects) {
    const tlp = o.type === 'marking-definition' ? tlpOfMarkingObject(o) : undefined;
    if (tlp) tlpMarkings.set(o.id, tlp);
  }
  const countMarking = (o: StixObject) => {
    const tlp = tlpOfRefs(o.object_marking_refs, tlpMarkings);
    if (tlp) summary.markings[tlp] = (summary.markings[tlp] ?? 0) + 1;
  };

  // What each indicator of the bundle names, and which ones reports take in.
  const indicatorValues = new Map<string, ObservedValue[]>();
  for (const o of objects.filter((x) => x.type === 'indicator')) {
    const pattern = typeof o.pattern === 'string' ? o.pattern : '';
    if (o.pattern_type !== undefined && o.pattern_type !== 'stix') skip(o, `pattern type ${String(o.pattern_type)} is not read; only STIX patterns`);
    else if (o.revoked === true) skip(o, 'revoked');
    else {
      const values = valuesOfPattern(pattern);
      if (values.length === 0) skip(o, 'the pattern names no identifier fraudx lists (phone, account, wallet, URL, domain, email, IP, handle)');
      else indicatorValues.set(o.id, values);
    }
  }
  const reports = objects.filter((o) => o.type === 'report' && (strings(o.object_refs).some((r) => indicatorValues.has(r)) || fraudxFacts(o).typology !== undefined));
  const inReports = new Set(reports.flatMap((r) => strings(r.object_refs)));

  const known = await entitiesOfStixIds(ctx.storage.db, objects.map((o) => o.id));
  await importListings(ctx, principal, objects, indicatorValues, inReports, summary, countMarking, tlpMarkings);
  for (const report of reports) {
    try {
      await importReport(ctx, principal, report, indicatorValues, known.has(report.id), summary, tlpOfRefs(report.object_marking_refs, tlpMarkings));
      countMarking(report);
    } catch (err) {
      reject(report, reasonOf(err));
    }
  }
  for (const sighting of objects.filter((o) => o.type === 'sighting')) {
    try {
      await importSighting(ctx, principal, sighting, indicatorValues, known.has(sighting.id), summary, skip);
      countMarking(sighting);
    } catch (err) {
      reject(sighting, reasonOf(err));
    }
  }

  const reportIds = new Set(reports.map((r) => r.id));
  const opaque: StixObject[] = [];
  for (const o of objects) {
    if (o.type === 'identity') skip(o, 'organisations are registered on a node by its administrators, not imported');
    else if (o.type === 'marking-definition' || o.type === 'extension-definition') skip(o, 'definition, read for the objects that refer to it');
    else if (o.type === 'relationship' && o.relationship_type === 'based-on' && indicatorValues.has(String(o.source_ref))) skip(o, 'links an indicator to its observable, which the indicator carries');
    else if (o.type === 'report' && !reportIds.has(o.id)) opaque.push(o);
    else if (!UNDERSTOOD.has(o.type) && !indicatorValues.has(o.id)) opaque.push(o);
    else if (o.type === 'relationship') opaque.push(o);
  }
  // Observables stand behind indicators; alone they say nothing is fraud, so they are kept, not listed.
  summary.kept += await keepObjects(ctx, principal, opaque);
  return summary;
}

async function importListings(
  ctx: AppContext,
  principal: Principal,
  objects: readonly StixObject[],
  indicatorValues: ReadonlyMap<string, ObservedValue[]>,
  inReports: ReadonlySet<string>,
  summary: StixImportSummary,
  countMarking: (o: StixObject) => void,
  tlpMarkings: ReadonlyMap<string, Tlp>,
): Promise<void> {
  const items: ListingInput[] = [];
  const sources: string[] = [];
  for (const o of objects) {
    const values = indicatorValues.get(o.id);
    if (!values) continue;
    const facts = fraudxFacts(o);
    // An indicator that reports name arrives with those reports, not as a bare listing: fraudx
    // says so in `listed`; for other producers, a report of the same bundle naming it does.
    if (facts.listed === false || (facts.listed === undefined && inReports.has(o.id))) {
      summary.skipped.push({ id: o.id, type: o.type, reason: 'arrives with the reports that name it' });
      continue;
    }
    countMarking(o);
    const countries = strings(facts.countries).filter(isCountryCode);
    const typologies = typologiesOf(o);
    const observedAt = isoOrUndefined(o.valid_from) ?? isoOrUndefined(o.created);
    const tlp = tlpOfRefs(o.object_marking_refs, tlpMarkings);
    for (const v of values) {
      for (const typology of typologies.length ? typologies : [undefined]) {
        for (const country of countries.length ? countries : [undefined]) {
          items.push({ value: v.value, kind: v.kind, typology: typology as ListingInput['typology'], country, observedAt, ...(tlp ? { marking: { tlp } } : {}) });
          sources.push(o.id);
        }
      }
    }
  }
  if (items.length === 0) return;
  const outcomes = await recordListings(ctx, principal, items);
  outcomes.forEach((o, i) => {
    // A value fraudx cannot read (a made-up top-level domain, say) is skipped, not an error.
    if (o.status === 'rejected') summary.skipped.push({ id: sources[i], type: 'indicator', reason: `${o.error.code}: ${o.error.message}` });
    else summary.indicators[o.status === 'accepted' ? 'accepted' : 'merged'] += 1;
  });
}

async function importReport(
  ctx: AppContext,
  principal: Principal,
  report: StixObject,
  indicatorValues: ReadonlyMap<string, ObservedValue[]>,
  alreadyImported: boolean,
  summary: StixImportSummary,
  tlp: Tlp | undefined,
): Promise<void> {
  if (alreadyImported) {
    summary.reports.existing += 1;
    return;
  }
  const facts = fraudxFacts(report);
  const roles = new Map<string, string>();
  for (const link of Array.isArray(facts.indicators) ? (facts.indicators as Facts[]) : []) {
    if (typeof link.ref === 'string' && typeof link.role === 'string') roles.set(link.ref, link.role);
  }
  // fraudx names each indicator in its extension too, so a report imports even when its
  // indicators came in an earlier TAXII page.
  const named = new Map<string, ObservedValue[]>();
  for (const link of Array.isArray(facts.indicators) ? (facts.indicators as Facts[]) : []) {
    if (typeof link.ref === 'string' && isKindName(link.kind) && typeof link.canonical === 'string') named.set(link.ref, [{ kind: link.kind, value: link.canonical }]);
  }
  const indicators: CreateReportBody['indicators'] = [];
  for (const ref of new Set([...strings(report.object_refs), ...named.keys()])) {
    for (const v of indicatorValues.get(ref) ?? named.get(ref) ?? []) {
      const parsed = tryParseValue(v.value, v.kind, principal.country);
      if ('error' in parsed) {
        summary.skipped.push({ id: ref, type: 'indicator', reason: `${parsed.error.code}: ${parsed.error.message} (left out of report ${report.id})` });
        continue;
      }
      const role = roles.get(ref);
      indicators.push({ value: parsed.parsed.canonical, kind: parsed.parsed.kind, ...(role && (INDICATOR_ROLES as readonly string[]).includes(role) ? { role: role as (typeof INDICATOR_ROLES)[number] } : {}) });
    }
  }
  const country = typeof facts.country === 'string' && isCountryCode(facts.country) ? facts.country : undefined;
  const channel = typeof facts.channel === 'string' && (CHANNELS as readonly string[]).includes(facts.channel) ? (facts.channel as CreateReportBody['channel']) : undefined;
  const loss = facts.loss as { minor?: unknown; currency?: unknown } | undefined;
  const body: CreateReportBody = {
    typology: (typologiesOf(report)[0] ?? 'other') as CreateReportBody['typology'],
    summary: typeof report.description === 'string' ? report.description.slice(0, 20_000) : '',
    occurredAt: isoOrUndefined(facts.occurred_at),
    country,
    channel,
    loss: loss && typeof loss.minor === 'number' && typeof loss.currency === 'string' ? { amount: fromMinorUnits(loss.minor, loss.currency), currency: loss.currency } : undefined,
    indicators,
    ...(tlp ? { marking: { tlp } } : {}),
  };
  const { report: made, created } = await createReport(ctx, principal, body, { source: 'import', dedupeKey: stableKey('stix', report.id) });
  await write(ctx, (trx) => rememberStixIds(trx, [{ stix_id: report.id, entity: 'report', entity_id: made.id }]));
  summary.reports[created ? 'created' : 'existing'] += 1;
}

async function importSighting(
  ctx: AppContext,
  principal: Principal,
  sighting: StixObject,
  indicatorValues: ReadonlyMap<string, ObservedValue[]>,
  alreadyImported: boolean,
  summary: StixImportSummary,
  skip: (o: StixObject, reason: string) => void,
): Promise<void> {
  if (alreadyImported) {
    summary.sightings.existing += 1;
    return;
  }
  const facts = fraudxFacts(sighting);
  const named = isKindName(facts.kind) && typeof facts.canonical === 'string' ? { kind: facts.kind, value: facts.canonical } : undefined;
  const [value] = indicatorValues.get(String(sighting.sighting_of_ref)) ?? (named ? [named] : []);
  if (!value) {
    skip(sighting, 'it is a sighting of something other than an indicator of this bundle that fraudx lists');
    return;
  }
  const parsed = tryParseValue(value.value, value.kind, principal.country);
  if ('error' in parsed) throw new IndicatorParseError(parsed.error.code, parsed.error.message);
  const type = facts.type === 'blocked' || facts.type === 'false-positive' ? facts.type : strings(sighting.labels).includes('false-positive') ? 'false-positive' : 'seen';
  const made = await createSighting(ctx, principal, {
    value: parsed.parsed.canonical,
    kind: parsed.parsed.kind,
    type,
    observedAt: isoOrUndefined(sighting.first_seen) ?? isoOrUndefined(sighting.created),
  });
  await write(ctx, (trx) => rememberStixIds(trx, [{ stix_id: sighting.id, entity: 'sighting', entity_id: made.id }]));
  summary.sightings.created += 1;
}

function isStixBundleLike(value: unknown): value is { objects: unknown[] } {
  return typeof value === 'object' && value !== null && (value as { type?: unknown }).type === 'bundle' && Array.isArray((value as { objects?: unknown }).objects);
}

function reasonOf(err: unknown): string {
  if (err instanceof ProblemError || err instanceof IndicatorParseError) return `${err.code}: ${err.message}`;
  throw err;
}
