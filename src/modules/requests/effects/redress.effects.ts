import { refreshIndicators } from '../../indicators/indicators.refresh.js';
import { HOLDING_STATES } from '../kinds/payment-intervention.js';
import { applyMove, type MoveEnv } from '../requests.move.js';
import type { KindEffect } from './effect.js';
import { legsOf, releaseLeg, stillHeld } from './payment-legs.js';

interface IndicatorKey {
  kind: string;
  canonical: string;
}

/**
 * An upheld dispute puts the listing right at once: the indicator becomes `allowed` (the check
 * index hears of it in the same write, so the check API answers `known: false` straight away),
 * and every freeze of the same account is released and marked wrongful.
 */
export const redressEffects: KindEffect = async (env, move) => {
  const { row } = move;
  if (row.state !== 'upheld') return;
  const [indicator] = JSON.parse(row.indicators) as IndicatorKey[];
  if (!indicator) return;
  const found = await env.trx.selectFrom('indicators').select(['id', 'status']).where('kind', '=', indicator.kind).where('canonical', '=', indicator.canonical).executeTakeFirst();
  if (found && found.status !== 'allowed') {
    await env.trx.updateTable('indicators').set({ status: 'allowed' }).where('id', '=', found.id).execute();
    env.emit({ entity: 'indicator-status', entityId: found.id, op: 'update', orgId: env.actor.orgId, data: { id: found.id, from: found.status, to: 'allowed', reason: `dispute ${row.id} upheld`, by: env.actor.actorId } });
    await refreshIndicators(env.trx, env.emit, [found.id], env.now);
    move.outcome.indicatorStatus = 'allowed';
  }
  move.outcome.releasedFreezes = await releaseWrongfulFreezes(env, indicator, row.id);
};

async function releaseWrongfulFreezes(env: MoveEnv, account: IndicatorKey, disputeId: string): Promise<string[]> {
  const legs = await env.trx
    .selectFrom('payment_legs as l')
    .innerJoin('requests as r', 'r.id', 'l.request_id')
    .select(['r.id as request_id'])
    .where('l.account_kind', '=', account.kind)
    .where('l.account', '=', account.canonical)
    .where('r.state', 'in', [...HOLDING_STATES])
    .execute();
  const released: string[] = [];
  for (const requestId of new Set(legs.map((l) => l.request_id))) {
    const request = await env.trx.selectFrom('requests').selectAll().where('id', '=', requestId).executeTakeFirstOrThrow();
    const all = await legsOf(env, requestId);
    for (const leg of all.filter((l) => l.account_kind === account.kind && l.account === account.canonical)) await releaseLeg(env, request, leg, 'wrongful');
    // When nothing else is held under the freeze, the freeze itself ends, marked wrongful.
    if (all.every((l) => stillHeld(l) === 0)) {
      const system = { ...env, actor: { party: 'system' as const, orgId: env.actor.orgId, actorId: env.actor.actorId } };
      await applyMove(system, request, { to: 'released', wrongful: true, reason: `found wrongful: dispute ${disputeId} upheld` });
    }
    released.push(requestId);
  }
  return released;
}
