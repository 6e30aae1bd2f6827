import { sql, type Transaction } from 'kysely';
import type { Database, IndicatorTable } from '../../db/schema.js';
import type { Emit } from '../../app/write.js';
import { newId } from '../../shared/ids.js';
import type { ParsedIndicator } from './kinds/kind.js';
import type { Allowlist } from '../allowlist/allowlist.js';
import { chunks } from './indicators.model.js';
import { refreshIndicators } from './indicators.refresh.js';
import type { MarkingRow } from '../policy/markings.js';

type Trx = Transaction<Database>;

/** One organisation saying "this identifier was used in fraud", from a report or a listing. */
export interface AssertionInput {
  parsed: ParsedIndicator;
  orgId: string;
  reportId: string | null;
  role: string | null;
  typology: string | null;
  country: string | null;
  lossMinor: number | null;
  lossCurrency: string | null;
  observedAt: string;
  /** Same key, same assertion: recording it again changes nothing. */
  dedupeKey: string;
  /** The marking of its report or listing (policy/markings.ts `markingColumns`). */
  marking: MarkingRow;
}

export interface AssertionOutcome {
  /** Indicator id per `kind\0canonical`. */
  ids: Map<string, string>;
  /** Inputs that added a new assertion, and those that were already known. */
  added: boolean[];
  createdIndicators: number;
}

export function valueKey(kind: string, canonical: string): string {
  return kind + '\u0000' + canonical;
}

/**
 * Upserts the indicators named by `inputs`, records each assertion once, keeps the
 * organisations' track-record counters, and refreshes every touched indicator.
 */
export async function recordAssertions(
  trx: Trx,
  emit: Emit,
  allowlist: Allowlist,
  inputs: readonly AssertionInput[],
  now: Date,
): Promise<AssertionOutcome> {
  const nowIso = now.toISOString();
  const ids = await upsertIndicators(trx, allowlist, inputs, nowIso);
  const indicatorIds = [...new Set(ids.ids.values())];

  const knownPairs = new Set<string>();
  for (const batch of chunks(indicatorIds)) {
    const rows = await trx
      .selectFrom('assertions')
      .select(['indicator_id', 'org_id'])
      .distinct()
      .where('indicator_id', 'in', batch)
      .execute();
    for (const r of rows) knownPairs.add(r.indicator_id + ' ' + r.org_id);
  }
  // Recorded before: an assertion with the same key, of an indicator these organisations have
  // asserted already, found through the assertions' identity index (indicator, organisation, key).
  const knownKeys = new Set<string>();
  const wanted = new Set(inputs.map((i) => i.dedupeKey));
  const orgIds = [...new Set(inputs.map((i) => i.orgId))];
  const asserted = indicatorIds.filter((id) => orgIds.some((org) => knownPairs.has(id + ' ' + org)));
  for (const batch of chunks(asserted)) {
    const rows = await trx.selectFrom('assertions').select('dedupe_key').where('indicator_id', 'in', batch).where('org_id', 'in', orgIds).execute();
    for (const r of rows) if (wanted.has(r.dedupe_key)) knownKeys.add(r.dedupe_key);
  }

  const added: boolean[] = [];
  const fresh: Database['assertions'][] = [];
  const newPairsPerOrg = new Map<string, number>();
  for (const input of inputs) {
    if (knownKeys.has(input.dedupeKey)) {
      added.push(false);
      continue;
    }
    knownKeys.add(input.dedupeKey);
    added.push(true);
    const indicatorId = ids.ids.get(valueKey(input.parsed.kind, input.parsed.canonical))!;
    const pair = indicatorId + ' ' + input.orgId;
    if (!knownPairs.has(pair)) {
      knownPairs.add(pair);
      newPairsPerOrg.set(input.orgId, (newPairsPerOrg.get(input.orgId) ?? 0) + 1);
    }
    fresh.push({
      id: newId(),
      indicator_id: indicatorId,
      org_id: input.orgId,
      report_id: input.reportId,
      role: input.role,
      typology: input.typology,
      country: input.country,
      loss_minor: input.lossMinor,
      loss_currency: input.lossCurrency,
      observed_at: input.observedAt,
      created_at: nowIso,
      dedupe_key: input.dedupeKey,
      ...input.marking,
    });
  }
  for (const batch of chunks(fresh, 200)) {
    await trx.insertInto('assertions').values(batch).execute();
  }
  for (const [orgId, n] of newPairsPerOrg) {
    await trx
      .updateTable('orgs')
      .set({ asserted_count: sql<number>`asserted_count + ${n}` })
      .where('id', '=', orgId)
      .execute();
  }
  const touched = [...new Set(fresh.map((a) => a.indicator_id))];
  // New indicators are announced once, with their facts, by the refresh.
  await refreshIndicators(trx, emit, touched, now, ids.created);
  return { ids: ids.ids, added, createdIndicators: ids.created.size };
}

async function upsertIndicators(
  trx: Trx,
  allowlist: Allowlist,
  inputs: readonly AssertionInput[],
  nowIso: string,
): Promise<{ ids: Map<string, string>; created: Set<string> }> {
  const byKind = new Map<string, Map<string, ParsedIndicator>>();
  const earliest = new Map<string, string>();
  for (const { parsed, observedAt } of inputs) {
    let values = byKind.get(parsed.kind);
    if (!values) byKind.set(parsed.kind, (values = new Map()));
    values.set(parsed.canonical, parsed);
    const key = valueKey(parsed.kind, parsed.canonical);
    const seen = earliest.get(key);
    if (!seen || observedAt < seen) earliest.set(key, observedAt);
  }
  const ids = new Map<string, string>();
  const created = new Set<string>();
  for (const [kind, values] of byKind) {
    const canonicals = [...values.keys()];
    const missing = new Set(canonicals);
    for (const batch of chunks(canonicals)) {
      const rows = await trx
        .selectFrom('indicators')
        .select(['id', 'canonical'])
        .where('kind', '=', kind)
        .where('canonical', 'in', batch)
        .execute();
      for (const r of rows) {
        ids.set(valueKey(kind, r.canonical), r.id);
        missing.delete(r.canonical);
      }
    }
    const rows = [...missing].map((canonical) => {
      const parsed = values.get(canonical)!;
      const id = newId();
      ids.set(valueKey(kind, canonical), id);
      const observed = earliest.get(valueKey(kind, canonical)) ?? nowIso;
      return newIndicatorRow({ id, kind, canonical, display: parsed.display, facts: JSON.stringify(parsed.facts) }, allowlist.has(kind, canonical) ? 'allowed' : 'active', observed, nowIso);
    });
    for (const batch of chunks(rows, 200)) {
      await trx.insertInto('indicators').values(batch).execute();
      for (const row of batch) created.add(row.id);
    }
  }
  return { ids, created };
}

/**
 * A new indicator before any evidence is counted, first and last seen when first observed: the
 * refresh, or the bulk import for the facts it works out itself, fills in the rest.
 */
export function newIndicatorRow(
  identity: Pick<IndicatorTable, 'id' | 'kind' | 'canonical' | 'display' | 'facts'>,
  status: string,
  observed: string,
  nowIso: string,
): IndicatorTable {
  // Every field written out: a spread into this many fields makes V8 build a slow object each time.
  return {
    id: identity.id,
    kind: identity.kind,
    canonical: identity.canonical,
    display: identity.display,
    facts: identity.facts,
    status,
    score: 0,
    report_count: 0,
    org_count: 0,
    country_count: 0,
    countries: '',
    typologies: '',
    seen_count: 0,
    blocked_count: 0,
    false_positive_count: 0,
    found_false_positive: 0,
    first_seen: observed,
    last_seen: observed,
    scored_at: nowIso,
    updated_at: nowIso,
    coerced_operator: 0,
    audience_facts: '',
  };
}
