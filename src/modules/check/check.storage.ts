import { sql } from 'kysely';
import type { AppContext } from '../../app/context.js';
import { checkFactsOf } from '../indicators/indicators.model.js';
import { tryParseValue } from '../indicators/parse.js';
import type { Principal } from '../policy/policy.js';
import type { CheckResult } from './check.schema.js';
import { check } from './check.service.js';
import { CompactLookupIndex } from './lookup-index.js';

/**
 * The same check, for a one-shot command that has no index in memory: it reads only the rows
 * the items name, puts them in a small index, and asks the one check function.
 */
export async function checkFromStorage(
  ctx: AppContext,
  principal: Principal,
  items: { value: string; kind?: string; country?: string }[],
): Promise<CheckResult[]> {
  const index = new CompactLookupIndex();
  for (const item of items) {
    const outcome = tryParseValue(item.value, item.kind, item.country ?? principal.country);
    if ('error' in outcome) continue;
    const row = await ctx.storage.db
      .selectFrom('indicators')
      .selectAll()
      .where('kind', '=', outcome.parsed.kind)
      .where('canonical', '=', sql<string>`${outcome.parsed.canonical}`)
      .executeTakeFirst();
    if (row) index.put(checkFactsOf(row));
  }
  return check({ ...ctx, index }, principal, { items });
}
