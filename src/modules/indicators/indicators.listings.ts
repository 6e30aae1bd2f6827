import { z } from 'zod';
import type { AppContext } from '../../app/context.js';
import { write } from '../../app/write.js';
import { stableKey } from '../../shared/hash.js';
import { countryCode } from '../orgs/orgs.schema.js';
import { authorize, type Principal } from '../policy/policy.js';
import { markingColumns, markingInput } from '../policy/markings.js';
import { MarkingResolver } from '../policy/marking.service.js';
import { TYPOLOGY_NAMES } from '../typologies/typologies.js';
import { KIND_NAMES, type ParsedIndicator } from './kinds/kind.js';
import { type AssertionInput, recordAssertions } from './indicators.assert.js';
import { type ItemError, tryParseValue } from './parse.js';

/** A bare listing: "this identifier is used in fraud", without a victim's report behind it. */
export const listingInput = z.strictObject({
  value: z.string().min(1).max(2048),
  kind: z.enum(KIND_NAMES).optional(),
  typology: z.enum(TYPOLOGY_NAMES).optional(),
  country: countryCode.optional(),
  observedAt: z.iso.datetime({ offset: true }).optional(),
  marking: markingInput.optional().describe('Left out: the organisation\'s default marking.'),
});
export type ListingInput = z.infer<typeof listingInput>;

export type ListingOutcome =
  | { status: 'accepted' | 'merged'; kind: string; canonical: string }
  | { status: 'rejected'; error: ItemError };

/**
 * Records a batch of listings in one transaction and answers per item: accepted (new),
 * merged (this organisation had already listed it so), or rejected with the reason.
 */
export async function recordListings(ctx: AppContext, principal: Principal, items: readonly ListingInput[]): Promise<ListingOutcome[]> {
  authorize(principal, 'indicator:import');
  const outcomes: ListingOutcome[] = new Array(items.length);
  const inputs: AssertionInput[] = [];
  const positions: number[] = [];
  const nowIso = ctx.clock.now().toISOString();
  const markings = new MarkingResolver(ctx.storage.db, principal);
  for (const [i, item] of items.entries()) {
    const parsed = tryParseValue(item.value, item.kind, item.country ?? principal.country);
    const marked = await markings.tryResolve(item.marking);
    if ('error' in parsed || 'error' in marked) {
      outcomes[i] = { status: 'rejected', error: 'error' in parsed ? parsed.error : (marked as { error: ItemError }).error };
      continue;
    }
    inputs.push({ ...listingAssertion(principal, parsed.parsed, item, nowIso), marking: markingColumns(marked.marking) });
    positions.push(i);
  }
  if (inputs.length > 0) {
    const recorded = await write(ctx, (trx, emit) => recordAssertions(trx, emit, ctx.allowlist, inputs, ctx.clock.now()));
    positions.forEach((pos, j) => {
      const { kind, canonical } = inputs[j].parsed;
      outcomes[pos] = { status: recorded.added[j] ? 'accepted' : 'merged', kind, canonical };
    });
  }
  return outcomes;
}

function listingAssertion(principal: Principal, parsed: ParsedIndicator, item: ListingInput, nowIso: string): Omit<AssertionInput, 'marking'> {
  const typology = item.typology ?? null;
  const country = item.country ?? principal.country;
  return {
    parsed,
    orgId: principal.orgId,
    reportId: null,
    role: null,
    typology,
    country,
    lossMinor: null,
    lossCurrency: null,
    observedAt: item.observedAt ? new Date(item.observedAt).toISOString() : nowIso,
    dedupeKey: stableKey('listing', principal.orgId, parsed.kind, parsed.canonical, typology, country),
  };
}
