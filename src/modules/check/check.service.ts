import type { AppContext } from '../../app/context.js';
import { ProblemError } from '../../errors/problems.js';
import { tryParseValue } from '../indicators/parse.js';
import { authorize, type Principal } from '../policy/policy.js';
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
  return body.items.map((item) => checkOne(ctx, item.value, item.kind, item.country?.toUpperCase() ?? principal.country));
}

export function checkOne(ctx: AppContext, value: string, kind: string | undefined, country: string | undefined): CheckResult {
  const outcome = tryParseValue(value, kind, country);
  if ('error' in outcome) return { value, error: outcome.error };
  const { parsed } = outcome;
  const allowlisted = ctx.allowlist.listOf(parsed.kind, parsed.canonical);
  const facts = ctx.index.get(parsed.kind, parsed.canonical);
  const base: CheckResult = { value, kind: parsed.kind, canonical: parsed.canonical };
  if (allowlisted) return { ...base, known: false, status: 'allowed', allowlisted };
  // Next to `known`: the identifier was operated under coercion, so its holder is a presumed victim.
  const coerced = facts?.coercedOperator ? { coercedOperator: true } : {};
  if (!facts || !KNOWN_STATUSES.has(facts.status) || facts.reports === 0) {
    return facts ? { ...base, known: false, ...coerced, status: facts.status } : { ...base, known: false };
  }
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
  const result = checkOne(ctx, value, kind, country?.toUpperCase());
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
