import type { PaymentLegTable, RequestTable } from '../../../db/schema.js';
import { ProblemError } from '../../../errors/problems.js';
import { type LedgerBucket, moveMoney } from '../../ledger/ledger.js';
import { ledgerParty } from '../requests.create.js';
import type { MoveEnv } from '../requests.move.js';

/** The leg column that holds each bucket's current amount. */
const COLUMN = {
  held: 'held_minor',
  frozen: 'frozen_minor',
  seized: 'seized_minor',
  returned: 'returned_minor',
  released: 'released_minor',
  wrongful: 'wrongful_minor',
} as const satisfies Partial<Record<LedgerBucket, keyof PaymentLegTable>>;
type LegBucket = keyof typeof COLUMN;

export async function legsOf(env: MoveEnv, requestId: string): Promise<PaymentLegTable[]> {
  return env.trx.selectFrom('payment_legs').selectAll().where('request_id', '=', requestId).orderBy('created_at').orderBy('id').execute();
}

export async function legOf(env: MoveEnv, requestId: string, legId: string): Promise<PaymentLegTable> {
  const leg = await env.trx.selectFrom('payment_legs').selectAll().where('id', '=', legId).where('request_id', '=', requestId).executeTakeFirst();
  if (!leg) throw new ProblemError('validation-failed', `leg ${legId} is not a leg of request ${requestId}`);
  return leg;
}

/**
 * Moves money of one leg between buckets: the ledger gets the movement, the leg its new
 * amounts. `leg` is updated in place so several shifts in one move add up.
 */
export async function shift(env: MoveEnv, request: RequestTable, leg: PaymentLegTable, from: LegBucket | null, to: LegBucket, amount: number, status?: string): Promise<void> {
  if (amount <= 0 && !status) return;
  if (amount > 0) {
    await moveMoney(env.trx, ledgerParty(request, leg.id, leg.currency), from, to, amount, env.nowIso);
    if (from) leg[COLUMN[from]] = Number(leg[COLUMN[from]]) - amount;
    leg[COLUMN[to]] = Number(leg[COLUMN[to]]) + amount;
  }
  if (status) leg.status = status;
  await env.trx
    .updateTable('payment_legs')
    .set({
      held_minor: leg.held_minor,
      frozen_minor: leg.frozen_minor,
      seized_minor: leg.seized_minor,
      returned_minor: leg.returned_minor,
      released_minor: leg.released_minor,
      wrongful_minor: leg.wrongful_minor,
      moved_minor: leg.moved_minor,
      status: leg.status,
      responded_at: leg.responded_at,
    })
    .where('id', '=', leg.id)
    .execute();
}

/** Everything still on hold, frozen or seized in a leg goes to `to` (released, or found wrongful). */
export async function releaseLeg(env: MoveEnv, request: RequestTable, leg: PaymentLegTable, to: 'released' | 'wrongful'): Promise<number> {
  const total = Number(leg.held_minor) + Number(leg.frozen_minor) + Number(leg.seized_minor);
  const status = to === 'wrongful' ? 'wrongful' : 'released';
  await shift(env, request, leg, 'held', to, Number(leg.held_minor));
  await shift(env, request, leg, 'frozen', to, Number(leg.frozen_minor));
  await shift(env, request, leg, 'seized', to, Number(leg.seized_minor), total > 0 ? status : undefined);
  return total;
}

export function stillHeld(leg: PaymentLegTable): number {
  return Number(leg.held_minor) + Number(leg.frozen_minor) + Number(leg.seized_minor);
}
