import { sql, type Transaction } from 'kysely';
import type { Database } from '../../db/schema.js';
import type { CheckFacts } from '../check/lookup-index.js';
import { SHARED_AUDIENCES } from './visibility.js';

/** The check facts that say who may learn an indicator is known beyond what every member sees. */
export type AudienceFacts = Pick<CheckFacts, 'knownTo' | 'bareKnown' | 'publicReports' | 'publicTypologies'>;

const RESTRICTED = ['organisation', 'groups'];

/**
 * The check index keeps one entry per indicator, so its counts are those every member of the node
 * may see (assertions whose audience is the community or wider). These facts add who else learns
 * "known": the owners of restricted assertions and the groups they name (`knownTo`), everyone when
 * an owner shares the bare "known" bit (`bareKnown`), and what the public may count.
 */
export async function audienceFacts(trx: Transaction<Database>, ids: readonly string[]): Promise<Map<string, AudienceFacts>> {
  const out = new Map<string, AudienceFacts>();
  if (ids.length === 0) return out;
  const at = (id: string) => {
    let f = out.get(id);
    if (!f) out.set(id, (f = {}));
    return f;
  };
  const restricted = await trx
    .selectFrom('assertions as a')
    .innerJoin('orgs as o', 'o.id', 'a.org_id')
    .select(['a.indicator_id', 'a.org_id', 'a.share_groups', 'o.share_known'])
    .distinct()
    .where('a.indicator_id', 'in', [...ids])
    .where('a.audience', 'in', RESTRICTED)
    .execute();
  for (const r of restricted) {
    const f = at(r.indicator_id);
    const known = new Set(f.knownTo ?? []);
    known.add(r.org_id);
    for (const g of r.share_groups.split(',')) if (g) known.add(g);
    f.knownTo = [...known].sort();
    if (r.share_known === 'public' || (r.share_known === 'community' && f.bareKnown !== 'public')) f.bareKnown = r.share_known;
  }
  const publicRows = await trx
    .selectFrom('assertions')
    .select(['indicator_id', 'typology'])
    .distinct()
    .where('indicator_id', 'in', [...ids])
    .where('audience', '=', 'public')
    .execute();
  const publicReports = await trx
    .selectFrom('assertions')
    .select(['indicator_id', sql<number>`count(distinct coalesce(report_id, id))`.as('n')])
    .where('indicator_id', 'in', [...ids])
    .where('audience', '=', 'public')
    .groupBy('indicator_id')
    .execute();
  for (const r of publicReports) at(r.indicator_id).publicReports = Number(r.n);
  for (const r of publicRows) {
    if (!r.typology) continue;
    const f = at(r.indicator_id);
    f.publicTypologies = [...new Set([...(f.publicTypologies ?? []), r.typology])].sort();
  }
  return out;
}

/** The condition refresh uses so that counts, places and score come only from shared assertions. */
export const SHARED = [...SHARED_AUDIENCES];
