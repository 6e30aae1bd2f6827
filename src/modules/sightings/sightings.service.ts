import type { AppContext } from '../../app/context.js';
import { write } from '../../app/write.js';
import { newId } from '../../shared/ids.js';
import { findVisibleIndicatorRow } from '../indicators/indicators.service.js';
import { refreshIndicators } from '../indicators/indicators.refresh.js';
import { authorize, type Principal } from '../policy/policy.js';
import { MarkingResolver } from '../policy/marking.service.js';
import { markingColumns } from '../policy/markings.js';
import type { CreateSightingBody } from './sightings.schema.js';

/** Records that an organisation saw, blocked, or found false an indicator, and rescores it. */
export async function createSighting(ctx: AppContext, principal: Principal, body: CreateSightingBody) {
  authorize(principal, 'sighting:create');
  const row = await findVisibleIndicatorRow(ctx, principal, body.kind, body.value, body.country ?? principal.country);
  const marking = await new MarkingResolver(ctx.storage.db, principal).resolve(body.marking);
  const now = ctx.clock.now();
  const id = newId();
  const observedAt = body.observedAt ? new Date(body.observedAt).toISOString() : now.toISOString();
  await write(ctx, async (trx, emit) => {
    await trx
      .insertInto('sightings')
      .values({ id, indicator_id: row.id, org_id: principal.orgId, type: body.type, note: body.note ?? null, observed_at: observedAt, created_at: now.toISOString(), ...markingColumns(marking) })
      .execute();
    emit({ entity: 'sighting', entityId: id, op: 'create', orgId: principal.orgId, data: { id, indicatorId: row.id, type: body.type, observedAt, marking } });
    await refreshIndicators(trx, emit, [row.id], now);
  });
  const after = await ctx.storage.db.selectFrom('indicators').select('score').where('id', '=', row.id).executeTakeFirstOrThrow();
  return { id, indicatorId: row.id, kind: row.kind, canonical: row.canonical, type: body.type, orgId: principal.orgId, observedAt, score: after.score, marking };
}
