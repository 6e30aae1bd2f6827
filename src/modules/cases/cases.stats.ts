import { sql } from 'kysely';
import type { AppContext } from '../../app/context.js';
import { ProblemError } from '../../errors/problems.js';

/** Every published cell counts at least this many people, as CTDC publishes (k = 11). */
export const K_ANONYMITY = 11;
export const STAT_DIMENSIONS = ['nationality', 'compoundCountry', 'gender', 'year'] as const;
export type StatDimension = (typeof STAT_DIMENSIONS)[number];

/** Reads `nationality,compoundCountry` into dimensions, refusing names it does not know. */
export function parseDimensions(text: string): StatDimension[] {
  const dims = text.split(',').map((s) => s.trim());
  const bad = dims.filter((d) => !(STAT_DIMENSIONS as readonly string[]).includes(d));
  if (bad.length) throw new ProblemError('validation-failed', `unknown dimension ${bad.join(', ')}; use ${STAT_DIMENSIONS.join(', ')}`);
  return dims as StatDimension[];
}

/** People count as assisted once identified, whatever happened next; intake, screening and screened-out do not. */
const ASSISTED = ['identified', 'assistance', 'repatriation', 'follow-up', 'closed', 'closed-referred'];

export interface CaseStatistics {
  k: number;
  dimensions: StatDimension[];
  cells: (Partial<Record<StatDimension, string | null>> & { people: number })[];
  /** How many cells were withheld for counting fewer than k people; their people are not shown. */
  suppressedCells: number;
  /** The total, only when it cannot be used to work out a withheld cell (what is withheld is 0 or at least k). */
  total: number | null;
}

/**
 * Public statistics of people assisted, for example by nationality and country of the compound.
 * No cell under k people is ever published, and the total is withheld when subtracting the
 * published cells from it would reveal a small group.
 *
 * @example
 * await caseStatistics(ctx, ['nationality'])
 * // → { k: 11, cells: [{ nationality: 'MM', people: 40 }, …], suppressedCells: 2, total: null, … }
 */
export async function caseStatistics(ctx: AppContext, dimensions: readonly StatDimension[]): Promise<CaseStatistics> {
  const dims = [...new Set(dimensions)];
  const rows = await ctx.storage.db
    .selectFrom('cases')
    .select(['nationality', 'compound_country', 'gender', sql<string>`substr(created_at, 1, 4)`.as('year')])
    .where('status', 'in', ASSISTED)
    .execute();
  const counts = new Map<string, { key: Partial<Record<StatDimension, string | null>>; people: number }>();
  for (const r of rows) {
    const values: Record<StatDimension, string | null> = { nationality: r.nationality, compoundCountry: r.compound_country, gender: r.gender, year: r.year };
    const key = Object.fromEntries(dims.map((d) => [d, values[d]])) as Partial<Record<StatDimension, string | null>>;
    const id = JSON.stringify(dims.map((d) => values[d]));
    const c = counts.get(id);
    if (c) c.people += 1;
    else counts.set(id, { key, people: 1 });
  }
  const published = [...counts.values()].filter((c) => c.people >= K_ANONYMITY);
  const withheld = rows.length - published.reduce((n, c) => n + c.people, 0);
  return {
    k: K_ANONYMITY,
    dimensions: dims,
    // Largest first; ties in the order of their values, so the same data always reads the same.
    cells: published.sort((a, b) => b.people - a.people || JSON.stringify(a.key).localeCompare(JSON.stringify(b.key))).map((c) => ({ ...c.key, people: c.people })),
    suppressedCells: counts.size - published.length,
    total: withheld === 0 || withheld >= K_ANONYMITY ? rows.length : null,
  };
}
