import type { Kysely, Transaction } from 'kysely';
import type { AppContext } from '../../app/context.js';
import type { Database } from '../../db/schema.js';
import { chunks } from '../indicators/indicators.model.js';
import { valueKey } from '../indicators/indicators.assert.js';
import { COERCED_OUTCOMES } from './cases.vocab.js';

type Db = Kysely<Database> | Transaction<Database>;

/**
 * Of the given indicators, those a person screened as a presumed victim (or inconclusive and
 * referred) was forced to operate: they carry the coerced-operator flag. The indicator refresh
 * asks this, so the flag travels with the check facts; it names no case and no person.
 */
export async function coercedAmong(db: Db, rows: readonly { id: string; kind: string; canonical: string }[]): Promise<Set<string>> {
  const out = new Set<string>();
  if (rows.length === 0) return out;
  const coercedOnly = () =>
    db
      .selectFrom('case_identifiers as ci')
      .innerJoin('cases as c', 'c.id', 'ci.case_id')
      .where('c.screening_outcome', 'in', [...COERCED_OUTCOMES]);
  // A large set (an import's batch) is compared in memory with every coerced identifier when
  // those are fewer: one query instead of one per few hundred values.
  if (rows.length > IN_MEMORY_FROM) {
    const all = await coercedOnly().select(['ci.kind', 'ci.canonical']).limit(rows.length + 1).execute();
    if (all.length <= rows.length) {
      // Most nodes have none at all: then there is nothing to compare.
      if (all.length === 0) return out;
      const known = new Set(all.map((r) => valueKey(r.kind, r.canonical)));
      for (const r of rows) if (known.has(valueKey(r.kind, r.canonical))) out.add(r.id);
      return out;
    }
  }
  const byKind = new Map<string, Map<string, string>>();
  for (const r of rows) {
    let m = byKind.get(r.kind);
    if (!m) byKind.set(r.kind, (m = new Map()));
    m.set(r.canonical, r.id);
  }
  for (const [kind, values] of byKind) {
    for (const batch of chunks([...values.keys()])) {
      const found = await coercedOnly().select('ci.canonical').distinct().where('ci.kind', '=', kind).where('ci.canonical', 'in', batch).execute();
      for (const f of found) out.add(values.get(f.canonical)!);
    }
  }
  return out;
}

const IN_MEMORY_FROM = 1000;

/**
 * The ids of every indicator that carries the coerced-operator flag: for the networks, which
 * show such nodes as operated under coercion and never as evidence against the operator.
 */
export async function coercedIndicatorIds(ctx: Pick<AppContext, 'storage'>): Promise<Set<string>> {
  const rows = await ctx.storage.db.selectFrom('indicators').select('id').where('coerced_operator', '=', 1).execute();
  return new Set(rows.map((r) => r.id));
}
