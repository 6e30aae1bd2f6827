import { sql, type Transaction } from 'kysely';
import type { AppContext } from '../../app/context.js';
import { type Emit, write } from '../../app/write.js';
import type { AssertionTable, Database, IndicatorTable } from '../../db/schema.js';
import type { StatementQueue } from '../../db/statement-queue.js';
import { newId } from '../../shared/ids.js';
import { coercedAmong } from '../cases/cases.coerced.js';
import type { MarkingRow } from '../policy/markings.js';
import { SHARED } from '../policy/check-audience.js';
import { newIndicatorRow, valueKey } from './indicators.assert.js';
import { bulkStatements, type BulkStatements } from './indicators.bulk-sql.js';
import { indicatorEventData } from './indicators.model.js';
import { refreshIndicators } from './indicators.refresh.js';
import { computeScore, type OrgEvidence } from './score.js';
import type { KindName } from './kinds/kind.js';

type Trx = Transaction<Database>;

/** One organisation's listing, already parsed: what an import hands to the set-based path. */
export interface ParsedListing {
  kind: KindName;
  canonical: string;
  display: string;
  /** The parse's facts as JSON, as the indicators table keeps them. */
  facts: string;
  typology: string | null;
  country: string | null;
  /** Undefined: the time of the write. */
  observedAt: string | undefined;
  /** The listing's identity (listings.ts `listingAssertion`), made from its value among the rest: recording it again changes nothing. */
  dedupeKey: string;
  marking: MarkingRow;
}

/**
 * Records many listings of one organisation in one transaction, set-based: a few statements per
 * batch whatever its size. It gives the same indicators, assertions, counters and change events
 * as `recordListings`: new indicators whose evidence is all in the batch are computed here, in
 * memory, and written once; indicators that already existed (or whose new evidence is restricted,
 * public or allowlisted) go through the same refresh as every other write. Answers per item
 * whether it added an assertion (accepted) or was known already (merged).
 */
export async function recordListingsBulk(ctx: AppContext, orgId: string, items: readonly ParsedListing[]): Promise<boolean[]> {
  if (items.length === 0) return [];
  const statements = bulkStatements(ctx.storage);
  return write(ctx, (trx, emit, queue) => recordBatch(trx, emit, queue, ctx, statements, orgId, items));
}

async function recordBatch(
  trx: Trx,
  emit: Emit,
  queue: StatementQueue,
  ctx: AppContext,
  q: BulkStatements,
  orgId: string,
  items: readonly ParsedListing[],
): Promise<boolean[]> {
  const now = ctx.clock.now();
  const nowIso = now.toISOString();

  // One entry per value, each listing pointing at its value's: a million-listing import spends
  // its time in these maps, so each listing costs one lookup here and none after.
  const values = new Map<string, ValueEntry>();
  const entryOf: ValueEntry[] = new Array(items.length);
  for (let i = 0; i < items.length; i++) {
    const key = valueKey(items[i].kind, items[i].canonical);
    let entry = values.get(key);
    if (!entry) values.set(key, (entry = { item: items[i], id: undefined, existed: false, fresh: [] }));
    // The last listing of a value gives a new indicator its display and facts.
    else entry.item = items[i];
    entryOf[i] = entry;
  }
  // Which values exist already, and which of these listings were recorded before.
  const existing = await q.findIndicators(trx, [...values.values()].map((v) => [v.item.kind, v.item.canonical]));
  for (const [key, id] of existing) {
    const entry = values.get(key)!;
    entry.id = id;
    entry.existed = true;
  }
  const knownPairs = await q.assertingOrgs(trx, [...new Set(existing.values())], orgId);
  // A listing's identity names its value and organisation, so only listings of values this
  // organisation has asserted can have been recorded before: in a first import, none is asked about.
  const maybeRecorded: [string, string][] = [];
  for (let i = 0; i < items.length; i++) {
    const { existed, id } = entryOf[i];
    if (existed && knownPairs.has(id!)) maybeRecorded.push([id!, items[i].dedupeKey]);
  }
  const knownKeys = maybeRecorded.length === 0 ? new Set<string>() : await q.knownDedupeKeys(trx, maybeRecorded, orgId);

  const fresh: AssertionTable[] = [];
  // Values with new assertions, in the order of their first.
  const freshValues: ValueEntry[] = [];
  const added: boolean[] = [];
  let newPairs = 0;
  for (let i = 0; i < items.length; i++) {
    const item = items[i];
    const entry = entryOf[i];
    // A listing's identity includes its value: one given twice in the batch is among that value's.
    if (knownKeys.has(item.dedupeKey) || entry.fresh.some((a) => a.dedupe_key === item.dedupeKey)) {
      added.push(false);
      continue;
    }
    added.push(true);
    // A new value is a new (value, organisation) pair once; an existing one unless asserted before.
    if (!entry.id) {
      entry.id = newId();
      newPairs += 1;
    } else if (entry.existed && !knownPairs.has(entry.id)) {
      knownPairs.add(entry.id);
      newPairs += 1;
    }
    const assertion: AssertionTable = {
      id: newId(),
      indicator_id: entry.id,
      org_id: orgId,
      report_id: null,
      role: null,
      typology: item.typology,
      country: item.country,
      loss_minor: null,
      loss_currency: null,
      observed_at: item.observedAt ?? nowIso,
      created_at: nowIso,
      dedupe_key: item.dedupeKey,
      // Written out, not spread: see newIndicatorRow.
      tlp: item.marking.tlp,
      distribution: item.marking.distribution,
      share_groups: item.marking.share_groups,
      audience: item.marking.audience,
    };
    fresh.push(assertion);
    if (entry.fresh.length === 0) freshValues.push(entry);
    entry.fresh.push(assertion);
  }
  if (fresh.length === 0) return added;

  if (newPairs > 0) {
    await trx
      .updateTable('orgs')
      .set({ asserted_count: sql<number>`asserted_count + ${newPairs}` })
      .where('id', '=', orgId)
      .execute();
  }
  const org = await trx.selectFrom('orgs').select(['asserted_count', 'false_positive_count']).where('id', '=', orgId).executeTakeFirstOrThrow();

  // New values: computed here when every fact comes from this batch, refreshed otherwise.
  const evidence: OrgEvidence = {
    orgId,
    reports: 0,
    lastAssertedAt: null,
    blockedAt: null,
    seenAt: null,
    falsePositive: false,
    assertedCount: Number(org.asserted_count),
    falsePositiveCount: Number(org.false_positive_count),
  };
  // Of the values refreshed below, those this batch creates: their events say so.
  const created = new Set<string>();
  const scores = new Map<string, number>();
  const newRows: IndicatorTable[] = [];
  const computed: IndicatorTable[] = [];
  const refresh: string[] = [];
  for (const { item, id, existed, fresh: assertions } of freshValues) {
    if (existed) {
      refresh.push(id!);
      continue;
    }
    const row = newIndicatorRow(
      { id: id!, kind: item.kind, canonical: item.canonical, display: item.display, facts: item.facts },
      ctx.allowlist.has(item.kind, item.canonical) ? 'allowed' : 'active',
      firstObserved(assertions),
      nowIso,
    );
    newRows.push(row);
    if (row.status === 'active' && assertions.every((a) => PLAIN_AUDIENCES.has(a.audience))) {
      computeFacts(row, assertions, evidence, now, scores);
      computed.push(row);
    } else {
      created.add(id!);
      refresh.push(id!);
    }
  }
  const coerced = await coercedAmong(trx, computed);
  for (const row of computed) if (coerced.has(row.id)) row.coerced_operator = 1;

  // On PostgreSQL the inserts may still run when these return: the events are made meanwhile, and
  // the change log's statements follow them (app/write.ts). A refresh reads what they wrote.
  await q.insertIndicators(trx, newRows, queue);
  await q.insertAssertions(trx, fresh, queue);
  for (const row of computed) emit({ entity: 'indicator', entityId: row.id, op: 'create', orgId: null, data: indicatorEventData(row) });
  if (refresh.length > 0) {
    await queue.settled();
    await refreshIndicators(trx, emit, refresh, now, created);
  }
  return added;
}

/** A value of the batch: its last listing, its indicator (found or new), its new assertions. */
interface ValueEntry {
  item: ParsedListing;
  id: string | undefined;
  existed: boolean;
  fresh: AssertionTable[];
}

/** Shared with every member, and no wider: the facts of such evidence need no audience query. */
const PLAIN_AUDIENCES: ReadonlySet<string> = new Set(SHARED.filter((a) => a !== 'public'));

function firstObserved(assertions: readonly AssertionTable[]): string {
  let first = assertions[0].observed_at;
  for (const a of assertions) if (a.observed_at < first) first = a.observed_at;
  return first;
}

/**
 * The refresh (indicators.refresh.ts) of an active indicator whose only evidence is one
 * organisation's listings in this batch, all shared with the community: no sightings, no
 * restricted or public assertions, so no query is needed to know its facts. Most values of an
 * import are listed once, at one time: `scores` keeps a score per (listings, latest) of the batch.
 */
function computeFacts(row: IndicatorTable, assertions: readonly AssertionTable[], org: OrgEvidence, now: Date, scores: Map<string, number>): void {
  let last = assertions[0].observed_at;
  let countries: string;
  let countryCount: number;
  let typologies: string;
  if (assertions.length === 1) {
    countries = assertions[0].country || '';
    countryCount = countries === '' ? 0 : 1;
    typologies = assertions[0].typology || '';
  } else {
    const countrySet = new Set<string>();
    const typologySet = new Set<string>();
    for (const a of assertions) {
      if (a.observed_at > last) last = a.observed_at;
      if (a.country) countrySet.add(a.country);
      if (a.typology) typologySet.add(a.typology);
    }
    countries = [...countrySet].sort().join(',');
    countryCount = countrySet.size;
    typologies = [...typologySet].sort().join(',');
  }
  // Listings have no report: each one counts as a report of its own.
  const scoreKey = `${assertions.length} ${last}`;
  let score = scores.get(scoreKey);
  if (score === undefined) {
    const evidence: OrgEvidence = { ...org, reports: assertions.length, lastAssertedAt: last };
    scores.set(scoreKey, (score = computeScore([evidence], row.status, now)));
  }
  row.score = score;
  row.report_count = assertions.length;
  row.org_count = 1;
  row.country_count = countryCount;
  row.countries = countries;
  row.typologies = typologies;
  if (last > row.last_seen) row.last_seen = last;
}
