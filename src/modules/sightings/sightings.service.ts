import type { AppContext } from '../../app/context.js';
import { write } from '../../app/write.js';
import { ProblemError } from '../../errors/problems.js';
import { newId } from '../../shared/ids.js';
import { findVisibleIndicatorRow } from '../indicators/indicators.service.js';
import { refreshIndicators } from '../indicators/indicators.refresh.js';
import { authorize, type Principal } from '../policy/policy.js';
import { MarkingResolver } from '../policy/marking.service.js';
import { markingColumns } from '../policy/markings.js';
import type { CreateSightingBody } from './sightings.schema.js';

/**
 * The counterparty of a transfer, resolved to an indicator the principal may already see: a
 * sighting links known identifiers, it does not make new ones known.
 */
async function counterpartyOf(ctx: AppContext, principal: Principal, body: CreateSightingBody, sightedId: string) {
  const input = body.counterparty;
  if (!input) return undefined;
  if (body.type === 'false-positive') throw new ProblemError('validation-failed', 'a false-positive sighting names no counterparty: no funds moved', { field: 'counterparty' });
  const row = await findVisibleIndicatorRow(ctx, principal, input.kind, input.value, input.country ?? body.country ?? principal.country).catch((err: unknown) => {
    if (err instanceof ProblemError && err.code === 'not-found') throw new ProblemError('not-found', `${err.message}: report or list the counterparty first`, { ...err.extensions, field: 'counterparty' });
    throw err;
  });
  if (row.id === sightedId) throw new ProblemError('validation-failed', 'the counterparty is the sighted indicator itself', { field: 'counterparty' });
  return { indicatorId: row.id, kind: row.kind, canonical: row.canonical, direction: input.direction };
}

/** Records that an organisation saw, blocked, or found false an indicator, and rescores it. */
export async function createSighting(ctx: AppContext, principal: Principal, body: CreateSightingBody) {
  authorize(principal, 'sighting:create');
  const row = await findVisibleIndicatorRow(ctx, principal, body.kind, body.value, body.country ?? principal.country);
  const counterparty = await counterpartyOf(ctx, principal, body, row.id);
  const marking = await new MarkingResolver(ctx.storage.db, principal).resolve(body.marking);
  const now = ctx.clock.now();
  const id = newId();
  const observedAt = body.observedAt ? new Date(body.observedAt).toISOString() : now.toISOString();
  await write(ctx, async (trx, emit) => {
    await trx
      .insertInto('sightings')
      .values({
        id,
        indicator_id: row.id,
        org_id: principal.orgId,
        type: body.type,
        note: body.note ?? null,
        observed_at: observedAt,
        created_at: now.toISOString(),
        ...(counterparty ? { counterparty_id: counterparty.indicatorId, counterparty_direction: counterparty.direction } : {}),
        ...markingColumns(marking),
      })
      .execute();
    const link = counterparty ? { counterpartyId: counterparty.indicatorId, direction: counterparty.direction } : {};
    emit({ entity: 'sighting', entityId: id, op: 'create', orgId: principal.orgId, data: { id, indicatorId: row.id, type: body.type, observedAt, ...link, marking } });
    await refreshIndicators(trx, emit, [row.id], now);
  });
  const after = await ctx.storage.db.selectFrom('indicators').select('score').where('id', '=', row.id).executeTakeFirstOrThrow();
  return { id, indicatorId: row.id, kind: row.kind, canonical: row.canonical, type: body.type, orgId: principal.orgId, observedAt, score: after.score, ...(counterparty ? { counterparty } : {}), marking };
}
