import type { AppContext } from '../../app/context.js';
import { ProblemError } from '../../errors/problems.js';
import { KIND_NAMES, type KindName } from '../indicators/kinds/kind.js';
import { tryParseValue } from '../indicators/parse.js';
import { authorize, type Principal } from '../policy/policy.js';
import { publicPrincipal } from '../policy/visibility.js';
import type { CheckFacts } from './lookup-index.js';
import { type CheckBody, type CheckResult, MAX_CHECK_ITEMS } from './check.schema.js';

/** Statuses whose indicators answer `known`: disputed ones still warn, allowed and expired do not. */
const KNOWN_STATUSES = new Set(['active', 'disputed']);

/**
 * Answers "is this known fraud?" for each item, in order, from the in-memory index: no storage
 * is touched. An item that cannot be read answers an error and the others still answer.
 */
export function check(ctx: AppContext, principal: Principal, body: CheckBody): CheckResult[] {
  authorize(principal, 'check:query');
  if (body.items.length > MAX_CHECK_ITEMS) {
    throw new ProblemError('batch-too-large', `a check takes at most ${MAX_CHECK_ITEMS} items, not ${body.items.length}`);
  }
  return body.items.map((item) => checkOne(ctx, principal, item.value, item.kind, item.country?.toUpperCase() ?? principal.country));
}

/**
 * What a principal may learn of one indicator's facts: `all` the counts every member may see,
 * `public` only what the public may count, `known` only the bare fact (from objects it may not
 * read, whose owner is among or names it, or shares the bare bit), or `nothing`.
 */
function reachOf(principal: Principal, facts: CheckFacts): 'all' | 'public' | 'known' | 'nothing' {
  const member = (principal.audience ?? 'member') === 'member';
  if (member && facts.reports > 0) return 'all';
  if (!member && (facts.publicReports ?? 0) > 0) return 'public';
  if (facts.bareKnown === 'public' || (member && facts.bareKnown === 'community')) return 'known';
  const named = facts.knownTo;
  if (member && named && (named.includes(principal.orgId) || (principal.groups ?? []).some((g) => named.includes(g)))) return 'known';
  return 'nothing';
}

/**
 * The kind and canonical form of an item. The index holds only canonical values, so a value it
 * holds as given is canonical by construction and skips the parsers: the hot path of a payment
 * or call system that sends canonical values. Canonical forms of different kinds never look
 * alike (`+…`, `evm:…`, `TH:004:…`, `telegram:…`), so without a kind a single hit decides.
 */
function identify(ctx: AppContext, value: string, kind: string | undefined, country: string | undefined): ReturnType<typeof tryParseValue> {
  if (kind !== undefined) {
    if (ctx.index.get(kind, value)) return { parsed: { kind: kind as KindName, canonical: value, display: value, facts: {} } };
  } else {
    const hits = KIND_NAMES.filter((k) => ctx.index.get(k, value) !== undefined);
    if (hits.length === 1) return { parsed: { kind: hits[0], canonical: value, display: value, facts: {} } };
  }
  return tryParseValue(value, kind, country);
}

export function checkOne(ctx: AppContext, principal: Principal, value: string, kind: string | undefined, country: string | undefined): CheckResult {
  const outcome = identify(ctx, value, kind, country);
  if ('error' in outcome) return { value, error: outcome.error };
  const { parsed } = outcome;
  const allowlisted = ctx.allowlist.listOf(parsed.kind, parsed.canonical);
  const facts = ctx.index.get(parsed.kind, parsed.canonical);
  const base: CheckResult = { value, kind: parsed.kind, canonical: parsed.canonical };
  if (allowlisted) return { ...base, known: false, status: 'allowed', allowlisted };
  // Next to `known`: the identifier was operated under coercion, so its holder is a presumed victim.
  const coerced = facts?.coercedOperator ? { coercedOperator: true } : {};
  // An indicator the principal may learn nothing about answers exactly like an unknown one.
  const reach = facts ? reachOf(principal, facts) : 'nothing';
  if (!facts || reach === 'nothing') return { ...base, known: false };
  if (!KNOWN_STATUSES.has(facts.status)) return { ...base, known: false, ...coerced, status: facts.status };
  if (reach === 'known') return { ...base, known: true, ...coerced, status: facts.status, withheld: true };
  if (reach === 'public') return { ...base, known: true, status: facts.status, reports: facts.publicReports, typologies: facts.publicTypologies ?? [] };
  return {
    ...base,
    known: true,
    ...coerced,
    status: facts.status,
    score: facts.score,
    reports: facts.reports,
    organisations: facts.organisations,
    countries: facts.countries,
    typologies: facts.typologies,
    firstSeen: facts.firstSeen,
    lastSeen: facts.lastSeen,
  };
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
