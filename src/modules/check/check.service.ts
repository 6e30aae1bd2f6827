import type { AppContext } from '../../app/context.js';
import { ProblemError } from '../../errors/problems.js';
import type { ItemError } from '../indicators/parse.js';
import { authorize, type Principal } from '../policy/policy.js';
import { publicPrincipal } from '../policy/visibility.js';
import type { CheckFacts, LookupIndex } from './lookup-index.js';
import { ParseCache } from './parse-cache.js';
import { type CheckBody, type CheckResult, MAX_CHECK_ITEMS } from './check.schema.js';

/** Statuses whose indicators answer `known`: disputed ones still warn, allowed and expired do not. */
const KNOWN_STATUSES = new Set(['active', 'disputed']);
/** Raw inputs whose parse outcome is kept: about 200 bytes each, so some 12 MB a process. */
const PARSE_CACHE_SIZE = 64_000;

// One per process: parse outcomes depend on the input alone.
const parses = new ParseCache(PARSE_CACHE_SIZE);

/**
 * Answers "is this known fraud?" for each item, in order, from the in-memory index: no storage
 * is touched. An item that cannot be read answers an error and the others still answer.
 */
export function check(ctx: AppContext, principal: Principal, body: CheckBody): CheckResult[] {
  authorize(principal, 'check:query');
  const items = body.items;
  if (items.length > MAX_CHECK_ITEMS) {
    throw new ProblemError('batch-too-large', `a check takes at most ${MAX_CHECK_ITEMS} items, not ${items.length}`);
  }
  const rows = items.length > 1 ? rowsAsGiven(ctx.index, items) : undefined;
  const results = new Array<CheckResult>(items.length);
  for (let i = 0; i < items.length; i++) {
    const item = items[i];
    results[i] = checkOne(ctx, principal, item.value, item.kind, item.country?.toUpperCase() ?? principal.country, rows?.[i]);
  }
  return results;
}

/** `checkOne`'s `givenRow` for an item whose value was not looked up as given. */
const NOT_LOOKED_UP = -2;

/**
 * The index rows of a batch's values as given, for the items that name their kind, looked up
 * together (`lookupRows`, much faster on a large index than one by one); NOT_LOOKED_UP for the rest.
 */
function rowsAsGiven(index: LookupIndex, items: CheckBody['items']): Int32Array {
  const kinds: string[] = [];
  const values: string[] = [];
  const at: number[] = [];
  for (let i = 0; i < items.length; i++) {
    const kind = items[i].kind;
    if (kind === undefined) continue;
    kinds.push(kind);
    values.push(items[i].value);
    at.push(i);
  }
  const rows = new Int32Array(items.length).fill(NOT_LOOKED_UP);
  if (at.length === 0) return rows;
  const found = new Int32Array(at.length);
  index.lookupRows(kinds, values, at.length, found);
  for (let j = 0; j < at.length; j++) rows[at[j]] = found[j];
  return rows;
}

/**
 * What a principal may learn of one indicator's facts: `all` the counts every member may see,
 * `public` only what the public may count, `known` only the bare fact (from objects it may not
 * read, whose owner is among or names it, or shares the bare bit), or `nothing`.
 */
function reachOf(principal: Principal, reports: number, extras: Partial<CheckFacts> | undefined): 'all' | 'public' | 'known' | 'nothing' {
  const member = (principal.audience ?? 'member') === 'member';
  if (member && reports > 0) return 'all';
  if (!member && (extras?.publicReports ?? 0) > 0) return 'public';
  const bareKnown = extras?.bareKnown;
  if (bareKnown === 'public' || (member && bareKnown === 'community')) return 'known';
  const named = extras?.knownTo;
  if (member && named && (named.includes(principal.orgId) || (principal.groups ?? []).some((g) => named.includes(g)))) return 'known';
  return 'nothing';
}

interface Identified {
  kind: string;
  canonical: string;
  /** The index row, or -1 when the index does not hold the value. */
  row: number;
}

/**
 * The kind, canonical form and index row of an item. The index holds only canonical values, so
 * a value it holds as given is canonical by construction and skips the parsers: the hot path of
 * a payment or call system that sends canonical values. Canonical forms of different kinds never
 * look alike (`+…`, `evm:…`, `TH:004:…`, `telegram:…`), so without a kind a single hit decides.
 * Anything else goes through the parsers, behind the cache of their outcomes.
 */
function identify(index: LookupIndex, value: string, kind: string | undefined, country: string | undefined, given: number): Identified | { error: ItemError } {
  if (kind !== undefined) {
    const row = given === NOT_LOOKED_UP ? index.lookupRow(kind, value) : given;
    if (row >= 0) return { kind, canonical: value, row };
  } else {
    const row = index.lookupUnique(value);
    if (row >= 0) return { kind: index.kindAt(row), canonical: value, row };
  }
  const outcome = parses.parse(value, kind, country);
  if ('error' in outcome) return outcome;
  // A canonical value the index does not hold (most checks) was looked up just above.
  if (outcome.kind === kind && outcome.canonical === value) return { kind, canonical: value, row: -1 };
  return { kind: outcome.kind, canonical: outcome.canonical, row: index.lookupRow(outcome.kind, outcome.canonical) };
}

/** `givenRow`: the index row of (kind, value) as given, when the caller looked it up already. */
export function checkOne(ctx: AppContext, principal: Principal, value: string, kind: string | undefined, country: string | undefined, givenRow = NOT_LOOKED_UP): CheckResult {
  const index = ctx.index;
  const found = identify(index, value, kind, country, givenRow);
  if ('error' in found) return { value, error: found.error };
  const allowlisted = ctx.allowlist.listOf(found.kind, found.canonical);
  if (allowlisted) return { value, kind: found.kind, canonical: found.canonical, known: false, status: 'allowed', allowlisted };
  // An indicator the principal may learn nothing about answers exactly like an unknown one.
  if (found.row < 0) return { value, kind: found.kind, canonical: found.canonical, known: false };
  // Only a hit reads its facts, and only those the principal's reach answers with.
  const row = found.row;
  const profile = index.profileAt(row);
  const extras = profile.extras as Partial<CheckFacts> | undefined;
  const reach = reachOf(principal, index.reportsAt(row), extras);
  const result: CheckResult = { value, kind: found.kind, canonical: found.canonical, known: false };
  if (reach === 'nothing') return result;
  // Next to `known`: the identifier was operated under coercion, so its holder is a presumed victim.
  const coerced = Boolean(extras?.coercedOperator);
  if (!KNOWN_STATUSES.has(profile.status)) {
    if (coerced) result.coercedOperator = true;
    result.status = profile.status;
    return result;
  }
  result.known = true;
  if (reach === 'public') {
    result.status = profile.status;
    result.reports = extras?.publicReports;
    result.typologies = (extras?.publicTypologies ?? []) as string[];
    return result;
  }
  if (coerced) result.coercedOperator = true;
  result.status = profile.status;
  if (reach === 'known') {
    result.withheld = true;
    return result;
  }
  const facts = index.factsAt(row, found.kind, found.canonical);
  result.score = facts.score;
  result.reports = facts.reports;
  result.organisations = facts.organisations;
  result.countries = facts.countries;
  result.typologies = facts.typologies;
  result.firstSeen = facts.firstSeen;
  result.lastSeen = facts.lastSeen;
  return result;
}

const ADVICE_KNOWN =
  'This has been reported in scams. Do not pay, do not share codes or passwords, and stop contact. If you have already paid, call your bank at once and report it to the police.';
const ADVICE_UNKNOWN =
  'Nothing is known about this yet. That does not make it safe: scammers change numbers and accounts often. Never pay or share codes under pressure.';

/** The public check: only the bare facts (known, how many reports, typologies) and advice. */
export function publicCheck(ctx: AppContext, value: string, kind: string | undefined, country: string | undefined) {
  const result = checkOne(ctx, publicPrincipal, value, kind, country?.toUpperCase());
  return {
    known: result.known === true,
    kind: result.kind ?? null,
    canonical: result.canonical ?? null,
    reports: result.reports ?? 0,
    typologies: result.typologies ?? [],
    advice: result.known ? ADVICE_KNOWN : ADVICE_UNKNOWN,
    ...(result.error ? { error: result.error } : {}),
  };
}
