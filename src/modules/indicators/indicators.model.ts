import type { IndicatorTable } from '../../db/schema.js';
import type { CheckFacts } from '../check/lookup-index.js';

export const INDICATOR_STATUSES = ['active', 'disputed', 'allowed', 'expired'] as const;
export type IndicatorStatus = (typeof INDICATOR_STATUSES)[number];

export function splitList(value: string): string[] {
  return value === '' ? [] : value.split(',');
}

/** The facts the check index keeps for one indicator row. */
export function checkFactsOf(row: IndicatorTable): CheckFacts {
  return {
    kind: row.kind,
    canonical: row.canonical,
    status: row.status,
    score: row.score,
    reports: row.report_count,
    organisations: row.org_count,
    countries: splitList(row.countries),
    typologies: splitList(row.typologies),
    firstSeen: row.first_seen,
    lastSeen: row.last_seen,
    // Only when set, so the index keeps one shared profile for the great majority.
    ...(row.coerced_operator === 1 ? { coercedOperator: true } : {}),
    // Who beyond the community may learn it is known (trust); only when there is something to say.
    ...(row.audience_facts ? (JSON.parse(row.audience_facts) as Partial<CheckFacts>) : {}),
  };
}

/** The data of an indicator's change event: its id, then the facts the check index keeps. */
export function indicatorEventData(row: IndicatorTable): CheckFacts & { id: string } {
  return { id: row.id, ...checkFactsOf(row) };
}

/** Splits a list into pieces small enough for one SQL `IN (…)` on every dialect. */
export function chunks<T>(items: readonly T[], size = 500): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}
